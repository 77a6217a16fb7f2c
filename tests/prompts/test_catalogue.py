"""The shipped prompt catalogue is complete and valid; broken catalogues are refused.

Issue 3, item 1: the catalogue is versioned data validated at start; a broken catalogue gives
an error naming the file and the id, and the app never runs half-loaded.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inburg_desktop.prompts import (
    Catalogue,
    CatalogueError,
    FieldType,
    load_catalogue,
    parse_version,
    resources_dir,
)
from inburg_desktop.prompts.catalogue import MAX_FOLLOW_UPS, MIN_FOLLOW_UPS, NOTES_FIELD_ID

# DOMAIN.md "The route of a case" item 4 (the seed's list) plus the law's minimum
# (Wet art. 14 lid 3, Besluit art. 5.2 lid 1: labour participation) and what comes around it.
SEED_TOPICS = {
    "leerbaarheid",
    "opleiding",
    "werkervaring",
    "competenties",
    "werknemersvaardigheden",
    "taalniveau",
    "motivatie",
    "zelfredzaamheid",
    "digitale_vaardigheden",
    "gezinssituatie",
    "fysieke_gezondheid",
    "mentale_gezondheid",
    "sociaal_netwerk",
}
AROUND_TOPICS = {"financien", "arbeidsparticipatie", "wensen_route"}


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load_catalogue()


# --- the shipped catalogue ------------------------------------------------------------


def test_resources_dir_holds_the_catalogue() -> None:
    assert (resources_dir() / "prompts" / "catalogue.toml").is_file()


def test_shipped_catalogue_loads_with_a_version(shipped: Catalogue) -> None:
    assert shipped.source_language == "nl"
    assert parse_version(shipped.version) == shipped.version_tuple
    assert shipped.version_tuple >= (2026, 1)


def test_minimum_topics_present(shipped: Catalogue) -> None:
    ids = set(shipped.topic_ids)
    assert ids >= SEED_TOPICS | AROUND_TOPICS
    for topic_id in SEED_TOPICS | {"arbeidsparticipatie"}:
        assert shipped.topic(topic_id).minimum, topic_id


def test_every_topic_has_3_to_6_follow_ups(shipped: Catalogue) -> None:
    for topic in shipped.topics:
        assert MIN_FOLLOW_UPS <= len(topic.follow_ups) <= MAX_FOLLOW_UPS, topic.id
        assert topic.opening.is_opening
        assert topic.hints and topic.legal_basis and topic.title


def test_ids_unique_across_the_catalogue(shipped: Catalogue) -> None:
    ids: list[str] = list(shipped.topic_ids)
    for topic in shipped.topics:
        ids += [p.id for p in topic.prompts]
        ids += [f.key for f in topic.fields]
        ids += [sub.key for f in topic.fields for sub in f.fields]
    assert len(ids) == len(set(ids))
    contexts = [ctx for ctx, _ in shipped.all_prompt_texts()]
    assert len(contexts) == len(set(contexts))


def test_fields_answer_a_prompt_of_their_own_topic(shipped: Catalogue) -> None:
    for topic in shipped.topics:
        prompt_ids = {p.id for p in topic.prompts}
        for item in topic.fields:
            assert item.prompt_id in prompt_ids, item.key
            assert shipped.prompt(item.prompt_id).topic_id == topic.id


def test_every_topic_has_a_free_notes_field(shipped: Catalogue) -> None:
    for topic in shipped.topics:
        notes = topic.field(NOTES_FIELD_ID)
        assert notes.type is FieldType.LONGTEXT
        assert not notes.required


def test_leerbaarheidstoets_fields(shipped: Catalogue) -> None:
    # INSTRUMENTS.md: score 0-40, outcome, date taken, "not taken" with the reason
    # (Wet art. 14 lid 6).
    score = shipped.field("leerbaarheid", "toets_score")
    assert (score.type, score.minimum, score.maximum) == (FieldType.INTEGER, 0, 40)
    outcome = shipped.field("leerbaarheid", "toets_uitkomst")
    assert outcome.required
    assert outcome.option_values() == ("haalbaar", "niet_haalbaar", "niet_afgenomen")
    assert shipped.field("leerbaarheid", "toets_datum").type is FieldType.DATE
    reason = shipped.field("leerbaarheid", "toets_reden_niet_afgenomen")
    assert set(reason.option_values()) == {"visuele_beperking", "auditieve_beperking", "anders"}
    topic = shipped.topic("leerbaarheid")
    assert "toets_reden_niet_afgenomen" in topic.required_field_ids(
        {"toets_uitkomst": "niet_afgenomen"}
    )
    assert "toets_score" in topic.required_field_ids({"toets_uitkomst": "haalbaar"})
    assert "toets_score" not in topic.required_field_ids({"toets_uitkomst": "niet_afgenomen"})
    for field_id in ("geletterdheid", "eigen_schrift", "latijns_schrift", "alfa_niveau"):
        assert shipped.field("leerbaarheid", field_id).type is FieldType.CHOICE
    assert shipped.field("leerbaarheid", "alfa_niveau").option_values()[:3] == (
        "alfa_a",
        "alfa_b",
        "alfa_c",
    )


def test_instrument_scales(shipped: Catalogue) -> None:
    erk = ("A0", "A1", "A2", "B1", "B2", "onbekend")
    for skill in ("lezen", "luisteren", "spreken", "schrijven"):
        item = shipped.field("taalniveau", f"erk_{skill}")
        assert item.required and item.option_values() == erk
    zrm = shipped.option_set("zrm")
    assert zrm.values() == ("1", "2", "3", "4", "5")
    assert zrm.options[0].label == "1 acute problematiek"
    ladder = shipped.field("arbeidsparticipatie", "participatieladder")
    assert ladder.required and ladder.option_values() == ("1", "2", "3", "4", "5", "6")
    assert shipped.field("zelfredzaamheid", "zrm_huisvesting").option_set == "zrm"
    wish = shipped.field("wensen_route", "route_wens")
    assert wish.option_values() == ("b1", "onderwijs", "z", "geen_voorkeur")


def test_opleiding_and_household_fields(shipped: Catalogue) -> None:
    years = shipped.field("opleiding", "aantal_jaren")
    assert years.type is FieldType.INTEGER and years.required
    assert shipped.field("opleiding", "diploma_gewaardeerd").option_set == "ja_nee_onbekend"
    children = shipped.field("gezinssituatie", "kinderen_overzicht")
    assert children.type is FieldType.GROUP
    assert children.sub_field("leeftijd").type is FieldType.INTEGER
    assert children.sub_field("leeftijd").key == "gezinssituatie.kinderen_overzicht.leeftijd"
    family = shipped.topic("gezinssituatie")
    with_kids = family.required_field_ids({"huishouden": "alleen_met_kinderen"})
    assert {"vve_nodig", "kinderopvang_nodig"} <= set(with_kids)
    assert "vve_nodig" not in family.required_field_ids({"huishouden": "alleen"})
    for field_id in ("bijstand", "ontzorgen", "heeft_schulden"):
        shipped.field("financien", field_id)


def test_health_and_family_hints(shipped: Catalogue) -> None:
    # Besluit art. 5.2 lid 2: the newcomer may hold the conversation without family.
    for topic_id in ("gezinssituatie", "fysieke_gezondheid", "mentale_gezondheid"):
        hints = " ".join(shipped.topic(topic_id).hints)
        assert "art. 5.2 lid 2" in hints, topic_id
        assert "tolk" in hints, topic_id
    for topic_id in ("fysieke_gezondheid", "mentale_gezondheid"):
        assert "geen diagnose" in " ".join(shipped.topic(topic_id).hints)


def test_prompts_read_well_through_an_interpreter(shipped: Catalogue) -> None:
    # Plain Dutch at about B1: short sentences, one question at a time.
    for topic in shipped.topics:
        for prompt in topic.prompts:
            sentences = [s for s in re.split(r"[.?!:]\s*", prompt.text) if s.strip()]
            assert all(len(s.split()) <= 16 for s in sentences), prompt.id
            assert prompt.text.count("?") == 1, prompt.id  # one question at a time


def test_all_texts_are_plain_strings_for_translation(shipped: Catalogue) -> None:
    texts = dict(shipped.all_prompt_texts())
    assert texts["prompt.leerbaarheid.opening"] == shipped.topic("leerbaarheid").opening.text
    assert texts["option.zrm.1"] == "1 acute problematiek"
    assert "field.digitale_vaardigheden.niveau.option.basis" in texts
    for context, text in texts.items():
        assert isinstance(text, str) and text.strip(), context
        assert "{}" not in text and not re.search(r"\{\d", text), context


# --- broken catalogues ----------------------------------------------------------------

CATALOGUE = """\
id = "test"
version = "2026.1"
source_language = "nl"
title = "Test"
notes_label = "Aantekeningen"
topics = ["proef"]

[option_sets.jn]
label = "Ja of nee"
options = [{ value = "ja", label = "Ja" }, { value = "nee", label = "Nee" }]
"""

TOPIC = """\
id = "proef"
title = "Proef"
legal_basis = "Besluit art. 5.2 lid 1"
hints = ["Een hint."]

[opening]
id = "opening"
text = "Hoe gaat het?"

[[follow_ups]]
id = "een"
text = "Vraag een?"

[[follow_ups]]
id = "twee"
text = "Vraag twee?"

[[follow_ups]]
id = "drie"
text = "Vraag drie?"

[[fields]]
id = "niveau"
label = "Niveau"
type = "choice"
options = "jn"
required = true
prompt = "een"
"""


def write(root: Path, catalogue: str = CATALOGUE, topic: str = TOPIC) -> Path:
    (root / "topics").mkdir(parents=True, exist_ok=True)
    (root / "catalogue.toml").write_text(catalogue, encoding="utf-8")
    (root / "topics" / "proef.toml").write_text(topic, encoding="utf-8")
    return root


def broken(source: str, old: str, new: str) -> str:
    assert old in source
    return source.replace(old, new, 1)


def test_minimal_catalogue_loads(tmp_path: Path) -> None:
    catalogue = load_catalogue(write(tmp_path))
    assert catalogue.topic_ids == ("proef",)
    assert catalogue.field("proef", "niveau").prompt_id == "proef.een"
    assert catalogue.topic("proef").required_field_ids() == ("niveau",)


TOPIC_BREAKS = [
    pytest.param(
        'id = "een"\n', "", "follow-up #1 in topic 'proef'", "missing id", id="missing-prompt-id"
    ),
    pytest.param(
        'id = "niveau"\n', "", "field #1 in topic 'proef'", "missing id", id="missing-field-id"
    ),
    pytest.param(
        'id = "twee"', 'id = "een"', "'proef.een'", "duplicate id", id="duplicate-prompt-id"
    ),
    pytest.param(
        'id = "niveau"',
        'id = "drie"',
        "'proef.drie'",
        "duplicate id",
        id="prompt-and-field-share-id",
    ),
    pytest.param(
        'id = "niveau"', 'id = "notes"', "'proef.notes'", "duplicate id", id="own-notes-field"
    ),
    pytest.param(
        'type = "choice"',
        'type = "slider"',
        "field 'proef.niveau'",
        "unknown field type 'slider'",
        id="unknown-field-type",
    ),
    pytest.param(
        'options = "jn"',
        'options = "zrm"',
        "field 'proef.niveau'",
        "unknown option set 'zrm'",
        id="unknown-option-set",
    ),
    pytest.param(
        'text = "Vraag twee?"', 'text = ""', "prompt 'proef.twee'", "'text'", id="empty-text"
    ),
    pytest.param(
        'label = "Niveau"\n',
        "",
        "field 'proef.niveau'",
        "missing required text 'label'",
        id="missing-label",
    ),
    pytest.param(
        'title = "Proef"\n',
        "",
        "topic 'proef'",
        "missing required text 'title'",
        id="missing-title",
    ),
    pytest.param(
        'prompt = "een"',
        'prompt = "vier"',
        "field 'proef.niveau'",
        "unknown prompt 'vier'",
        id="unknown-prompt",
    ),
    pytest.param(
        "required = true",
        "requried = true",
        "field 'proef.niveau'",
        "unknown key(s): requried",
        id="unknown-key",
    ),
    pytest.param(
        'text = "Vraag een?"',
        'text = "Vraag {0}?"',
        "prompt 'proef.een'",
        "named placeholders",
        id="positional-placeholder",
    ),
    pytest.param(
        '[[follow_ups]]\nid = "drie"\ntext = "Vraag drie?"\n',
        "",
        "topic 'proef'",
        "needs 3-6 follow-up prompts, has 2",
        id="too-few-follow-ups",
    ),
    pytest.param(
        'id = "proef"',
        'id = "ander"',
        "topic 'proef'",
        "does not match the file name",
        id="id-not-file-name",
    ),
    pytest.param(
        "required = true",
        'required_when = { field = "geen", values = ["ja"] }',
        "field 'proef.niveau'",
        "required_when names 'geen'",
        id="bad-condition",
    ),
]


@pytest.mark.parametrize(("old", "new", "names_id", "problem"), TOPIC_BREAKS)
def test_broken_topic_is_refused(
    tmp_path: Path, old: str, new: str, names_id: str, problem: str
) -> None:
    root = write(tmp_path, topic=broken(TOPIC, old, new))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(root)
    message = str(caught.value)
    assert str(root / "topics" / "proef.toml") in message
    assert names_id in message
    assert problem in message


CATALOGUE_BREAKS = [
    pytest.param(
        'version = "2026.1"',
        'version = "2026"',
        "catalogue 'test'",
        "bad version string '2026'",
        id="version-no-minor",
    ),
    pytest.param(
        'version = "2026.1"',
        'version = "v1.0"',
        "catalogue 'test'",
        "bad version string 'v1.0'",
        id="version-letters",
    ),
    pytest.param(
        'version = "2026.1"',
        "version = 2026.1",
        "catalogue 'test'",
        "bad version string 2026.1",
        id="version-float",
    ),
    pytest.param(
        'version = "2026.1"\n',
        "",
        "catalogue 'test'",
        "bad version string None",
        id="version-missing",
    ),
    pytest.param(
        'title = "Test"\n',
        "",
        "catalogue 'test'",
        "missing required text 'title'",
        id="missing-title",
    ),
    pytest.param(
        '{ value = "nee", label = "Nee" }',
        '{ value = "ja", label = "Nee" }',
        "option set 'jn'",
        "duplicate id: option value 'ja'",
        id="duplicate-option",
    ),
    pytest.param(
        '{ value = "nee", label = "Nee" }',
        '{ label = "Nee" }',
        "option #2 of option set 'jn'",
        "missing or bad option value",
        id="missing-option-value",
    ),
]


@pytest.mark.parametrize(("old", "new", "names_id", "problem"), CATALOGUE_BREAKS)
def test_broken_catalogue_file_is_refused(
    tmp_path: Path, old: str, new: str, names_id: str, problem: str
) -> None:
    root = write(tmp_path, catalogue=broken(CATALOGUE, old, new))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(root)
    message = str(caught.value)
    assert str(root / "catalogue.toml") in message
    assert names_id in message
    assert problem in message


def test_missing_catalogue_id_is_refused(tmp_path: Path) -> None:
    root = write(tmp_path, catalogue=broken(CATALOGUE, 'id = "test"\n', ""))
    with pytest.raises(CatalogueError, match=r"catalogue\.toml: catalogue: missing id"):
        load_catalogue(root)


def test_duplicate_topic_in_list_is_refused(tmp_path: Path) -> None:
    root = write(tmp_path, catalogue=broken(CATALOGUE, '["proef"]', '["proef", "proef"]'))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(root)
    assert "proef.toml" in str(caught.value)
    assert "duplicate id 'proef'" in str(caught.value)


def test_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    root = write(tmp_path, topic=broken(TOPIC, 'title = "Proef"', "title = Proef"))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(root)
    message = str(caught.value)
    assert "proef.toml" in message
    assert "TOML syntax error" in message and "line 2" in message


def test_missing_topic_file_is_refused(tmp_path: Path) -> None:
    root = write(tmp_path, catalogue=broken(CATALOGUE, '["proef"]', '["proef", "weg"]'))
    with pytest.raises(CatalogueError, match=r"weg\.toml: file not found"):
        load_catalogue(root)


def test_unlisted_topic_file_is_refused(tmp_path: Path) -> None:
    root = write(tmp_path)
    (root / "topics" / "extra.toml").write_text(TOPIC.replace("proef", "extra"), "utf-8")
    with pytest.raises(CatalogueError, match=r"extra\.toml: topic 'extra': not listed"):
        load_catalogue(root)


def test_group_fields_are_validated(tmp_path: Path) -> None:
    group = TOPIC + '\n[[fields]]\nid = "rijen"\nlabel = "Rijen"\ntype = "group"\n'
    with pytest.raises(CatalogueError, match=r"'proef\.rijen'.*at least one sub-field"):
        load_catalogue(write(tmp_path / "a", topic=group))
    nested = group + (
        '  [[fields.fields]]\n  id = "binnen"\n  label = "Binnen"\n  type = "group"\n'
    )
    with pytest.raises(CatalogueError, match=r"'proef\.rijen\.binnen'.*cannot hold another"):
        load_catalogue(write(tmp_path / "b", topic=nested))
    good = group + (
        '  [[fields.fields]]\n  id = "leeftijd"\n  label = "Leeftijd"\n'
        '  type = "integer"\n  min = 0\n  max = 120\n'
    )
    rows = load_catalogue(write(tmp_path / "c", topic=good)).field("proef", "rijen")
    assert rows.sub_field("leeftijd").maximum == 120


def test_integer_bounds_are_validated(tmp_path: Path) -> None:
    bad = (
        TOPIC + '\n[[fields]]\nid = "jaren"\nlabel = "Jaren"\ntype = "integer"\nmin = 5\nmax = 1\n'
    )
    with pytest.raises(CatalogueError, match=r"'proef\.jaren'.*greater than 'max'"):
        load_catalogue(write(tmp_path, topic=bad))


@pytest.mark.parametrize(
    ("version", "parsed"),
    [("2026.1", (2026, 1)), ("2026.12", (2026, 12)), ("2027.1.3", (2027, 1, 3))],
)
def test_parse_version(version: str, parsed: tuple[int, ...]) -> None:
    assert parse_version(version) == parsed


@pytest.mark.parametrize("version", ["2026", "26.1", "2026.1-beta", "", "2026.x"])
def test_parse_version_rejects(version: str) -> None:
    with pytest.raises(ValueError, match="bad catalogue version"):
        parse_version(version)
