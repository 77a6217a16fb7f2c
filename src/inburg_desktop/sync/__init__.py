"""The laptop's sync client: outbox, transport, engine, quarantine.

* ``outbox``: the vault's outbox as ops the office accepts (checked against the protocol
  and the office's field rules; what it would refuse is set aside);
* ``transport``: the signed HTTP client (retries with ``backoff``);
* ``engine``: one sync round (push, pull pages, attachments), each page in one vault
  transaction; ``apply`` lands a pulled case, ``quarantine`` keeps what cannot land.

May import: ``storage``, ``protocol``, ``i18n``, ``domain``; never ``server`` (the two
share only ``protocol``), ``services``, ``ui`` or ``commands``.
"""
