"""Tie a sentence of a lesson to the test that checks it on the lesson's data.

Each claim test names the notebook and the cell (by its cell id) the claim
stands in, reads that cell, and asserts both that the text still says what
the test checks and that the data agrees::

    from claims import cell_text

    def test_halving_p_loses_about_a_quarter_of_the_reach():
        text = cell_text("07-how-a-message-spreads", "l7-halving-p")
        assert "about a quarter" in text
        ...compute the two reaches on the same network and code...

When someone rewrites the sentence, the test fails and points at the cell.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


@cache
def _cells(notebook: str) -> dict[str, dict]:
    path = NOTEBOOKS / (notebook if notebook.endswith(".ipynb") else f"{notebook}.ipynb")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return {c["id"]: c for c in cells}


def cell_text(notebook: str, cell_id: str) -> str:
    """The source of one cell, with its lines joined and runs of spaces made one."""
    cells = _cells(notebook)
    if cell_id not in cells:
        raise KeyError(f"{notebook} has no cell {cell_id!r}; its cells: {', '.join(cells)}")
    return " ".join("".join(cells[cell_id]["source"]).split())


def cell_output(notebook: str, cell_id: str) -> str:
    """The saved text output of one code cell (what the student sees before running)."""
    cell = _cells(notebook)[cell_id]
    parts = []
    for out in cell.get("outputs", []):
        parts.append("".join(out.get("text", "")))
        parts.append("".join(out.get("data", {}).get("text/plain", "")))
    return "".join(parts)


#: A lesson's header, in English or Italian: "**Teaching:** 12 min · **Exercises:** 22 min".
HEADER = re.compile(r"\*\*(?:Teaching|Teoria):\*\* (\d+) min · \*\*(?:Exercises|Esercizi):\*\* (\d+) min")


def lesson_minutes(notebook: str, *, leave_out: tuple = ()) -> tuple[tuple[int, int], int, int]:
    """What a lesson's header states, and what its text gives, for the rule lesson 1 set:
    ``((teaching, exercises) stated, Markdown words / 140 rounded, minutes in the headings)``.

    `leave_out` names Markdown cells not counted as reading (e.g. a references cell).
    """
    cells = _cells(notebook)
    first = next(iter(cells.values()))
    found = HEADER.search("".join(first["source"]))
    if not found:
        raise AssertionError(f"{notebook}: the title cell states no **Teaching:** / **Teoria:** minutes")
    md = ["".join(c["source"]) for cid, c in cells.items() if c["cell_type"] == "markdown" and cid not in leave_out]
    words = sum(len(s.split()) for s in md)
    headed = sum(
        int(m)
        for s in md
        for line in s.splitlines()
        if line.startswith("#")
        for m in re.findall(r"\((\d+) min\)", line)
    )
    return tuple(map(int, found.groups())), round(words / 140), headed
