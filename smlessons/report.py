"""A class report from collected answer files: a CSV and an HTML page.

The instructor collects the students' answer files (``*.answers.json``: by
nbgrader, a hub's shared folder, or e-mail) into folders, one per student::

    collected/ada/01-media-and-networks.answers.json
    collected/ada/lesson3/people-and-ties.answers.json
    collected/bo/01-media-and-networks.answers.json

:func:`collect` grades them against the keys; :func:`write_csv` writes a row
per student, exercise and item (card or question), with where the card was
placed (or what was answered) and its status; :func:`write_html` writes a
page with the score distribution and, per board, a heatmap of the bins the
class put each card in: the misconceptions at a glance. Files that cannot be
read, or that are not answer files, are listed and skipped.

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
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .autograde import (
    ANSWER_SUFFIX,
    RIGHT,
    UNANSWERED,
    AnswerFileError,
    Keys,
    Row,
    grade_answers,
    read_answer_file,
)

__all__ = [
    "ClassReport", "collect", "find_answer_files", "write_csv", "write_html", "write_plans_csv",
    "CSV_COLUMNS", "PLAN_COLUMNS", "PLAN_EXERCISES",
]  # fmt: skip

#: The columns of the CSV, in order.
CSV_COLUMNS = ("student", "exercise", "item", "placed", "status", "right_answer", "kind", "file")
#: Exercises that save a written plan to mark by hand, not an answer to grade.
PLAN_EXERCISES = ("lesson08-campaign-plan",)
#: The columns of plans.csv, in order.
PLAN_COLUMNS = ("student", "media", "seeds", "cost", "target_reach", "reasons", "explanation", "saved", "file")
NOT_PLACED = "(not placed)"
TICK = " \u2713"


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
    """

    rows: list = field(default_factory=list)
    students: list = field(default_factory=list)
    files: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    keys: Keys = field(default_factory=Keys)
    plans: list = field(default_factory=list)

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


def collect(folders, keys: Keys) -> ClassReport:
    """Read and grade every answer file under `folders`.

    Parameters
    ----------
    folders : list of path
    keys : Keys
        See :func:`smlessons.autograde.load_keys`.

    Returns
    -------
    ClassReport
        A student's exercise found in several files is graded once, from the
        file that saved it last; the others are listed as skipped.
    """
    report = ClassReport(keys=keys)
    report.problems.extend(f"key: {p}" for p in keys.problems)
    chosen: dict = {}  # (student, exercise) -> (saved, file shown, answer)
    for folder in folders:
        top = Path(folder)
        found, aside = find_answer_files(top)
        report.skipped.extend((_shown(p, top), why) for p, why in aside)
        for student, path in found:
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
            for ex_id, entry in doc["exercises"].items():
                saved = str(entry.get("saved", ""))
                key = (student, ex_id)
                if key in chosen:
                    older, newer = sorted([chosen[key], (saved, shown, entry["answer"])], key=lambda t: t[0])
                    report.skipped.append((older[1], f"{ex_id} of {student} is also in {newer[1]}, saved later; that one is graded"))
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
            rows, problems = grade_answers(answers, keys, student)
        except Exception as exc:  # a malformed answer must not stop the report
            rows, problems = [], [f"{student}: answers could not be graded ({type(exc).__name__}: {exc})"]
        # A board's row comes from the board's entry, a question's from its own;
        # an unanswered question from the file that answered others of its file.
        group_file = {r.exercise: files[student][r.item] for r in rows if r.item in files[student]}
        report.rows.extend(
            replace(r, file=files[student].get(r.exercise) or files[student].get(r.item) or group_file.get(r.exercise, ""))
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
        from .campaign import texts, verdict_word

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
        "target_reach": f"{reach:.0%}" if isinstance(reach, (int, float)) and not isinstance(reach, bool) else names(reach),
        "reasons": "; ".join(f"({k}) {verdicts.get(str(k), '')}".rstrip() for k in letters),
        "explanation": names(a.get("explanation")),
        "saved": saved,
        "file": shown,
    }


def write_plans_csv(report: ClassReport, path) -> Path:
    """Write lesson 8's plans, one row per student (UTF-8, columns :data:`PLAN_COLUMNS`).

    ``reasons`` lists each reason picked with the verdict the student saw,
    e.g. ``(a) ✓ true; (c) ! true but weak``; ``target_reach`` is the average
    share of the target reached over the plan's runs.
    """
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(PLAN_COLUMNS)
        for row in report.plans:
            writer.writerow([row[c] for c in PLAN_COLUMNS])
    return path


def write_csv(report: ClassReport, path) -> Path:
    """Write the rows as CSV (UTF-8, a header line, columns :data:`CSV_COLUMNS`)."""
    path = Path(path)
    names = {f.name for f in fields(Row)}
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for r in report.rows:
            values = {n: getattr(r, n) for n in names}
            values["placed"] = r.answer
            writer.writerow([values[c] for c in CSV_COLUMNS])
    return path


# ---------------------------------------------------------------------------
# HTML


def _score_figure(report: ClassReport):
    import plotly.graph_objects as go

    fig = go.Figure()
    scores = report.scores()
    for ex_id in report.exercises():
        pct = [100 * right / total for (s, e), (right, total) in scores.items() if e == ex_id and total]
        fig.add_trace(go.Histogram(x=pct, name=ex_id, xbins={"start": 0, "end": 100.001, "size": 10}))
    fig.update_layout(
        title="Score distribution: share of items right, per student and exercise",
        xaxis_title="% of the exercise's items right",
        yaxis_title="students",
        barmode="group",
        bargap=0.1,
        template="plotly_white",
    )
    fig.update_xaxes(range=[0, 100.001], dtick=10)
    return fig


def _board_figure(report: ClassReport, ex_id: str):
    import plotly.graph_objects as go

    ex = report.keys.boards[ex_id]
    items = [i.label for i in ex.items]
    columns = list(ex.bins) + [NOT_PLACED]
    counts = Counter((r.item, r.answer or NOT_PLACED) for r in report.rows if r.exercise == ex_id)
    right = {i.label: set(i.answers) for i in ex.items}
    z = [[counts[(item, col)] for col in columns] for item in items]
    text = [
        [f"{counts[(item, col)]}{TICK if col in right[item] else ''}" for col in columns]
        for item in items
    ]
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
            z=z, x=columns, y=items, text=text, texttemplate="%{text}", hovertext=hover,
            hoverinfo="text", colorscale="Blues", colorbar={"title": "students"},
        )
    )
    fig.update_layout(
        title=f"{ex_id}: where the class put each card (\u2713 = a right bin)",
        template="plotly_white",
        height=max(320, 110 + 34 * len(items)),
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


def _question_figure(report: ClassReport, group: str):
    import plotly.graph_objects as go

    rows = [r for r in report.rows if r.exercise == group]
    items = list(dict.fromkeys(r.item for r in rows))
    fig = go.Figure()
    for status, colour in ((RIGHT, "#1b7837"), ("wrong", "#c51b7d"), (UNANSWERED, "#bdbdbd")):
        fig.add_trace(go.Bar(
            y=items, x=[sum(1 for r in rows if r.item == i and r.status == status) for i in items],
            name=status, orientation="h", marker_color=colour,
        ))
    fig.update_layout(
        title=f"{group}: answers per question", barmode="stack", template="plotly_white",
        xaxis_title="students", height=max(280, 110 + 40 * len(items)), legend={"traceorder": "normal"},
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


def _table(header, body) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    lines = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in body)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{lines}</tbody></table>"


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.note { color: #555; }
"""


def write_html(report: ClassReport, path) -> Path:
    """Write the report page: summary, scores, charts, skipped files.

    plotly.js is written into the page itself (plotly's bundled copy,
    ``include_plotlyjs=True``), so the page works offline; it is about 5 MB.
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
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>smlessons class report</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Class report</h1>",
        f'<p class="note">Generated {html.escape(_dt.datetime.now().strftime("%Y-%m-%d %H:%M"))}: '
        f"{len(report.students)} student(s), {len(report.files)} answer file(s) graded, "
        f"{len(report.skipped)} file(s) skipped.</p>",
    ]
    scores = report.scores()
    exercises = report.exercises()
    if exercises:
        parts.append("<h2>Scores</h2>")
        body = []
        for student in report.students:
            cells = []
            for ex_id in exercises:
                right, total = scores.get((student, ex_id), (None, None))
                cells.append("" if total is None else f"{right} / {total}")
            body.append([student, *cells])
        parts.append(_table(["student", *exercises], body))
    for i, (title, fig) in enumerate(figures):
        parts.append(f"<h2>{html.escape(title)}</h2>")
        parts.append(fig.to_html(full_html=False, include_plotlyjs=(i == 0), config={"displaylogo": False}))
    if report.plans:
        parts.append("<h2>Lesson 8 plans (mark by hand with the rubric; also in plans.csv)</h2>")
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
        parts.extend(f"<li>{html.escape(p)}</li>" for p in report.problems)
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
            out.append([ex_id, item, shown, n])
    return sorted(out, key=lambda row: (row[0], -row[3], row[1]))
