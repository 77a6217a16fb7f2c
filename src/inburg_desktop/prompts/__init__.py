"""The brede-intake prompt catalogue: versioned data in ``resources/prompts``, validated."""

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
