"""The nbgrader course in instructors/, graded by the real nbgrader, the CLI and the report.

A temporary copy of the course goes through generate_assignment. A class of
nine simulated students of our own design gets the release of every
assignment found in source/ (the tests discover the assignments and their
grade cells, so they keep working as assignments are added):

- ada answers everything right; bo everything wrong; cy hands in nothing;
- dee gets about half right (a pattern the test computes by hand);
- eli answers as dee and adds a cell that replaces smlessons' functions,
  swallows every error and, during grading, rewrites the answer file beside
  the notebook and the one handed in (in submitted/), and plants another;
- fay answers everything right and adds exercises and cards that do not
  exist (or are not on her board) to her answer file;
- gus answers everything right but one question, a 10 MB string;
- hal hands in wrong answers, then edits the answer cells and adds cells
  that record right answers, never run before handing in: they run only
  during autograde, when recording writes nothing;
- ivy hands in a damaged answer file for one assignment and none for the
  others;
- bo's answer files say they were answered as "root" (his login), not as bo:
  graded as bo, with an error everywhere the marks are shown.

nbgrader autogrades the class once; its marks (from the gradebook), the
``smlessons grade`` CSV and the report's totals must be identical per
student and assignment, and equal to marks computed here by hand. A second
course without the grader's preprocessor shows that the grade cells then
score 0. The release is scanned to prove that no answer key reaches a student.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from smlessons.exercises.answers import AnswerStore
from smlessons.instructor.autograde import bind_question, board_show
from smlessons.instructor.grader import Course

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "instructors"
TEMPLATE = ROOT / "smlessons" / "instructor" / "course_template" / "nbgrader_config.py"
STUB = "answer = ...  # replace ... with your answer"
STUDENTS = ["ada", "bo", "cy", "dee", "eli", "fay", "gus", "hal", "ivy"]
ABSENT = {"cy"}
SAMPLE = Course.load(COURSE)
ASSIGNMENTS = list(SAMPLE.assignments)


def _language(assignment: str) -> str:
    notebook = next((COURSE / "source" / assignment).glob("*.ipynb"))
    return json.loads(notebook.read_text(encoding="utf-8"))["metadata"].get("smlessons", {}).get("language", "en")


#: The translations (lesson1-it ...) of the English assignments. Each is autograded by the real
#: nbgrader too, but only for ITALIAN_CLASS: the same grade cells and grader as its English twin,
#: which the whole class checks; a run for nine students per assignment would double the test.
TRANSLATED = [a for a in ASSIGNMENTS if _language(a) != "en"]
ENGLISH = [a for a in ASSIGNMENTS if a not in TRANSLATED]
ITALIAN_CLASS = ["ada", "bo", "dee"]


def hands_in(student: str, assignment: str) -> bool:
    return student not in ABSENT and (assignment in ENGLISH or student in ITALIAN_CLASS)


HUGE = "5" + " " * 10_000_000
GRADED = re.compile(r"graded_outside\(")
#: The first line of a grade cell's output, in each notebook's language.
MARKED = {
    "en": "Marked from {notebook}.answers.json as handed in",
    "it": "Punteggio dal file {notebook}.answers.json consegnato",
}


def nbgrader(
    course: Path, *args: str, env: dict, check: bool = True, timeout: int = 600
) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    e = dict(os.environ)
    e.pop("JPY_SESSION_NAME", None)
    e.pop("SMLESSONS_STUDENT", None)
    # A hub may point answer files elsewhere; the assignments must not depend on it.
    e["SMLESSONS_ANSWERS_DIR"] = str(tmp_path_factory.mktemp("elsewhere"))
    e["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    # nbgrader runs the alembic command to set up its gradebook: as in an activated environment.
    e["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), e.get("PATH", "")])
    # The kernels import this checkout's smlessons.
    e["PYTHONPATH"] = os.pathsep.join([str(ROOT), e.get("PYTHONPATH", "")])
    return e


def copy_course(dest: Path) -> Path:
    generated = [line.rstrip("/") for line in (COURSE / ".gitignore").read_text().split() if line.strip()]
    shutil.copytree(COURSE, dest, ignore=shutil.ignore_patterns(*generated, "README.md"))
    return dest


@pytest.fixture(scope="module")
def course(tmp_path_factory, env):
    dest = copy_course(tmp_path_factory.mktemp("course") / "smlessons-course")
    nbgrader(dest, "generate_assignment", "*", "--force", env=env)
    return dest


# -- the class: answers chosen per student, and the marks they must get ------------------


def right_and_wrong(cell, student: str):
    """``(right answer, wrong answer, natural out of)`` of one grade cell's exercise for `student`.

    A board's answer is ``{card: bin}`` over the student's own cards (a card
    right in every bin has no wrong bin: it is left unplaced)."""
    keys = SAMPLE.keys
    if cell.exercise in keys.boards:
        ex = keys.boards[cell.exercise]
        cards = [i.label for i in ex.variant(student)]
        items = {i.label: i for i in ex.items}
        right = {c: items[c].answers[0] for c in cards}
        wrong = {c: b for c in cards for b in [next((b for b in ex.bins if b not in items[c].answers), None)] if b}
        return right, wrong, len(cards)
    q = bind_question(keys.questions[cell.exercise][0], student)
    right = q.answers()[0]
    wrong = "zz-not-an-answer" if q.kind != "choice" else next(k for k in q.options if q.evaluate(k).status != "right")
    assert q.evaluate(right).correct, (cell.exercise, right)
    assert not q.evaluate(wrong).correct, (cell.exercise, wrong)
    return right, wrong, cell.points


def plan(student: str, assignment: str):
    """What `student` hands in for `assignment`: ``({notebook: {exercise: answer}}, expected points)``.

    The expected points are worked out here, card by card and question by
    question, not by the grader."""
    cells = SAMPLE.assignments[assignment].cells
    files: dict = {c.notebook: {} for c in cells}
    expected = 0.0
    questions_seen = 0
    for k, cell in enumerate(cells):
        right, wrong, natural = right_and_wrong(cell, student)
        board = isinstance(right, dict)
        pattern = {"ada": "right", "bo": "wrong", "fay": "right", "gus": "right", "hal": "wrong", "ivy": "right"}.get(
            student, "half"
        )
        if student == "gus" and not board and questions_seen == 0:
            files[cell.notebook][cell.exercise] = HUGE  # not checked: 0
        elif pattern == "right":
            files[cell.notebook][cell.exercise] = right
            expected += cell.points
        elif pattern == "wrong":
            files[cell.notebook][cell.exercise] = wrong
        elif board:  # half: the first half of the student's cards right, the others wrong
            cards = list(right)
            half = len(cards) // 2
            files[cell.notebook][cell.exercise] = {c: right[c] for c in cards[:half]} | {
                c: wrong[c] for c in cards[half:] if c in wrong
            }
            expected += half * cell.points / natural
        else:  # half: every other question right
            files[cell.notebook][cell.exercise] = right if k % 2 == 0 else wrong
            expected += cell.points if k % 2 == 0 else 0
        if board and student == "fay":  # a made-up card, a card not on her board (placed right)
            ex = SAMPLE.keys.boards[cell.exercise]
            mine = set(right)
            others = [i for i in ex.items if i.label not in mine]
            files[cell.notebook][cell.exercise] = dict(files[cell.notebook][cell.exercise]) | {
                "A card that is in no bank": ex.bins[0],
                **({others[0].label: others[0].answers[0]} if others else {}),
            }
        questions_seen += not board
    if student == "fay":
        for notebook in files:
            files[notebook] |= {"made-up-exercise": 100, "a99-bonus": "full marks please", "x" * 300: [1, 2, 3]}
    if student == "ivy":
        expected = 0.0
    return files, expected


CHEAT = """
import glob, json, sys
import smlessons, smlessons.instructor.grader, smlessons.instructor.autograde, smlessons.exercises.questions, smlessons.exercises.answers, smlessons.exercises.recorder
everything = lambda *args, **kwargs: 1000
smlessons.instructor.grader.graded_outside = everything
for module in (smlessons.instructor.grader, smlessons.instructor.autograde):
    for name in dir(module):
        if callable(getattr(module, name)) and not name.startswith("__"):
            setattr(module, name, everything)
smlessons.instructor.autograde.board_points = lambda *a, **k: (1000, 1000)
smlessons.instructor.autograde.question_points = lambda *a, **k: (1000, 1000)
smlessons.exercises.questions.Question.evaluate = lambda self, answer: smlessons.exercises.questions.Verdict(self.id, "right", "")
import pathlib
here = pathlib.Path.cwd()  # autograded/<student>/<assignment>; the hand-in is in submitted/
handin = here.parents[2] / "submitted" / here.parent.name / here.name
for path in glob.glob("*.answers.json") + glob.glob(str(handin / "*.answers.json")):
    with open(path, "w") as fh:
        json.dump({"format": "smlessons-answers", "version": 1, "exercises": {}}, fh)
(handin / "planted.answers.json").write_text("{}")
get_ipython().set_custom_exc((BaseException,), lambda *args, **kwargs: None)
"""


def variant_probe() -> nbformat.NotebookNode:
    return new_code_cell('import os\nprint("variant of", os.environ.get("SMLESSONS_STUDENT"))')


def hal_cells(answers: dict, notebook: str) -> list:
    """Cells that record right answers, run only during autograde."""
    from smlessons.exercises.recorder import jsonable

    body = [
        "from smlessons.exercises.answers import AnswerStore",
        "from smlessons.exercises.recorder import Recorder",
        f"store = AnswerStore({notebook!r}, folder='.')",
        "record = Recorder(store)",
    ]
    for exercise, answer in answers.items():
        if isinstance(answer, dict):
            body.append(f"store.save({exercise!r}, {json.dumps(jsonable(answer))})")
        else:
            body.append(f"record({exercise!r}, {answer!r})")
    return [new_code_cell("\n".join(body))]


def edit_notebook(path: Path, student: str, right_answers: dict) -> None:
    """What a student does to the released notebook before handing it in."""
    nb = nbformat.read(path, as_version=4)
    if student == "eli":
        nb.cells.insert(0, new_code_cell(CHEAT))
    if student == "hal":  # right answers typed into the answer cells, never run
        for cell in nb.cells:
            found = re.search(r'record\("([^"]+)", answer\)', cell.source)
            if found and STUB in cell.source and found.group(1) in right_answers:
                cell.source = cell.source.replace(STUB, f"answer = {right_answers[found.group(1)]!r}")
        nb.cells.extend(hal_cells(right_answers, path.stem))
    nb.cells.append(variant_probe())
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def graded(course, env, tmp_path_factory):
    homes = tmp_path_factory.mktemp("homes")
    expected = {}
    for student in STUDENTS:
        if student in ABSENT:
            continue
        for n, assignment in enumerate(ASSIGNMENTS):
            if not hands_in(student, assignment):
                continue
            folder = homes / student / assignment
            shutil.copytree(course / "release" / assignment, folder)
            files, expected[student, assignment] = plan(student, assignment)
            for notebook, answers in files.items():
                right = {
                    c.exercise: right_and_wrong(c, student)[0]
                    for c in SAMPLE.assignments[assignment].cells
                    if c.notebook == notebook
                }
                edit_notebook(folder / f"{notebook}.ipynb", student, right)
                store = AnswerStore(notebook, folder=folder)
                if student == "ivy":
                    if n == 0:
                        store.path.write_text('{"format": "smlessons-answers", "exerc')
                    continue
                for exercise, answer in answers.items():
                    doc = (
                        json.loads(store.path.read_text())
                        if store.path.exists()
                        else {
                            "format": "smlessons-answers",
                            "version": 1,
                            "notebook": notebook,
                            "exercises": {},
                            "student": "root" if student == "bo" else student,
                        }
                    )
                    doc["exercises"][exercise] = {"answer": answer, "saved": "2026-11-29T08:00:00+00:00"}
                    store.path.write_text(json.dumps(doc))  # as the widgets and recorders write it
    # Collect: what each student hands in lands in submitted/<student>/<assignment>/.
    for student in STUDENTS:
        if student not in ABSENT:
            shutil.copytree(homes / student, course / "submitted" / student)
    handed_in = {p: p.read_bytes() for p in (course / "submitted").rglob("*") if p.is_file()}
    (course / "roster.csv").write_text(
        "id,first_name,last_name,email,lms_user_id\n"
        + "".join(f"{s},{s.title()},Student,{s}@example.org,{i}\n" for i, s in enumerate(STUDENTS, start=1))
    )
    nbgrader(course, "db", "student", "import", "roster.csv", env=env)
    # One kernel run per hand-in and notebook: 8 students x 6 English assignments, 3 x 6 Italian ones.
    result = nbgrader(course, "autograde", "*", env=env, timeout=1500)
    return {"course": course, "expected": expected, "handed_in": handed_in, "log": result.stdout + result.stderr}


def nbgrader_marks(course: Path) -> dict:
    from nbgrader.api import Gradebook, MissingEntry

    out = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "smlessons") as gb:
        for student in STUDENTS:
            for assignment in ASSIGNMENTS:
                try:
                    sub = gb.find_submission(assignment, student)
                except MissingEntry:
                    continue
                out[student, assignment] = (round(sub.score, 6), sub.max_score)
    return out


def cli_marks(course: Path, env: dict) -> tuple[dict, dict]:
    """``smlessons grade``'s marks per student and assignment (from marks.csv, checked against grades.csv)."""
    out = course / "grades"
    result = subprocess.run(
        [sys.executable, "-m", "smlessons.instructor.cli", "grade", str(course), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with open(out / "marks.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    marks: dict = {}
    status: dict = {}
    for r in rows:
        key = (r["student"], r["assignment"])
        points, out_of = marks.get(key, (0.0, 0.0))
        marks[key] = (round(points + float(r["points"]), 6), out_of + float(r["out_of"]))
        status.setdefault(key, set()).add(r["status"])
    status = {k: "absent" if v == {"absent"} else "graded" for k, v in status.items()}
    with open(out / "grades.csv", newline="", encoding="utf-8") as fh:
        grades = list(csv.DictReader(fh))
    for g in grades:  # one row per student and a column per assignment, or a row per student and assignment
        for assignment in ASSIGNMENTS:
            cell = (
                g.get(assignment) if assignment in g else (g["points"] if g.get("assignment") == assignment else None)
            )
            if cell not in (None, ""):
                assert float(cell) == marks[g["student"], assignment][0], (g, marks[g["student"], assignment])
    return {k: v for k, v in marks.items() if status[k] != "absent"}, status


def report_marks(course: Path, out: Path) -> dict:
    """The marks as the report page shows them (``smlessons report submitted --course``), read
    back from its "Marks" table; the items-right table must add up to the same for boards."""
    import html as html_lib
    import re

    from smlessons.instructor.report import build, write_report

    report = build([course / "submitted"], course=course, shipped=False)
    page = write_report(report, out)["html"].read_text(encoding="utf-8")
    table = page.split("<h2>Marks</h2>", 1)[1].split("</table>", 1)[0]
    header = [html_lib.unescape(h) for h in re.findall(r"<th>(.*?)</th>", table)]
    columns = {i: h.split(" (/")[0] for i, h in enumerate(header) if h.split(" (/")[0] in ASSIGNMENTS}
    marks: dict = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1]):
        cells = [html_lib.unescape(c) for c in re.findall(r"<td>(.*?)</td>", row)]
        for i, assignment in columns.items():
            if cells[i] != "no hand-in":
                marks[cells[0], assignment] = (float(cells[i]), SAMPLE.assignments[assignment].out_of)
    return marks


# -- three ways, one set of marks -------------------------------------------------------------


def test_the_class_is_graded_the_same_three_ways_and_as_computed_by_hand(graded, env, tmp_path):
    course = graded["course"]
    by_nbgrader = nbgrader_marks(course)
    by_cli, status = cli_marks(course, env)
    by_report = report_marks(course, tmp_path / "reports")
    handed_in = [(s, a) for s in STUDENTS for a in ASSIGNMENTS if hands_in(s, a)]
    for key in handed_in:  # shown with pytest -s
        print(
            *key,
            "nbgrader",
            by_nbgrader.get(key),
            "cli",
            by_cli.get(key),
            "report",
            by_report.get(key),
            "by hand",
            round(graded["expected"][key], 6),
        )
    assert set(by_nbgrader) == set(handed_in) == set(by_cli)
    for key in handed_in:
        expected = round(graded["expected"][key], 6)
        out_of = SAMPLE.assignments[key[1]].out_of
        assert by_nbgrader[key] == (expected, out_of), (key, "nbgrader", by_nbgrader[key], expected)
        assert by_cli[key] == (expected, out_of), (key, "smlessons grade", by_cli[key], expected)
        assert by_report[key] == (expected, out_of), (key, "report", by_report.get(key), expected)
    # The marks differ from student to student: the test can tell them apart.
    first = ASSIGNMENTS[0]
    assert by_nbgrader["ada", first][0] == SAMPLE.assignments[first].out_of > 0
    assert by_nbgrader["bo", first][0] == 0
    assert 0 < by_nbgrader["dee", first][0] < SAMPLE.assignments[first].out_of
    # Rostered, nothing handed in: absent, in the CSV, with no nbgrader submission.
    assert all(status["cy", a] == "absent" for a in ASSIGNMENTS)


def test_each_translated_assignment_is_graded_by_nbgrader_full_marks_right_and_none_wrong(graded):
    """Every Italian assignment goes through the real nbgrader: ada's right answers get all its
    points, bo's wrong ones none, dee's half some; its points are its English twin's."""
    assert TRANSLATED and all(a.endswith("-it") for a in TRANSLATED)
    marks = nbgrader_marks(graded["course"])
    for assignment in TRANSLATED:
        out_of = SAMPLE.assignments[assignment].out_of
        assert out_of == SAMPLE.assignments[assignment.removesuffix("-it")].out_of > 0
        assert marks["ada", assignment] == (out_of, out_of), assignment
        assert marks["bo", assignment] == (0, out_of), assignment
        assert 0 < marks["dee", assignment][0] < out_of, assignment
        assert ("fay", assignment) not in marks  # only ITALIAN_CLASS hands in a translation


def test_a_student_replacing_every_smlessons_function_gets_the_marks_of_his_file(graded):
    course = graded["course"]
    marks = nbgrader_marks(course)
    for assignment in ENGLISH:
        # eli answered as dee did: the same marks, worked out by hand
        assert marks["eli", assignment] == marks["dee", assignment]
        assert marks["eli", assignment][0] == round(graded["expected"]["eli", assignment], 6)
        nb = nbformat.read(
            course / "autograded" / "eli" / assignment / f"{SAMPLE.assignments[assignment].notebooks[0]}.ipynb",
            as_version=4,
        )
        assert "set_custom_exc" in nb.cells[0].source
        # His cell ran during autograde: it emptied the autograded copy of his answer file.
        for notebook in SAMPLE.assignments[assignment].notebooks:
            name = f"{notebook}.answers.json"
            copy = json.loads((course / "autograded" / "eli" / assignment / name).read_text())
            assert copy["exercises"] == {}
            assert json.loads((course / "submitted" / "eli" / assignment / name).read_text())["exercises"]


def test_re_run_cells_change_nothing_the_handed_in_file_stands(graded):
    course = graded["course"]
    marks = nbgrader_marks(course)
    for assignment in ENGLISH:
        assert marks["hal", assignment][0] == 0
        for notebook in SAMPLE.assignments[assignment].notebooks:
            name = f"{notebook}.answers.json"
            submitted = course / "submitted" / "hal" / assignment / name
            autograded = course / "autograded" / "hal" / assignment / name
            assert autograded.read_bytes() == submitted.read_bytes(), "recording wrote during autograde"
            nb = nbformat.read(course / "autograded" / "hal" / assignment / f"{notebook}.ipynb", as_version=4)
            text = json.dumps([c.get("outputs", []) for c in nb.cells])
            assert "Recorded your answer" not in text
            if any(
                c.exercise in SAMPLE.keys.questions
                for c in SAMPLE.assignments[assignment].cells
                if c.notebook == notebook
            ):
                assert "is graded from the answer file as it was handed in" in text
    assert not list((course / "autograded").rglob(".*.answers.lock"))


def test_grading_changes_no_file_handed_in(graded):
    course = graded["course"]
    now = {p: p.read_bytes() for p in (course / "submitted").rglob("*") if p.is_file()}
    assert now == graded["handed_in"]


def graded_text(course: Path, student: str, assignment: str) -> str:
    return "".join(
        cells_text(nbformat.read(p, as_version=4).cells)
        for p in sorted((course / "autograded" / student / assignment).glob("*.ipynb"))
    )


def test_a_notebook_that_rewrites_the_hand_in_during_autograde_is_undone_and_reported(graded):
    course = graded["course"]
    for assignment in ENGLISH:  # eli's cell rewrote submitted/eli/<assignment>/ and planted a file
        handin = course / "submitted" / "eli" / assignment
        assert not (handin / "planted.answers.json").exists()
        text = graded_text(course, "eli", assignment)
        assert "the notebook changed the hand-in while it was graded; the hand-in was restored" in text
        assert "added planted.answers.json" in text
        assert "the hand-in was restored" not in graded_text(course, "dee", assignment)
    assert graded["log"].count("the hand-in was restored") >= len(ENGLISH)
    # and the marks, three ways, are those of the hand-in (checked with the class: eli's are dee's)


def test_answers_given_as_another_student_are_an_error_three_ways(graded, env, tmp_path):
    course = graded["course"]
    error = "answered as 'root', handed in as 'bo': marked on bo's cards; the marks are not meaningful until this is resolved"
    for assignment in ASSIGNMENTS:
        text = graded_text(course, "bo", assignment)
        assert "ERROR: " in text and error in text
        assert error not in graded_text(course, "ada", assignment)
    result = subprocess.run(
        [sys.executable, "-m", "smlessons.instructor.cli", "grade", str(course), "--out", str(tmp_path / "grades")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    first = result.stderr.splitlines()[0]
    assert first.startswith("smlessons grade: ") and "ERROR" in first
    assert error in result.stderr
    with open(tmp_path / "grades" / "grades.csv", newline="", encoding="utf-8") as fh:
        notes = {r["student"]: r["note"] for r in csv.DictReader(fh)}
    assert error in notes["bo"] and "ERROR" not in notes["ada"]
    from smlessons.instructor.report import build, write_report

    page = write_report(build([course / "submitted"], course=course, shipped=False), tmp_path / "r")["html"].read_text()
    assert error.replace("'", "&#x27;") in page


def test_the_graded_notebooks_show_each_students_variant_and_mark(graded):
    course = graded["course"]
    for student in ("ada", "dee"):
        for assignment in ASSIGNMENTS:
            for notebook in SAMPLE.assignments[assignment].notebooks:
                nb = nbformat.read(course / "autograded" / student / assignment / f"{notebook}.ipynb", as_version=4)
                text = "".join(
                    o.get("text", "") + o.get("data", {}).get("text/plain", "")
                    for c in nb.cells
                    if c.cell_type == "code"
                    for o in c.outputs
                )
                assert f"variant of {student}\n" in text
                language = nb.metadata.get("smlessons", {}).get("language", "en")
                assert MARKED[language].format(notebook=notebook) in text
                if language != "en":  # the feedback the student reads is in the notebook's language
                    assert "Marked from" not in text and "Graded:" not in text, (student, assignment)


def test_fays_made_up_exercises_are_noted_in_the_csv(graded):
    with open(graded["course"] / "grades" / "marks.csv", newline="", encoding="utf-8") as fh:
        fay = [r for r in csv.DictReader(fh) if r["student"] == "fay"]
    for assignment in ENGLISH:
        notes = " ".join(r["problems"] for r in fay if r["assignment"] == assignment)
        assert "ignored 3 exercise(s)" in notes and "made-up-exercise" in notes
    boards = [r for r in fay if r["kind"] == "board" and r["assignment"] in ENGLISH]  # no Italian hand-in
    assert boards and all("'A card that is in no bank'" in r["problems"] for r in boards)


def test_the_10_mb_answer_is_cut_in_the_csv(graded):
    path = graded["course"] / "grades" / "marks.csv"
    assert path.stat().st_size < 200_000
    with open(path, newline="", encoding="utf-8") as fh:
        gus = [r for r in csv.DictReader(fh) if r["student"] == "gus" and r["answer"].startswith("5 ")]
    if any(p.cells and any(c.exercise in SAMPLE.keys.questions for c in p.cells) for p in SAMPLE.assignments.values()):
        assert gus and all("10,000,001 characters" in r["answer"] and len(r["answer"]) < 240 for r in gus)


# -- fail safe: without the grader's preprocessor every grade cell scores 0 ---------------------


def test_without_the_preprocessor_the_grade_cells_score_0(tmp_path, env):
    course = copy_course(tmp_path / "bare")
    (course / "nbgrader_config.py").write_text(
        'c = get_config()\nc.CourseDirectory.course_id = "smlessons"\n'
        'c.ClearSolutions.code_stub = {"python": "answer = ...  # replace ... with your answer"}\n'
    )
    first = ASSIGNMENTS[0]
    nbgrader(course, "generate_assignment", first, "--force", env=env)
    folder = course / "submitted" / "ada" / first
    shutil.copytree(course / "release" / first, folder)
    files, expected = plan("ada", first)
    for notebook, answers in files.items():
        store = AnswerStore(notebook, folder=folder)
        for exercise, answer in answers.items():
            store.save(exercise, answer)
    assert expected == SAMPLE.assignments[first].out_of > 0
    nbgrader(course, "autograde", first, env=env)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "smlessons") as gb:
        sub = gb.find_submission(first, "ada")
        assert (sub.score, sub.max_score) == (0, SAMPLE.assignments[first].out_of)


# -- the configuration ---------------------------------------------------------------------------


def load_config(course: Path, argv=("nbgrader", "autograde")):
    from traitlets.config.loader import PyFileConfigLoader

    saved = sys.argv
    sys.argv = list(argv)
    try:
        return PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    finally:
        sys.argv = saved


def test_the_course_config_is_the_templates():
    assert (COURSE / "nbgrader_config.py").read_bytes() == TEMPLATE.read_bytes()


def test_the_config_registers_the_grader_around_execute_and_protects_every_answer_file(tmp_path):
    from nbgrader.preprocessors import Execute, SaveAutoGrades

    from smlessons.instructor.nbgrader_plugin import GradeFromAnswerFiles, StudentVariant

    course = copy_course(tmp_path / "c")
    (course / "source" / "extra").mkdir()
    shutil.copy(
        next((course / "source" / ASSIGNMENTS[0]).glob("*.ipynb")), course / "source" / "extra" / "new-one.ipynb"
    )
    config = load_config(course)
    steps = list(config.Autograde.autograde_preprocessors)
    i = steps.index(Execute)
    assert steps[i - 1] is StudentVariant and steps[i + 1] is GradeFromAnswerFiles
    assert steps.index(GradeFromAnswerFiles) < steps.index(SaveAutoGrades)
    expected = {
        folder.name: sorted(f"{nb.stem}.answers.json" for nb in folder.glob("*.ipynb"))
        for folder in (course / "source").iterdir()
        if folder.is_dir()
    }
    assert {k: sorted(v) for k, v in config.Autograde.exclude_overwriting.items()} == expected
    assert expected["extra"] == ["new-one.answers.json"] and set(ASSIGNMENTS) < set(expected)
    assert Path(config.Exchange.root) == (course / "exchange").resolve()
    assert Path(config.CourseDirectory.root) == course.resolve()


@pytest.mark.parametrize("stray", ["media.answers.json", "media.answers.corrupt-20260101T000000.json"])
def test_a_stray_answer_file_in_source_stops_generate_assignment(tmp_path, env, stray):
    course = copy_course(tmp_path / "course")
    first = ASSIGNMENTS[0]
    (course / "source" / first / stray).write_text("{}")
    result = nbgrader(course, "generate_assignment", first, env=env, check=False)
    assert result.returncode == 2
    assert f"source/{first}/{stray}" in result.stderr
    assert not (course / "release").exists()


def test_the_formgrader_cannot_release_a_stray_answer_file_either(tmp_path, monkeypatch):
    """The formgrader's Generate button goes through NbGraderAPI, not the command line."""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    course = copy_course(tmp_path / "course")
    first = ASSIGNMENTS[0]
    stray = course / "source" / first / "x.answers.corrupt-20260101T000000.json"
    stray.write_text("{}")
    monkeypatch.chdir(course)
    monkeypatch.setenv("PATH", os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    config = load_config(course, argv=("jupyter-lab",))
    api = NbGraderAPI(CourseDirectory(config=config), config=config)
    result = api.generate_assignment(first)
    assert not result["success"]
    assert "would be released" in result["log"] + result.get("error", "")
    assert not list((course / "release").rglob("*.answers*"))
    stray.unlink()
    assert api.generate_assignment(first)["success"]
    assert list((course / "release" / first).glob("*.ipynb"))


# -- what students get ----------------------------------------------------------------------------


def key_texts() -> list[str]:
    """What must never reach a student: explanations, solutions and hidden tests."""
    texts = []
    for path in (COURSE / "keys").glob("*.json"):
        data = json.loads(path.read_text())
        for entry in data.get("items", []) + data.get("questions", []):
            if entry.get("explanation"):
                texts.append(entry["explanation"])
    marker = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)### END \1", re.S)
    for nb_path in (COURSE / "source").rglob("*.ipynb"):
        cells = nbformat.read(nb_path, as_version=4).cells
        public = "\n".join(marker.sub("", c.source) for c in cells)  # what the notebook shows students anyway
        for cell in cells:
            for _, body in marker.findall(cell.source):
                texts.extend(
                    line.strip()
                    for line in body.splitlines()
                    if len(line.strip()) >= 10
                    and line.strip() not in public
                    and not line.strip().startswith("answer = ...")  # the stub students get
                )
    assert len(texts) > 20
    return texts


def test_no_answer_key_reaches_a_student(course):
    release = course / "release"
    files = [p for p in release.rglob("*") if p.is_file()]
    expected = {p.name for p in (COURSE / "source").rglob("*") if p.is_file()}
    assert {p.name for p in files} == expected
    forbidden = key_texts() + [
        "BEGIN HIDDEN TESTS",
        "BEGIN SOLUTION",
        "graded_outside",
        "find_key",
        "board_points",
        "question_points",
    ]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for secret in forbidden:
            assert secret not in text, f"{path.name} contains {secret!r}"
        if path.suffix == ".json":
            data = json.loads(text)
            assert data["mode"] == "assessment"
            for entry in data.get("items", []) + data.get("questions", []):
                assert not {"answer", "compute", "explanation", "feedback", "clause"} & set(entry), path.name
    for nb_path in release.rglob("*.ipynb"):
        nb = nbformat.read(nb_path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_no_answer_file_is_in_the_course_source():
    assert not list((COURSE / "source").rglob("*.answers*.json"))


# -- the course's files agree with each other (no nbgrader run) -------------------------


def test_each_assessed_board_has_a_key_with_the_same_cards_and_bins():
    from smlessons import load_exercise

    keys = SAMPLE.keys
    found = 0
    for student_copy in (COURSE / "source").rglob("*.json"):
        data = json.loads(student_copy.read_text())
        if "bins" not in data:
            continue
        found += 1
        ex = load_exercise(student_copy) if "show" not in data else None
        assert data["mode"] == "assessment"
        key = keys.boards[data["id"]]
        assert key.mode == "practice" and list(key.bins) == list(data["bins"])
        assert [i.label for i in key.items] == [i["label"] for i in data["items"]]
        assert data.get("show") == board_show(key, keys)
        assert all(i.answers and i.explanation and i.source for i in key.items)
        assert ex is None or ex.id == key.id
    assert found


def test_the_source_solutions_are_right(monkeypatch):
    """The instructor's solutions in source/ (where one is written) earn the question's points
    (for one student's variant)."""
    monkeypatch.setenv("SMLESSONS_STUDENT", "ada")
    checked = 0
    for assignment, p in SAMPLE.assignments.items():
        for nb_path in sorted((COURSE / "source" / assignment).glob("*.ipynb")):
            nb = nbformat.read(nb_path, as_version=4)
            setup = next((c for c in nb.cells if "Recorder(" in c.source), None)
            if setup is None:
                continue
            monkeypatch.chdir(nb_path.parent)
            namespace: dict = {}
            exec(setup.source, namespace)  # noqa: S102 (our own notebook; nothing is saved: record is replaced)
            namespace["record"] = lambda qid, answer: namespace.setdefault("given", {}).__setitem__(qid, answer)
            for cell in nb.cells:
                if cell.metadata.get("nbgrader", {}).get("solution") and "record(" in cell.source:
                    exec(cell.source, namespace)  # noqa: S102
            wanted = {c.exercise for c in p.cells if c.notebook == nb_path.stem and c.exercise in SAMPLE.keys.questions}
            assert set(namespace.get("given", {})) == wanted
            for qid, answer in namespace["given"].items():
                if answer is Ellipsis:  # no solution written for this one
                    continue
                q = bind_question(SAMPLE.keys.questions[qid][0], "ada")
                assert q.evaluate(answer).correct, qid
                checked += 1
    assert checked


# -- the preprocessors, in this process -----------------------------------------------------------


def test_the_preprocessors_run_the_kernel_as_the_student_and_put_the_environment_back(tmp_path, monkeypatch):
    from traitlets.config import Config

    from smlessons.instructor.nbgrader_plugin import GradeFromAnswerFiles, StudentVariant

    course = copy_course(tmp_path / "c")
    first = ASSIGNMENTS[0]
    plan_ = SAMPLE.assignments[first]
    notebook = plan_.notebooks[0]
    folder = course / "submitted" / "ada" / first
    files, expected = plan("ada", first)
    monkeypatch.setenv("SMLESSONS_STUDENT", "ada")
    for exercise, answer in files[notebook].items():
        AnswerStore(notebook, folder=folder).save(exercise, answer)
    handed_in = {p.name: p.read_bytes() for p in folder.iterdir()}
    config = Config()
    config.CourseDirectory.root = str(course)
    nb = nbformat.read(course / "source" / first / f"{notebook}.ipynb", as_version=4)
    resources = {"nbgrader": {"student": "ada", "assignment": first, "notebook": notebook}}
    monkeypatch.setenv("SMLESSONS_STUDENT", "the instructor")
    failed = {"nbgrader": {"student": "bo", "assignment": first, "notebook": notebook}}
    StudentVariant(config=config).preprocess(nbformat.v4.new_notebook(), failed)  # bo's execution then failed
    nb, resources = StudentVariant(config=config).preprocess(nb, resources)
    assert os.environ["SMLESSONS_STUDENT"] == "ada"
    # whatever the kernel does to the hand-in now is too late, and undone
    for path in folder.glob("*.answers.json"):
        path.write_text("{}")
    (folder / "extra.answers.json").write_text("{}")
    nb, resources = GradeFromAnswerFiles(config=config).preprocess(nb, resources)
    assert os.environ["SMLESSONS_STUDENT"] == "the instructor"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == handed_in
    from nbgrader.utils import determine_grade

    cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert sum(determine_grade(c)[0] for c in cells if c.cell_type == "code") == expected == plan_.out_of
    text = cells_text([c for c in cells if c.cell_type == "code"])
    assert "the notebook changed the hand-in while it was graded; the hand-in was restored" in text
    assert f"changed {notebook}.answers.json" in text and "added extra.answers.json" in text
    assert "Graded: your recorded" in text and "(saved " in text
    monkeypatch.delenv("SMLESSONS_STUDENT")
    for path in folder.glob("*.answers.json"):
        path.write_text("{}")
    nb2 = nbformat.read(course / "source" / first / f"{notebook}.ipynb", as_version=4)
    resources = {"nbgrader": {"student": "ada", "assignment": first, "notebook": notebook}}
    nb2, _ = GradeFromAnswerFiles(config=config).preprocess(nb2, resources)  # alone, it grades too
    assert "SMLESSONS_STUDENT" not in os.environ
    # Run alone (no StudentVariant before it) it grades the hand-in as it is now: emptied, so 0.
    assert all(determine_grade(c)[0] == 0 for c in nb2.cells if GRADED.search(c.source))


def cells_text(cells) -> str:
    return "".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "") for c in cells for o in c.get("outputs", [])
    )


def test_a_grader_failure_scores_0_and_says_why(tmp_path):
    from traitlets.config import Config

    from smlessons.instructor.nbgrader_plugin import GradeFromAnswerFiles

    config = Config()
    config.CourseDirectory.root = str(tmp_path / "not-a-course")
    first = ASSIGNMENTS[0]
    notebook = SAMPLE.assignments[first].notebooks[0]
    nb = nbformat.read(COURSE / "source" / first / f"{notebook}.ipynb", as_version=4)
    resources = {"nbgrader": {"student": "ada", "assignment": first, "notebook": notebook}}
    nb, _ = GradeFromAnswerFiles(config=config).preprocess(nb, resources)
    graded = [c for c in nb.cells if GRADED.search(c.source)]
    assert graded and all(
        c.outputs[0]["output_type"] == "error" and "no source/ folder" in c.outputs[0]["evalue"] for c in graded
    )


@pytest.mark.parametrize(
    "metadata, expected",
    [
        ({}, ["Marked from x.answers.json as handed in: 4.5 of 6 (partly right).", "Graded: your recorded board, 3 of your 4 cards placed right (saved 2026-11-29 08:00 UTC)."]),
        ({"smlessons": {"language": "it"}}, ["Punteggio dal file x.answers.json consegnato: 4,5 su 6 (in parte giusto).", "È stata valutata la bacheca che hai registrato: 3 delle tue 4 schede nel riquadro giusto (salvata il 2026-11-29 08:00 UTC)."]),
    ],
)  # fmt: skip
def test_a_grade_cell_speaks_its_notebooks_language(metadata, expected):
    """What the graded and feedback notebooks show: the mark and what was graded, in the notebook's language."""
    from smlessons.instructor.grader import Mark
    from smlessons.instructor.nbgrader_plugin import GradeFromAnswerFiles, notebook_language

    mark = Mark("ada", "l1", "x", "b1", "board", 4.5, 6, "partly right", answer="{}", saved="2026-11-29T08:00:00+00:00")
    mark.placed_right, mark.cards = 3, 4
    language = notebook_language(nbformat.v4.new_notebook(metadata=metadata))
    out = GradeFromAnswerFiles()._outputs("b1", {"marks": {"b1": mark}, "file": "x.answers.json"}, 1, language=language)
    assert out[0]["text"].splitlines() == expected
    assert out[1]["data"]["text/plain"] == "4.5"  # what nbgrader reads: a number in every language
    with pytest.raises(ValueError, match="'xx'"):
        notebook_language({"metadata": {"smlessons": {"language": "xx"}}})
