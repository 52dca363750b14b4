"""smlessons.instructor.grader: every mark from the handed-in answer files and the course's keys.

A small course of our own is built in a temporary folder (a board of 6
cards showing 3 to each student, a number question and a person question)
so that each rule can be checked by hand: only the student's own cards
count, exercises not in the assignment are ignored, a damaged file or a
10 MB answer never stops grading, the roster brings in absent students. The
sample course in instructors/ is checked for its grade cells. nbgrader
itself is exercised in test_nbgrader_course.py.
"""

from __future__ import annotations

import csv
import json
import os
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from smlessons.exercises.answers import AnswerStore
from smlessons.instructor import grader
from smlessons.instructor.grader import (
    ABSENT,
    Course,
    GradedOutsideError,
    grade_class,
    grade_submission,
    graded_outside,
    read_grade_cells,
    shorten,
    write_marks_csv,
    write_totals_csv,
)
from smlessons.variants import board_cards

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "instructors"
BINS = ["Social medium (a means)", "Social network (people and ties)"]
CARDS = {  # label -> right bins
    "Telegram": [BINS[0]],
    "A choir": [BINS[1]],
    "Snapchat": [BINS[0]],
    "Neighbours who lend tools": [BINS[1]],
    "LinkedIn": BINS,
    "Readers who forward a newsletter": [BINS[1]],
}
BOARD = "t01-board"


def grade_cell(exercise: str, points: float, grade_id: str):
    source = (
        "# Graded from your answer file after you hand in.\n### BEGIN HIDDEN TESTS\n"
        f'from smlessons.instructor.grader import graded_outside\ngraded_outside("{exercise}")\n### END HIDDEN TESTS'
    )
    return new_code_cell(
        source,
        metadata={
            "nbgrader": {
                "grade": True,
                "solution": False,
                "locked": True,
                "points": points,
                "grade_id": grade_id,
                "schema_version": 3,
                "task": False,
            }
        },
    )


def make_course(root: Path, board_points: float = 3, show: int | None = 3) -> Path:
    """A course with one assignment "a1" (notebook "quiz"): a board and two questions."""
    (root / "keys").mkdir(parents=True)
    (root / "source" / "a1").mkdir(parents=True)
    board = {
        "id": BOARD,
        "title": "t",
        "prompt": "p",
        "bins": BINS,
        "sources": {"s": "A source."},
        "policy": {
            "bins": {"medium": BINS[0], "network": BINS[1]},
            "clauses": [
                {"id": "M1", "name": "m", "text": "t", "right": ["medium"]},
                {"id": "N1", "name": "n", "text": "t", "right": ["network"]},
                {"id": "C1", "name": "c", "text": "t", "right": ["medium", "network"]},
            ],
        },
        "items": [
            {
                "label": label,
                "answer": right if len(right) > 1 else right[0],
                "explanation": "e",
                "source": "s",
                "clause": "C1" if len(right) > 1 else ("M1" if right == [BINS[0]] else "N1"),
            }
            for label, right in CARDS.items()
        ],
    }
    if show is not None:
        board["show"] = show
    (root / "keys" / "t01_board.json").write_text(json.dumps(board))
    questions = {
        "id": "t01-questions",
        "questions": [
            {"id": "t01-ties", "prompt": "How many?", "kind": "number", "answer": 5, "explanation": "Five."},
            {"id": "t01-who", "prompt": "Who?", "kind": "person", "answer": "Pia", "explanation": "Pia."},
        ],
    }
    (root / "keys" / "t01_questions.json").write_text(json.dumps(questions))
    nb = new_notebook(
        cells=[
            new_code_cell("answers = ..."),
            grade_cell(BOARD, board_points, "board-points"),
            grade_cell("t01-ties", 1, "q1-points"),
            grade_cell("t01-who", 1, "q2-points"),
        ]
    )
    nbformat.write(nb, root / "source" / "a1" / "quiz.ipynb")
    return root


@pytest.fixture
def course(tmp_path):
    return make_course(tmp_path / "course")


def hand_in(course: Path, student: str, answers: dict, layout: str = "nbgrader", as_student: str | None = None) -> Path:
    """Save `answers` as `as_student` (default: `student`) would, in `student`'s hand-in folder."""
    folder = course / "submitted" / student / "a1" if layout == "nbgrader" else course / "collected" / student
    store = AnswerStore("quiz", folder=folder)
    before = os.environ.get("SMLESSONS_STUDENT")
    os.environ["SMLESSONS_STUDENT"] = as_student or student
    try:
        for exercise, answer in answers.items():
            store.save(exercise, answer)
    finally:
        if before is None:
            os.environ.pop("SMLESSONS_STUDENT")
        else:
            os.environ["SMLESSONS_STUDENT"] = before
    return folder


def cards_of(student: str, show: int = 3) -> list[str]:
    return board_cards(list(CARDS), show, student, BOARD)


def wrong_bin(label: str):
    others = [b for b in BINS if b not in CARDS[label]]
    return others[0] if others else None


# -- graded_outside ---------------------------------------------------------------------


def test_graded_outside_always_raises_a_clear_runtime_error():
    with pytest.raises(RuntimeError, match="graded outside the notebook.*scores 0 unless nbgrader runs with"):
        graded_outside("a04-degree")
    assert issubclass(GradedOutsideError, RuntimeError)


def test_shorten_keeps_200_characters_and_notes_the_length():
    assert shorten("x" * 200) == "x" * 200
    long = shorten("y" * 10_000_000)
    assert long.startswith("y" * 200) and "10,000,000 characters" in long and len(long) < 240


# -- the assignment's structure comes from its grade cells ------------------------------


def test_grade_cells_give_the_exercises_and_their_points(course):
    cells, problems = read_grade_cells(course / "source" / "a1" / "quiz.ipynb", "a1")
    assert problems == []
    assert [(c.exercise, c.points, c.notebook) for c in cells] == [
        (BOARD, 3, "quiz"),
        ("t01-ties", 1, "quiz"),
        ("t01-who", 1, "quiz"),
    ]
    plan = Course.load(course).assignments["a1"]
    assert plan.out_of == 5 and plan.notebooks == ["quiz"]


def test_a_grade_cell_that_does_not_call_graded_outside_is_a_course_problem(course):
    path = course / "source" / "a1" / "quiz.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[2].source = "from smlessons.instructor.autograde import question_points\nquestion_points(...)"
    nbformat.write(nb, path)
    loaded = Course.load(course)
    assert [c.exercise for c in loaded.assignments["a1"].cells] == [BOARD, "t01-who"]
    assert any("does not call graded_outside" in p for p in loaded.problems)


def test_a_grade_cell_without_a_key_scores_0_and_is_noted(course):
    path = course / "source" / "a1" / "quiz.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(grade_cell("t01-missing", 2, "q3-points"))
    nbformat.write(nb, path)
    hand_in(course, "ada", {"t01-missing": "anything"})
    sub = grade_submission(course / "submitted" / "ada" / "a1", "ada", "a1", course)
    missing = sub.marks[-1]
    assert (missing.points, missing.out_of, missing.status) == (0, 2, "no key")
    assert any("no key in keys/ for t01-missing" in p for p in Course.load(course).problems)


def test_points_that_differ_from_the_key_are_scaled_and_the_course_is_told(tmp_path):
    course = make_course(tmp_path / "c", board_points=6)  # 3 cards shown, 6 points: 2 a card
    mine = cards_of("ada")
    hand_in(course, "ada", {BOARD: {mine[0]: CARDS[mine[0]][0]}})
    sub = grade_submission(course / "submitted" / "ada" / "a1", "ada", "a1", course)
    assert (sub.marks[0].points, sub.marks[0].out_of) == (2, 6)
    assert any("marks are scaled" in p for p in Course.load(course).problems)


def test_every_grade_cell_of_the_sample_course_is_graded_outside_with_the_keys_points():
    """Each grade cell's points equal the grader's out_of: nbgrader and the CLI agree by construction."""
    sample = Course.load(SAMPLE)
    assert sample.assignments, "the sample course has assignments"
    found = 0
    for name, plan in sample.assignments.items():
        for nb in sorted((SAMPLE / "source" / name).glob("*.ipynb")):
            raw = nbformat.read(nb, as_version=4)
            for cell in raw.cells:
                meta = cell.metadata.get("nbgrader", {})
                if meta.get("grade"):
                    found += 1
                    assert "graded_outside(" in cell.source, (
                        f"{nb.name}: {meta['grade_id']} is graded inside the kernel"
                    )
                    assert "### BEGIN HIDDEN TESTS" in cell.source and meta.get("locked") and not meta.get("solution")
        for cell in plan.cells:
            assert sample.kind(cell.exercise), f"{name}: no key for {cell.exercise}"
            assert cell.points == sample.natural_out_of(cell.exercise), cell
    assert found == sum(len(p.cells) for p in sample.assignments.values()) > 0
    assert sample.problems == []


# -- marks: hand-computed ----------------------------------------------------------------


def test_only_the_students_own_cards_count_and_others_are_noted(course):
    mine = cards_of("ada")
    assert mine != cards_of("bo")  # two students' boards differ
    not_mine = next(label for label in CARDS if label not in mine)
    answer = {mine[0]: CARDS[mine[0]][0], not_mine: CARDS[not_mine][0]}  # one right card of hers, one not hers
    if wrong_bin(mine[1]):
        answer[mine[1]] = wrong_bin(mine[1])
    hand_in(course, "ada", {BOARD: answer, "t01-ties": 5, "t01-who": "nobody"})
    sub = grade_submission(course / "submitted" / "ada" / "a1", "ada", "a1", course)
    board, ties, who = sub.marks
    assert (board.points, board.out_of, board.status) == (1, 3, "partly right")
    assert any("not in this student's board" in p and not_mine in p for p in board.problems)
    assert (ties.points, ties.status) == (1, "right")
    assert (who.points, who.status) == (0, "wrong")
    assert (sub.points, sub.out_of) == (2, 5)


def test_a_key_without_show_grades_every_card(tmp_path):
    course = make_course(tmp_path / "c", board_points=6, show=None)
    hand_in(course, "ada", {BOARD: {label: right[0] for label, right in CARDS.items()}})
    sub = grade_submission(course / "submitted" / "ada" / "a1", "ada", "a1", course)
    assert (sub.marks[0].points, sub.marks[0].out_of, sub.marks[0].status) == (6, 6, "right")


def test_the_student_is_the_folders_never_the_id_in_the_file(course):
    mine = cards_of("ada")
    folder = hand_in(course, "ada", {BOARD: {c: CARDS[c][0] for c in mine}})
    as_ada = grade_submission(folder, "ada", "a1", course)
    as_bo = grade_submission(folder, "bo", "a1", course)
    assert as_ada.marks[0].points == 3 and as_bo.marks[0].points < 3
    assert json.loads((folder / "quiz.answers.json").read_text())["student"] == "ada"
    assert not as_ada.errors
    error = (
        "ERROR: quiz.answers.json: answered as 'ada', handed in as 'bo': marked on bo's cards; "
        "the marks are not meaningful until this is resolved"
    )
    assert as_bo.errors == [error] and as_bo.problems[0] == error
    assert all(m.problems[0] == error for m in as_bo.marks)


def test_answers_given_as_another_student_are_an_error_in_every_output(course, tmp_path):
    mine = cards_of("root")  # all right, on root's cards
    hand_in(course, "ben", {BOARD: {c: CARDS[c][0] for c in mine}}, as_student="root")
    hand_in(course, "ada", {"t01-ties": 5})
    grades = grade_class(course / "submitted", course)
    ben = grades.submission("ben", "a1")
    assert ben.marks[0].points == len(set(mine) & set(cards_of("ben")))  # on ben's cards, as the folder says
    assert (
        grades.errors() == [f"ben, a1: {ben.errors[0]}"] and "answered as 'root', handed in as 'ben'" in ben.errors[0]
    )
    rows = list(csv.DictReader(open(write_marks_csv(grades, tmp_path / "marks.csv"), encoding="utf-8")))
    assert all(
        r["problems"].startswith("ERROR: quiz.answers.json: answered as 'root'") for r in rows if r["student"] == "ben"
    )
    assert not any("ERROR" in r["problems"] for r in rows if r["student"] == "ada")


@pytest.mark.parametrize("recorded", [None, 7, ["ada"], {"id": "ada"}])
def test_a_student_field_that_is_not_text_is_a_problem_not_a_crash(course, recorded):
    folder = hand_in(course, "ada", {"t01-ties": 5})
    doc = json.loads((folder / "quiz.answers.json").read_text())
    doc["student"] = recorded
    (folder / "quiz.answers.json").write_text(json.dumps(doc))
    sub = grade_submission(folder, "ada", "a1", course)
    assert sub.points == 1 and not sub.errors
    assert any("its 'student' is" in p and "not a student id" in p for p in sub.problems)


def test_an_older_file_without_a_student_is_graded_without_error(course):
    folder = hand_in(course, "ada", {"t01-ties": 5})
    doc = json.loads((folder / "quiz.answers.json").read_text())
    del doc["student"]
    (folder / "quiz.answers.json").write_text(json.dumps(doc))
    sub = grade_submission(folder, "ada", "a1", course)
    assert sub.points == 1 and not sub.errors and not any("student" in p for p in sub.problems)


def test_a_mark_keeps_when_its_answer_was_saved_and_how_many_cards_were_right(course):
    mine = cards_of("ada")
    folder = hand_in(course, "ada", {BOARD: {mine[0]: CARDS[mine[0]][0]}, "t01-ties": 5})
    doc = json.loads((folder / "quiz.answers.json").read_text())
    doc["exercises"]["t01-ties"]["saved"] = "2026-11-29T08:06:00+00:00"
    (folder / "quiz.answers.json").write_text(json.dumps(doc))
    board, ties, who = grade_submission(folder, "ada", "a1", course).marks
    assert (board.placed_right, board.cards) == (1, 3) and board.saved
    assert (ties.saved, ties.answer) == ("2026-11-29T08:06:00+00:00", "5")
    assert (who.saved, who.placed_right) == ("", None)


def test_exercises_that_are_not_in_the_assignment_are_ignored_and_noted(course):
    extra = {f"made-up-{i}": 100 for i in range(8)} | {"x" * 120: 1}
    hand_in(course, "ada", {"t01-ties": 5, **extra})
    sub = grade_submission(course / "submitted" / "ada" / "a1", "ada", "a1", course)
    assert (sub.points, sub.out_of) == (1, 5)
    assert len(sub.marks) == 3
    note = next(p for p in sub.problems if "ignored" in p)
    assert "9 exercise(s) that are not in a1" in note and "and 4 more" in note and len(note) < 500


def test_a_hand_edited_board_with_odd_values_never_crashes(course):
    mine = cards_of("ada")
    odd = {mine[0]: CARDS[mine[0]][0], mine[1]: ["a", "list"], mine[2]: {"a": "dict"}, "Not a card": BINS[0]}
    hand_in(course, "ada", {BOARD: odd, "t01-who": {"deep": [[["x"]]]}})
    sub = grade_submission(course / "submitted" / "ada" / "a1", "ada", "a1", course)
    assert [m.points for m in sub.marks] == [1, 0, 0]
    for board in ("not a board's answer", [1, 2], "text", 5):
        hand_in(course, "bo", {BOARD: board})
        assert grade_submission(course / "submitted" / "bo" / "a1", "bo", "a1", course).points == 0


@pytest.mark.parametrize("content", [b"{ nope", b"\xff\xfe", b'{"format": "other"}', b"[" * 100_000, b""])
def test_an_unreadable_answer_file_scores_0_is_noted_and_stays_as_it_is(course, content):
    folder = course / "submitted" / "ada" / "a1"
    folder.mkdir(parents=True)
    (folder / "quiz.answers.json").write_bytes(content)
    sub = grade_submission(folder, "ada", "a1", course)
    assert sub.status == "graded" and (sub.points, sub.out_of) == (0, 5)
    assert sub.problems and "quiz.answers.json" in sub.problems[0]
    assert (folder / "quiz.answers.json").read_bytes() == content
    assert [p.name for p in folder.iterdir()] == ["quiz.answers.json"]


def test_an_answer_file_handed_in_without_its_notebook_is_graded_and_noted(course):
    folder = hand_in(course, "ada", {"t01-ties": 5})
    sub = grade_submission(folder, "ada", "a1", course)
    assert sub.points == 1 and any("quiz.ipynb is not in the hand-in" in p for p in sub.problems)
    (folder / "quiz.ipynb").write_text("{}")
    assert not grade_submission(folder, "ada", "a1", course).problems


def test_a_hand_in_without_an_answer_file_scores_0_and_says_so(course):
    folder = course / "submitted" / "ada" / "a1"
    folder.mkdir(parents=True)
    sub = grade_submission(folder, "ada", "a1", course)
    assert sub.status == "graded" and sub.points == 0 and "was not handed in" in sub.problems[0]


def test_a_10_mb_answer_is_fast_cut_in_the_csv_and_never_crashes(course, tmp_path):
    huge = "5" + " " * 10_000_000
    hand_in(course, "ada", {"t01-ties": huge, "t01-who": "Pia", BOARD: {"x" * 10_000_000: BINS[0]}})
    start = time.perf_counter()
    grades = grade_class(course / "submitted", course)
    elapsed = time.perf_counter() - start
    assert elapsed < 3, elapsed
    sub = grades.submission("ada", "a1")
    assert (sub.points, sub.out_of) == (1, 5)  # the huge answers are not checked; Pia is right
    ties = sub.marks[1]
    assert ties.status == "wrong" and "not checked" in ties.problems[0]
    path = write_marks_csv(grades, tmp_path / "marks.csv")
    assert path.stat().st_size < 10_000
    with open(path, newline="", encoding="utf-8") as fh:  # the csv module's default field limit
        rows = list(csv.DictReader(fh))
    answer = next(r["answer"] for r in rows if r["exercise"] == "t01-ties")
    assert answer.startswith("5 ") and "10,000,001 characters" in answer and len(answer) <= 230


def test_an_answer_that_looks_like_a_formula_is_never_run_by_a_spreadsheet(course, tmp_path):
    hand_in(course, "ada", {"t01-who": '=HYPERLINK("http://x.example","Pia")', "t01-ties": -5})
    path = write_marks_csv(grade_class(course / "submitted", course), tmp_path / "m.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        answers = {r["exercise"]: r["answer"] for r in csv.DictReader(fh)}
    assert answers["t01-who"].startswith("'=HYPERLINK") and answers["t01-ties"] == "-5"


def test_grading_never_writes_in_the_hand_in(course):
    hand_in(course, "ada", {"t01-ties": 5})
    (course / "submitted" / "ada" / "a1" / "quiz.answers.corrupt-20260101T000000.json").write_text("{")
    before = {p: p.read_bytes() for p in (course / "submitted").rglob("*") if p.is_file()}
    grade_class(course / "submitted", course)
    after = {p: p.read_bytes() for p in (course / "submitted").rglob("*") if p.is_file()}
    assert after == before


# -- a class -------------------------------------------------------------------------------


def test_roster_students_who_handed_in_nothing_are_absent(course):
    hand_in(course, "ada", {"t01-ties": 5})
    hand_in(course, "zed", {"t01-ties": 4})  # not on the roster
    (course / "roster.csv").write_text(
        "id,first_name,last_name,email,lms_user_id\nada,Ada,L,a@x.org,1\nbo,Bo,C,b@x.org,2\n"
    )
    grades = grade_class(course / "submitted", course, roster=course / "roster.csv")
    assert grades.students == ["ada", "bo", "zed"]
    bo = grades.submission("bo", "a1")
    assert (bo.status, bo.points, bo.out_of) == (ABSENT, 0, 5)
    assert all(m.status == ABSENT for m in bo.marks)
    assert grades.totals() == {"ada": {"a1": (1, 5)}, "bo": {}, "zed": {"a1": (0, 5)}}
    assert any("'zed' handed in but is not on the roster" in p for p in grades.problems)
    assert grades.submission("zed", "a1").errors


def test_a_misspelt_folder_is_an_error_naming_the_closest_roster_id(course):
    hand_in(course, "Bo", {"t01-ties": 5})
    hand_in(course, "adda", {"t01-ties": 5})
    hand_in(course, "xyzzy", {"t01-ties": 5})
    (course / "roster.csv").write_text("id\nada\nbo\n")
    grades = grade_class(course / "submitted", course, roster=course / "roster.csv")
    errors = grades.errors()
    bo = next(e for e in errors if e.startswith("ERROR: 'Bo'"))
    assert "did you mean 'bo'? rename the folder submitted/Bo to submitted/bo" in bo
    assert "the marks are not meaningful until the folder is renamed" in bo
    assert any("did you mean 'ada'" in e for e in errors if e.startswith("ERROR: 'adda'"))
    xyzzy = next(e for e in errors if e.startswith("ERROR: 'xyzzy'"))
    assert "did you mean" not in xyzzy
    assert grades.submission("Bo", "a1").errors and not grades.submission("bo", "a1").errors


def test_the_assignments_graded_default_to_those_handed_out_else_handed_in(course):
    (course / "source" / "a2").mkdir()
    nb = nbformat.read(course / "source" / "a1" / "quiz.ipynb", as_version=4)
    nbformat.write(nb, course / "source" / "a2" / "quiz.ipynb")
    (course / "source" / "a3").mkdir()
    nbformat.write(nb, course / "source" / "a3" / "quiz.ipynb")
    assert grader.default_assignments(course)[0] == ["a1", "a2", "a3"]  # nothing out, nothing in
    hand_in(course, "ada", {"t01-ties": 5})
    assert grader.default_assignments(course)[0] == ["a1"]
    (course / "exchange" / "c" / "outbound" / "a3").mkdir(parents=True)
    (course / "release" / "a2").mkdir(parents=True)
    names, why = grader.default_assignments(course)
    assert names == ["a2", "a3"] and "handed out" in why
    grades = grade_class(course / "submitted", course, assignments=["a1", "a3"])
    assert grades.assignments == ["a1", "a3"] and set(grades.out_of()) == {"a1", "a3"}
    assert {s.assignment for s in grades.submissions} == {"a1", "a3"}
    with pytest.raises(KeyError, match="lesson9"):
        grade_class(course / "submitted", course, assignments=["lesson9"])


def test_a_plain_collected_folder_is_graded_like_nbgrader_s(course):
    mine = cards_of("ada")
    answers = {BOARD: {c: CARDS[c][0] for c in mine}, "t01-who": " pia"}
    hand_in(course, "ada", answers)
    plain = hand_in(course, "ada", answers, layout="plain")
    nested = course / "collected" / "bo" / "deep" / "er"
    AnswerStore("quiz", folder=nested).save("t01-ties", "5")
    a = grade_class(course / "submitted", course).submission("ada", "a1")
    b = grade_class(course / "collected", course)
    assert plain.is_dir()
    assert (b.submission("ada", "a1").points, a.points) == (4, 4)
    assert b.submission("bo", "a1").points == 1


def test_totals_csv_has_a_row_per_student_and_assignment(course, tmp_path):
    hand_in(course, "ada", {"t01-ties": 5})
    grades = grade_class(course / "submitted", course, roster=["ada", "bo"])
    with open(write_totals_csv(grades, tmp_path / "g.csv"), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["student"], r["assignment"], r["points"], r["out_of"], r["status"]) for r in rows] == [
        ("ada", "a1", "1", "5", "graded"),
        ("bo", "a1", "0", "5", "absent"),
    ]


def test_a_network_question_is_bound_to_each_student(course):
    """A question with for_student (a network built from the student's id) is asked as that student was."""

    class PerStudent:
        id, kind, points = "t01-ties", "number", 1

        def for_student(self, student):
            from smlessons.exercises import Question

            return Question(id=self.id, prompt="?", kind="number", answer=len(student), explanation="e")

    loaded = Course.load(course)
    loaded.keys.questions["t01-ties"] = (PerStudent(), "t01-questions")
    hand_in(course, "ada", {"t01-ties": 3})
    hand_in(course, "bobby", {"t01-ties": 3})
    grades = grade_class(course / "submitted", loaded)
    assert grades.submission("ada", "a1").marks[1].points == 1
    assert grades.submission("bobby", "a1").marks[1].points == 0


def test_an_unknown_assignment_is_a_clear_error(course):
    with pytest.raises(KeyError, match="'a9' is not an assignment"):
        grade_submission(None, "ada", "a9", course)
    with pytest.raises(FileNotFoundError, match="no source/ folder"):
        Course.load(course / "keys")
