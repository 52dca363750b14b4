"""Load exercise data files (``smlessons/content/exercises/*.json``).

An exercise file holds what an instructor may want to edit without touching
code: the bins, the cards with their answers and explanations, and the
sources those explanations rest on. Its shape::

    {
      "id": "lesson01-media-or-network",
      "title": "Medium or network?",
      "prompt": "Sort each card ...",
      "bins": ["Social medium (a means)", "Social network (people and ties)"],
      "sources": ["gentile", "kaplan-haenlein-2010"],
      "items": [
        {"label": "Instagram", "answer": "Social medium (a means)",
         "explanation": "...", "source": "gentile"}
      ]
    }

``answer`` may be a list of bins for a contested card. ``sources`` lists the
keys of the course's bibliography (``smlessons/content/bibliography.json``)
the file cites, each a key or ``{"key": ..., "note": "Chapter 8.", "lang": "it"}``;
a course's own file may instead write its citations out,
``{"key": "Full citation ..."}`` (see :func:`smlessons.content.bibliography.resolve_sources`).
``source`` is a key of ``sources``; :attr:`Exercise.sources` holds each
key's full reference.

The answer key follows a written policy (see "Answer-key policy" in
``instructors/README.md``). A practice file states its clauses, and every
card names the clause that decides it::

      "policy": {
        "bins": {"medium": "Social medium (a means)", "network": "Social network (people and ties)"},
        "clauses": [
          {"id": "M1", "name": "Content made by users",
           "text": "A platform or app where users create and exchange ...",
           "right": ["medium"], "source": "kaplan-haenlein-2010"}
        ]
      },
      "items": [{"label": "...", "answer": "...", "clause": "M1", ...}]

``policy.bins`` gives each bin a role (a short name that is the same in
every language and every file: ``"medium"``, ``"network"``, ...); a
clause's ``right`` lists the roles of the bins it makes right (two or more
for a contested clause). The loader checks that every card names a clause
the file defines and that the card's ``answer`` is exactly the bins its
clause makes right. ``tests/test_answer_key_policy.py`` checks the same
clause across files. An optional ``notebook`` names the lesson the exercise
belongs to (``"01-media-and-networks"``): its answers are saved in that
lesson's answer file, whatever the notebook file is called.

``"mode": "assessment"`` marks a student's copy of an assessed exercise: its
items must carry no ``answer``, ``explanation`` or ``clause``, and the file
no ``policy`` (the key stays in the instructor's copy, a practice-mode file
with the same ``id``).

``"show": K`` makes the file a **bank**: each student's board shows K of
its cards, drawn for that student and shuffled
(:func:`smlessons.variants.board_cards`). A bank holds at least ``2 * K``
cards, so that two students' boards differ; the key and the student's copy
carry the same ``show``.

A bank may be built of **sets**: every card names its ``"set"``, and each
set holds exactly one card for each bin (no card right in two bins), so a
student is drawn whole sets and gets as many cards of each bin as any
other student: always choosing one bin scores the same for everybody.
The student's copy carries the same ``set`` names; they tell which cards
go together, never which bin is right. With sets, ``show`` is a whole
number of sets, and the bank holds at least twice as many sets as are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.loader import DataFileError, load, schema, validate
from .boards import Item, make_bins, make_items

__all__ = [
    "Clause",
    "Exercise",
    "ExerciseFileError",
    "EXERCISES_DIR",
    "load_exercise",
    "list_exercises",
]

from ..content import EXERCISES_DIR  # noqa: E402
from ..content.bibliography import resolve_sources  # noqa: E402

MODES = ("practice", "assessment")
#: The fields of an exercise file (its schema, ``content/schemas/board.schema.json``, says what each holds).
TOP_FIELDS = tuple(schema("board")["properties"])


class ExerciseFileError(DataFileError):
    """An exercise data file is malformed; the message names file, JSON path and what was expected."""


@dataclass(frozen=True)
class Clause:
    """One clause of a board's answer-key policy.

    Attributes
    ----------
    id : str
        A short id, a capital letter and a number (``"M1"``, ``"C1"``).
    name : str
        A few words (``"Social network site"``).
    text : str
        The rule itself, with the source it rests on.
    right : tuple of str
        The roles of the bins it makes right (see ``policy.bins``).
    bins : tuple of str
        The labels of those bins in this file.
    source : str
        A key of the file's ``sources``, or ``""``.
    """

    id: str
    name: str
    text: str
    right: tuple[str, ...]
    bins: tuple[str, ...]
    source: str = ""

    @property
    def contested(self) -> bool:
        return len(self.right) > 1


@dataclass(frozen=True)
class Exercise:
    """A validated sorting exercise.

    ``clauses`` maps clause ids to :class:`Clause` (empty for a student's
    copy of an assessment); ``clause_of`` maps each card's label to the id
    of the clause that decides it; ``roles`` maps roles to bin labels.
    ``show`` is how many of the cards one student's board shows (a bank),
    or ``None``: all of them.
    """

    id: str
    mode: str
    notebook: str
    title: str
    prompt: str
    bins: tuple[str, ...]
    items: tuple[Item, ...]
    sources: dict
    path: Path
    clauses: dict = field(default_factory=dict)
    clause_of: dict = field(default_factory=dict)
    roles: dict = field(default_factory=dict)
    show: int | None = None
    set_of: dict = field(default_factory=dict)

    def variant(self, student: str) -> list[Item]:
        """The cards `student`'s board shows, in its order: the whole bank's
        draw for that student (:func:`smlessons.variants.board_cards`), or
        every card in file order if this is not a bank."""
        from ..variants import board_cards

        if self.show is None:
            return list(self.items)
        labels = [i.label for i in self.items]
        sets = [self.set_of[label] for label in labels] if self.set_of else None
        by_label = dict(zip(labels, self.items))
        return [by_label[label] for label in board_cards(labels, self.show, student, self.id, sets)]

    def clause(self, item: Item) -> Clause | None:
        """The clause that decides a card, or ``None`` (a student's copy)."""
        cid = self.clause_of.get(item.label)
        return self.clauses.get(cid) if cid else None

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
    return parse_exercise(load(path, "board", ExerciseFileError), path, checked=True)


def parse_exercise(data, path: Path = Path("<data>"), *, checked: bool = False) -> Exercise:
    """Validate the parsed JSON of an exercise file (see :func:`load_exercise`).

    The file's schema and cross-field checks (:mod:`smlessons.content.loader`)
    say what is wrong; `checked` skips them for data :func:`load` has checked.
    """
    if not checked:
        validate(data, "board", path.name, ExerciseFileError)
    mode = data.get("mode", "practice")
    bins = make_bins(data["bins"])
    roles = dict(data["policy"]["bins"]) if "policy" in data else {}
    clauses = (
        {
            c["id"]: Clause(
                c["id"],
                c["name"],
                c["text"],
                tuple(c["right"]),
                tuple(roles[r] for r in c["right"]),
                c.get("source", ""),
            )
            for c in data["policy"]["clauses"]
        }
        if "policy" in data
        else {}
    )
    raw_items = data["items"]
    clause_of = {raw["label"]: raw["clause"] for raw in raw_items if "clause" in raw}
    set_of = {raw["label"]: raw["set"] for raw in raw_items if "set" in raw}
    items = make_items([{k: v for k, v in raw.items() if k not in ("clause", "set")} for raw in raw_items], bins)
    return Exercise(
        id=data["id"],
        mode=mode,
        notebook=data.get("notebook", ""),
        title=data.get("title", ""),
        prompt=data.get("prompt", ""),
        bins=bins,
        items=items,
        sources=resolve_sources(data["sources"]),
        path=path,
        clauses=clauses,
        clause_of=clause_of,
        roles=roles,
        show=data.get("show"),
        set_of=set_of,
    )
