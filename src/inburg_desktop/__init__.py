"""inburg-desktop: the consultant's tool for the brede intake and the PIP.

The packages, from the edges inward (DESIGN.md "Layout"; import-linter checks the order,
``pyproject.toml`` [tool.importlinter]): ``cli``, ``ui``, ``commands`` and the office
``server``; ``demo``; ``pdf``; ``services`` and the sync client ``sync``;
``locale_names``; ``storage`` and ``prompts``; ``protocol``, ``i18n``, ``logging_setup``
and ``alembic_runner``; ``domain``. A package imports only those after it.
"""

__version__ = "0.1.0"
