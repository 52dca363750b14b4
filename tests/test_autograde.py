"""smlessons.instructor.autograde: points for nbgrader cells and rows for reports, read
from answer files without ever changing them."""

import atexit
import json
import shutil
import tempfile
from pathlib import Path

import pytest

from smlessons import SortingBoard
from smlessons.exercises import Question
from smlessons.exercises.answers import AnswerStore
from smlessons.exercises.loader import EXERCISES_DIR, load_exercise
from smlessons.instructor import autograde
from smlessons.instructor.autograde import (
    AnswerFileError,
    board_points,
    find_key,
    grade_answers,
    load_keys,
    question_points,
    read_answer_file,
)

ROOT = Path(__file__).resolve().parents[1]
# The keys of the first sample assignments, kept here so that these tests do not
# depend on the sample course's current files.
BOARD_DATA = json.loads(r"""
{
 "id": "lesson01-assessment",
 "notebook": "media-or-network",
 "title": "Medium or network? (assessed)",
 "prompt": "Sort the cards.",
 "bins": [
  "Social medium (a means)",
  "Social network: people and ties (or, in everyday speech, a site that shows them)"
 ],
 "sources": {
  "gentile": "Gentile, G. (n.d.). Social media and social networks: what a",
  "boyd-ellison-2007": "boyd, d. m., & Ellison, N. B. (2007). Social network sites: ",
  "wasserman-faust-1994": "Wasserman, S., & Faust, K. (1994). Social Network Analysis: ",
  "kaplan-haenlein-2010": "Kaplan, A. M., & Haenlein, M. (2010). Users of the world, un",
  "course-convention": "The course's own convention (smlessons), not a rule taken fr"
 },
 "policy": {
  "bins": {
   "medium": "Social medium (a means)",
   "network": "Social network: people and ties (or, in everyday speech, a site that shows them)"
  },
  "clauses": [
   {
    "id": "M1",
    "name": "Content made by users",
    "text": "Content made by users.",
    "right": [
     "medium"
    ],
    "source": "kaplan-haenlein-2010"
   },
   {
    "id": "M2",
    "name": "Messaging app without browsable connection lists",
    "text": "Messaging app without browsable connection lists.",
    "right": [
     "medium"
    ],
    "source": "boyd-ellison-2007"
   },
   {
    "id": "M3",
    "name": "Part of a medium (the course's convention)",
    "text": "Part of a medium (the course's convention).",
    "right": [
     "medium"
    ],
    "source": "course-convention"
   },
   {
    "id": "N1",
    "name": "People and ties",
    "text": "People and ties.",
    "right": [
     "network"
    ],
    "source": "wasserman-faust-1994"
   },
   {
    "id": "N2",
    "name": "Community of users (the article's looser usage)",
    "text": "Community of users (the article's looser usage).",
    "right": [
     "network"
    ],
    "source": "gentile"
   },
   {
    "id": "C1",
    "name": "Social network site (both meanings)",
    "text": "Social network site (both meanings).",
    "right": [
     "medium",
     "network"
    ],
    "source": "boyd-ellison-2007"
   }
  ]
 },
 "items": [
  {
   "label": "Telegram",
   "answer": "Social medium (a means)",
   "clause": "M2",
   "explanation": "See clause M2.",
   "source": "boyd-ellison-2007"
  },
  {
   "label": "The members of a choir and who sings next to whom",
   "answer": "Social network: people and ties (or, in everyday speech, a site that shows them)",
   "clause": "N1",
   "explanation": "See clause N1.",
   "source": "wasserman-faust-1994"
  },
  {
   "label": "Snapchat",
   "answer": "Social medium (a means)",
   "clause": "M2",
   "explanation": "See clause M2.",
   "source": "boyd-ellison-2007"
  },
  {
   "label": "Neighbours who lend each other tools",
   "answer": "Social network: people and ties (or, in everyday speech, a site that shows them)",
   "clause": "N1",
   "explanation": "See clause N1.",
   "source": "wasserman-faust-1994"
  },
  {
   "label": "A podcast app where listeners comment on episodes and reply to each other",
   "answer": "Social medium (a means)",
   "clause": "M1",
   "explanation": "See clause M1.",
   "source": "kaplan-haenlein-2010"
  },
  {
   "label": "The subscribers of a cooking channel who comment on each other's recipes",
   "answer": "Social network: people and ties (or, in everyday speech, a site that shows them)",
   "clause": "N1",
   "explanation": "See clause N1.",
   "source": "wasserman-faust-1994"
  },
  {
   "label": "The readers of a shop's newsletter who forward it to their friends",
   "answer": "Social network: people and ties (or, in everyday speech, a site that shows them)",
   "clause": "N1",
   "explanation": "See clause N1.",
   "source": "wasserman-faust-1994"
  },
  {
   "label": "LinkedIn",
   "answer": [
    "Social medium (a means)",
    "Social network: people and ties (or, in everyday speech, a site that shows them)"
   ],
   "clause": "C1",
   "explanation": "See clause C1.",
   "source": "boyd-ellison-2007"
  }
 ]
}
""")
QUESTIONS_DATA = json.loads(r"""
{
 "id": "lesson03-assessment",
 "notebook": "people-and-ties",
 "title": "People and ties (assessed)",
 "sources": {
  "zachary-1977": "Zachary, W. W. (1977). An information flow model for conflic",
  "freeman-1977": "Freeman, L. C. (1977). A set of measures of centrality based",
  "wasserman-faust-1994": "Wasserman, S., & Faust, K. (1994). Social Network Analysis: "
 },
 "questions": [
  {
   "id": "a3-most-friends",
   "prompt": "In the class network, who has the most friends (the highest degree)?",
   "kind": "person",
   "level": "lookup",
   "compute": {
    "graph": "class_network",
    "measure": "most_central",
    "by": "degree"
   },
   "explanation": "{answer} has {value} ties, more than anyone else in the class.",
   "hint": "central_people(G, \"degree\") ranks the students by their number of ties.",
   "feedback": {
    "Ben": "Ben is the strongest broker (betweenness), not the student with the most friends."
   },
   "source": "wasserman-faust-1994"
  },
  {
   "id": "a3-ben-ties",
   "prompt": "In the class network, how many ties does Ben have?",
   "kind": "number",
   "level": "lookup",
   "compute": {
    "graph": "class_network",
    "measure": "degree",
    "person": "Ben"
   },
   "explanation": "Ben's neighbours are {neighbours}: {value} ties.",
   "hint": "degree(G, \"Ben\") counts them; neighbours(G, \"Ben\") lists them.",
   "source": "wasserman-faust-1994"
  },
  {
   "id": "a3-karate-distance",
   "prompt": "In Zachary's karate club, how many steps (ties) long is the shortest path from member 16 to member 26?",
   "kind": "number",
   "level": "lookup",
   "compute": {
    "graph": "karate_club",
    "measure": "distance",
    "source": 16,
    "target": 26
   },
   "explanation": "One shortest path is {path}: {value} ties.",
   "hint": "Count ties, not people: distance(K, 16, 26).",
   "source": "zachary-1977"
  },
  {
   "id": "a3-pia-neighbours",
   "prompt": "In the class network, who are Pia's neighbours?",
   "kind": "people",
   "level": "lookup",
   "compute": {
    "graph": "class_network",
    "measure": "neighbours",
    "person": "Pia"
   },
   "explanation": "Pia is tied to {answer}: {value} people.",
   "hint": "neighbours(G, \"Pia\").",
   "source": "wasserman-faust-1994"
  },
  {
   "id": "a3-broker",
   "prompt": "In the class network, who is the strongest broker: who has the highest betweenness?",
   "kind": "person",
   "level": "lookup",
   "compute": {
    "graph": "class_network",
    "measure": "most_central",
    "by": "betweenness"
   },
   "explanation": "{answer} has the highest betweenness ({value}): every path between Uma's community and the rest of the class runs through this end of the bridge.",
   "hint": "central_people(G, \"betweenness\"). It is not the same ranking as by degree.",
   "feedback": {
    "Pia": "Pia has the most friends; betweenness measures how often someone lies on the shortest paths between others."
   },
   "source": "freeman-1977"
  }
 ]
}
""")
KEYS = Path(tempfile.mkdtemp(prefix="smlessons-keys-"))
atexit.register(shutil.rmtree, KEYS, True)
BOARD_KEY = KEYS / "lesson01_assessment.json"
QUESTION_KEY = KEYS / "lesson03_assessment.json"
BOARD_KEY.write_text(json.dumps(BOARD_DATA), encoding="utf-8")
QUESTION_KEY.write_text(json.dumps(QUESTIONS_DATA), encoding="utf-8")
# The student's copy of the board: labels only.
STUDENT_COPY = KEYS / "student" / "lesson01_assessment.json"
STUDENT_COPY.parent.mkdir()
STUDENT_COPY.write_text(
    json.dumps(
        {
            "id": BOARD_DATA["id"],
            "mode": "assessment",
            "notebook": BOARD_DATA["notebook"],
            "title": BOARD_DATA["title"],
            "prompt": BOARD_DATA["prompt"],
            "bins": BOARD_DATA["bins"],
            "sources": {},
            "items": [{"label": item["label"]} for item in BOARD_DATA["items"]],
        }
    ),
    encoding="utf-8",
)
PRACTICE = EXERCISES_DIR / "lesson01_media_or_network.json"
MEDIUM, NETWORK = load_exercise(BOARD_KEY).bins


@pytest.fixture
def store(tmp_path):
    return AnswerStore("media-or-network", folder=tmp_path)


# -- reading -------------------------------------------------------------------------


def test_read_answer_file(store):
    store.save("x", 1)
    doc = read_answer_file(store.path)
    assert doc["exercises"]["x"]["answer"] == 1 and doc["notebook"] == "media-or-network"


@pytest.mark.parametrize(
    "content, words",
    [
        (b"{ nope", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b'{"format": "other"}', "not an smlessons answer file"),
        (
            b'{"format": "smlessons-answers", "version": 1, "exercises": {"a": 1}}',
            "exercises.a: must be an object with an 'answer'",
        ),
    ],
)
def test_a_bad_answer_file_is_an_error_and_stays_where_it_is(tmp_path, content, words):
    path = tmp_path / "x.answers.json"
    path.write_bytes(content)
    with pytest.raises(AnswerFileError, match=words):
        read_answer_file(path)
    assert path.read_bytes() == content and len(list(tmp_path.iterdir())) == 1


def test_a_missing_answer_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_answer_file(tmp_path / "none.answers.json")


# -- finding keys --------------------------------------------------------------------


def test_find_key_walks_up_to_the_course_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SMLESSONS_KEYS_DIR", raising=False)
    (tmp_path / "nbgrader_config.py").write_text("")
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "k.json").write_text("{}")
    deep = tmp_path / "autograded" / "ada" / "lesson1"
    deep.mkdir(parents=True)
    assert find_key("k", start=deep) == tmp_path / "keys" / "k.json"
    monkeypatch.chdir(deep)
    assert find_key("k.json") == (tmp_path / "keys" / "k.json").resolve()
    with pytest.raises(FileNotFoundError, match=r"no key file 'other.json' \(looked in .*keys"):
        find_key("other")


def test_find_key_prefers_the_environment(tmp_path, monkeypatch):
    (tmp_path / "k.json").write_text("{}")
    monkeypatch.setenv("SMLESSONS_KEYS_DIR", str(tmp_path))
    assert find_key("k") == tmp_path / "k.json"


def test_find_key_outside_a_course(tmp_path, monkeypatch):
    monkeypatch.delenv("SMLESSONS_KEYS_DIR", raising=False)
    with pytest.raises(FileNotFoundError, match="no course folder"):
        find_key("k", start=tmp_path)


def test_the_course_keys_are_found_from_a_graded_folder(monkeypatch):
    monkeypatch.delenv("SMLESSONS_KEYS_DIR", raising=False)
    course = ROOT / "instructors"
    key = sorted((course / "keys").glob("*.json"))[0]
    folder = sorted(p for p in (course / "source").iterdir() if p.is_dir())[0]
    assert find_key(key.stem, start=folder) == key


# -- board points --------------------------------------------------------------------


def test_board_points_a_point_per_right_card_contested_either_bin(store):
    board = SortingBoard.from_exercise(str(STUDENT_COPY), answers=store)
    board.placements = {
        "Telegram": MEDIUM,  # right
        "Snapchat": NETWORK,  # wrong
        "LinkedIn": NETWORK,  # right: contested
    }
    assert board_points(BOARD_KEY, store) == (2, 8)
    assert board_points(BOARD_KEY, store.path) == (2, 8)
    assert board_points(BOARD_KEY, str(store.path), "lesson01-assessment") == (2, 8)
    board.placements = {**board.placements, "LinkedIn": MEDIUM}
    assert board_points(load_exercise(BOARD_KEY), store) == (2, 8)


def test_board_points_from_a_mapping_and_a_practice_key():
    right = {i.label: i.answers[0] for i in load_exercise(PRACTICE).items}
    assert board_points(PRACTICE, {"lesson01-media-or-network": right}) == (18, 18)
    assert board_points(PRACTICE, {"lesson01-media-or-network": {}}) == (0, 18)


def test_board_points_nothing_handed_in_is_zero_and_says_why(tmp_path, capsys):
    assert board_points(BOARD_KEY, tmp_path / "media-or-network.answers.json") == (0, 8)
    assert "was not handed in" in capsys.readouterr().out
    AnswerStore("media-or-network", folder=tmp_path).save("other", 1)
    assert board_points(BOARD_KEY, tmp_path / "media-or-network.answers.json") == (0, 8)
    assert "holds no answer to lesson01-assessment" in capsys.readouterr().out


def test_board_points_of_a_damaged_file_is_zero_and_the_file_is_untouched(tmp_path, capsys):
    path = tmp_path / "media-or-network.answers.json"
    path.write_text("{ damaged")
    assert board_points(BOARD_KEY, path) == (0, 8)
    assert "not valid JSON" in capsys.readouterr().out
    assert path.read_text() == "{ damaged"


def test_board_points_ignores_made_up_cards_and_bins(capsys):
    answers = {"lesson01-assessment": {"Telegram": MEDIUM, "Made up": MEDIUM, "Snapchat": "Elsewhere", "LinkedIn": 3}}
    assert board_points(BOARD_KEY, answers) == (1, 8)
    out = capsys.readouterr().out
    assert "'Made up'" in out and "'Elsewhere'" in out
    assert board_points(BOARD_KEY, {"lesson01-assessment": ["not", "a", "board"]}) == (0, 8)


def test_board_points_refuses_a_key_without_answers():
    with pytest.raises(ValueError, match="has no answers"):
        board_points(STUDENT_COPY, {})


# -- question points -----------------------------------------------------------------


@pytest.mark.parametrize(
    "qid, answer, points",
    [
        ("a3-most-friends", "Pia", 1),
        ("a3-most-friends", " pia ", 1),
        ("a3-most-friends", ["Pia", 6], 1),  # a (name, degree) pair, saved as a list
        ("a3-most-friends", "Ben", 0),
        ("a3-ben-ties", 5, 1),
        ("a3-ben-ties", "5", 1),
        ("a3-ben-ties", 5.0, 1),
        ("a3-ben-ties", 6, 0),
        ("a3-karate-distance", 5, 1),
        ("a3-pia-neighbours", ["Dev", "Elif", "Maya", "Omar", "Sami", "Tariq"], 1),
        ("a3-pia-neighbours", "Dev, Elif, Maya, Omar, Sami, Tariq", 1),
        ("a3-pia-neighbours", ["Dev", "Elif"], 0),
        ("a3-pia-neighbours", ["Nobody"], 0),
        ("a3-broker", "BEN", 1),
        ("a3-broker", {"Ben": 0.41}, 1),
        ("a3-broker", 42, 0),
        ("a3-broker", {"odd": [1, {"x": None}]}, 0),
    ],
)
def test_question_points(qid, answer, points):
    assert question_points(QUESTION_KEY, {qid: answer}, qid) == (points, 1)


def test_question_points_from_a_file_with_weights(store):
    store.save("a3-broker", "Ben")
    assert question_points(QUESTION_KEY, store, "a3-broker", points=2) == (2, 2)
    assert question_points(QUESTION_KEY, store.path, "a3-ben-ties") == (0, 1)


def test_question_points_with_a_question_built_in_python():
    q = Question(id="q", prompt="How many?", kind="number", answer=3, explanation="Three.")
    assert question_points(q, {"q": 3}, "q") == (1, 1)
    assert question_points({"q": q}, {"q": 4}, "q") == (0, 1)
    with pytest.raises(KeyError, match="the key has no question 'r'"):
        question_points(q, {}, "r")


# -- keys and rows for reports ---------------------------------------------------------


def test_load_keys_shipped_and_instructor():
    keys = load_keys(KEYS)
    assert {"lesson01-media-or-network", "lesson02-tie-types", "lesson01-assessment"} <= set(keys.boards)
    assert keys.questions["karate-most-ties"][1] == "lesson05-bridges-and-brokers"
    assert keys.questions["a3-broker"][1] == "lesson03-assessment"
    assert keys.problems == []
    only = load_keys(BOARD_KEY, shipped=False)
    assert list(only.boards) == ["lesson01-assessment"] and only.questions == {}


def test_load_keys_notes_files_that_are_not_keys(tmp_path):
    (tmp_path / "garbage.json").write_text("{ no")
    (tmp_path / "list.json").write_text("[]")
    (tmp_path / "broken.json").write_text(json.dumps({"id": "x", "bins": ["a"], "sources": {}, "items": []}))
    (tmp_path / "badq.json").write_text(json.dumps({"questions": [{"id": "q"}]}))
    (tmp_path / "student-copy.json").write_text(STUDENT_COPY.read_text())
    keys = load_keys(tmp_path, shipped=False)
    assert keys.boards == {} and keys.questions == {}
    text = "\n".join(keys.problems)
    assert len(keys.problems) == 5
    for words in (
        "not a readable JSON file",
        "neither an exercise nor a questions file",
        "at least two bins",
        "missing field 'prompt'",
        "has no answers (a student's copy)",
    ):
        assert words in text


def test_grade_answers_rows_for_cards_and_questions():
    keys = load_keys(KEYS)
    rows, problems = grade_answers(
        {
            "lesson01-assessment": {"Telegram": MEDIUM, "Snapchat": NETWORK, "Nope": MEDIUM},
            "a3-broker": "Ben",
            "a3-ben-ties": 7,
            "something-else": 1,
        },
        keys,
        student="ada",
        file="x.answers.json",
    )
    board = [r for r in rows if r.exercise == "lesson01-assessment"]
    assert len(board) == 8 and {r.student for r in rows} == {"ada"}
    by_item = {r.item: r for r in board}
    assert (
        by_item["Telegram"].status,
        by_item["Snapchat"].status,
        by_item["A podcast app where listeners comment on episodes and reply to each other"].status,
    ) == ("right", "wrong", "unplaced")
    assert by_item["LinkedIn"].right_answer == f"{MEDIUM} | {NETWORK}"
    questions = {r.item: r for r in rows if r.kind == "question"}
    assert set(questions) == {"a3-most-friends", "a3-ben-ties", "a3-karate-distance", "a3-pia-neighbours", "a3-broker"}
    assert questions["a3-broker"].status == "right" and questions["a3-broker"].answer == '"Ben"'
    assert questions["a3-ben-ties"].status == "wrong"
    assert questions["a3-most-friends"].status == "unanswered" and questions["a3-most-friends"].answer == ""
    assert {r.exercise for r in questions.values()} == {"lesson03-assessment"}
    assert any("'Nope'" in p for p in problems) and any("no key for exercise 'something-else'" in p for p in problems)


# -- one student's variant ------------------------------------------------------------


def shown_key(tmp_path, show=4) -> Path:
    path = tmp_path / "shown.json"
    path.write_text(json.dumps(BOARD_DATA | {"show": show}), encoding="utf-8")
    return path


def test_a_key_with_show_is_read_and_a_bad_show_is_a_problem(tmp_path):
    keys = load_keys(shown_key(tmp_path), shipped=False)
    ex = keys.boards[BOARD_DATA["id"]]
    assert ex.show == autograde.board_show(ex, keys) == 4 and keys.problems == []
    assert autograde.board_show(load_exercise(BOARD_KEY), load_keys(BOARD_KEY, shipped=False)) is None
    for bad, words in (
        (0, "'show' must be a whole number"),
        (9, "'show' is 9, so the bank needs"),
        ("4", "whole"),
        (True, "whole"),
    ):
        bad_keys = load_keys(shown_key(tmp_path, bad), shipped=False)
        assert BOARD_DATA["id"] not in bad_keys.boards and "shown.json: show: " in bad_keys.problems[0]


def test_only_the_students_own_cards_are_marked(tmp_path):
    keys = load_keys(shown_key(tmp_path), shipped=False)
    ex = keys.boards[BOARD_DATA["id"]]
    mine = [i.label for i in autograde.variant_items(ex, "ada", 4)]
    assert len(mine) == 4 and mine != [i.label for i in autograde.variant_items(ex, "bo", 4)]
    everything_right = {i.label: i.answers[0] for i in ex.items}
    feedback, notes = autograde.mark_board(ex, everything_right, "ada", 4)
    assert [r.label for r in feedback.results] == mine and feedback.right == 4
    assert "ignored 4 card(s) not in this student's board" in notes[0]
    rows, problems = grade_answers({ex.id: everything_right}, keys, student="ada")  # the report's rows
    assert sorted(r.item for r in rows) == sorted(mine) and all(r.status == "right" for r in rows)
    assert any("not in this student's board" in p for p in problems)


def test_a_question_is_bound_to_the_student_when_it_can_be():
    class PerStudent:
        id = "q"

        def for_student(self, student):
            return Question(id="q", prompt="?", kind="number", answer=len(student), explanation="e")

    assert autograde.mark_question(PerStudent(), 3, "ada") == ("right", "")
    assert autograde.mark_question(PerStudent(), 3, "bobby")[0] == "wrong"
    plain = Question(id="p", prompt="?", kind="number", answer=3, explanation="e")
    assert autograde.bind_question(plain, "ada") is plain


def test_a_huge_or_odd_answer_is_wrong_without_being_checked():
    q = Question(id="p", prompt="Who?", kind="people", answer=["Ana", "Ben"], explanation="e")
    status, note = autograde.mark_question(q, " " * 10_000_000 + "Ana, Ben")
    assert status == "wrong" and "10,000,008 characters long" in note and "not checked" in note
    assert autograde.mark_question(q, None) == ("unanswered", "")
    assert autograde.mark_question(q, {"a": {"b": [1, 2]}})[0] == "wrong"


def test_grading_writes_nothing_to_stderr_even_when_a_library_warns(monkeypatch, capsys):
    # nbgrader gives 0 points to a grading cell with any output on stderr.
    import warnings

    from smlessons.exercises import questions as checks

    original = checks.Question.evaluate

    def noisy(self, answer):
        warnings.warn("some library changed its mind", FutureWarning, stacklevel=2)
        return original(self, answer)

    monkeypatch.setattr(checks.Question, "evaluate", noisy)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning that escaped would raise here
        assert question_points(QUESTION_KEY, {"a3-broker": "Ben"}, "a3-broker") == (1, 1)
        assert board_points(BOARD_KEY, {"lesson01-assessment": {"Telegram": MEDIUM}}) == (1, 8)
    assert capsys.readouterr().err == ""
