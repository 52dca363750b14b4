"""smlessons.exercises.recorder: the JSON form of an answer, saving it, and recording
assessed code-cell answers without grading them."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smlessons.exercises import recorder as assessment
from smlessons.exercises.answers import AnswerStore
from smlessons.exercises.recorder import Recorder, jsonable, materialise, open_store, save_answer


@pytest.fixture
def store(tmp_path):
    return AnswerStore("people-and-ties", folder=tmp_path)


@pytest.mark.parametrize(
    "value, expected",
    [
        (33, 33),
        ("Pia", "Pia"),
        (None, None),
        (True, True),
        (2.5, 2.5),
        (float("inf"), "inf"),
        (float("nan"), "nan"),
        (("Ben", "Uma"), ["Ben", "Uma"]),
        ({"Vera", "Ana"}, ["Ana", "Vera"]),
        (frozenset({3, 1}), [1, 3]),
        ({33: 17, "x": (1, 2)}, {"33": 17, "x": [1, 2]}),
        (np.int64(5), 5),
        (np.float64(0.25), 0.25),
        (np.array([[1, 2], [3, 4]]), [[1, 2], [3, 4]]),
        (np.bool_(True), True),
        (b"bytes", "bytes"),
        ([("Pia", 6), ("Ana", 5)], [["Pia", 6], ["Ana", 5]]),
        (Ellipsis, "Ellipsis"),
        (range(3), [0, 1, 2]),
    ],
)
def test_jsonable_forms(value, expected):
    out = jsonable(value)
    assert out == expected
    json.dumps(out, allow_nan=False)  # strict JSON


def test_jsonable_of_an_odd_object_is_its_text_and_huge_answers_are_cut():
    class Thing:
        def __str__(self):
            return "a thing"

    assert jsonable(Thing()) == "a thing"
    assert len(jsonable(list(range(5000)))) == assessment.MAX_ITEMS
    assert len(jsonable("x" * 10_000)) == 2000
    deep = [[[[[[[[[[["bottom"]]]]]]]]]]]
    json.dumps(jsonable(deep))


def test_jsonable_of_a_network_is_its_nodes():
    from smlessons.datasets.networks import class_network

    G = class_network()
    assert jsonable(G) == list(G)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner, max_size=5),
    max_leaves=20,
)


@given(json_values)
def test_jsonable_leaves_json_values_as_they_are(value):
    assert jsonable(value) == value


@given(
    st.recursive(
        st.integers() | st.floats() | st.text(max_size=5) | st.none(),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.tuples(inner, inner)
            | st.frozensets(st.integers(), max_size=4)
            | st.dictionaries(st.integers() | st.text(max_size=3), inner, max_size=3)
        ),
        max_leaves=15,
    )
)
def test_jsonable_always_gives_strict_json(value):
    json.dumps(jsonable(value), allow_nan=False)


def test_materialise_reads_one_shot_iterators_only():
    gen = (x for x in "ab")
    assert materialise(gen) == ["a", "b"]
    items = ["a"]
    assert materialise(items) is items
    assert materialise("text") == "text"
    assert materialise(map(str.upper, "ab")) == ["A", "B"]


def test_save_answer_keeps_other_answers(store):
    store.save("lesson01-board", {"Instagram": "Social medium (a means)"})
    assert save_answer("q1", {"Ben", "Ana"}, store) == store.path
    assert store.all() == {"lesson01-board": {"Instagram": "Social medium (a means)"}, "q1": ["Ana", "Ben"]}


def test_save_answer_refuses_a_bad_id(store):
    with pytest.raises(ValueError, match="exercise id must be"):
        save_answer("lesson03/q1", 1, store)


def test_open_store_forms(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLESSONS_ANSWERS_DIR", str(tmp_path))
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert open_store(False) is None
    assert open_store(None) is None  # no notebook name anywhere: nothing to save to
    assert save_answer("q1", 1) is None and list(tmp_path.iterdir()) == []
    assert open_store("lesson").path == tmp_path / "lesson.answers.json"
    monkeypatch.setenv("JPY_SESSION_NAME", "/srv/04-people-and-ties.ipynb")
    assert open_store(None).notebook == "04-people-and-ties"
    with pytest.raises(TypeError, match="answers must be an AnswerStore"):
        open_store(3)
    with pytest.raises(ValueError, match="notebook must be"):
        open_store("../x")


def test_recorder_saves_and_says_so_without_right_or_wrong(store, capsys):
    record = Recorder(store)
    record("a3-most-friends", " pia")
    record("a3-pia-neighbours", {"Dev", "Elif"})
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "\u2714 Recorded your answer to a3-most-friends:  pia. It will be graded after you hand in the assignment.",
        "\u2714 Recorded your answer to a3-pia-neighbours: Dev, Elif. It will be graded after you hand in the assignment.",
    ]
    for word in ("Right", "right:", "Not quite", "\u2713", "\u2717"):
        assert word not in out
    assert store.all() == {"a3-most-friends": " pia", "a3-pia-neighbours": ["Dev", "Elif"]}


def test_recorder_saves_nothing_for_no_answer(store, capsys):
    record = Recorder(store)
    record("q", 5)
    record("q", ...)
    assert "No answer yet" in capsys.readouterr().out
    assert store.all() == {"q": 5}


def test_recorder_without_a_file_says_so(monkeypatch, capsys):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    record = Recorder()
    assert record.store is None
    record("q", 5)
    assert "could not be saved" in capsys.readouterr().out


def test_recorder_reports_a_disk_problem(tmp_path, capsys):
    (tmp_path / "blocked").write_text("")
    record = Recorder(AnswerStore("x", folder=tmp_path / "blocked"))
    record("q", 5)
    assert "could not be saved" in capsys.readouterr().out


def test_recorder_reports_a_damaged_file_kept_aside(store, capsys):
    store.path.write_text("[1, 2")
    Recorder(store)("q", 5)
    assert ".corrupt-" in capsys.readouterr().out
    assert store.all() == {"q": 5}


def test_recorder_repr_and_inf():
    assert repr(Recorder(False)) == "Recorder(None)"
    assert math.isinf(float(jsonable(float("-inf"))))


def test_an_answer_of_the_wrong_form_is_not_recorded_and_the_student_is_told_what_to_write(tmp_path, capsys):
    store = AnswerStore("quiz", folder=tmp_path)
    record = Recorder(store, expects={"ties": "number", "who": "person"})
    record("ties", "5 ties")
    out = capsys.readouterr().out
    assert out.startswith("\u26a0 Not recorded: this question expects a number: got '5 ties'.")
    assert "Write a number, for example 5" in out and "Nothing is recorded for ties yet" in out
    assert store.all() == {}  # every answer a recorder accepts can be graded
    record("ties", 4)
    assert "will be graded" in capsys.readouterr().out
    record("ties", "four")
    out = capsys.readouterr().out
    assert "Not recorded" in out and "Your answer recorded before (4) still stands" in out
    assert store.load("ties") == 4
    record("who", "Pia")
    assert "will be graded" in capsys.readouterr().out


def write_questions(path: Path) -> Path:
    path.write_text(
        json.dumps(
            {
                "id": "t-questions",
                "mode": "assessment",
                "questions": [
                    {"id": "t-ties", "prompt": "How many ties?", "kind": "number"},
                    {"id": "t-pair", "prompt": "Which tie?", "kind": "tie"},
                    {"id": "t-mc", "prompt": "Which?", "kind": "choice", "options": {"a": "One", "b": "Two"}},
                    {"id": "t-group", "prompt": "Who?", "kind": "people"},
                ],
            }
        )
    )
    return path


def test_the_recorder_takes_each_answers_form_from_the_questions_file(tmp_path, capsys):
    store = AnswerStore("quiz", folder=tmp_path)
    record = Recorder(store, questions=write_questions(tmp_path / "questions.json"))
    assert record.expects == {"t-ties": "number", "t-pair": "tie", "t-mc": "choice", "t-group": "people"}
    for qid, bad, words in [
        ("t-ties", "5 ties", "a number, for example 5"),
        ("t-pair", "Ana", 'two names, for example ("Ana", "Ben")'),
        ("t-mc", "e", 'the letter of one option in quotes, for example "a"'),
    ]:
        record(qid, bad)
        out = capsys.readouterr().out
        assert out.startswith("\u26a0 Not recorded") and words in out, out
    assert store.all() == {}
    record("t-ties", 5)
    record("t-pair", ("Ana", "Ben"))
    record("t-mc", "b")
    record("t-group", {"Ben", "Ana"})
    record("a-question-of-no-file", 3)
    out = capsys.readouterr().out
    assert out.count("Recorded your answer") == 4
    assert "Not recorded: a-question-of-no-file is not a question of this assignment" in out
    assert store.all() == {"t-ties": 5, "t-pair": ["Ana", "Ben"], "t-mc": "b", "t-group": ["Ana", "Ben"]}


def test_every_answer_the_recorder_accepts_is_gradable(tmp_path):
    """What the recorder saves, read back as the grader reads it, has the question's form."""
    from smlessons.exercises import form_problem, revive

    store = AnswerStore("quiz", folder=tmp_path)
    record = Recorder(store, expects={"n": "number", "p": "person", "g": "people", "t": "tie"})
    for qid, answer in [
        ("n", np.int64(3)),
        ("n", "7"),
        ("p", ("Pia", 6)),
        ("g", iter(["Ana", "Ben"])),
        ("t", ("Ana", "Ben", 2.0)),
        ("n", [5]),
        ("p", {"Pia"}),
    ]:
        record(qid, answer)
        saved = store.load(qid)
        if saved is not None:
            assert form_problem(record.expects[qid], revive(saved)) == "", (qid, answer, saved)


@pytest.mark.parametrize(
    "content, words",
    [
        ("{", "q.json: not valid JSON"),
        ('{"items": []}', "q.json: missing field 'questions'"),
        ('{"mode": "assessment", "questions": [{"id": "q", "prompt": "?", "kind": "colour"}]}', "kind"),
        ('{"mode": "assessment", "questions": [{"kind": "number"}]}', r"questions\[0\]: missing field 'id'"),
        (
            '{"mode": "assessment", "questions": [{"id": "q", "prompt": "?", "kind": "number", "answer": 3}]}',
            "must not carry 'answer'",
        ),
    ],
)
def test_a_bad_questions_file_is_a_clear_error(tmp_path, content, words):
    (tmp_path / "q.json").write_text(content)
    with pytest.raises(ValueError, match=words):
        Recorder(False, questions=tmp_path / "q.json")


def test_nothing_is_recorded_while_nbgrader_runs_the_notebook(tmp_path, monkeypatch, capsys):
    store = AnswerStore("quiz", folder=tmp_path / "hand-in")
    Recorder(store)("q", 1)
    before = sorted((p.name, p.read_bytes()) for p in store.folder.iterdir())
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    record = Recorder(store)
    record("q", 2)
    record("r", 3)
    out = capsys.readouterr().out
    assert (
        "(Grading: q is graded from the answer file as it was handed in" in out
        and "Recorded your answer" not in out.split("\n", 1)[1]
    )
    assert save_answer("q", 4, store) is None
    assert sorted((p.name, p.read_bytes()) for p in store.folder.iterdir()) == before
    monkeypatch.delenv("NBGRADER_EXECUTION")
    assert store.all() == {"q": 1}


def test_expects_names_a_known_kind():
    with pytest.raises(ValueError, match="expects\\['q'\\] must be one of person"):
        Recorder(False, expects={"q": "colour"})


def test_every_assessed_question_of_the_sample_course_has_its_form_in_the_notebook():
    """Each recording notebook of instructors/source knows each question's form (from the
    student's questions file, or stated in the notebook), and it is the key's."""
    import re

    from smlessons.exercises import question_kinds
    from smlessons.instructor.grader import Course

    root = Path(__file__).resolve().parents[1] / "instructors"
    course = Course.load(root)
    checked = 0
    for name, plan in course.assignments.items():
        for notebook in plan.notebooks:
            nb = json.loads((root / "source" / name / f"{notebook}.ipynb").read_text(encoding="utf-8"))
            setup = next(("".join(c["source"]) for c in nb["cells"] if "Recorder(" in "".join(c["source"])), None)
            wanted = {
                c.exercise: course.keys.questions[c.exercise][0].kind
                for c in plan.cells
                if c.notebook == notebook and c.exercise in course.keys.questions
            }
            if not wanted:
                continue
            assert setup, f"{name}/{notebook} records answers without a Recorder"
            given = re.search(r'questions\s*=\s*(?:"([^"]+)"|([A-Za-z_]\w*))', setup)
            if given and given.group(2):  # questions=NAME, with NAME = "file.json" in the notebook
                code = "".join("".join(c["source"]) for c in nb["cells"])
                given = re.search(rf'\b{given.group(2)}\s*=\s*"([^"]+)"', code)
            if given:
                stated = question_kinds(root / "source" / name / given.group(1))
            else:
                stated = dict(re.findall(r'"([\w.-]+)": "(\w+)"', setup))
            assert {q: stated.get(q) for q in wanted} == wanted
            checked += 1
    assert checked


# -- what the recorder refuses and what it saves, for random answers of every kind (review item 4) --

import contextlib  # noqa: E402
import io  # noqa: E402
import tempfile  # noqa: E402

from hypothesis import HealthCheck, example, settings  # noqa: E402

from smlessons.engine.measures import PersonNotFoundError, PlatformNotFoundError
from smlessons.exercises import KINDS, Question, UnreadableAnswer, form_problem, revive
from smlessons.exercises.recorder import EXAMPLES

_OPTIONS = {"a": "One", "b": "Two", "c": "Three"}
_KEYS = {
    "person": "Ben",
    "people": ["Ana", "Ben"],
    "tie": ["Ana", "Ben"],
    "number": 3,
    "text": "Elif",
    "platform": "TikTok",
    "platforms": ["TikTok", "Instagram"],
    "choice": "b",
}
#: One key of each kind, to grade what the recorder saved as the grader does.
_GRADER = {
    k: Question(
        id=f"r-{k}",
        prompt="?",
        kind=k,
        answer=a,
        explanation=".",
        options=_OPTIONS if k == "choice" else None,
        feedback={"a": "Not a.", "c": "Not c."} if k == "choice" else {},
    )
    for k, a in _KEYS.items()
}
_FOLDER = Path(tempfile.mkdtemp())
(_FOLDER / "questions.json").write_text(
    json.dumps(
        {
            "id": "r-questions",
            "mode": "assessment",
            "questions": [
                {"id": f"r-{k}", "prompt": "?", "kind": k, **({"options": _OPTIONS} if k == "choice" else {})}
                for k in KINDS
            ],
        }
    )
)

_NAMES = ["Ana", "Ben", "Zoe", "TikTok", "Instagram", "Twitter / X", "X (Twitter)", "a", "b", "(b)", "", " "]
_written = st.builds(
    lambda parts, sep, quote, wrap, stop: wrap[0] + sep.join(f"{quote}{p}{quote}" for p in parts) + wrap[1] + stop,
    st.lists(st.sampled_from(_NAMES) | st.text(max_size=5), max_size=3),
    st.sampled_from([", ", ";", " and ", "-", "/", " "]),
    st.sampled_from(["", "'", '"', "\u201c"]),
    st.sampled_from([("", ""), ("(", ")"), ("[", "]"), ("(", ""), ("", "]")]),
    st.sampled_from(["", ".", ".."]),
)
_ANSWERS = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 9)
    | st.integers(min_value=10**308, max_value=10**400)
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(_NAMES)
    | _written
    | st.just(...),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(tuple)
        | st.frozensets(st.sampled_from(_NAMES) | st.integers(0, 4), max_size=3)
        | st.dictionaries(st.sampled_from(_NAMES), inner, max_size=2)
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(KINDS), _ANSWERS)
@example("number", float("nan"))  # a number, but saved as the text "nan": refused
@example("tie", ("Ana", "Ben", float("inf")))  # a bridge as local_bridges gives it: its span saved as "inf"
@example("person", True)
@example("people", "[]")
@example("choice", "(d)")
@example("platforms", ("TikTok", 3))
def test_the_recorder_saves_only_what_the_grader_can_grade_and_says_what_to_write_otherwise(kind, answer):
    store = AnswerStore("random", folder=_FOLDER)
    record = Recorder(store, questions=_FOLDER / "questions.json")
    qid, options = f"r-{kind}", list(_OPTIONS) if kind == "choice" else None
    store.save(qid, "before")
    problem = form_problem(kind, answer, options) or form_problem(kind, revive(jsonable(answer)), options)
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        record(qid, answer)
    out = shown.getvalue()
    if answer is None or answer is Ellipsis:
        assert out.startswith("No answer yet") and store.load(qid) == "before"
    elif problem:  # refused by the form check: never recorded, and the student is told what to write
        assert store.load(qid) == "before", (kind, answer)
        assert out.startswith("\u26a0 Not recorded: ") and f"Write {EXAMPLES[kind]}, then run the cell again." in out, (
            out
        )
        assert "Your answer recorded before (before) still stands" in out
    else:  # recorded: the grader reads it back and gives a verdict, never a complaint about its form
        saved = store.load(qid)
        assert saved == jsonable(answer) and "Recorded your answer" in out, (kind, answer, out)
        question = _GRADER[kind]
        assert question.evaluate(revive(saved)).status in ("right", "wrong")
        try:
            question._read(revive(saved), question.key())
        except (PersonNotFoundError, PlatformNotFoundError):
            pass
        except UnreadableAnswer as exc:
            pytest.fail(f"{kind}: recorded {saved!r}, which the grader refuses: {exc}")


@pytest.mark.parametrize(
    "kind, answer",
    [
        ("tie", "(Hiro, Zoe)"),
        ("tie", "[Hiro, Zoe]"),
        ("tie", "('Hiro', 'Zoe')"),
        ("people", "['Ana', 'Ben', 'Gita', 'Nils']"),
        ("people", "Ana, Ben, Gita, Nils."),
        ("person", "Ben."),
        ("person", '"Ben"'),
        ("text", '"Elif"'),
        ("platforms", "Instagram/Minecraft"),
        ("choice", "(B)."),
    ],
)
def test_the_forms_students_write_are_recorded(tmp_path, kind, answer, capsys):
    store = AnswerStore("quiz", folder=tmp_path)
    Recorder(store, questions=_FOLDER / "questions.json")(f"r-{kind}", answer)
    assert "Recorded your answer" in capsys.readouterr().out and store.load(f"r-{kind}") == answer


# -- what the recorder says in an assignment ------------------------------------------------

LESSON4 = Path(__file__).resolve().parents[1] / "instructors" / "source" / "lesson4"


def _lesson4_recorder(tmp_path, monkeypatch, student="maria"):
    from smlessons.exercises.answers import AnswerStore

    monkeypatch.setenv("SMLESSONS_STUDENT", student)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    (questions,) = LESSON4.glob("*questions*.json")
    return Recorder(AnswerStore("people-and-ties", folder=tmp_path), questions=questions), questions


def test_in_an_assignment_the_recorder_names_the_question_by_its_number_and_says_what_it_replaces(
    tmp_path, monkeypatch, capsys
):
    record, questions = _lesson4_recorder(tmp_path, monkeypatch)
    ids = [q["id"] for q in json.loads(questions.read_text(encoding="utf-8"))["questions"]]
    number_question = next(
        q["id"] for q in json.loads(questions.read_text(encoding="utf-8"))["questions"] if q["kind"] == "number"
    )
    n = ids.index(number_question) + 1
    record(number_question, 3)
    assert capsys.readouterr().out.startswith(f"\u2714 Recorded your answer to question {n}: 3.")
    record(number_question, 4)
    out = capsys.readouterr().out
    assert f"question {n}: 4. It replaces 3, recorded 20" in out, out
    record(number_question, 4)
    assert "replaces" not in capsys.readouterr().out  # the same answer again replaces nothing
    record.summary()
    out = capsys.readouterr().out
    assert f"Question {n}: 4 (saved 20" in out and "Question 1: nothing yet" in out.replace(f"Question {n}: 4", ""), out


def test_a_name_that_is_not_in_the_students_own_network_is_not_recorded(tmp_path, monkeypatch, capsys):
    from smlessons.datasets.networks import student_network

    record, questions = _lesson4_recorder(tmp_path, monkeypatch)
    person_q = next(q for q in json.loads(questions.read_text(encoding="utf-8"))["questions"] if q["kind"] == "person")
    people = sorted(student_network("maria").nodes)
    record(person_q["id"], people[0] + "xx")
    out = capsys.readouterr().out
    assert out.startswith("\u26a0 Not recorded: ") and f"{people[0]}xx is not in your network" in out, out
    assert record.store.load(person_q["id"]) is None
    record(person_q["id"], people[0].lower() + ".")  # case and a full stop are forgiven, as in grading
    assert capsys.readouterr().out.startswith("\u2714 Recorded") and record.store.load(person_q["id"]) is not None
