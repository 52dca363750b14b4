"""What every lesson notebook promises a student, checked on the files as shipped.

- The skeleton (``../STYLE``): a title with the time it takes, Questions and
  Objectives, Key points, and a link to the glossary.
- A stated time that fits the lesson: reading minutes (words / 140) plus the
  minutes each exercise heading states, within 25 % of the header's total.
- A finished student view before anything is run: no nbval markers in the
  code (cell tags instead), no saved widget views ("model not found"), no
  widget reprs, no test hooks in the student's cells, and no saved result
  of a "predict first" question before the student has run it.
- Every ``ask``/``check`` names a question that exists.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from smlessons.exercises import list_questions

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LESSONS = sorted(p for p in NOTEBOOKS.rglob("[0-9][0-9]-*.ipynb") if ".ipynb_checkpoints" not in p.parts)
GLOSSARY = {"en": "glossary.ipynb", "it": "glossario.ipynb"}
READING_WORDS_PER_MINUTE = 140

# Code a student should never see in a lesson: hooks that exist for the tests.
TEST_HOOKS = [
    re.compile(r"\.layout\.meta\["),
    re.compile(r"\.last\b"),
    re.compile(r"NBVAL_"),
]


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _src(cell: dict) -> str:
    return "".join(cell["source"])


def _lang(path: Path) -> str:
    return "it" if path.parent.name == "it" else "en"


def _id(path: Path) -> str:
    return str(path.relative_to(NOTEBOOKS))


@pytest.fixture(params=LESSONS, ids=_id)
def lesson(request) -> Path:
    return request.param


def test_there_are_lessons():
    assert len(LESSONS) >= 9


def test_no_nbval_markers_or_test_hooks_in_student_code(lesson):
    found = [
        (cell.get("id"), hook.pattern)
        for cell in _cells(lesson)
        if cell["cell_type"] == "code"
        for hook in TEST_HOOKS
        if hook.search(_src(cell))
    ]
    assert found == [], "use the cell tag nbval-ignore-output; keep test hooks in tests/"


def test_widget_cells_ship_without_output(lesson):
    """Before a student runs anything, a widget's saved output would read
    'Error displaying widget: model not found' or a bare repr."""
    bad = []
    for cell in _cells(lesson):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            text = "".join(data.get("text/plain", ""))
            if "application/vnd.jupyter.widget-view+json" in data or re.match(r"^\w+(Board|Explorer)\(", text):
                bad.append(cell.get("id"))
    assert bad == []


def test_predict_results_are_not_shown_before_the_student_runs_them(lesson):
    """After a "predict first" question, the cell that computes the answer ships
    without output (tag ``reveal``): a saved output would give the answer away."""
    from smlessons.exercises import question

    cells = _cells(lesson)
    shown = []
    for i, cell in enumerate(cells):
        found = re.search(r"\bcheck\(\s*\"([a-z0-9-]+)\"", _src(cell)) if cell["cell_type"] == "code" else None
        if not found or question(found.group(1)).level != "predict":
            continue
        for after in cells[i + 1 :]:
            if after["cell_type"] == "code" and not re.search(r"\b(ask|check)\(", _src(after)):
                if after.get("outputs"):
                    shown.append((found.group(1), after.get("id")))
                break
    assert shown == [], "tag these cells 'reveal' and run make outputs"


def test_lesson_skeleton(lesson):
    cells = _cells(lesson)
    text = "\n".join(_src(c) for c in cells if c["cell_type"] == "markdown")
    assert cells[0]["cell_type"] == "markdown" and _src(cells[0]).startswith("# ")
    if lesson.name.startswith("00-"):
        return  # start-here is a welcome page, not a lesson
    heads = {
        "en": ("**Questions**", "**Objectives**", "## Key points"),
        "it": ("**Domande**", "**Obiettivi**", "## Punti chiave"),
    }
    for head in heads[_lang(lesson)]:
        assert head in text, f"missing {head}"


def test_every_lesson_links_the_glossary(lesson):
    text = "\n".join(_src(c) for c in _cells(lesson) if c["cell_type"] == "markdown")
    name = GLOSSARY[_lang(lesson)]
    assert re.search(rf"\]\({re.escape(name)}(#[\w-]+)?\)", text), f"no link to {name}"
    assert (lesson.parent / name).is_file()


_MIN = re.compile(r"\((\d+) min\)")
# "**Teaching:** 20 min · **Exercises:** 25 min"; in Italian "**Teoria:** ... **Esercizi:** ..."
_HEADER = re.compile(r"\*\*(?:Teaching|Teoria):\*\*\s*(\d+) min\s*·\s*\*\*(?:Exercises|Esercizi):\*\*\s*(\d+) min")


def estimate_minutes(path: Path) -> tuple[float, int]:
    """(estimated minutes, stated total) of a lesson.

    Reading: every word of the Markdown cells at 140 words a minute. Doing:
    the minutes stated in the lesson's own headings, e.g. ``### Exercise 1:
    ... (3 min)``.
    """
    cells = _cells(path)
    words = sum(len(_src(c).split()) for c in cells if c["cell_type"] == "markdown")
    headings = [
        line for c in cells if c["cell_type"] == "markdown" for line in _src(c).splitlines() if line.startswith("#")
    ]
    doing = sum(int(m) for line in headings for m in _MIN.findall(line))
    found = _HEADER.search(_src(cells[0]))
    assert found, f"{path.name}: the title cell states **Teaching:** N min · **Exercises:** M min"
    teaching, exercises = map(int, found.groups())
    return words / READING_WORDS_PER_MINUTE + doing, teaching + exercises


@pytest.mark.parametrize("path", [p for p in LESSONS if not p.name.startswith("00-")], ids=_id)
def test_stated_time_fits_the_lesson(path):
    estimate, stated = estimate_minutes(path)
    assert abs(stated - estimate) <= 0.25 * estimate, (
        f"header says {stated} min; words/140 + exercise minutes give {estimate:.0f} min"
    )


def test_every_question_named_in_a_lesson_exists(lesson):
    known = set(list_questions())
    named = {
        m
        for c in _cells(lesson)
        if c["cell_type"] == "code"
        for m in re.findall(r"\b(?:ask|check)\(\s*\"([a-z0-9-]+)\"", _src(c))
    }
    assert named - known == set()
