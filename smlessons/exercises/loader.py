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

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

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
TOP_FIELDS = {
    "id": True,
    "mode": False,
    "notebook": False,
    "title": False,
    "prompt": False,
    "bins": True,
    "sources": True,
    "items": True,
    "policy": False,
    "show": False,
}
POLICY_FIELDS = {"bins": True, "clauses": True}
CLAUSE_FIELDS = {"id": True, "name": True, "text": True, "right": True, "source": False}
_CLAUSE_ID = re.compile(r"^[A-Z][0-9]{1,2}$")


class ExerciseFileError(ValueError):
    """An exercise data file is malformed; the message names file, item and field."""


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
    try:
        resolve_sources(data.get("sources", {}))
    except ValueError as exc:
        fail(str(exc))


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
    sources = resolve_sources(data["sources"])  # {key: full reference}; checked above
    try:
        bins = make_bins(data["bins"])
    except (TypeError, ValueError) as exc:
        fail(f"field 'bins': {exc}")
    raw_items = data["items"]
    if not isinstance(raw_items, list):
        fail("field 'items' must be a list")
    show = data.get("show")
    if "show" in data:
        if isinstance(show, bool) or not isinstance(show, int) or show < 1:
            fail(f"field 'show' must be a whole number of cards, at least 1, not {show!r}")
        count = len(raw_items)
        if count < 2 * show:
            fail(
                f"field 'show' is {show}, so the bank needs at least {2 * show} cards "
                f"(twice as many as each student sees), but it has {count}"
            )
    if mode == "assessment":
        if "policy" in data:
            fail("an assessment file must not contain 'policy' (keys stay in the instructor's copy)")
        roles, clauses = {}, {}
    else:
        if "policy" not in data:
            fail("missing field 'policy' (the clauses that decide the answer key)")
        roles, clauses = parse_policy(data["policy"], bins, sources, fail)
    for i, raw in enumerate(raw_items):
        if not isinstance(raw, dict):
            fail(f"item {i} must be an object")
        label = raw.get("label", "")
        where = f"item {i} ({label!r})"
        if mode == "assessment":
            # A student's copy of an assessed exercise must not carry its key.
            for key in ("answer", "explanation", "clause"):
                if key in raw:
                    fail(f"{where}: an assessment file must not contain {key!r} (keys stay in the instructor's copy)")
            continue
        for key in ("answer", "explanation", "source", "clause"):
            if key not in raw:
                fail(f"{where}: missing field {key!r}")
        cid = raw["clause"]
        if not isinstance(cid, str) or cid not in clauses:
            fail(
                f"{where}: field 'clause' is {cid!r}, which is not a clause of this file's policy "
                f"({', '.join(clauses)})"
            )
        if not isinstance(raw["source"], str) or raw["source"] not in sources:
            fail(f"{where}: field 'source' is {raw['source']!r}, which is not a key of 'sources'")
        if not isinstance(raw["explanation"], str) or not raw["explanation"].strip():
            fail(f"{where}: field 'explanation' must be a non-empty string")
    clause_of, set_of = {}, {}
    cards = []
    for i, raw in enumerate(raw_items):
        if isinstance(raw, dict) and "set" in raw:
            if not isinstance(raw["set"], str) or not raw["set"].strip():
                fail(f"item {i} ({raw.get('label', '')!r}): field 'set' must be a non-empty string")
            if isinstance(raw.get("label"), str):
                set_of[raw["label"]] = raw["set"]
        if isinstance(raw, dict) and "clause" in raw:
            if isinstance(raw.get("label"), str):
                clause_of[raw["label"]] = raw["clause"]
        if isinstance(raw, dict):
            raw = {k: v for k, v in raw.items() if k not in ("clause", "set")}
        cards.append(raw)
    try:
        items = make_items(cards, bins)
    except (TypeError, ValueError) as exc:
        fail(str(exc))
    if set_of:
        _check_sets(items, set_of, bins, show, mode, fail)
    for i, item in enumerate(items):
        if item.label not in clause_of:
            continue
        clause = clauses[clause_of[item.label]]
        if set(item.answers) != set(clause.bins):
            fail(
                f"item {i} ({item.label!r}): answer {list(item.answers)} does not follow clause {clause.id} "
                f"({clause.name}), which makes right {list(clause.bins)}"
            )
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
        clauses=clauses,
        clause_of=clause_of,
        roles=roles,
        show=show,
        set_of=set_of,
    )


def _check_sets(items, set_of, bins, show, mode, fail) -> None:
    """A bank of sets: every card in one, each set one card per bin, ``show`` whole sets."""
    missing = [item.label for item in items if item.label not in set_of]
    if missing:
        fail(f"item {missing[0]!r} has no 'set', but other cards do: in a bank of sets every card names its set")
    members: dict = {}
    for item in items:
        members.setdefault(set_of[item.label], []).append(item)
    size = len(bins)
    for name, cards in members.items():
        if len(cards) != size:
            fail(f"set {name!r} has {len(cards)} cards; every set holds one card for each of the {size} bins")
        if mode != "assessment":
            answers = [c.answers for c in cards]
            if any(len(a) != 1 for a in answers) or {a[0] for a in answers} != set(bins):
                fail(
                    f"set {name!r} must hold exactly one card right in each bin (and none right in two), "
                    f"but its answers are {[list(a) for a in answers]}"
                )
    if show is None:
        fail("a bank of sets needs 'show' (how many cards each student sees)")
    if show % size:
        fail(f"field 'show' is {show}, which is not a whole number of sets of {size} cards")
    if len(members) < 2 * (show // size):
        fail(
            f"field 'show' is {show} ({show // size} sets), so the bank needs at least {2 * (show // size)} sets "
            f"(twice as many as each student sees), but it has {len(members)}"
        )


def parse_policy(policy, bins, sources, fail) -> tuple[dict, dict]:
    """Validate a file's ``policy``; return ``({role: bin}, {id: Clause})``.

    Every bin has exactly one role; every clause has an id of the form
    ``M1``, a name, a text, and the roles of the bins it makes right.
    """
    if not isinstance(policy, dict):
        fail("field 'policy' must be an object with 'bins' and 'clauses'")
    check_fields(policy, POLICY_FIELDS, fail, "policy")
    roles = policy["bins"]
    if not isinstance(roles, dict) or not all(isinstance(k, str) and k.strip() for k in roles):
        fail("policy.bins must map roles (short names) to bin labels")
    if sorted(map(str, roles.values())) != sorted(bins) or len(set(roles.values())) != len(roles):
        fail(f"policy.bins must give every bin exactly one role; bins are {list(bins)}")
    raw_clauses = policy["clauses"]
    if not isinstance(raw_clauses, list) or not raw_clauses:
        fail("policy.clauses must be a non-empty list")
    clauses: dict[str, Clause] = {}
    for i, raw in enumerate(raw_clauses):
        if not isinstance(raw, dict):
            fail(f"policy clause {i} must be an object")
        where = f"policy clause {i} ({raw.get('id')!r})"
        check_fields(raw, CLAUSE_FIELDS, fail, where)
        cid = raw["id"]
        if not isinstance(cid, str) or not _CLAUSE_ID.match(cid):
            fail(f"{where}: id must be a capital letter and a number, e.g. 'M1'")
        if cid in clauses:
            fail(f"{where}: duplicate clause id {cid!r}")
        for key in ("name", "text"):
            if not isinstance(raw[key], str) or not raw[key].strip():
                fail(f"{where}: field {key!r} must be a non-empty string")
        right = raw["right"]
        if (
            not isinstance(right, list)
            or not right
            or len(set(map(str, right))) != len(right)
            or not all(isinstance(r, str) and r in roles for r in right)
        ):
            fail(f"{where}: field 'right' must list roles of policy.bins ({', '.join(roles)}), each once")
        source = raw.get("source", "")
        if not isinstance(source, str) or (source and source not in sources):
            fail(f"{where}: field 'source' is {source!r}, which is not a key of 'sources'")
        clauses[cid] = Clause(cid, raw["name"], raw["text"], tuple(right), tuple(roles[r] for r in right), source)
    return dict(roles), clauses
