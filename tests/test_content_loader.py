"""The content loader: every shipped data file is valid against its kind's
JSON Schema and cross-field checks, the schemas themselves are valid, and a
broken copy of each kind of file is refused with a message naming the file,
the JSON path of the bad item and what was expected."""

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from smlessons.content import DATA_DIR, EXERCISES_DIR
from smlessons.content.checks import CHECKS
from smlessons.content.loader import KINDS, SCHEMA_DIR, DataFileError, load, schema, validate

ROOT = Path(__file__).resolve().parents[1]


def kind_of(path: Path) -> str:
    """The kind of a shipped exercise or key file: questions or a board."""
    return "questions" if "questions" in json.loads(path.read_text(encoding="utf-8")) else "board"


SHIPPED = [
    *[(p, kind_of(p)) for p in sorted(EXERCISES_DIR.glob("*.json"))],
    *[(p, kind_of(p)) for p in sorted((ROOT / "instructors" / "keys").glob("*.json"))],
    *[(p, kind_of(p)) for p in sorted((ROOT / "instructors" / "source").glob("*/*.json"))],
    (DATA_DIR / "platforms.json", "platforms"),
    (DATA_DIR / "campaign.json", "campaign"),
    (DATA_DIR / "campaign_it.json", "campaign"),
    (DATA_DIR / "copenhagen" / "about.json", "copenhagen"),
]


def test_the_shipped_files_are_all_found():
    # Guards the test below: a moved folder must not leave it with nothing to check.
    kinds = [kind for _, kind in SHIPPED]
    assert kinds.count("board") >= 12 and kinds.count("questions") >= 18
    assert {"platforms", "campaign", "copenhagen"} <= set(kinds)
    # every JSON file of the content folder is one of them
    shipped = {p for p, _ in SHIPPED}
    content = set((SCHEMA_DIR.parent).glob("exercises/*.json")) | set(DATA_DIR.glob("**/*.json"))
    assert content <= shipped


@pytest.mark.parametrize("path, kind", SHIPPED, ids=lambda x: x.name if isinstance(x, Path) else x)
def test_every_shipped_data_file_is_valid(path, kind):
    data = load(path, kind)
    assert data == json.loads(path.read_text(encoding="utf-8"))


def test_an_answer_file_written_by_the_store_is_valid(tmp_path):
    from smlessons.exercises.answers import AnswerStore

    store = AnswerStore("01-media-and-networks", folder=tmp_path)
    store.save("lesson01-media-or-network", {"Instagram": "Social medium"})
    assert load(store.path, "answers")["exercises"]["lesson01-media-or-network"]["answer"] == {
        "Instagram": "Social medium"
    }


# -- the schemas ----------------------------------------------------------------------


SCHEMA_FILES = sorted(SCHEMA_DIR.glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_each_schema_is_a_valid_json_schema(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(doc)


def test_one_schema_per_kind_and_the_shared_sources():
    assert {p.name for p in SCHEMA_FILES} == {f"{k}.schema.json" for k in KINDS} | {"sources.schema.json"}


@pytest.mark.parametrize("kind", ["board", "questions", "platforms", "campaign"])
def test_sources_are_described_once_in_their_own_file(kind):
    assert schema(kind)["properties"]["sources"] == {"$ref": "sources.schema.json"}
    assert '"citation' not in json.dumps(schema(kind)).lower()  # no second description of a citation


def test_the_schemas_vocabularies_are_the_codes():
    from smlessons.datasets import platforms
    from smlessons.exercises import answers, questions

    q = schema("questions")["$defs"]
    assert tuple(q["kind"]["enum"]) == questions.KINDS
    assert tuple(q["level"]["enum"]) == questions.LEVELS
    assert set(q["copy_question"]["properties"]) - set(q["question"]["properties"]) == set()
    shown = {k for k, v in q["copy_question"]["properties"].items() if "not" not in v}
    assert shown == set(questions.STUDENT_COPY_FIELDS)
    a = schema("answers")
    assert a["if"]["properties"]["format"]["const"] == answers.FORMAT
    assert a["then"]["properties"]["version"]["maximum"] == answers.VERSION
    assert platforms.FORMATS == ("text", "photo", "video", "voice", "live")  # read from the schema


def test_unknown_kind_is_a_clear_error():
    with pytest.raises(ValueError, match="no kind of data file 'boards'; kinds are board, questions"):
        schema("boards")


def test_cross_field_checks_are_registered_per_kind():
    assert {"board", "questions", "platforms"} <= set(CHECKS)
    assert all(callable(check) for checks in CHECKS.values() for check in checks)


# -- broken copies ----------------------------------------------------------------------


def shipped(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def change(doc, path, value):
    """A copy of `doc` with the item at `path` (a tuple) set to `value`, or deleted if `value` is `DELETE`."""
    doc = copy.deepcopy(doc)
    *parents, last = path
    target = doc
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return doc


DELETE = object()
BOARD = EXERCISES_DIR / "lesson01_media_or_network.json"
BANK = ROOT / "instructors" / "keys" / "lesson01_assessment_board.json"
COPY = ROOT / "instructors" / "source" / "lesson1" / "lesson01_assessment_board.json"
QUESTIONS = EXERCISES_DIR / "lesson01_questions.json"
ROLES = ROOT / "instructors" / "keys" / "lesson06_assessment_questions.json"
PLATFORMS = DATA_DIR / "platforms.json"
CAMPAIGN = DATA_DIR / "campaign.json"
ABOUT = DATA_DIR / "copenhagen" / "about.json"

BROKEN = [
    # boards
    (
        "board",
        BOARD,
        ("items", 2, "answer"),
        "Elsewhere",
        r"items\[2\]\.answer \('.+'\): 'Elsewhere' is not one of the bins",
    ),
    ("board", BOARD, ("items", 0, "label"), "", r"items\[0\]\.label: must be a non-empty string, not ''"),
    (
        "board",
        BOARD,
        ("items", 0, "answer"),
        7,
        r"items\[0\]\.answer \('.+'\): must be a bin label, or a list of bin labels \(a contested card\), not 7",
    ),
    ("board", BOARD, ("items", 1, "colour"), "red", r"items\[1\] \('.+'\): unknown field 'colour'"),
    ("board", BOARD, ("items", 1, "clause"), DELETE, r"items\[1\] \('.+'\): missing field 'clause'"),
    ("board", BOARD, ("items", 3, "clause"), "Z9", r"items\[3\]\.clause \('.+'\): 'Z9' is not a clause"),
    ("board", BOARD, ("bins",), ["Only"], r"^[^:]+: bins: must be a list of at least two bins"),
    ("board", BOARD, ("policy", "clauses", 0, "id"), "m1", r"policy\.clauses\[0\]\.id \('m1'\): must be a capital"),
    (
        "board",
        BOARD,
        ("policy", "clauses", 0, "right"),
        ["nobody"],
        r"policy\.clauses\[0\]\.right .*'nobody' is not a role",
    ),
    ("board", BOARD, ("sources", 0), "no-such-source", r"sources: 'no-such-source' is not a key of the bibliography"),
    ("board", BOARD, ("policy",), DELETE, r"^[^:]+: missing field 'policy'"),
    ("board", BANK, ("show",), 0, r"show: must be a whole number of cards, at least 1, not 0"),
    ("board", BANK, ("show",), 7, r"show: 7 cards shown are not a whole number of sets of 2 cards"),
    ("board", BANK, ("items", 0, "set"), DELETE, r"items\[0\] \('.+'\): has no 'set', but other cards do"),
    (
        "board",
        COPY,
        ("items", 0, "answer"),
        "Social medium",
        r"items\[0\]\.answer \('.+'\): an assessment file .* must not contain 'answer'",
    ),
    # questions
    (
        "questions",
        QUESTIONS,
        ("questions", 0, "kind"),
        "colour",
        r"questions\[0\]\.kind \('.+'\): must be one of person, people",
    ),
    (
        "questions",
        QUESTIONS,
        ("questions", 0, "options", "A"),
        "x",
        r"questions\[0\]\.options \('.+'\): the name 'A' is not allowed here: names must be one lower-case letter",
    ),
    ("questions", QUESTIONS, ("questions", 0, "prompt"), DELETE, r"questions\[0\] \('.+'\): missing field 'prompt'"),
    (
        "questions",
        QUESTIONS,
        ("questions", 1, "id"),
        "l1-family-moves-app",
        r"questions\[1\]\.id \('l1-family-moves-app'\): duplicate question id",
    ),
    (
        "questions",
        QUESTIONS,
        ("questions", 0, "source"),
        "nowhere",
        r"questions\[0\]\.source \('.+'\): 'nowhere' is not a key of 'sources'",
    ),
    ("questions", QUESTIONS, ("lang",), "fr", r"^[^:]+: lang: unknown language 'fr'"),
    ("questions", QUESTIONS, ("mode",), "exam", r"^[^:]+: mode: must be one of practice, assessment, not 'exam'"),
    (
        "questions",
        ROLES,
        ("questions", 0, "roles", "tie", "pick"),
        "group",
        r"questions\[0\]\.roles\.tie\.pick \('.+'\): must be one of person, tie, medium",
    ),
    (
        "questions",
        ROLES,
        ("questions", 0, "roles", "tie", "kinds"),
        ["strong"],
        r"questions\[0\]\.roles\.tie\.kinds \('.+'\): must list some of inside, local_bridge, bridge",
    ),
    # the platform table
    (
        "platforms",
        PLATFORMS,
        ("platforms", 2, "formats", 0),
        "audio",
        r"platforms\[2\]\.formats\[0\] \('.+'\): must be one of text, photo",
    ),
    (
        "platforms",
        PLATFORMS,
        ("platforms", 1, "as_of"),
        "2024-13-01",
        r"platforms\[1\]\.as_of \('.+'\): must be a date like '2024-12-31', not '2024-13-01'",
    ),
    (
        "platforms",
        PLATFORMS,
        ("platforms", 1, "source", "ties"),
        "nowhere",
        r"platforms\[1\]\.source\.ties \('.+'\): 'nowhere' is not a key of 'sources'",
    ),
    (
        "platforms",
        PLATFORMS,
        ("platforms", 1, "launched", "what"),
        "",
        r"platforms\[1\]\.launched\.what \('.+'\): must be a sentence saying what the year refers to",
    ),
    # the campaign texts
    ("campaign", CAMPAIGN, ("problems", "no_seed"), DELETE, r"^[^:]+: problems: missing field 'no_seed'"),
    ("campaign", CAMPAIGN, ("reasons", "a", "sound"), "yes", r"reasons\.a\.sound: must be true or false, not 'yes'"),
    (
        "campaign",
        CAMPAIGN,
        (
            "reasons",
            "z",
        ),
        {"text": "x"},
        r"reasons\.z: missing field 'sound'",
    ),
    ("campaign", CAMPAIGN, ("table", "medium"), 3, r"table\.medium: must be a string, not 3"),
    # the Copenhagen data's metadata
    (
        "copenhagen",
        ABOUT,
        ("source",),
        "Sapiezynski 2019",
        r"source: must be .*not 'Sapiezynski 2019'",
    ),
    (
        "copenhagen",
        ABOUT,
        ("layers", "calls", "file"),
        "calls.txt",
        r"layers\.calls\.file: must be the name of a \.csv file",
    ),
    ("copenhagen", ABOUT, ("layers", "sms", "directed"), DELETE, r"layers\.sms: missing field 'directed'"),
    ("copenhagen", ABOUT, ("layers", "bluetooth"), {}, r"layers: unknown field 'bluetooth'"),
]


@pytest.mark.parametrize(
    "kind, source, where, value, words",
    BROKEN,
    ids=[f"{kind}-{'.'.join(map(str, where))}" for kind, _, where, *_ in BROKEN],
)
def test_a_broken_copy_is_refused_naming_file_path_and_what_was_expected(tmp_path, kind, source, where, value, words):
    original = shipped(source)
    path = tmp_path / f"broken-{Path(source).name}"
    path.write_text(json.dumps(change(original, where, value)), encoding="utf-8")
    load(_write(tmp_path / "intact.json", original), kind)  # the unbroken copy loads: the change alone breaks it
    with pytest.raises(DataFileError, match=words) as caught:
        load(path, kind)
    message = str(caught.value)
    assert message.startswith(f"{path.name}: ")
    assert caught.value.file == path.name and caught.value.problem in message
    assert caught.value.where in message


def _write(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "content, words",
    [
        (b"{ nope", r"^bad\.json: not valid JSON \(.*line 1 column 3"),
        (b"\xff\xfe", r"^bad\.json: not valid JSON \(not UTF-8 text"),
        (b"[1, 2]", r"^bad\.json: the top level must be an object, not a list"),
        (b'"text"', r"^bad\.json: the top level must be an object, not a string"),
    ],
)
@pytest.mark.parametrize("kind", KINDS)
def test_a_file_that_is_not_a_json_object_is_refused_for_every_kind(tmp_path, kind, content, words):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(DataFileError, match=words):
        load(path, kind)


def test_an_answer_file_of_another_program_is_named_so(tmp_path):
    path = _write(tmp_path / "x.answers.json", {"format": "other", "exercises": 3})
    with pytest.raises(
        DataFileError,
        match=r"^x\.answers\.json: format: must be 'smlessons-answers' \(anything else is not an smlessons answer file\), not 'other'$",
    ):
        load(path, "answers")


def test_a_missing_file_is_a_file_not_found_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "none.json", "board")


def test_a_callers_error_class_is_raised():
    class MyError(DataFileError):
        pass

    with pytest.raises(MyError, match=r"^mine: missing field 'questions'$"):
        validate({}, "questions", "mine", MyError)


def test_the_first_problem_in_file_order_is_reported():
    data = change(shipped(BOARD), ("items", 5, "label"), 5)
    data = change(data, ("items", 2, "answer"), 7)
    with pytest.raises(DataFileError, match=r"items\[2\]\.answer"):
        validate(data, "board", "b.json")


def test_a_part_of_a_file_is_checked_alone():
    question = shipped(QUESTIONS)["questions"][0]
    assert validate(question, "questions", "q", part="question") is question
    with pytest.raises(DataFileError, match=r"^q: level: must be one of lookup, predict, explain, not 'easy'$"):
        validate({**question, "level": "easy"}, "questions", "q", part="question")


def test_existing_error_classes_are_data_file_errors():
    from smlessons.datasets.copenhagen_study import CopenhagenDataError
    from smlessons.datasets.platforms import PlatformFileError
    from smlessons.exercises.loader import ExerciseFileError
    from smlessons.exercises.questions import QuestionFileError
    from smlessons.instructor.autograde import AnswerFileError

    for error in (ExerciseFileError, QuestionFileError, PlatformFileError, CopenhagenDataError, AnswerFileError):
        assert issubclass(error, DataFileError) and issubclass(error, ValueError)
        assert str(error("a plain message")) == "a plain message"
