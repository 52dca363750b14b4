"""Grades as CSV files: a plain table, and the files Moodle and Canvas import.

All three take the same marks, one grader's (see :mod:`smlessons.instructor.grader`)::

    totals = {student id: {assignment: (points, out_of)}}

a rostered student who handed nothing in has no entry for that assignment.
The roster (:func:`smlessons.instructor.roster.read_roster`) says who should be there
and how each LMS knows them.

:func:`write_grades`
    ``student, first_name, last_name, <assignment>..., total, out_of, note``:
    a row per rostered student (roster order), then a row per student who
    handed in without being on the roster (``note``: not on the roster).
    An assignment not handed in counts 0 and is named in ``note``.

:func:`write_moodle`
    Moodle's gradebook, *Grades > Import > CSV file*. Moodle's documentation
    ("Grade import", docs.moodle.org, e.g. https://docs.moodle.org/311/en/Grade_import)
    says the import format is that of its own export, and that the user is
    identified by a column the teacher maps: "Map from" *Email address* to
    "Map to" *Email address* (``useremail``); e-mail addresses are matched
    case-sensitively. Each other column is mapped by hand to a grade item
    (create one per assignment, maximum grade = its points, before
    importing) or to "new grade item". Header::

        First name,Last name,Email address,<assignment>...

    In Moodle's importer (``grade/import/csv/classes/load_data.php``) a
    grade cell that is empty or ``-`` means "no grade", an unknown user
    aborts the whole import, and a row with an empty user field takes the
    grades of the row before it: so every row here has an e-mail address,
    and a roster without one is refused.

:func:`write_canvas`
    Canvas's gradebook, *Import* (Canvas Instructor Guide, "How do I import
    grades in the Gradebook?",
    https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807):
    the file must look like Canvas's own export, whose first columns are
    *Student*, *ID*, *SIS User ID*, *SIS Login ID*, *Section*, then one
    column per assignment; an optional second row starting with *Points
    Possible* gives each assignment's points (Canvas's importer,
    ``app/models/gradebook_importer.rb``, reads it to create a missing
    assignment with those points). Canvas finds the student by *ID* (its
    numeric user id), else by the SIS ids, else by name; an assignment
    column by its title (or ``Title (id)``), creating the assignment when
    none has that title. Header::

        Student,ID,SIS User ID,SIS Login ID,Section,<assignment>...
        Points Possible,,,,,<points>...

    ``identify_by="lms_user_id"`` (default) puts the roster's
    ``lms_user_id`` (Canvas's user ID, digits) in *ID*;
    ``identify_by="email"`` puts the e-mail in *SIS Login ID*, for schools
    whose Canvas login is the e-mail address. *Student* holds "Last, First".

A student who handed nothing in gets **0** in both LMS files by default
(``no_hand_in="zero"``): both leave an ungraded cell out of the course
total (Moodle's "Exclude empty grades" is on by default; Canvas's current
score ignores ungraded assignments), so an empty cell would rank a student
who handed in nothing above one who handed in and scored little. The grader
counts it 0 too, so the LMS shows the same mark as the report.
``no_hand_in="empty"`` leaves it ungraded instead (Moodle: ``-``, its own
"no grade"; Canvas: an empty cell), for a teacher who marks it by hand.
Students who handed in but are not on the roster cannot be identified by
the LMS: they are left out of its file, with a :class:`GradebookWarning`
naming them (:func:`not_on_roster` lists them).

Points are written with a dot and at most two decimals (``7``, ``2.5``); the
files are UTF-8 without a byte-order mark, comma-separated, one header row.
"""

from __future__ import annotations

import csv
import math
import warnings
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from .roster import Student, natural_key, read_roster

__all__ = [
    "CANVAS_COLUMNS",
    "GRADES_COLUMNS",
    "MOODLE_COLUMNS",
    "GradebookError",
    "GradebookWarning",
    "not_on_roster",
    "write_canvas",
    "write_grades",
    "write_moodle",
]

#: The columns of :func:`write_grades` before and after the assignments.
GRADES_COLUMNS = (("student", "first_name", "last_name"), ("total", "out_of", "note"))
#: The columns of :func:`write_moodle` before the assignments.
MOODLE_COLUMNS = ("First name", "Last name", "Email address")
#: The columns of :func:`write_canvas` before the assignments.
CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
NO_HAND_IN = "no hand-in"
NOT_ON_ROSTER = "not on the roster"


class GradebookError(ValueError):
    """Marks or a roster that cannot make a gradebook file; the message says why."""


class GradebookWarning(UserWarning):
    """Something a gradebook file leaves out (students not on the roster)."""


# ---------------------------------------------------------------------------
# Checking the input


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _check_totals(totals: Mapping) -> None:
    if not isinstance(totals, Mapping):
        raise GradebookError(
            f"totals must be {{student: {{assignment: (points, out_of)}}}}, not {type(totals).__name__}"
        )
    for student, marks in totals.items():
        if not isinstance(student, str) or not student:
            raise GradebookError(f"totals: a student id must be a non-empty string, not {student!r}")
        if not isinstance(marks, Mapping):
            raise GradebookError(
                f"totals[{student!r}] must be {{assignment: (points, out_of)}}, not {type(marks).__name__}"
            )
        for assignment, mark in marks.items():
            ok = isinstance(mark, (tuple, list)) and len(mark) == 2 and all(_is_number(x) for x in mark)
            if not ok:
                raise GradebookError(
                    f"totals[{student!r}][{assignment!r}] must be (points, out_of), two numbers; it is {mark!r}"
                )
            if mark[1] < 0 or mark[0] < 0:
                raise GradebookError(f"totals[{student!r}][{assignment!r}] = {tuple(mark)!r}: negative points")


def _roster(roster) -> list[Student]:
    if roster is None:
        return []
    if isinstance(roster, (str, Path)):
        return read_roster(roster)
    students = list(roster)
    for s in students:
        if not isinstance(s, Student):
            raise GradebookError(
                f"the roster must hold Student records (smlessons.instructor.roster.read_roster), not {type(s).__name__}"
            )
    return students


def _assignments(assignments, totals: Mapping) -> tuple[list, dict]:
    """``(names in order, {name: out_of or None})``; out_of from `assignments`
    when it is a mapping, else the one every hand-in of it agrees on."""
    given: dict = {}
    if assignments is None:
        names = sorted({a for marks in totals.values() for a in marks}, key=natural_key)
    elif isinstance(assignments, Mapping):
        names = list(assignments)
        for name, out_of in assignments.items():
            if out_of is not None and not _is_number(out_of):
                raise GradebookError(f"assignments[{name!r}] must be the assignment's points, not {out_of!r}")
            given[name] = out_of
    elif isinstance(assignments, str):
        raise GradebookError("assignments must be a list of assignment names (or {name: points}), not one string")
    else:
        names = list(assignments)
    if len(set(names)) != len(names):
        raise GradebookError(f"an assignment is listed twice: {[n for n, k in Counter(names).items() if k > 1]}")
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise GradebookError(f"an assignment name must be a non-empty string, not {name!r}")
    out_of: dict = {}
    for name in names:
        seen = Counter(marks[name][1] for marks in totals.values() if name in marks)
        if given.get(name) is not None:
            out_of[name] = given[name]
            others = sorted(v for v in seen if v != given[name])
            if others:
                raise GradebookError(
                    f"{name} is out of {_number(given[name])} points, but some hand-ins are marked out of {', '.join(map(_number, others))}"
                )
        elif len(seen) > 1:
            detail = ", ".join(f"{_number(v)} ({k} student(s))" for v, k in seen.most_common())
            raise GradebookError(f"{name}: the hand-ins are not all marked out of the same points: {detail}")
        else:
            out_of[name] = next(iter(seen), None)
    unknown = sorted({a for marks in totals.values() for a in marks} - set(names), key=natural_key)
    if unknown:
        warnings.warn(
            f"marks for assignments not asked for are left out: {', '.join(unknown)}", GradebookWarning, stacklevel=3
        )
    unmarked = [n for n in names if out_of[n] is None]
    if unmarked:
        warnings.warn(
            f"nobody handed in {', '.join(unmarked)}, so its points are unknown (pass assignments as {{name: points}})",
            GradebookWarning,
            stacklevel=3,
        )
    return names, out_of


def _number(x) -> str:
    """``7``, ``2.5``, ``0.33``: a dot, at most two decimals, no exponent."""
    if x is None:
        return ""
    if float(x) == int(x):
        return str(int(x))
    return f"{x:.2f}".rstrip("0").rstrip(".")


def not_on_roster(totals: Mapping, roster) -> list[str]:
    """The students who have marks but are not on the roster, sorted."""
    ids = {s.id for s in _roster(roster)}
    return sorted(s for s in totals if s not in ids)


def _left_out(totals: Mapping, roster: list, what: str) -> None:
    missing = not_on_roster(totals, roster)
    if missing:
        warnings.warn(
            f"{len(missing)} student(s) handed in but are not on the roster, so {what} cannot name them "
            f"and they are left out: {', '.join(missing)}. Add them to the roster to export their grades.",
            GradebookWarning,
            stacklevel=3,
        )


def _lms_roster(roster, lms: str, column: str) -> list[Student]:
    if roster is None:
        raise GradebookError(
            f"{lms} knows students by their {column}, which only the roster gives: "
            "pass the roster (the course's roster.csv, see smlessons.instructor.roster.read_roster)"
        )
    return _roster(roster)


def _need(roster: list, attribute: str, column: str, lms: str, check=None) -> None:
    bad = [s for s in roster if not getattr(s, attribute)]
    if bad:
        where = ", ".join(f"{s.id}" + (f" (line {s.line})" if s.line else "") for s in bad[:10])
        more = f" and {len(bad) - 10} more" if len(bad) > 10 else ""
        raise GradebookError(
            f"{lms} needs the {column} of every student to know them, and the roster has no "
            f"{attribute} for {len(bad)} student(s): {where}{more}"
        )
    if check:
        wrong = [s for s in roster if not check(getattr(s, attribute))]
        if wrong:
            where = ", ".join(
                f"{s.id} {getattr(s, attribute)!r}" + (f" (line {s.line})" if s.line else "") for s in wrong[:10]
            )
            raise GradebookError(f"{lms}: {check.__doc__}; these are not: {where}")
    seen: dict = {}
    for s in roster:
        value = getattr(s, attribute)
        if value in seen:
            raise GradebookError(f"{lms}: {seen[value]} and {s.id} have the same {attribute} {value!r} in the roster")
        seen[value] = s.id


def _no_hand_in(choice: str, empty: str) -> str:
    if choice == "zero":
        return "0"
    if choice == "empty":
        return empty
    raise GradebookError(f"no_hand_in must be 'zero' or 'empty', not {choice!r}")


def _write(path, rows) -> Path:
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


# ---------------------------------------------------------------------------
# The files


def write_grades(totals: Mapping, path, roster=None, assignments=None, *, notes: Mapping | None = None) -> Path:
    """Write every student's points per assignment and in total (UTF-8 CSV).

    Parameters
    ----------
    totals : dict
        ``{student id: {assignment: (points, out_of)}}``.
    path : path
    roster : list of Student, or path, optional
        Every rostered student gets a row, in roster order, even without a
        hand-in; students with marks but not on the roster follow, sorted.
        Without a roster, the students of `totals`, sorted.
    assignments : list of str, or dict, optional
        The assignment columns, in order (default: those in `totals`,
        lesson2 before lesson10); a dict ``{name: out_of}`` also gives each
        one's points when nobody handed it in.
    notes : dict, optional
        ``{student id: [text, ...]}``: more for a student's ``note`` (the
        grader's errors), first.

    Returns
    -------
    Path

    Notes
    -----
    Header: ``student,first_name,last_name,<assignment>...,total,out_of,note``.
    An assignment not handed in counts 0; ``note`` says ``no hand-in:
    lesson2, lesson5`` (or ``no hand-in`` for none at all), or ``not on the
    roster``.
    """
    _check_totals(totals)
    students = _roster(roster)
    names, out_of = _assignments(assignments, totals)
    head, tail = GRADES_COLUMNS
    rows = [[*head, *names, *tail]]
    everyone = [(s, True) for s in students] + [
        (Student(sid), roster is None) for sid in sorted(set(totals) - {s.id for s in students}, key=natural_key)
    ]
    full = sum(v for v in out_of.values() if v is not None)
    for s, rostered in everyone:
        marks = totals.get(s.id, {})
        cells, missing = [], []
        for name in names:
            if name in marks:
                cells.append(_number(marks[name][0]))
            else:
                cells.append("0")
                missing.append(name)
        total = sum(marks[n][0] for n in names if n in marks)
        said = [str(n) for n in (notes or {}).get(s.id, [])]
        if not rostered:
            said.append(NOT_ON_ROSTER)
        if missing and len(missing) == len(names):
            said.append(NO_HAND_IN)
        elif missing:
            said.append(f"{NO_HAND_IN}: {', '.join(missing)}")
        rows.append([s.id, s.first_name, s.last_name, *cells, _number(total), _number(full), "; ".join(said)])
    return _write(path, rows)


def write_moodle(totals: Mapping, path, roster, assignments=None, *, no_hand_in: str = "zero") -> Path:
    """Write the file Moodle's gradebook imports (*Grades > Import > CSV file*).

    Parameters
    ----------
    totals : dict
        ``{student id: {assignment: (points, out_of)}}``.
    path : path
    roster : list of Student, or path
        Every student needs an e-mail address (Moodle finds them by it).
    assignments : list of str, or dict, optional
        As for :func:`write_grades`.
    no_hand_in : {"zero", "empty"}
        What a student who did not hand an assignment in gets: ``0``
        (default), or ``-``, Moodle's "no grade".

    Returns
    -------
    Path

    Raises
    ------
    GradebookError
        If a rostered student has no e-mail address, or two share one.

    Notes
    -----
    Header: ``First name,Last name,Email address,<assignment>...``; one row
    per rostered student, in roster order. In Moodle, map "Email address"
    to the user's "Email address" and each assignment column to its grade
    item. Students not on the roster are left out (with a warning).
    """
    _check_totals(totals)
    students = _lms_roster(roster, "Moodle", "e-mail address")
    _need(students, "email", "e-mail address", "Moodle")
    names, _ = _assignments(assignments, totals)
    absent = _no_hand_in(no_hand_in, "-")
    _left_out(totals, students, "Moodle")
    rows = [[*MOODLE_COLUMNS, *names]]
    for s in students:
        marks = totals.get(s.id, {})
        rows.append(
            [s.first_name, s.last_name, s.email, *(_number(marks[n][0]) if n in marks else absent for n in names)]
        )
    return _write(path, rows)


def _canvas_id(value: str) -> bool:
    """Canvas's user ID is a number (digits only)"""
    return value.isascii() and value.isdigit()


def write_canvas(
    totals: Mapping, path, roster, assignments=None, *, identify_by: str = "lms_user_id", no_hand_in: str = "zero"
) -> Path:
    """Write the file Canvas's gradebook imports (*Grades > Import*).

    Parameters
    ----------
    totals : dict
        ``{student id: {assignment: (points, out_of)}}``.
    path : path
    roster : list of Student, or path
    assignments : list of str, or dict, optional
        As for :func:`write_grades`; the names are the Canvas assignment
        titles (Canvas creates an assignment that does not exist yet).
    identify_by : {"lms_user_id", "email"}
        How Canvas finds each student: by the roster's ``lms_user_id`` in
        the *ID* column (Canvas's numeric user ID; default), or by the
        roster's ``email`` in *SIS Login ID* (where the Canvas login is the
        e-mail address).
    no_hand_in : {"zero", "empty"}
        What a student who did not hand an assignment in gets: ``0``
        (default), or an empty cell (ungraded).

    Returns
    -------
    Path

    Raises
    ------
    GradebookError
        If a rostered student lacks what `identify_by` needs (or an
        ``lms_user_id`` is not a number), or two share it.

    Notes
    -----
    Rows: the header ``Student,ID,SIS User ID,SIS Login ID,Section,<assignment>...``,
    then ``Points Possible,,,,,<points>...``, then one row per rostered
    student in roster order, *Student* being "Last, First". Students not on
    the roster are left out (with a warning).
    """
    _check_totals(totals)
    students = _lms_roster(roster, "Canvas", "user ID or login")
    if identify_by == "lms_user_id":
        _need(students, "lms_user_id", "Canvas user ID (lms_user_id)", "Canvas", check=_canvas_id)
    elif identify_by == "email":
        _need(students, "email", "login (e-mail address, in SIS Login ID)", "Canvas")
    else:
        raise GradebookError(f"identify_by must be 'lms_user_id' or 'email', not {identify_by!r}")
    names, out_of = _assignments(assignments, totals)
    absent = _no_hand_in(no_hand_in, "")
    _left_out(totals, students, "Canvas")
    rows = [[*CANVAS_COLUMNS, *names], ["Points Possible", "", "", "", "", *(_number(out_of[n]) for n in names)]]
    for s in students:
        marks = totals.get(s.id, {})
        canvas_id, login = (s.lms_user_id, "") if identify_by == "lms_user_id" else ("", s.email)
        rows.append(
            [
                s.sortable_name,
                canvas_id,
                "",
                login,
                "",
                *(_number(marks[n][0]) if n in marks else absent for n in names),
            ]
        )
    return _write(path, rows)
