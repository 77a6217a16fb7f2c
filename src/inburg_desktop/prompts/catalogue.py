"""The brede-intake prompt catalogue: frozen data loaded and validated from ``resources/prompts``.

The catalogue is data, not code (issue 3, item 1). ``catalogue.toml`` holds the catalogue id,
its version (``YEAR.N`` or ``YEAR.N.M``, e.g. ``2026.1``), the source language, the ordered
topic list and the shared option sets; each topic lives in ``topics/<topic_id>.toml`` with
its opening question, 3-6 follow-up prompts, hints for the consultant and structured
fields. ``load_catalogue`` validates everything before it returns: a broken catalogue raises
``CatalogueError`` naming the file and the topic, prompt or field id, and nothing is ever
half-loaded.

Ids. Files use short local ids (``[a-z][a-z0-9_]*``); the loader qualifies them: a prompt is
``<topic>.<prompt>``, a field ``<topic>.<field>``, a group's sub-field
``<topic>.<field>.<sub>``. All qualified ids share one namespace over the whole catalogue,
so a duplicate anywhere is an error. Every topic gets a free ``notes`` field (longtext)
from the loader; a topic file must not declare one itself.

Texts are Dutch plain strings, translated later through gettext; the only placeholders
allowed are named ones (``{name}``). ``Catalogue.all_prompt_texts`` yields every text with
a stable message context for extraction.
"""

from __future__ import annotations

import enum
import re
import string
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from inburg_desktop.prompts.resources import resources_dir

CATALOGUE_FILE = "catalogue.toml"
TOPICS_DIR = "topics"
NOTES_FIELD_ID = "notes"
OPENING_PROMPT_ID = "opening"
MIN_FOLLOW_UPS = 3
MAX_FOLLOW_UPS = 6

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_OPTION_VALUE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]*$")
_VERSION_RE = re.compile(r"^(\d{4})\.(\d+)(?:\.(\d+))?$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class CatalogueError(Exception):
    """A catalogue that cannot be used; the message names the file and the offending id."""

    def __init__(self, file: Path, item: str | None, problem: str) -> None:
        self.file = file
        self.item = item
        self.problem = problem
        where = f"{file}: {item}" if item else str(file)
        super().__init__(f"{where}: {problem}")


class FieldType(enum.StrEnum):
    """The closed set of structured answer types."""

    TEXT = "text"
    LONGTEXT = "longtext"
    INTEGER = "integer"
    DATE = "date"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    GROUP = "group"  # repeatable rows of sub-fields


_CHOICE_TYPES = frozenset({FieldType.CHOICE, FieldType.MULTICHOICE})


def parse_version(version: str) -> tuple[int, ...]:
    """``"2026.1"`` -> ``(2026, 1)``; raises ``ValueError`` for anything else."""
    match = _VERSION_RE.fullmatch(version)
    if match is None:
        raise ValueError(f"bad catalogue version {version!r}: expected YEAR.N, e.g. 2026.1")
    return tuple(int(part) for part in match.groups() if part is not None)


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class OptionSet:
    id: str
    label: str
    options: tuple[Option, ...]

    def values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)


@dataclass(frozen=True)
class Condition:
    """A field is required when the answer to ``field_id`` (same topic) is one of ``values``."""

    field_id: str
    values: tuple[str, ...]

    def holds(self, answers: Mapping[str, object]) -> bool:
        answer = answers.get(self.field_id)
        if isinstance(answer, str):
            return answer in self.values
        if isinstance(answer, Sequence | frozenset | set):
            return any(item in self.values for item in answer)
        return False


@dataclass(frozen=True)
class Prompt:
    """A question the consultant (or the interpreter's screen) asks."""

    id: str  # qualified: <topic>.<local id>
    topic_id: str
    local_id: str
    text: str
    is_opening: bool = False


@dataclass(frozen=True)
class Field:
    """One structured answer; ``prompt_id`` is the qualified id of the prompt it answers."""

    id: str  # local to the topic (sub-fields: local to their group)
    key: str  # qualified: <topic>.<field>[.<sub>]
    topic_id: str
    label: str
    type: FieldType
    prompt_id: str
    required: bool = False
    required_when: Condition | None = None
    help: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    option_set: str | None = None  # id of the shared set the options come from
    options: tuple[Option, ...] = ()
    fields: tuple[Field, ...] = ()  # sub-fields of a group

    def option_values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)

    def sub_field(self, field_id: str) -> Field:
        for sub in self.fields:
            if sub.id == field_id:
                return sub
        raise KeyError(f"{self.key}.{field_id}")


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    legal_basis: str
    minimum: bool  # part of the brede intake's minimum content (law or seed list)
    opening: Prompt
    follow_ups: tuple[Prompt, ...]
    hints: tuple[str, ...]
    fields: tuple[Field, ...]

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        return (self.opening, *self.follow_ups)

    def field(self, field_id: str) -> Field:
        for candidate in self.fields:
            if candidate.id == field_id:
                return candidate
        raise KeyError(f"{self.id}.{field_id}")

    def prompt(self, prompt_id: str) -> Prompt:
        """Look a prompt up by its local or qualified id."""
        for candidate in self.prompts:
            if prompt_id in (candidate.local_id, candidate.id):
                return candidate
        raise KeyError(prompt_id)

    def required_field_ids(self, answers: Mapping[str, object] | None = None) -> tuple[str, ...]:
        """Fields the law's minimum needs, including those whose condition the answers meet."""
        given = answers or {}
        return tuple(
            f.id
            for f in self.fields
            if f.required or (f.required_when is not None and f.required_when.holds(given))
        )


@dataclass(frozen=True)
class Catalogue:
    id: str
    version: str
    source_language: str
    title: str
    notes_label: str
    topics: tuple[Topic, ...]
    option_sets: tuple[OptionSet, ...]
    _topics: Mapping[str, Topic] = dataclass_field(init=False, repr=False, compare=False)
    _prompts: Mapping[str, Prompt] = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_topics", {t.id: t for t in self.topics})
        object.__setattr__(self, "_prompts", {p.id: p for t in self.topics for p in t.prompts})

    @property
    def version_tuple(self) -> tuple[int, ...]:
        return parse_version(self.version)

    @property
    def topic_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.topics)

    def topic(self, topic_id: str) -> Topic:
        return self._topics[topic_id]

    def field(self, topic_id: str, field_id: str) -> Field:
        return self._topics[topic_id].field(field_id)

    def prompt(self, prompt_id: str) -> Prompt:
        """Look a prompt up by its qualified id (``<topic>.<prompt>``)."""
        return self._prompts[prompt_id]

    def option_set(self, set_id: str) -> OptionSet:
        for option_set in self.option_sets:
            if option_set.id == set_id:
                return option_set
        raise KeyError(set_id)

    def all_prompt_texts(self) -> Iterator[tuple[str, str]]:
        """Yield ``(msgctxt, text)`` for every translatable text, each context once."""
        yield "catalogue.title", self.title
        yield f"field.{NOTES_FIELD_ID}.label", self.notes_label
        for option_set in self.option_sets:
            yield f"optionset.{option_set.id}.label", option_set.label
            for option in option_set.options:
                yield f"option.{option_set.id}.{option.value}", option.label
        for topic in self.topics:
            yield f"topic.{topic.id}.title", topic.title
            for number, hint in enumerate(topic.hints, start=1):
                yield f"topic.{topic.id}.hint.{number}", hint
            for prompt in topic.prompts:
                yield f"prompt.{prompt.id}", prompt.text
            for topic_field in topic.fields:
                if topic_field.id != NOTES_FIELD_ID:
                    yield from _field_texts(topic_field)


def _field_texts(item: Field) -> Iterator[tuple[str, str]]:
    yield f"field.{item.key}.label", item.label
    if item.help:
        yield f"field.{item.key}.help", item.help
    if item.option_set is None:
        for option in item.options:
            yield f"field.{item.key}.option.{option.value}", option.label
    for sub in item.fields:
        yield from _field_texts(sub)


def load_catalogue(root: Path | None = None) -> Catalogue:
    """Load and validate the catalogue under ``root`` (default ``resources/prompts``)."""
    base = root if root is not None else resources_dir() / "prompts"
    return _Loader(base).load()


# --- loading and validation -------------------------------------------------------------


class _Table:
    """One TOML table being read: tracks the keys used so unknown keys are rejected."""

    def __init__(self, data: Mapping[str, Any], file: Path, item: str | None) -> None:
        self.data = data
        self.file = file
        self.item = item
        self._used: set[str] = set()

    def fail(self, problem: str) -> CatalogueError:
        return CatalogueError(self.file, self.item, problem)

    def raw(self, key: str) -> Any:
        self._used.add(key)
        return self.data.get(key)

    def text(self, key: str) -> str:
        value = self.optional_text(key)
        if value is None:
            raise self.fail(f"missing required text {key!r}")
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.raw(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key!r} must be a non-empty string")
        _check_placeholders(value, self, key)
        return value

    def ident(self, key: str = "id") -> str:
        value = self.raw(key)
        if value is None:
            raise self.fail(f"missing {key}")
        if not isinstance(value, str) or not _ID_RE.fullmatch(value):
            raise self.fail(f"bad {key} {value!r}: use lower-case letters, digits and _")
        return value

    def flag(self, key: str) -> bool:
        value = self.raw(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.fail(f"{key!r} must be true or false")
        return value

    def integer(self, key: str) -> int | None:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{key!r} must be an integer")
        return value

    def tables(self, key: str) -> list[Mapping[str, Any]]:
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"{key!r} must be an array of tables")
        return value

    def finish(self) -> None:
        unknown = sorted(set(self.data) - self._used)
        if unknown:
            raise self.fail(f"unknown key(s): {', '.join(unknown)}")


def _check_placeholders(text: str, table: _Table, key: str) -> None:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise table.fail(f"{key!r}: bad braces in text ({exc})") from None
    for _literal, name, _spec, _conversion in parsed:
        if name is not None and not name.isidentifier():
            raise table.fail(f"{key!r}: only named placeholders like {{name}} are allowed")


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.seen: dict[str, Path] = {}  # qualified id -> file that defined it first
        self.option_sets: dict[str, OptionSet] = {}

    def claim(self, qualified: str, table: _Table) -> None:
        first = self.seen.get(qualified)
        if first is not None:
            raise table.fail(f"duplicate id {qualified!r} (first defined in {first})")
        self.seen[qualified] = table.file

    def read(self, path: Path) -> Mapping[str, Any]:
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CatalogueError(path, None, "file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CatalogueError(path, None, f"cannot read file ({exc})") from None
        except tomllib.TOMLDecodeError as exc:
            raise CatalogueError(path, None, f"TOML syntax error: {exc}") from None

    def load(self) -> Catalogue:
        path = self.root / CATALOGUE_FILE
        top = _Table(self.read(path), path, "catalogue")
        catalogue_id = top.raw("id")
        if not isinstance(catalogue_id, str) or not catalogue_id.strip():
            raise top.fail("missing id")
        top.item = f"catalogue {catalogue_id!r}"
        version = top.raw("version")
        if not isinstance(version, str):
            raise top.fail(f"bad version string {version!r}: expected YEAR.N, e.g. '2026.1'")
        try:
            parse_version(version)
        except ValueError:
            raise top.fail(
                f"bad version string {version!r}: expected YEAR.N, e.g. '2026.1'"
            ) from None
        language = top.text("source_language")
        if not _LANGUAGE_RE.fullmatch(language):
            raise top.fail(f"bad source_language {language!r}: expected a BCP 47 tag")
        title = top.text("title")
        notes_label = top.text("notes_label")
        sets = top.raw("option_sets") or {}
        if not isinstance(sets, dict):
            raise top.fail("'option_sets' must be a table")
        for set_id, set_data in sets.items():
            self.option_sets[set_id] = self.option_set(set_id, set_data, path)
        topic_ids = top.raw("topics")
        if not isinstance(topic_ids, list) or not topic_ids:
            raise top.fail("'topics' must be a non-empty list of topic ids")
        top.finish()

        topics_dir = self.root / TOPICS_DIR
        topics: list[Topic] = []
        for topic_id in topic_ids:
            if not isinstance(topic_id, str) or not _ID_RE.fullmatch(topic_id):
                raise top.fail(f"bad topic id {topic_id!r} in 'topics'")
            topics.append(self.topic(topic_id, topics_dir / f"{topic_id}.toml", notes_label))
        listed = {f"{topic_id}.toml" for topic_id in topic_ids}
        if topics_dir.is_dir():
            for extra in sorted(topics_dir.glob("*.toml")):
                if extra.name not in listed:
                    raise CatalogueError(
                        extra, f"topic {extra.stem!r}", "not listed in catalogue.toml 'topics'"
                    )
        return Catalogue(
            id=catalogue_id,
            version=version,
            source_language=language,
            title=title,
            notes_label=notes_label,
            topics=tuple(topics),
            option_sets=tuple(self.option_sets.values()),
        )

    def option_set(self, set_id: str, data: object, file: Path) -> OptionSet:
        table = _Table(data if isinstance(data, dict) else {}, file, f"option set {set_id!r}")
        if not isinstance(data, dict):
            raise table.fail("must be a table")
        if not _ID_RE.fullmatch(set_id):
            raise table.fail("bad option set id: use lower-case letters, digits and _")
        label = table.text("label")
        options = self.options(table, table.tables("options"), f"option set {set_id!r}")
        table.finish()
        return OptionSet(set_id, label, options)

    def options(
        self, owner: _Table, rows: list[Mapping[str, Any]], owner_name: str
    ) -> tuple[Option, ...]:
        if not rows:
            raise owner.fail("needs at least one option")
        result: list[Option] = []
        for number, row in enumerate(rows, start=1):
            table = _Table(row, owner.file, f"option #{number} of {owner_name}")
            value = table.raw("value")
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not _OPTION_VALUE_RE.fullmatch(value):
                raise table.fail(f"missing or bad option value {value!r}")
            table.item = f"option {value!r} of {owner_name}"
            if value in (o.value for o in result):
                raise table.fail(f"duplicate id: option value {value!r}")
            result.append(Option(value, table.text("label")))
            table.finish()
        return tuple(result)

    def topic(self, topic_id: str, path: Path, notes_label: str) -> Topic:
        table = _Table(self.read(path), path, f"topic {topic_id!r}")
        file_id = table.ident()
        if file_id != topic_id:
            raise table.fail(f"id {file_id!r} does not match the file name")
        self.claim(topic_id, table)
        title = table.text("title")
        legal_basis = table.text("legal_basis")
        minimum = table.flag("minimum")
        hints_raw = table.raw("hints")
        if not isinstance(hints_raw, list) or not hints_raw:
            raise table.fail("missing required text 'hints' (a non-empty list)")
        hints: list[str] = []
        for number, hint in enumerate(hints_raw, start=1):
            if not isinstance(hint, str) or not hint.strip():
                raise table.fail(f"hint #{number} must be a non-empty string")
            _check_placeholders(hint, table, f"hints[{number}]")
            hints.append(hint)

        opening_data = table.raw("opening")
        if not isinstance(opening_data, dict):
            raise table.fail("missing [opening] prompt")
        opening = self.prompt(topic_id, opening_data, path, "opening prompt", is_opening=True)
        if opening.local_id != OPENING_PROMPT_ID:
            raise table.fail(f"the opening prompt's id must be {OPENING_PROMPT_ID!r}")
        follow_ups = tuple(
            self.prompt(topic_id, row, path, f"follow-up #{number}")
            for number, row in enumerate(table.tables("follow_ups"), start=1)
        )
        if not MIN_FOLLOW_UPS <= len(follow_ups) <= MAX_FOLLOW_UPS:
            raise table.fail(
                f"needs {MIN_FOLLOW_UPS}-{MAX_FOLLOW_UPS} follow-up prompts, has {len(follow_ups)}"
            )
        prompt_ids = {p.local_id: p.id for p in (opening, *follow_ups)}

        fields = [
            self.field(topic_id, row, path, prompt_ids, f"field #{number}", parent=None)
            for number, row in enumerate(table.tables("fields"), start=1)
        ]
        notes_key = f"{topic_id}.{NOTES_FIELD_ID}"
        self.claim(notes_key, table)
        fields.append(
            Field(
                id=NOTES_FIELD_ID,
                key=notes_key,
                topic_id=topic_id,
                label=notes_label,
                type=FieldType.LONGTEXT,
                prompt_id=opening.id,
            )
        )
        table.finish()
        self.check_conditions(topic_id, fields, path)
        return Topic(
            id=topic_id,
            title=title,
            legal_basis=legal_basis,
            minimum=minimum,
            opening=opening,
            follow_ups=follow_ups,
            hints=tuple(hints),
            fields=tuple(fields),
        )

    def prompt(
        self,
        topic_id: str,
        data: Mapping[str, Any],
        path: Path,
        where: str,
        *,
        is_opening: bool = False,
    ) -> Prompt:
        table = _Table(data, path, f"{where} in topic {topic_id!r}")
        local_id = table.ident()
        qualified = f"{topic_id}.{local_id}"
        table.item = f"prompt {qualified!r}"
        self.claim(qualified, table)
        prompt = Prompt(qualified, topic_id, local_id, table.text("text"), is_opening)
        table.finish()
        return prompt

    def field(
        self,
        topic_id: str,
        data: Mapping[str, Any],
        path: Path,
        prompt_ids: Mapping[str, str],
        where: str,
        parent: Field | None,
    ) -> Field:
        owner = f"group {parent.key!r}" if parent else f"topic {topic_id!r}"
        table = _Table(data, path, f"{where} in {owner}")
        local_id = table.ident()
        key = f"{parent.key if parent else topic_id}.{local_id}"
        table.item = f"field {key!r}"
        if parent is None and local_id == NOTES_FIELD_ID:
            raise table.fail(f"duplicate id {key!r}: every topic gets a {NOTES_FIELD_ID!r} field")
        self.claim(key, table)

        type_name = table.raw("type")
        try:
            field_type = FieldType(type_name)
        except ValueError:
            allowed = ", ".join(t.value for t in FieldType)
            raise table.fail(f"unknown field type {type_name!r} (allowed: {allowed})") from None
        if parent is not None and field_type is FieldType.GROUP:
            raise table.fail("a group cannot hold another group")

        label = table.text("label")
        help_text = table.optional_text("help")
        required = table.flag("required")

        if parent is not None:
            prompt_id = parent.prompt_id
        else:
            prompt_ref = table.raw("prompt")
            if prompt_ref is None:
                prompt_ref = OPENING_PROMPT_ID
            if not isinstance(prompt_ref, str) or prompt_ref not in prompt_ids:
                raise table.fail(f"unknown prompt {prompt_ref!r}")
            prompt_id = prompt_ids[prompt_ref]

        minimum = table.integer("min")
        maximum = table.integer("max")
        if field_type is not FieldType.INTEGER and (minimum is not None or maximum is not None):
            raise table.fail("'min' and 'max' apply to integer fields only")
        if minimum is not None and maximum is not None and minimum > maximum:
            raise table.fail(f"'min' {minimum} is greater than 'max' {maximum}")

        option_set: str | None = None
        options: tuple[Option, ...] = ()
        options_raw = table.raw("options")
        if field_type in _CHOICE_TYPES:
            if isinstance(options_raw, str):
                known = self.option_sets.get(options_raw)
                if known is None:
                    raise table.fail(f"unknown option set {options_raw!r}")
                option_set, options = known.id, known.options
            elif isinstance(options_raw, list) and all(isinstance(o, dict) for o in options_raw):
                options = self.options(table, options_raw, f"field {key!r}")
            else:
                raise table.fail("'options' must name an option set or list inline options")
        elif options_raw is not None:
            raise table.fail("'options' apply to choice and multichoice fields only")

        condition = self.condition(table, required)
        if condition is not None and parent is not None:
            raise table.fail("'required_when' is not supported inside a group")

        made = Field(
            id=local_id,
            key=key,
            topic_id=topic_id,
            label=label,
            type=field_type,
            prompt_id=prompt_id,
            required=required,
            required_when=condition,
            help=help_text,
            minimum=minimum,
            maximum=maximum,
            option_set=option_set,
            options=options,
        )
        sub_rows = table.tables("fields")
        if field_type is FieldType.GROUP:
            if not sub_rows:
                raise table.fail("a group needs at least one sub-field")
            subs = tuple(
                self.field(topic_id, row, path, prompt_ids, f"sub-field #{n}", parent=made)
                for n, row in enumerate(sub_rows, start=1)
            )
            made = replace(made, fields=subs)
        elif sub_rows:
            raise table.fail("only group fields have sub-fields")
        table.finish()
        return made

    def condition(self, table: _Table, required: bool) -> Condition | None:
        data = table.raw("required_when")
        if data is None:
            return None
        if required:
            raise table.fail("use either 'required' or 'required_when', not both")
        if not isinstance(data, dict):
            raise table.fail("'required_when' must be a table {field = ..., values = [...]}")
        inner = _Table(data, table.file, f"{table.item} required_when")
        field_id = inner.ident("field")
        values = inner.raw("values")
        if (
            not isinstance(values, list)
            or not all(isinstance(v, str) for v in values)
            or not values
        ):
            raise inner.fail("'values' must be a non-empty list of option values")
        inner.finish()
        return Condition(field_id, tuple(values))

    def check_conditions(self, topic_id: str, fields: Sequence[Field], path: Path) -> None:
        by_id = {f.id: f for f in fields}
        for item in fields:
            if item.required_when is None:
                continue
            where = f"field {item.key!r}"
            target = by_id.get(item.required_when.field_id)
            if target is None or target.type not in _CHOICE_TYPES:
                raise CatalogueError(
                    path,
                    where,
                    f"required_when names {item.required_when.field_id!r}, "
                    "which is no choice field of this topic",
                )
            unknown = set(item.required_when.values) - set(target.option_values())
            if unknown:
                raise CatalogueError(
                    path, where, f"required_when values not among the options: {sorted(unknown)}"
                )
