"""What the office server and the laptop's sync client share, and nothing else.

* :mod:`~inburg_desktop.protocol.messages`: the request and response models and their
  limits (strict pydantic models; docs/sync-protocol.md);
* :mod:`~inburg_desktop.protocol.canonical`: the one spelling of a value for hashing,
  comparing and measuring;
* :mod:`~inburg_desktop.protocol.device_keys`: Ed25519 device keys and request signing;
* :mod:`~inburg_desktop.protocol.field_rules`: the identity-field rules the office
  enforces, which the laptop applies before it sends, so it never sends an op the office
  refuses;
* :mod:`~inburg_desktop.protocol.handover_fields`: a handover file as the patch of field
  keys that creates its case, the same on a laptop and at the office.

May import: ``domain`` and third-party packages only (checked by import-linter,
``pyproject.toml``). ``server`` and ``sync`` import this package and never each other.
"""
