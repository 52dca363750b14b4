"""The course's content, kept as data files beside this module.

- ``exercises/``: one JSON file per exercise (a board's cards and bins, or a
  lesson's questions), each with the sources of its facts;
- ``data/``: the data sets the lessons read (lesson 3's platform table,
  lesson 8's campaign texts, the Copenhagen Networks Study);
- ``lessons.json``: the lessons in order, each with its notebooks, exercise
  files, sample assignment, keys and minutes (read by :mod:`.lessons`);
- ``bibliography.json``: every source the course cites, CSL-JSON, cited by
  key from the data files and the lessons (rendered by :mod:`.bibliography`).
- ``schemas/``: a JSON Schema for each kind of data file, which
  :mod:`smlessons.content.loader` reads them with (plus the cross-field
  checks of :mod:`smlessons.content.checks`).

Code reads these folders through the paths below, never through a path of
its own, so that moving a file means changing one line.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CONTENT_DIR", "EXERCISES_DIR", "DATA_DIR"]

#: This folder.
CONTENT_DIR = Path(__file__).resolve().parent
#: The exercise files.
EXERCISES_DIR = CONTENT_DIR / "exercises"
#: The data sets.
DATA_DIR = CONTENT_DIR / "data"
