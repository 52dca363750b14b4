"""Load exercise data files (``smlessons/exercises/*.json``).

An exercise file holds what an instructor may want to edit without touching
code: the bins, the cards with their answers and explanations, and the
sources those explanations rest on. Its shape::

    {
      "id": "lesson01-media-or-network",
      "title": "Medium or network?",
      "prompt": "Sort each card ...",
      "bins": ["Social medium (a means)", "Social network (people and ties)"],
      "sources": {"gentile": "Full citation ..."},
      "items": [
        {"label": "Instagram", "answer": "Social medium (a means)",
         "explanation": "...", "source": "gentile"}
      ]
    }

``answer`` may be a list of bins for a contested card. ``source`` is a key
of ``sources``. An optional ``notebook`` names the lesson the exercise
belongs to (``"01-media-and-networks"``): its answers are saved in that
lesson's answer file, whatever the notebook file is called.

``"mode": "assessment"`` marks a student's copy of an assessed exercise: its
items must carry no ``answer`` and no ``explanation`` (the key stays in the
instructor's copy, a practice-mode file with the same ``id``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .grading import Item, make_bins, make_items

__all__ = ["Exercise", "ExerciseFileError", "EXERCISES_DIR", "load_exercise", "list_exercises"]

EXERCISES_DIR = Path(__file__).with_name("exercises")
MODES = ("practice", "assessment")
TOP_FIELDS = {
    "id": True,
    "mode": False,
    "notebook": False,
    "title": False,
    "prompt": False,
    "bins": True,
    "sources": True,
    "items": True,
}


class ExerciseFileError(ValueError):
    """An exercise data file is malformed; the message names file, item and field."""


@dataclass(frozen=True)
class Exercise:
    """A validated sorting exercise."""

    id: str
    mode: str
    notebook: str
    title: str
    prompt: str
    bins: tuple[str, ...]
    items: tuple[Item, ...]
    sources: dict
    path: Path

    def citation(self, item: Item) -> str:
        """The full citation of an item's source, or ``""``."""
        return self.sources.get(item.source, "")


def list_exercises() -> list[str]:
    """Names of the exercises shipped with the package."""
    return sorted(p.stem for p in EXERCISES_DIR.glob("*.json"))


def _resolve(name) -> Path:
    path = Path(name)
    if path.suffix == ".json" or path.parent != Path("."):
        return path
    return EXERCISES_DIR / f"{name}.json"


def load_exercise(name) -> Exercise:
    """Load and validate an exercise file.

    Parameters
    ----------
    name : str or path
        The stem of a shipped file (``"lesson01_media_or_network"``) or a path
        to a ``.json`` file of the same shape.

    Returns
    -------
    Exercise

    Raises
    ------
    FileNotFoundError
        If there is no such exercise (the message lists the shipped ones).
    ExerciseFileError
        If the file is not valid JSON or does not have the expected shape.

    Examples
    --------
    >>> ex = load_exercise("lesson01_media_or_network")
    >>> len(ex.bins)
    2
    """
    path = _resolve(name)
    if not path.is_file():
        raise FileNotFoundError(
            f"no exercise file {str(path)!r}; shipped exercises: {', '.join(list_exercises()) or 'none'}"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExerciseFileError(f"{path.name}: not valid JSON ({exc})") from None
    return parse_exercise(data, path)


def check_fields(data: dict, fields, fail, where: str = "") -> None:
    """Fail on a missing required field or an unknown one.

    `fields` maps names to "required?"; `where` (e.g. ``"item 3 ('X')"``)
    starts the message when the object is not the file's top level.
    """
    prefix = f"{where}: " if where else ""
    for key, required in fields.items():
        if required and key not in data:
            fail(f"{prefix}missing field {key!r}")
    unknown = sorted(set(data) - set(fields))
    if unknown:
        fail(f"{prefix}unknown field {unknown[0]!r}")


def check_top_level(data, fields, fail) -> None:
    """Checks every data file's top level shares.

    Parameters
    ----------
    data : object
        The parsed JSON.
    fields : dict
        ``{field name: required?}``; any other field is refused.
    fail : callable
        Called with a message (naming the field) to raise the file's error.
    """
    if not isinstance(data, dict):
        fail(f"the top level must be an object, not {type(data).__name__}")
    check_fields(data, fields, fail)
    sources = data.get("sources", {})
    if not isinstance(sources, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in sources.items()
    ):
        fail("field 'sources' must map keys to non-empty citation strings")


def parse_exercise(data, path: Path = Path("<data>")) -> Exercise:
    """Validate the parsed JSON of an exercise file (see :func:`load_exercise`)."""
    fname = path.name

    def fail(msg: str):
        raise ExerciseFileError(f"{fname}: {msg}")

    check_top_level(data, TOP_FIELDS, fail)
    for key in ("id", "mode", "notebook", "title", "prompt"):
        if not isinstance(data.get(key, ""), str):
            fail(f"field {key!r} must be a string")
    mode = data.get("mode", "practice")
    if mode not in MODES:
        fail(f"field 'mode' must be one of {', '.join(MODES)}, not {mode!r}")
    sources = data["sources"]
    try:
        bins = make_bins(data["bins"])
    except (TypeError, ValueError) as exc:
        fail(f"field 'bins': {exc}")
    raw_items = data["items"]
    if not isinstance(raw_items, list):
        fail("field 'items' must be a list")
    for i, raw in enumerate(raw_items):
        if not isinstance(raw, dict):
            fail(f"item {i} must be an object")
        label = raw.get("label", "")
        where = f"item {i} ({label!r})"
        if mode == "assessment":
            # A student's copy of an assessed exercise must not carry its key.
            for key in ("answer", "explanation"):
                if key in raw:
                    fail(f"{where}: an assessment file must not contain {key!r} (keys stay in the instructor's copy)")
            continue
        for key in ("answer", "explanation", "source"):
            if key not in raw:
                fail(f"{where}: missing field {key!r}")
        if not isinstance(raw["source"], str) or raw["source"] not in sources:
            fail(f"{where}: field 'source' is {raw['source']!r}, which is not a key of 'sources'")
        if not isinstance(raw["explanation"], str) or not raw["explanation"].strip():
            fail(f"{where}: field 'explanation' must be a non-empty string")
    try:
        items = make_items(raw_items, bins)
    except (TypeError, ValueError) as exc:
        fail(str(exc))
    return Exercise(
        id=data["id"],
        mode=mode,
        notebook=data.get("notebook", ""),
        title=data.get("title", ""),
        prompt=data.get("prompt", ""),
        bins=bins,
        items=items,
        sources=dict(sources),
        path=path,
    )
