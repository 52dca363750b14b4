"""One grader: every mark of a course, from the answer files handed in and the keys.

A course folder (nbgrader's layout; see ``smlessons course init``)::

    nbgrader_config.py
    keys/                     the instructor's keys: boards and questions with answers
    source/<assignment>/      the assignments: notebooks, and the students' copies of
                              the banks and questions (labels and prompts, no answers)
    submitted/<student>/<assignment>/<notebook>.answers.json
    roster.csv                who should hand in (nbgrader's student import format)

Which exercises an assignment has, and their points, come from the grade
cells of its source notebooks. Each grade cell is an nbgrader autograder
test (locked, hidden, with points) whose source is::

    # Graded from your answer file after you hand in.
    ### BEGIN HIDDEN TESTS
    from smlessons.instructor.grader import graded_outside
    graded_outside("lesson01-assessment-board")
    ### END HIDDEN TESTS

In the student's kernel :func:`graded_outside` only raises: no mark is ever
computed where the student's code runs. The marks are computed here, from
the answer file handed in (``<notebook>.answers.json``, beside the notebook)
and the definitions in the course's ``keys/`` (never the student's copies):

- :func:`grade_submission` grades one student's hand-in of one assignment;
- :func:`grade_class` grades ``submitted/<student>/<assignment>/`` (or a plain
  ``collected/<student>/`` folder of answer files) for a whole class, with
  the roster: a rostered student who handed in nothing is *absent*, 0 out of
  the assignment's points;
- ``smlessons grade COURSE_DIR`` writes the marks as CSV files;
- during ``nbgrader autograde`` the course's preprocessor
  (:mod:`smlessons.instructor.nbgrader_plugin`) calls the same function and writes each
  grade cell's output, so nbgrader's marks, the CLI's and the report's agree.

A board earns a point per card of the student's variant in a right bin (the
cards drawn for the student when the key has ``"show"``; a card the student
was not shown is ignored and noted); a question earns its points when the
answer is right (a network question is evaluated on the student's own
network). A grade cell's points are the exercise's: if they differ from the
key's (``show`` cards, or the question's ``points``), the mark is scaled to
the cell's points and the course is told. A damaged answer file, exercises
that are not in the assignment, or a huge answer never stop grading: they
are noted in the marks' problems. Nothing here writes to a student's files.

Plain Python: nothing here imports nbgrader.
"""

from __future__ import annotations

import csv
import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content.loader import DataFileError, read_json
from ..exercises.answers import SHOWN_CHARACTERS, shorten
from .autograde import (
    ANSWER_SUFFIX,
    RIGHT,
    UNANSWERED,
    AnswerFileError,
    Keys,
    bind_question,
    board_show,
    load_keys,
    mark_board,
    mark_question,
    read_answer_file,
)
from .roster import natural_key

__all__ = [
    "ABSENT",
    "AssignmentPlan",
    "ClassGrades",
    "Course",
    "GradeCell",
    "GradedOutsideError",
    "MARK_COLUMNS",
    "Mark",
    "SHOWN_CHARACTERS",
    "Submission",
    "TOTAL_COLUMNS",
    "as_mark",
    "closest",
    "default_assignments",
    "mismatch_error",
    "released",
    "stray_error",
    "grade_class",
    "grade_submission",
    "graded_outside",
    "read_grade_cells",
    "shorten",
    "write_marks_csv",
    "write_totals_csv",
]

#: The most characters of an answer (or a problem) shown in marks and CSV files.
#: An answer file larger than this is not read.
MAX_FILE_BYTES = 64 * 1024 * 1024

ABSENT = "absent"
PARTLY = "partly right"
NO_KEY = "no key"
#: Statuses of a mark.
STATUSES = (RIGHT, PARTLY, "wrong", UNANSWERED, ABSENT, NO_KEY)

#: A grade cell's call, as the course's notebooks write it.
GRADE_CALL = re.compile(r"""graded_outside\(\s*(["'])([A-Za-z0-9][A-Za-z0-9._-]{0,127})\1\s*\)""")


class GradedOutsideError(RuntimeError):
    """Raised by a grade cell run in the student's kernel: the mark is computed outside it."""


def graded_outside(exercise_id: str):
    """Mark a grade cell as graded outside the notebook; always raises.

    The course's nbgrader preprocessor (:class:`smlessons.instructor.nbgrader_plugin.GradeFromAnswerFiles`)
    replaces the cell's output with the mark :func:`grade_submission` gives
    from the answer file handed in. Run anywhere else (in the student's
    kernel, or by nbgrader without the course's configuration) the cell
    fails, and nbgrader gives it 0: a mark is never computed where the
    student's code runs.

    Raises
    ------
    GradedOutsideError
        Always (a :class:`RuntimeError`).
    """
    raise GradedOutsideError(
        f"{exercise_id!s:.128} is graded outside the notebook, by the course's grader, from the answer file "
        "handed in. This cell scores 0 unless nbgrader runs with the course's nbgrader_config.py, which "
        "replaces this output with the mark."
    )


def as_mark(x: float):
    """A mark as nbgrader, a CSV and the report show it: 5, 2.5 (at most six decimals).

    Examples
    --------
    >>> as_mark(3.0), as_mark(2.5), as_mark(0.1 + 0.2)
    (3, 2.5, 0.3)
    """
    x = round(float(x), 6)
    return int(x) if x.is_integer() else x


# ---------------------------------------------------------------------------
# The course: assignments (from the grade cells) and keys


@dataclass(frozen=True)
class GradeCell:
    """One grade cell of a source notebook: which exercise, how many points."""

    assignment: str
    notebook: str  # the notebook's stem; its answer file is <notebook>.answers.json
    exercise: str
    points: float
    grade_id: str


@dataclass
class AssignmentPlan:
    """What an assignment grades: its grade cells, notebook by notebook."""

    name: str
    cells: list = field(default_factory=list)

    @property
    def notebooks(self) -> list[str]:
        return list(dict.fromkeys(c.notebook for c in self.cells))

    @property
    def out_of(self) -> float:
        return as_mark(sum(c.points for c in self.cells))


def read_grade_cells(notebook, assignment: str = "") -> tuple[list, list]:
    """The graded-outside cells of one notebook, and what is odd about its grade cells.

    Returns
    -------
    (cells, problems) : (list of GradeCell, list of str)
        A grade cell that does not call :func:`graded_outside` is a problem:
        nbgrader marks it by running it, and the grader does not count it.
    """
    path = Path(notebook)
    problems = []
    try:
        cells = read_json(path)["cells"]
    except (OSError, DataFileError, KeyError, TypeError) as exc:
        return [], [f"{path}: not a readable notebook ({getattr(exc, 'problem', exc)})"]
    found, seen = [], set()
    for cell in cells:
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if not meta.get("grade"):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        calls = GRADE_CALL.findall(source)
        grade_id = str(meta.get("grade_id", ""))
        if not calls:
            problems.append(
                f"{path.name}: grade cell {grade_id!r} does not call graded_outside(...): "
                "nbgrader marks it by running it, and smlessons grade does not count it"
            )
            continue
        if len(calls) > 1:
            problems.append(
                f"{path.name}: grade cell {grade_id!r} calls graded_outside more than once; only the first counts"
            )
        exercise = calls[0][1]
        if exercise in seen:
            problems.append(f"{path.name}: {exercise} has two grade cells; only the first counts")
            continue
        seen.add(exercise)
        try:
            points = float(meta.get("points", 0))
        except (TypeError, ValueError):
            problems.append(f"{path.name}: grade cell {grade_id!r} has points {meta.get('points')!r}, not a number")
            points = 0.0
        found.append(GradeCell(assignment, path.stem, exercise, points, grade_id))
    return found, problems


@dataclass
class Course:
    """A course folder, read once: its assignments and its keys.

    Attributes
    ----------
    root : Path
    assignments : dict
        ``{assignment: AssignmentPlan}``, in natural order (lesson2 before lesson10).
    keys : Keys
        Read from ``keys/`` only (never the students' copies).
    problems : list of str
        What is wrong with the course itself (a grade cell with no key, points
        that differ from the key's, a key file that cannot be read).
    """

    root: Path
    assignments: dict = field(default_factory=dict)
    keys: Keys = field(default_factory=Keys)
    problems: list = field(default_factory=list)

    @classmethod
    def load(cls, root) -> Course:
        """Read ``root/source/*/*.ipynb`` and ``root/keys/*.json``.

        Raises
        ------
        FileNotFoundError
            If `root` has no ``source`` folder.
        """
        root = Path(root)
        source = root / "source"
        if not source.is_dir():
            raise FileNotFoundError(f"{root} is not a course folder: it has no source/ folder of assignments")
        keys_dir = root / "keys"
        keys = load_keys(keys_dir, shipped=False) if keys_dir.is_dir() else Keys()
        course = cls(root=root, keys=keys)
        if not keys_dir.is_dir():
            course.problems.append(f"{keys_dir} is missing: no exercise can be graded")
        course.problems.extend(f"key: {p}" for p in keys.problems)
        folders = [p for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")]
        for folder in sorted(folders, key=lambda p: natural_key(p.name)):
            plan = AssignmentPlan(folder.name)
            for nb in sorted(folder.glob("*.ipynb")):
                cells, problems = read_grade_cells(nb, folder.name)
                plan.cells.extend(cells)
                course.problems.extend(f"{folder.name}/{p}" for p in problems)
            course.assignments[folder.name] = plan
            for cell in plan.cells:
                natural = course.natural_out_of(cell.exercise)
                if natural is None:
                    course.problems.append(
                        f"{folder.name}/{cell.notebook}: no key in keys/ for {cell.exercise}: it scores 0 for everyone"
                    )
                elif as_mark(natural) != as_mark(cell.points):
                    course.problems.append(
                        f"{folder.name}/{cell.notebook}: the grade cell of {cell.exercise} has {as_mark(cell.points)} "
                        f"points and the key gives {as_mark(natural)}: marks are scaled to the grade cell's points"
                    )
        return course

    def kind(self, exercise: str) -> str | None:
        if exercise in self.keys.boards:
            return "board"
        if exercise in self.keys.questions:
            return "question"
        return None

    def natural_out_of(self, exercise: str):
        """What the key makes an exercise worth: its shown cards, or the question's points."""
        if exercise in self.keys.boards:
            ex = self.keys.boards[exercise]
            show = board_show(ex, self.keys)
            return show if show is not None else len(ex.items)
        if exercise in self.keys.questions:
            return float(getattr(self.keys.questions[exercise][0], "points", 1) or 1)
        return None


def _course(course) -> Course:
    return course if isinstance(course, Course) else Course.load(course)


# ---------------------------------------------------------------------------
# Marks


@dataclass
class Mark:
    """One exercise (a board or a question) of one student's assignment."""

    student: str
    assignment: str
    notebook: str
    exercise: str
    kind: str  # "board", "question", or "" (no key)
    points: float
    out_of: float
    status: str  # see STATUSES
    answer: str = ""  # as handed in (JSON), shortened to SHOWN_CHARACTERS
    problems: list = field(default_factory=list)
    saved: str = ""  # when the answer was recorded, as the answer file says (ISO 8601)
    placed_right: int | None = None  # a board: how many of the student's cards are in a right bin
    cards: int | None = None  # a board: how many cards the student was given


@dataclass
class Submission:
    """One student's hand-in of one assignment, marked.

    ``problems`` are the hand-in's (an answer file missing or unreadable,
    exercises that are not in the assignment); each is also in the
    problems of the marks it concerns. ``errors`` are the problems that make
    the marks meaningless until the instructor resolves them (answers given
    as another student, a folder not on the roster); they start with
    ``ERROR:`` and are also the first of ``problems``.
    """

    student: str
    assignment: str
    status: str  # "graded" or "absent"
    marks: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    files: dict = field(default_factory=dict)  # notebook -> answer file read (or expected)
    errors: list = field(default_factory=list)

    def add_error(self, error: str) -> None:
        """Record an error: first in ``errors``, ``problems`` and every mark's problems."""
        if error in self.errors:
            return
        self.errors.append(error)
        self.problems.insert(0, error)
        for mark in self.marks:
            mark.problems.insert(0, error)

    @property
    def points(self):
        return as_mark(sum(m.points for m in self.marks))

    @property
    def out_of(self):
        return as_mark(sum(m.out_of for m in self.marks))


def _read(path: Path) -> tuple[dict | None, str]:
    """An answer file's document, or ``(None, why not)``; never raises."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None, f"{path.name} was not handed in: no answers recorded"
    except OSError as exc:
        return None, f"{path.name} cannot be read ({exc.strerror or exc})"
    if size > MAX_FILE_BYTES:
        return None, f"{path.name} is {size:,} bytes, more than any answer file holds: not read"
    try:
        doc = read_answer_file(path)
    except FileNotFoundError:
        return None, f"{path.name} was not handed in: no answers recorded"
    except AnswerFileError as exc:
        return None, shorten(f"{exc}: no answer in it can be graded")
    except (RecursionError, MemoryError, ValueError) as exc:
        return None, f"{path.name} cannot be read ({type(exc).__name__}): no answer in it can be graded"
    return doc, ""


def mismatch_error(file: str, recorded, student: str) -> str:
    """The error for an answer file recorded as another student than the one who handed it in.

    Examples
    --------
    >>> mismatch_error("a.answers.json", "root", "ben")  # doctest: +NORMALIZE_WHITESPACE
    "ERROR: a.answers.json: answered as 'root', handed in as 'ben': marked on ben's cards;
    the marks are not meaningful until this is resolved"
    """
    return (
        f"ERROR: {file}: answered as {shorten(str(recorded), 60)!r}, handed in as {student!r}: marked on "
        f"{student}'s cards; the marks are not meaningful until this is resolved"
    )


def _recorded_student(doc: dict, name: str, student: str) -> tuple[str, str]:
    """``(error, problem)`` about the ``"student"`` an answer file records (both ``""`` if fine)."""
    if "student" not in doc:
        return "", ""  # an older file: nothing recorded
    recorded = doc["student"]
    if not isinstance(recorded, str):
        return "", f"{name}: its 'student' is {_shown(recorded)!r}, not a student id: not checked"
    if recorded != student:
        return mismatch_error(name, recorded, student), ""
    return "", ""


def _shown(answer) -> str:
    try:
        text = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = repr(answer)
    return shorten(text)


def _mark(course: Course, cell: GradeCell, student: str, answers: dict | None) -> Mark:
    """Mark one grade cell's exercise from one student's answers."""
    kind = course.kind(cell.exercise) or ""
    mark = Mark(student, cell.assignment, cell.notebook, cell.exercise, kind, 0, as_mark(cell.points), UNANSWERED)
    natural = course.natural_out_of(cell.exercise)
    if not kind:
        mark.status = NO_KEY
        mark.problems.append(f"no key for {cell.exercise} in the course's keys/")
    if answers is None or cell.exercise not in answers or answers[cell.exercise] is None:
        return mark
    answer = answers[cell.exercise]
    mark.answer = _shown(answer)
    if not kind:
        return mark
    if kind == "board":
        ex = course.keys.boards[cell.exercise]
        feedback, notes = mark_board(ex, answer, student, board_show(ex, course.keys))
        mark.problems.extend(shorten(n) for n in notes)
        earned, placed = feedback.right, sum(1 for r in feedback.results if r.placed_in)
        mark.placed_right, mark.cards = earned, len(feedback.results)
        if placed == 0:
            mark.status = UNANSWERED
        elif earned == len(feedback.results):
            mark.status = RIGHT
        else:
            mark.status = PARTLY if earned else "wrong"
    else:
        q = course.keys.questions[cell.exercise][0]
        try:  # a network question is asked on the student's own network
            bound = bind_question(q, student)
        except Exception as exc:  # noqa: BLE001 (a key that fails is the course's problem, noted)
            mark.status = "wrong"
            mark.problems.append(f"{cell.exercise}: the question could not be built for {student} ({exc})")
            return mark
        status, note = mark_question(bound, answer)
        if note:
            mark.problems.append(shorten(note))
        mark.status = status
        earned = natural if status == RIGHT else 0
    mark.points = as_mark(earned * cell.points / natural) if natural else 0
    return mark


def grade_submission(folder, student: str, assignment: str, course, *, files: dict | None = None) -> Submission:
    """Grade one student's hand-in of one assignment.

    Parameters
    ----------
    folder : path or None
        The hand-in folder (nbgrader's ``submitted/<student>/<assignment>/``),
        holding ``<notebook>.answers.json`` beside each notebook; ``None``
        (or a folder that does not exist): nothing was handed in, the student
        is absent.
    student : str
        Whose hand-in this is: the student's variant is rebuilt from it (an id
        written in the answer file is never trusted).
    assignment : str
        The assignment's name (a folder of the course's ``source/``).
    course : path or Course
        The course folder (or a :class:`Course` already read).
    files : dict, optional
        ``{notebook: answer file}`` to read instead of ``folder/<notebook>.answers.json``.

    Returns
    -------
    Submission
        A mark per grade cell of the assignment, in the notebooks' order; the
        problems of the hand-in (an unreadable file, exercises that are not in
        the assignment: ignored, never counted).

    Raises
    ------
    KeyError
        If `assignment` is not an assignment of the course.
    """
    course = _course(course)
    if assignment not in course.assignments:
        raise KeyError(
            f"{assignment!r} is not an assignment of {course.root} (it has {', '.join(course.assignments) or 'none'})"
        )
    plan = course.assignments[assignment]
    folder = Path(folder) if folder is not None else None
    files = dict(files or {})
    handed_in = (folder is not None and folder.is_dir()) or any(Path(p).is_file() for p in files.values())
    sub = Submission(student, assignment, "graded" if handed_in else ABSENT)
    for notebook in plan.notebooks:
        cells = [c for c in plan.cells if c.notebook == notebook]
        path = (
            Path(files[notebook]) if notebook in files else (folder / f"{notebook}{ANSWER_SUFFIX}" if folder else None)
        )
        answers, why, saved, error = None, "", {}, ""
        if handed_in and path is not None:
            sub.files[notebook] = str(path)
            doc, why = _read(path)
            if why:
                sub.problems.append(why)
            else:
                answers = {k: v["answer"] for k, v in doc["exercises"].items()}
                saved = {k: str(v.get("saved", "") or "") for k, v in doc["exercises"].items()}
                error, problem = _recorded_student(doc, path.name, student)
                if problem:
                    sub.problems.append(problem)
            if folder is not None and folder.is_dir() and not (folder / f"{notebook}.ipynb").is_file() and answers:
                sub.problems.append(
                    f"{notebook}.ipynb is not in the hand-in: nbgrader gives its grade cells 0, these marks "
                    "come from the answer file alone"
                )
        marks = []
        for cell in cells:
            mark = _mark(course, cell, student, answers)
            if mark.answer:
                mark.saved = saved.get(cell.exercise, "")
            if not handed_in:
                mark.status = ABSENT
            elif why:  # each mark says why it is 0
                mark.problems.insert(0, why)
            marks.append(mark)
        if answers:
            wanted = {c.exercise for c in cells}
            extra = [k for k in answers if k not in wanted]
            if extra:
                listed = ", ".join(repr(shorten(k, 60)) for k in extra[:5])
                more = f" and {len(extra) - 5} more" if len(extra) > 5 else ""
                note = f"{path.name}: ignored {len(extra)} exercise(s) that are not in {assignment}: {listed}{more}"
                sub.problems.append(note)
                if marks:
                    marks[0].problems.append(note)  # once per file, in the marks CSV too
        sub.marks.extend(marks)
        if error:
            sub.add_error(error)
    return sub


# ---------------------------------------------------------------------------
# A class


@dataclass
class ClassGrades:
    """Every student's marks for every assignment of a course.

    Attributes
    ----------
    course : Course
    submissions : list of Submission
        One per student and assignment (absent ones included), sorted.
    roster : list of str
        The rostered students' ids ([] without a roster).
    problems : list of str
        The course's problems, and hand-ins from students not on the roster.
    included : list of str or None
        The assignments graded (None: every assignment of the course).
    """

    course: Course
    submissions: list = field(default_factory=list)
    roster: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    included: list | None = None

    @property
    def students(self) -> list[str]:
        return list(dict.fromkeys(s.student for s in self.submissions))

    @property
    def assignments(self) -> list[str]:
        if self.included is not None:
            return list(self.included)
        return list(self.course.assignments)

    def errors(self) -> list[str]:
        """Every error of every hand-in (see :attr:`Submission.errors`), as
        ``"<student>, <assignment>: ERROR: ..."``, and those of the class (``ERROR: ...``)."""
        out = [p for p in self.problems if p.startswith("ERROR:")]
        out += [f"{s.student}, {s.assignment}: {e}" for s in self.submissions for e in s.errors if e not in out]
        return list(dict.fromkeys(out))

    def submission(self, student: str, assignment: str) -> Submission:
        for s in self.submissions:
            if s.student == student and s.assignment == assignment:
                return s
        raise KeyError((student, assignment))

    def totals(self) -> dict:
        """``{student: {assignment: (points, out_of)}}`` for every hand-in (absent ones left out),
        as :mod:`smlessons.instructor.gradebook`'s exporters take them."""
        out: dict = {}
        for s in self.submissions:
            out.setdefault(s.student, {})
            if s.status != ABSENT:
                out[s.student][s.assignment] = (s.points, s.out_of)
        return out

    def marks(self) -> list:
        """Every :class:`Mark`, student by student."""
        return [m for s in self.submissions for m in s.marks]

    def out_of(self) -> dict:
        """``{assignment: points}`` (the sum of its grade cells' points), for the assignments graded."""
        return {name: self.course.assignments[name].out_of for name in self.assignments}


def _roster_ids(roster) -> list[str]:
    if roster is None:
        return []
    if isinstance(roster, (str, Path)):
        try:
            from .roster import read_roster
        except ImportError:  # an older smlessons without the roster module
            with open(roster, newline="", encoding="utf-8-sig") as fh:
                return [row["id"].strip() for row in csv.DictReader(fh) if (row.get("id") or "").strip()]
        roster = read_roster(roster)
    return [getattr(s, "id", s) for s in roster]


def _student_folders(top: Path) -> dict:
    if not top.is_dir():
        return {}
    return {p.name: p for p in sorted(top.iterdir()) if p.is_dir() and not p.name.startswith(".")}


def _plain_files(folder: Path, notebooks: list[str]) -> dict:
    """``{notebook: answer file}`` found anywhere in a plain folder of answer files."""
    out = {}
    for notebook in notebooks:
        name = f"{notebook}{ANSWER_SUFFIX}"
        direct = folder / name
        if direct.is_file():
            out[notebook] = direct
            continue
        found = sorted(
            p for p in folder.rglob(name) if not any(part.startswith(".") for part in p.relative_to(folder).parts)
        )
        if found:
            out[notebook] = found[0]
    return out


def released(course_root) -> list[str]:
    """The assignments handed out: a ``release/<assignment>/`` folder, or one in the
    exchange's outbound (``exchange/<course id>/outbound/<assignment>/``)."""
    root = Path(course_root)
    names = {p.name for p in (root / "release").glob("*/") if p.is_dir() and not p.name.startswith(".")}
    names |= {p.name for p in (root / "exchange").glob("*/outbound/*/") if p.is_dir() and not p.name.startswith(".")}
    return sorted(names, key=natural_key)


def default_assignments(course, submitted_dir=None) -> tuple[list, str]:
    """The assignments to grade and export when none are named: ``(names, why)``.

    Those handed out (:func:`released`); without any, those with at least
    one hand-in (a ``<submitted>/<student>/<assignment>/`` folder); without
    any either, every assignment of the course.
    """
    course = _course(course)
    known = list(course.assignments)
    out = [a for a in released(course.root) if a in course.assignments]
    if out:
        return [a for a in known if a in out], "those handed out: in release/ or the exchange"
    top = Path(submitted_dir) if submitted_dir is not None else course.root / "submitted"
    handed = set()
    for home in _student_folders(top).values():
        nbgrader_layout = {a for a in known if (home / a).is_dir()}
        handed |= nbgrader_layout or {a for a in known if _plain_files(home, course.assignments[a].notebooks)}
    if handed:
        return [a for a in known if a in handed], "those with at least one hand-in; none is in release/ or the exchange"
    return known, "every assignment of the course: none is handed out or handed in"


def closest(name: str, ids) -> str | None:
    """The roster id most like `name` (case ignored), or None.

    Examples
    --------
    >>> closest("Bo", ["ada", "bo", "chen"])
    'bo'
    """
    ids = list(ids)
    lowered = {i.lower(): i for i in ids}
    if name.lower() in lowered:
        return lowered[name.lower()]
    found = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None


def stray_error(folder: str, ids) -> str:
    """The error for a hand-in folder whose name is not on the roster."""
    match = closest(folder, ids)
    hint = f" (did you mean {match!r}? rename the folder submitted/{folder} to submitted/{match})" if match else ""
    return (
        f"ERROR: {folder!r} handed in but is not on the roster{hint}: graded as {folder!r}, on {folder}'s cards; "
        "the marks are not meaningful until the folder is renamed (or the student is added to the roster)"
    )


def grade_class(submitted_dir, course, roster=None, assignments=None) -> ClassGrades:
    """Grade every student's hand-ins of every assignment of a course.

    Parameters
    ----------
    submitted_dir : path
        One folder per student: nbgrader's ``submitted/<student>/<assignment>/``,
        or a plain ``collected/<student>/`` folder of answer files (at any
        depth; matched to an assignment by the notebook's name).
    course : path or Course
        The course folder (its ``source/`` and ``keys/``).
    roster : path, list of Student or list of str, optional
        The roster (``roster.csv``): a rostered student who handed nothing in
        is listed as absent, 0 out of each assignment's points. A student with
        a hand-in but not on the roster is graded, with an error (the
        closest roster id suggested).
    assignments : list of str, optional
        The assignments to grade (default: every assignment of the course).

    Returns
    -------
    ClassGrades
    """
    course = _course(course)
    top = Path(submitted_dir)
    folders = _student_folders(top)
    ids = _roster_ids(roster)
    if assignments is not None:
        unknown = [a for a in assignments if a not in course.assignments]
        if unknown:
            raise KeyError(
                f"not an assignment of the course: {', '.join(unknown)} (it has {', '.join(course.assignments) or 'none'})"
            )
    grades = ClassGrades(
        course=course,
        roster=ids,
        problems=list(course.problems),
        included=None if assignments is None else [a for a in course.assignments if a in set(assignments)],
    )
    stray = {s: stray_error(s, ids) for s in folders if ids and s not in set(ids)}
    grades.problems.extend(stray.values())
    students = sorted(set(ids) | set(folders), key=natural_key)
    for student in students:
        home = folders.get(student)
        for assignment in grades.assignments:
            plan = course.assignments[assignment]
            if home is None:
                sub = grade_submission(None, student, assignment, course)
            elif (home / assignment).is_dir():
                sub = grade_submission(home / assignment, student, assignment, course)
            else:
                files = _plain_files(home, plan.notebooks)
                sub = grade_submission(None, student, assignment, course, files=files)
            if student in stray and sub.status != ABSENT:
                sub.add_error(stray[student])
            grades.submissions.append(sub)
    return grades


# ---------------------------------------------------------------------------
# CSV files

#: Columns of the totals file: a row per student and assignment.
TOTAL_COLUMNS = ("student", "assignment", "points", "out_of", "status", "problems")
#: Columns of the marks file: a row per student, assignment and exercise.
MARK_COLUMNS = (
    "student",
    "assignment",
    "notebook",
    "exercise",
    "kind",
    "points",
    "out_of",
    "status",
    "answer",
    "problems",
)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A student's text as a CSV cell that a spreadsheet shows and never runs as a formula."""
    if text.startswith(_FORMULA):
        try:
            float(text)
            return text
        except ValueError:
            return "'" + text
    return text


def write_totals_csv(grades: ClassGrades, path) -> Path:
    """Write a row per student and assignment (absent students included)."""
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(TOTAL_COLUMNS)
        for s in grades.submissions:
            problems = list(dict.fromkeys(s.problems + [p for m in s.marks for p in m.problems]))
            w.writerow(
                [s.student, s.assignment, s.points, s.out_of, s.status, _cell(shorten("; ".join(problems), 1000))]
            )
    return path


def write_marks_csv(grades: ClassGrades, path) -> Path:
    """Write a row per student, assignment and exercise, with the answer as handed in
    (at most :data:`SHOWN_CHARACTERS` characters shown, and the full length; text a
    spreadsheet would run as a formula starts with ``'``)."""
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(MARK_COLUMNS)
        for m in grades.marks():
            w.writerow(
                [
                    m.student,
                    m.assignment,
                    m.notebook,
                    m.exercise,
                    m.kind,
                    m.points,
                    m.out_of,
                    m.status,
                    _cell(m.answer),
                    _cell(shorten("; ".join(m.problems), 1000)),
                ]
            )
    return path
