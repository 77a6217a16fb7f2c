"""The brede-intake prompt catalogue: versioned data in ``resources/prompts``, validated.

Also its translations (gettext, ``translations/prompts``) and the tools that keep the
catalogues in step with their sources (``i18n_tools``, ``templates``, ``catalog_check``).

May import: ``i18n``, ``domain`` (annex texts), Babel; never ``storage`` or higher.
"""

from inburg_desktop.prompts.catalogue import (
    Catalogue,
    CatalogueError,
    Condition,
    Field,
    FieldType,
    Option,
    OptionSet,
    Prompt,
    Topic,
    load_catalogue,
    parse_version,
)
from inburg_desktop.prompts.resources import resources_dir

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Condition",
    "Field",
    "FieldType",
    "Option",
    "OptionSet",
    "Prompt",
    "Topic",
    "load_catalogue",
    "parse_version",
    "resources_dir",
]
