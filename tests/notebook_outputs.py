"""Finish a notebook's stored outputs after nbconvert ran it (``make outputs``).

A student opens the lesson before running anything, so a cell that shows a
widget must ship with no output (a saved widget view reads "Error displaying
widget: model not found"; a saved repr reads ``SortingBoard(items=18, ...)``).
Such cells lose their outputs and get the ``nbval-ignore-output`` tag, so that
nbval still runs them but does not compare what they show. So do cells tagged
``reveal``: the cell that shows the result of a "predict first" question must
not show it before the student has predicted and run it (the numbers it shows
are asserted by the lesson's claim tests instead). Old
``# NBVAL_IGNORE_OUTPUT`` comments become that tag too.

    python tests/notebook_outputs.py notebooks/01-media-and-networks.ipynb ...
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

TAG = "nbval-ignore-output"
REVEAL = "reveal"
MARKER = re.compile(r"^# NBVAL_IGNORE_OUTPUT[ \t]*\n?", re.M)
_WIDGET_REPR = re.compile(r"^\w+(Board|Explorer)\(")


def _shows_widget(output: dict) -> bool:
    data = output.get("data", {})
    return "application/vnd.jupyter.widget-view+json" in data or bool(
        _WIDGET_REPR.match("".join(data.get("text/plain", "")))
    )


def finish(path: Path) -> int:
    """Rewrite one notebook in place; return how many cells changed."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb.get("metadata", {}).pop("widgets", None)
    changed = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        cell.setdefault("metadata", {}).pop("execution", None)  # run timestamps: noise in every diff
        tags = cell["metadata"].setdefault("tags", [])
        src = "".join(cell["source"])
        if MARKER.search(src):
            cell["source"] = MARKER.sub("", src).splitlines(True)
            changed += 1
            if TAG not in tags:
                tags.append(TAG)
        if (REVEAL in tags and cell.get("outputs")) or any(_shows_widget(o) for o in cell.get("outputs", [])):
            cell["outputs"] = []
            changed += 1
            if TAG not in tags:
                tags.append(TAG)
        if not tags:
            del cell["metadata"]["tags"]
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {finish(Path(name))} cells finished")
