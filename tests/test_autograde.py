"""smlessons.autograde: points for nbgrader cells and rows for reports, read
from answer files without ever changing them."""

import doctest
import json
from pathlib import Path

import pytest

from smlessons import SortingBoard, autograde
from smlessons.answers import AnswerStore
from smlessons.autograde import (
    AnswerFileError,
    board_points,
    find_key,
    grade_answers,
    load_keys,
    question_points,
    read_answer_file,
)
from smlessons.checks import Question
from smlessons.datafiles import EXERCISES_DIR, load_exercise

ROOT = Path(__file__).resolve().parents[1]
KEYS = ROOT / "instructors" / "keys"
BOARD_KEY = KEYS / "lesson01_assessment.json"
QUESTION_KEY = KEYS / "lesson03_assessment.json"
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
        (b'{"format": "smlessons-answers", "version": 1, "exercises": {"a": 1}}', "has no 'answer'"),
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
    assert find_key("lesson01_assessment", start=ROOT / "instructors" / "source" / "lesson1") == BOARD_KEY


# -- board points --------------------------------------------------------------------


def test_board_points_a_point_per_right_card_contested_either_bin(store):
    board = SortingBoard.from_exercise(str(ROOT / "instructors" / "source" / "lesson1" / "lesson01_assessment.json"), answers=store)
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
        board_points(ROOT / "instructors" / "source" / "lesson1" / "lesson01_assessment.json", {})


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
    student_copy = ROOT / "instructors" / "source" / "lesson1" / "lesson01_assessment.json"
    (tmp_path / "student-copy.json").write_text(student_copy.read_text())
    keys = load_keys(tmp_path, shipped=False)
    assert keys.boards == {} and keys.questions == {}
    text = "\n".join(keys.problems)
    assert len(keys.problems) == 5
    for words in ("not a readable JSON file", "neither an exercise nor a questions file", "at least two bins",
                  "missing field 'prompt'", "has no answers (a student's copy)"):
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
    assert (by_item["Telegram"].status, by_item["Snapchat"].status, by_item["A podcast app where listeners comment on episodes and reply to each other"].status) == ("right", "wrong", "unplaced")
    assert by_item["LinkedIn"].right_answer == f"{MEDIUM} | {NETWORK}"
    questions = {r.item: r for r in rows if r.kind == "question"}
    assert set(questions) == {"a3-most-friends", "a3-ben-ties", "a3-karate-distance", "a3-pia-neighbours", "a3-broker"}
    assert questions["a3-broker"].status == "right" and questions["a3-broker"].answer == '"Ben"'
    assert questions["a3-ben-ties"].status == "wrong"
    assert questions["a3-most-friends"].status == "unanswered" and questions["a3-most-friends"].answer == ""
    assert {r.exercise for r in questions.values()} == {"lesson03-assessment"}
    assert any("'Nope'" in p for p in problems) and any("no key for exercise 'something-else'" in p for p in problems)


def test_docstring_examples_run():
    result = doctest.testmod(autograde)
    assert result.attempted >= 5 and result.failed == 0


def test_grading_writes_nothing_to_stderr_even_when_a_library_warns(monkeypatch, capsys):
    # nbgrader gives 0 points to a grading cell with any output on stderr.
    import warnings

    from smlessons import checks

    original = checks.Question.evaluate

    def noisy(self, answer):
        warnings.warn("some library changed its mind", FutureWarning)
        return original(self, answer)

    monkeypatch.setattr(checks.Question, "evaluate", noisy)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning that escaped would raise here
        assert question_points(QUESTION_KEY, {"a3-broker": "Ben"}, "a3-broker") == (1, 1)
        assert board_points(BOARD_KEY, {"lesson01-assessment": {"Telegram": MEDIUM}}) == (1, 8)
    assert capsys.readouterr().err == ""
