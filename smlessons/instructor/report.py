"""A class report from collected answer files: a CSV and an HTML page.

The instructor collects the students' answer files (``*.answers.json``: by
nbgrader, a hub's shared folder, or e-mail) into folders, one per student::

    collected/ada/01-media-and-networks.answers.json
    collected/ada/lesson3/people-and-ties.answers.json
    collected/bo/01-media-and-networks.answers.json

:func:`collect` grades them against the keys (with
:func:`smlessons.instructor.autograde.grade_answers`, the grader's marking, each
student's own variant); :func:`write_csv` writes a row per student, exercise
and item (card or question), with where the card was placed (or what was
answered) and its status; :func:`write_html` writes a page with a score
table, the score distribution and, per board, a heatmap of the bins the
class put each card in: the misconceptions at a glance. Files that cannot be
read, that are not answer files, or that a lesson kept aside as damaged are
listed and skipped.

With a roster (:func:`smlessons.instructor.roster.read_roster`; :func:`build` finds
``roster.csv`` and ``keys/`` in an nbgrader course folder) every rostered
student is in the score table and the CSV: one who handed nothing in is
marked "no hand-in", with 0 of the total; one who handed in without being
on the roster is marked "not on the roster".

What students wrote is shown, never trusted: every answer is escaped in the
page and cut to :data:`SHOWN_CHARACTERS` characters in the page and in the
CSV, with its full length noted (``… (10,485,760 characters)``), so one
huge answer cannot make the page wide or the CSV unreadable (Python's
``csv`` module refuses fields over 131,072 characters by default).
:func:`write_html` writes plotly.js once, as ``plotly.min.js`` beside the
page (the page loads it from there, so it opens offline), and charts counts,
not per-student data: the page for a class of 200 is far under 2 MB.

Lesson 8's written campaign plans are not graded (the instructor marks them
with the rubric in the instructor guide): :func:`write_plans_csv` lists them,
one row per student, with the plan, the reasons and their verdicts, and the
explanation.
"""

from __future__ import annotations

import csv
import datetime as _dt
import html
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from ..exercises.answers import SHOWN_CHARACTERS, shorten
from ..figures.theme import COLOURSCALE, COLOURWAY, NEUTRAL, template
from .autograde import (
    ANSWER_SUFFIX,
    RIGHT,
    UNANSWERED,
    AnswerFileError,
    Keys,
    Row,
    grade_answers,
    load_keys,
    read_answer_file,
)
from .roster import read_roster

__all__ = [
    "ClassReport",
    "build",
    "clip",
    "collect",
    "course_inputs",
    "find_answer_files",
    "write_csv",
    "write_html",
    "write_plans_csv",
    "write_report",
    "CSV_COLUMNS",
    "NO_HAND_IN",
    "NOT_ON_ROSTER",
    "PLAN_COLUMNS",
    "PLAN_EXERCISES",
    "PLOTLY_JS",
    "SHOWN_CHARACTERS",
]

#: The columns of the CSV, in order.
CSV_COLUMNS = ("student", "exercise", "item", "placed", "status", "right_answer", "kind", "file")
#: Exercises that save a written plan to mark by hand, not an answer to grade.
PLAN_EXERCISES = ("lesson08-campaign-plan",)
#: The columns of plans.csv, in order.
PLAN_COLUMNS = ("student", "media", "seeds", "cost", "target_reach", "reasons", "explanation", "saved", "file")
NOT_PLACED = "(not placed)"
TICK = " \u2713"
#: A written plan's explanation is read in full to mark it: plans.csv cuts it only past this.
PLAN_CHARACTERS = 5000
#: The status of a rostered student with no answer file.
NO_HAND_IN = "no hand-in"
#: The status of a student whose answer files were all skipped (unreadable, damaged).
NOTHING_READABLE = "no readable hand-in (see skipped files)"
#: The status of a student who handed in but is not on the roster.
NOT_ON_ROSTER = "not on the roster"
#: The file beside the page that holds plotly.js.
PLOTLY_JS = "plotly.min.js"


#: `text` cut for the page and the CSVs (see :func:`smlessons.exercises.answers.shorten`).
clip = shorten


@dataclass
class ClassReport:
    """What :func:`collect` found.

    Attributes
    ----------
    rows : list of Row
        One per student, exercise and item.
    students : list of str
    files : list of str
        The answer files graded.
    skipped : list of (str, str)
        ``(file, why)`` for every file that was not graded.
    problems : list of str
        Answers that could not be graded (no key, unknown cards), file by file.
    keys : Keys
    plans : list of dict
        Lesson 8's written plans, one per student (:data:`PLAN_COLUMNS`),
        to mark by hand; not graded.
    roster : list of Student, or None
        Who should have handed in (None: no roster given).
    found : set of str
        The students with at least one answer file, readable or not.
    """

    rows: list = field(default_factory=list)
    students: list = field(default_factory=list)
    files: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    keys: Keys = field(default_factory=Keys)
    plans: list = field(default_factory=list)
    roster: list | None = None
    found: set = field(default_factory=set)
    grades: object = None  # the grader's marks (smlessons.instructor.grader.ClassGrades) when a course is given
    mismatches: list = field(default_factory=list)  # answer files answered as another student than their folder's

    def errors(self) -> list[str]:
        """What makes marks meaningless until resolved: answer files answered as
        another student than the one whose folder they are in, and (with a course)
        the grader's errors (a hand-in folder not on the roster)."""
        out = list(self.mismatches)
        if self.grades is not None:
            out += self.grades.errors()
        return list(dict.fromkeys(out))

    def scores(self) -> dict:
        """``{(student, exercise): (right, out of)}``."""
        out: dict = {}
        for r in self.rows:
            right, total = out.get((r.student, r.exercise), (0, 0))
            out[(r.student, r.exercise)] = (right + (r.status == RIGHT), total + 1)
        return out

    def exercises(self) -> list[str]:
        """The exercises that have rows, in the order first met."""
        return list(dict.fromkeys(r.exercise for r in self.rows))

    def out_of(self) -> dict:
        """``{exercise: items}``: how many items each exercise has (the most
        common count among the students who did it)."""
        counts: dict = defaultdict(Counter)
        for (_, ex_id), (_, total) in self.scores().items():
            counts[ex_id][total] += 1
        return {ex_id: counts[ex_id].most_common(1)[0][0] for ex_id in self.exercises()}

    def everyone(self) -> list[str]:
        """The students of the score table: the roster's, in its order, then
        those who handed in without being on it (sorted); without a roster,
        those who handed in."""
        if self.roster is None:
            return list(self.students)
        listed = [s.id for s in self.roster]
        known = set(listed)
        return listed + sorted((set(self.students) | self.found) - known)

    def status(self, student: str) -> str:
        """``""``, :data:`NO_HAND_IN`, :data:`NOTHING_READABLE` or :data:`NOT_ON_ROSTER`."""
        if self.roster is not None and student not in {s.id for s in self.roster}:
            return NOT_ON_ROSTER
        if student in self.students:
            return ""
        return NOTHING_READABLE if student in self.found else NO_HAND_IN

    def not_handed_in(self) -> list[str]:
        """The rostered students with nothing graded, in roster order."""
        return [s.id for s in self.roster or [] if s.id not in self.students]

    def not_on_roster(self) -> list[str]:
        """The students who handed in but are not on the roster (sorted)."""
        if self.roster is None:
            return []
        known = {s.id for s in self.roster}
        return sorted(s for s in (set(self.students) | self.found) if s not in known)


def _hidden(path: Path, top: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(top).parts[:-1])


def find_answer_files(folder) -> tuple[list, list]:
    """The answer files under `folder`, with the student each belongs to.

    The student is the name of the folder directly under `folder` that holds
    the file (at any depth), or `folder`'s own name for a file directly in it.
    Hidden folders (``.ipynb_checkpoints``) are skipped.

    Returns
    -------
    (found, aside) : (list of (student, Path), list of (Path, why))
        `aside` lists damaged files a widget kept aside (``*.corrupt-*.json``).
    """
    top = Path(folder)
    found, aside = [], []
    for path in sorted(top.rglob("*.json")):
        if not path.is_file() or _hidden(path, top):
            continue
        rel = path.relative_to(top)
        student = rel.parts[0] if len(rel.parts) > 1 else top.resolve().name
        if path.name.endswith(ANSWER_SUFFIX):
            found.append((student, path))
        elif ".answers.corrupt-" in path.name:
            aside.append((path, "a damaged answer file that the lesson kept aside; not graded"))
    return found, aside


def _shown(path: Path, top: Path) -> str:
    return str(Path(top.resolve().name) / path.relative_to(top))


def collect(folders, keys: Keys, roster=None) -> ClassReport:
    """Read and grade every answer file under `folders`.

    Parameters
    ----------
    folders : list of path
    keys : Keys
        See :func:`smlessons.instructor.autograde.load_keys`.
    roster : list of Student, optional
        Who should have handed in (:func:`smlessons.instructor.roster.read_roster`).

    Returns
    -------
    ClassReport
        A student's exercise found in several files is graded once, from the
        file that saved it last; the others are listed as skipped.
    """
    report = ClassReport(keys=keys, roster=None if roster is None else list(roster))
    report.problems.extend(f"key: {p}" for p in keys.problems)
    chosen: dict = {}  # (student, exercise) -> (saved, file shown, answer)
    for folder in folders:
        top = Path(folder)
        found, aside = find_answer_files(top)
        report.skipped.extend((_shown(p, top), why) for p, why in aside)
        for student, path in found:
            report.found.add(student)
            shown = _shown(path, top)
            try:
                doc = read_answer_file(path)
            except (AnswerFileError, OSError) as exc:
                why = str(exc)
                report.skipped.append((shown, why[len(path.name) + 2 :] if why.startswith(f"{path.name}: ") else why))
                continue
            except Exception as exc:  # never let one odd file stop the report
                report.skipped.append((shown, f"could not be read ({type(exc).__name__}: {exc})"))
                continue
            report.files.append(shown)
            recorded = doc.get("student")
            if isinstance(recorded, str) and recorded != student:
                from .grader import mismatch_error

                report.mismatches.append(f"{student}: {mismatch_error(shown, recorded, student)}")
            for ex_id, entry in doc["exercises"].items():
                saved = str(entry.get("saved", ""))
                key = (student, ex_id)
                if key in chosen:
                    older, newer = sorted([chosen[key], (saved, shown, entry["answer"])], key=lambda t: t[0])
                    report.skipped.append(
                        (older[1], f"{ex_id} of {student} is also in {newer[1]}, saved later; that one is graded")
                    )
                    chosen[key] = newer
                else:
                    chosen[key] = (saved, shown, entry["answer"])
    by_student: dict = defaultdict(dict)
    files: dict = defaultdict(dict)
    for (student, ex_id), (saved, shown, answer) in sorted(chosen.items()):
        if ex_id in PLAN_EXERCISES:  # marked by hand: listed, not graded
            report.plans.append(_plan_row(student, answer, saved, shown))
            by_student.setdefault(student, {})
            continue
        by_student[student][ex_id] = answer
        files[student][ex_id] = shown
    for student in sorted(by_student):
        answers = by_student[student]
        try:
            rows, problems = grade_answers(answers, keys, student=student)
        except Exception as exc:  # a malformed answer must not stop the report
            rows, problems = [], [f"{student}: answers could not be graded ({type(exc).__name__}: {exc})"]
        # A board's row comes from the board's entry, a question's from its own;
        # an unanswered question from the file that answered others of its file.
        group_file = {r.exercise: files[student][r.item] for r in rows if r.item in files[student]}
        report.rows.extend(
            replace(
                r, file=files[student].get(r.exercise) or files[student].get(r.item) or group_file.get(r.exercise, "")
            )
            for r in rows
        )
        report.problems.extend(f"{student}: {p}" for p in problems)
    report.students = sorted(by_student)
    return report


def _verdicts(answer: dict) -> dict:
    """``{letter: verdict in words}``; older files saved only true/false."""
    if isinstance(answer.get("verdicts"), dict):
        return {str(k): str(v) for k, v in answer["verdicts"].items()}
    old = answer.get("reasons_true")
    if isinstance(old, dict):
        from ..exercises.campaign import texts, verdict_word

        known = texts()["reasons"]
        return {
            str(k): (verdict_word(k, v) if k in known and (v is None or isinstance(v, bool)) else str(v))
            for k, v in old.items()
        }
    return {}


def _plan_row(student: str, answer, saved: str, shown: str) -> dict:
    """One row of plans.csv from a saved plan (odd values are shown as they are, never a crash)."""
    a = answer if isinstance(answer, dict) else {"explanation": json.dumps(answer, ensure_ascii=False)}

    def names(value):
        return ", ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else str(value))

    verdicts = _verdicts(a)
    letters = a.get("reasons") if isinstance(a.get("reasons"), list) else list(verdicts)
    reach = a.get("target_reach")
    return {
        "student": student,
        "media": names(a.get("media")),
        "seeds": names(a.get("seeds")),
        "cost": "" if a.get("cost") is None else a.get("cost"),
        "target_reach": f"{reach:.0%}"
        if isinstance(reach, (int, float)) and not isinstance(reach, bool)
        else names(reach),
        "reasons": "; ".join(f"({k}) {verdicts.get(str(k), '')}".rstrip() for k in letters),
        "explanation": names(a.get("explanation")),
        "saved": saved,
        "file": shown,
    }


def write_plans_csv(report: ClassReport, path) -> Path:
    """Write lesson 8's plans, one row per student (UTF-8, columns :data:`PLAN_COLUMNS`).

    ``reasons`` lists each reason picked with the verdict the student saw,
    e.g. ``(a) ✓ true; (c) ! true but weak``; ``target_reach`` is the average
    share of the target reached over the plan's runs. The explanation is
    read in full to mark it, so a field is cut only past
    :data:`PLAN_CHARACTERS` characters (with its full length noted; the
    answer file keeps it all).
    """
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(PLAN_COLUMNS)
        for row in report.plans:
            writer.writerow([clip(row[c], PLAN_CHARACTERS) for c in PLAN_COLUMNS])
    return path


def write_csv(report: ClassReport, path) -> Path:
    """Write the rows as CSV (UTF-8, a header line, columns :data:`CSV_COLUMNS`).

    Every field is cut to :data:`SHOWN_CHARACTERS` characters, with the full
    length noted. With a roster, a rostered student with nothing graded
    gets one row, with only ``student`` and ``status`` (:data:`NO_HAND_IN`,
    or :data:`NOTHING_READABLE`); a student not on the roster keeps their
    rows (the page flags them).
    """
    path = Path(path)
    names = {f.name for f in fields(Row)}
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for r in report.rows:
            values = {n: getattr(r, n) for n in names}
            values["placed"] = r.answer
            writer.writerow([clip(values[c]) for c in CSV_COLUMNS])
        for student in report.not_handed_in():
            values = dict.fromkeys(CSV_COLUMNS, "")
            values.update(student=student, status=report.status(student))
            writer.writerow([clip(values[c]) for c in CSV_COLUMNS])
    return path


# ---------------------------------------------------------------------------
# HTML

#: The score bins of the histogram: 0-9 %, ..., 90-99 % (rounded down), and 100 % on its own.
SCORE_BINS = tuple(f"{lo}\u2013{lo + 9} %" for lo in range(0, 100, 10)) + ("100 %",)


def _score_bin(right: int, total: int) -> int:
    """The index in :data:`SCORE_BINS` of `right` out of `total` (a perfect score is the last bin)."""
    if right >= total:
        return len(SCORE_BINS) - 1
    return min(int(math.floor(100 * right / total)) // 10, len(SCORE_BINS) - 2)


def _count_step(most: int) -> int:
    """A tick step in whole students: 1, 2, 5, 10, 20, 50, ... giving at most about 10 ticks."""
    step = 1
    while most / step > 10:
        for factor in (2, 5, 10):
            if most / (step * factor) <= 10 or factor == 10:
                step *= factor
                break
    return step


def _score_figure(report: ClassReport):
    """Per exercise, how many students got each share of its items right.

    The counts are binned here, so the figure holds 11 numbers per
    exercise whatever the class size; 100 % has its own bar, and the y axis
    counts whole students. Students with no hand-in are not in it.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    scores = report.scores()
    most = 1
    for ex_id in report.exercises():
        counts = [0] * len(SCORE_BINS)
        for (_, e), (right, total) in scores.items():
            if e == ex_id and total:
                counts[_score_bin(right, total)] += 1
        most = max(most, *counts)
        fig.add_trace(
            go.Bar(
                x=list(SCORE_BINS),
                y=counts,
                name=ex_id,
                hovertemplate="%{y} student(s): %{x}<extra>" + html.escape(ex_id) + "</extra>",
            )
        )
    fig.update_layout(
        title="Score distribution: share of items right, per student and exercise",
        xaxis_title="% of the exercise's items right",
        yaxis_title="students",
        barmode="group",
        bargap=0.1,
        template=template(),
    )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=list(SCORE_BINS))
    fig.update_yaxes(
        tickmode="linear", tick0=0, dtick=_count_step(most), tickformat="d", rangemode="tozero", range=[0, most * 1.08]
    )
    return fig


def _board_figure(report: ClassReport, ex_id: str):
    import plotly.graph_objects as go

    ex = report.keys.boards[ex_id]
    items = [i.label for i in ex.items]
    columns = list(ex.bins) + [NOT_PLACED]
    counts = Counter((r.item, r.answer or NOT_PLACED) for r in report.rows if r.exercise == ex_id)
    right = {i.label: set(i.answers) for i in ex.items}
    z = [[counts[(item, col)] for col in columns] for item in items]
    text = [[f"{counts[(item, col)]}{TICK if col in right[item] else ''}" for col in columns] for item in items]
    hover = [
        [
            f"{html.escape(item)}<br>in {html.escape(col)}: {counts[(item, col)]} student(s)"
            + (" (right)" if col in right[item] else "" if col == NOT_PLACED else " (wrong)")
            for col in columns
        ]
        for item in items
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=items,
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            colorscale=COLOURSCALE,
            colorbar={"title": "students"},
        )
    )
    fig.update_layout(
        title=f"{ex_id}: where the class put each card (\u2713 = a right bin)",
        template=template(),
        height=max(320, 110 + 34 * len(items)),
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


def _question_figure(report: ClassReport, group: str):
    import plotly.graph_objects as go

    rows = [r for r in report.rows if r.exercise == group]
    items = list(dict.fromkeys(r.item for r in rows))
    counts = Counter((r.item, r.status) for r in rows)
    fig = go.Figure()
    for status, colour in ((RIGHT, COLOURWAY[2]), ("wrong", COLOURWAY[5]), (UNANSWERED, NEUTRAL)):
        fig.add_trace(
            go.Bar(
                y=items,
                x=[counts[(i, status)] for i in items],
                name=status,
                orientation="h",
                marker_color=colour,
            )
        )
    most = max([sum(counts[(i, st)] for st in (RIGHT, "wrong", UNANSWERED)) for i in items] or [1])
    fig.update_layout(
        title=f"{group}: answers per question",
        barmode="stack",
        template=template(),
        xaxis_title="students",
        height=max(280, 110 + 40 * len(items)),
        legend={"traceorder": "normal"},
    )
    fig.update_xaxes(tickmode="linear", tick0=0, dtick=_count_step(most), tickformat="d", rangemode="tozero")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


def _table(header, body, limit: int = SHOWN_CHARACTERS) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    lines = "".join("<tr>" + "".join(f"<td>{html.escape(clip(c, limit))}</td>" for c in row) + "</tr>" for row in body)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{lines}</tbody></table>"


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; max-width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
td { overflow-wrap: anywhere; max-width: 40rem; }
th { background: #f2f2f2; }
li { overflow-wrap: anywhere; }
.note { color: #555; }
h2.error, h2.error + ul { color: #a40000; }
.absent { color: #a33; }
"""


def _write_plotly_js(folder: Path) -> Path:
    """Write plotly's bundled plotly.js beside the page, unless it is already there."""
    from plotly.offline import get_plotlyjs

    target = folder / PLOTLY_JS
    code = get_plotlyjs()
    try:
        if target.read_text(encoding="utf-8") == code:
            return target
    except (OSError, UnicodeDecodeError):
        pass
    target.write_text(code, encoding="utf-8")
    return target


def _summary(report: ClassReport) -> str:
    parts = []
    if report.roster is not None:
        parts.append(f"{len(report.roster)} student(s) on the roster")
        missing = report.not_handed_in()
        if missing:
            parts.append(f"{len(missing)} with no hand-in")
        extra = report.not_on_roster()
        if extra:
            parts.append(f"{len(extra)} who handed in but are not on the roster")
    else:
        parts.append(f"{len(report.students)} student(s)")
    parts.append(f"{len(report.files)} answer file(s) graded")
    parts.append(f"{len(report.skipped)} file(s) skipped")
    return ", ".join(parts)


def _marks_table(report: ClassReport) -> str:
    """The grader's marks per student and assignment (the ones nbgrader and grades.csv give)."""
    from .grader import as_mark

    grades = report.grades
    names = {s.id: s.name for s in report.roster or []}
    assignments = grades.assignments
    out_of = grades.out_of()
    header = ["student", *(["name"] if names else []), *(f"{a} (/{as_mark(out_of[a])})" for a in assignments), "total"]
    by_student: dict = {}
    for sub in grades.submissions:
        by_student.setdefault(sub.student, {})[sub.assignment] = sub
    body = []
    for student, subs in by_student.items():
        cells, points, full = [], 0, 0
        for a in assignments:
            sub = subs.get(a)
            if sub is None or sub.status == "absent":
                cells.append("no hand-in")
            else:
                cells.append(str(as_mark(sub.points)))
                points += sub.points
            full += out_of[a]
        name = [names.get(student, "")] if names else []
        body.append([student, *name, *cells, f"{as_mark(points)} / {as_mark(full)}"])
    return _table(header, body)


def _score_table(report: ClassReport) -> str:
    scores = report.scores()
    exercises = report.exercises()
    out_of = report.out_of()
    full = sum(out_of.values())
    names = {s.id: s.name for s in report.roster or []}
    rostered = report.roster is not None
    header = ["student", *(["name"] if rostered else []), *exercises, "total", *(["status"] if rostered else [])]
    body = []
    for student in report.everyone():
        cells, right_sum = [], 0
        for ex_id in exercises:
            right, total = scores.get((student, ex_id), (None, None))
            cells.append("\u2013" if total is None else f"{right} / {total}")
            right_sum += right or 0
        status = report.status(student)
        name = [names.get(student, "")] if rostered else []
        body.append(([student, *name, *cells, f"{right_sum} / {full}", *([status] if rostered else [])], status))
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    rows = "".join(
        ('<tr class="absent">' if status in (NO_HAND_IN, NOTHING_READABLE) else "<tr>")
        + "".join(f"<td>{html.escape(clip(c))}</td>" for c in row)
        + "</tr>"
        for row, status in body
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def write_html(report: ClassReport, path) -> Path:
    """Write the report page: summary, scores, charts, skipped files.

    The charts need plotly.js: it is written once beside the page, as
    :data:`PLOTLY_JS` (plotly's bundled copy, about 5 MB; kept if already
    there), and the page loads it from there, so it opens offline as long
    as the two files stay together. A page without charts needs none.
    Everything a student wrote is escaped and cut to
    :data:`SHOWN_CHARACTERS` characters (lesson 8 explanations too; the
    full text is in plans.csv).
    """
    path = Path(path)
    figures = []
    if report.rows:
        figures.append(("Score distribution", _score_figure(report)))
        for ex_id in report.exercises():
            if ex_id in report.keys.boards:
                figures.append((f"Board {ex_id}", _board_figure(report, ex_id)))
            else:
                figures.append((f"Questions {ex_id}", _question_figure(report, ex_id)))
    if figures:
        _write_plotly_js(path.parent)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>smlessons class report</title>",
        f"<style>{_STYLE}</style>",
        *([f'<script src="{PLOTLY_JS}" charset="utf-8"></script>'] if figures else []),
        "</head><body>",
        "<h1>Class report</h1>",
        f'<p class="note">Generated {html.escape(_dt.datetime.now().strftime("%Y-%m-%d %H:%M"))}: '
        f"{html.escape(_summary(report))}.</p>",
    ]
    errors = report.errors()
    if errors:
        parts.append(
            f'<h2 class="error">{len(errors)} error(s): the marks they concern are not meaningful until each is resolved</h2><ul>'
        )
        parts.extend(f"<li>{html.escape(clip(e, 2 * SHOWN_CHARACTERS))}</li>" for e in errors)
        parts.append("</ul>")
    if report.grades is not None:
        parts.append("<h2>Marks</h2>")
        parts.append(
            '<p class="note">Points per assignment, from the course\'s grader: the same marks as '
            "nbgrader's autograde and <code>smlessons grade</code>'s grades.csv. Only each student's own "
            "cards count, and a question is worth its points.</p>"
        )
        parts.append(_marks_table(report))
    if report.exercises() or report.roster:
        parts.append("<h2>Scores</h2>")
        note = "Items right out of the items each student was given; an exercise not handed in counts 0 of its items in the total."
        if report.roster is not None:
            note += (
                f" &ldquo;{NO_HAND_IN}&rdquo;: on the roster, no answer file; &ldquo;{NOT_ON_ROSTER}&rdquo;: "
                "answer files from a student the roster does not list. Students with no hand-in are not in the charts."
            )
        parts.append(f'<p class="note">{note}</p>')
        parts.append(_score_table(report))
    for title, fig in figures:
        parts.append(f"<h2>{html.escape(title)}</h2>")
        parts.append(fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False}))
    if report.plans:
        parts.append("<h2>Lesson 8 plans (mark by hand with the rubric; in full in plans.csv)</h2>")
        cols = ("student", "media", "seeds", "cost", "target_reach", "reasons", "explanation")
        parts.append(_table(cols, [[p[c] for c in cols] for p in report.plans]))
    wrong = _common_wrong_answers(report)
    if wrong:
        parts.append("<h2>Most common wrong answers</h2>")
        parts.append(_table(["exercise", "item", "wrong answer", "students"], wrong))
    if report.skipped:
        parts.append("<h2>Skipped files</h2>")
        parts.append(_table(["file", "why"], report.skipped))
    if report.problems:
        parts.append("<h2>Answers that could not be graded</h2><ul>")
        parts.extend(f"<li>{html.escape(clip(p, 2 * SHOWN_CHARACTERS))}</li>" for p in report.problems)
        parts.append("</ul>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def _common_wrong_answers(report: ClassReport, top: int = 3) -> list:
    counts = Counter((r.exercise, r.item, r.answer) for r in report.rows if r.status == "wrong")
    out = []
    per_item: dict = defaultdict(list)
    for (ex_id, item, answer), n in counts.most_common():
        if len(per_item[(ex_id, item)]) < top:
            per_item[(ex_id, item)].append(n)
            shown = answer
            if answer.startswith(("[", "{", '"')):
                try:
                    value = json.loads(answer)
                    shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
                except json.JSONDecodeError:
                    pass
            out.append([ex_id, item, shown, n])  # cut by _table
    return sorted(out, key=lambda row: (row[0], -row[3], row[1]))


# ---------------------------------------------------------------------------
# A course's report in one call (the ``smlessons report`` command)


def course_inputs(course) -> tuple:
    """``(keys folder or None, roster file or None)`` of an nbgrader course folder
    (``keys/`` and ``roster.csv`` inside it, when they exist)."""
    course = Path(course)
    keys = course / "keys"
    roster = course / "roster.csv"
    return (keys if keys.is_dir() else None, roster if roster.is_file() else None)


def build(folders, *, keys=(), course=None, roster=None, shipped: bool = True) -> ClassReport:
    """Collect a report the way ``smlessons report`` does.

    Parameters
    ----------
    folders : list of path
        Folders of collected answer files (e.g. a course's ``submitted/``).
    keys : list of path, optional
        Key files or folders (``--keys``).
    course : path, optional
        An nbgrader course folder (``--course``): its ``keys/`` are added to
        `keys`, and its ``roster.csv`` is the roster unless `roster` is given.
    roster : path, optional
        A roster file (``--roster``), see :func:`smlessons.instructor.roster.read_roster`.
    shipped : bool, optional
        Also grade against the practice exercises shipped with smlessons.

    Returns
    -------
    ClassReport

    Raises
    ------
    smlessons.instructor.roster.RosterError, FileNotFoundError
        If the roster cannot be read.
    """
    places = list(keys)
    if course is not None:
        course_keys, course_roster = course_inputs(course)
        if course_keys is not None:
            places.append(course_keys)
        if roster is None:
            roster = course_roster
    students = read_roster(roster) if roster is not None else None
    report = collect(folders, load_keys(*places, shipped=shipped), roster=students)
    if course is not None and (Path(course) / "source").is_dir() and len(folders) == 1:
        from .grader import Course, default_assignments, grade_class

        # The marks, as nbgrader and grades.csv have them: the same function, the same assignments.
        loaded = Course.load(course)
        chosen, _ = default_assignments(loaded, folders[0])
        report.grades = grade_class(folders[0], loaded, roster=students, assignments=chosen)
    return report


def write_report(report: ClassReport, out) -> dict:
    """Write report.csv, report.html (with plotly.min.js beside it when it
    has charts) and, if there are lesson 8 plans, plans.csv into `out`.

    Returns
    -------
    dict
        ``{"csv": Path, "html": Path, "plans": Path or None, "plotly": Path or None}``;
        ``"plotly"`` is plotly.min.js beside the page, which the page needs for its
        charts: keep the two files together.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    html_path = write_html(report, out / "report.html")
    plotly = out / PLOTLY_JS
    uses = plotly.is_file() and f'src="{PLOTLY_JS}"' in html_path.read_text(encoding="utf-8")
    return {
        "csv": write_csv(report, out / "report.csv"),
        "html": html_path,
        "plans": write_plans_csv(report, out / "plans.csv") if report.plans else None,
        "plotly": plotly if uses else None,
    }
