"""Grading of sorting exercises, in plain Python.

Nothing here imports a widget: the functions take item definitions and a
``{item label: bin label}`` mapping, and return plain data. The sorting board
calls them; so can an autograder or a report.

The verdicts and score lines a student sees come from the string tables of
:mod:`smlessons.i18n`, in the language given to :func:`grade` (else the
environment's, else English).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..i18n import N_, NP_, resolve_language, translator

__all__ = [
    "Item",
    "ItemResult",
    "Feedback",
    "make_bins",
    "make_items",
    "grade",
    "check_placements",
]

ITEM_FIELDS = ("label", "answer", "explanation", "source")

RIGHT, WRONG, UNPLACED, UNGRADED = "right", "wrong", "unplaced", "ungraded"

# The words and symbols a student sees. Feedback is never colour alone:
# every status has a symbol and a word.
SYMBOLS = {RIGHT: "\u2713", WRONG: "\u2717", UNPLACED: "\u2022", UNGRADED: "\u2022"}
# The English texts are msgids: what is shown comes from the string table.
VERDICTS = {
    RIGHT: N_("Right"),
    WRONG: N_("Not quite"),
    UNPLACED: N_("Not placed yet"),
    UNGRADED: N_("Placed"),
}
CONTESTED_VERDICT = N_("Right (this one is contested)")
ALSO_RIGHT_IN = N_("It would also be right in: {bins}.")
# Score lines. Counted words take plural forms (English needs them for
# "card", Italian for the adjectives too: "1 giusta", "2 giuste").
SCORE_RIGHT = NP_("{right} of {total} right", "{right} of {total} right")
SCORE_WRONG = NP_("{count} wrong", "{count} wrong")
SCORE_UNPLACED = NP_("{count} not placed yet", "{count} not placed yet")
SCORE_PLACED = NP_("{placed} of {total} card placed", "{placed} of {total} cards placed")
# What a check says when cards are still in the pool: one sentence, not a line per card.
NOTHING_PLACED = NP_(
    "No card placed yet: drag the card into a bin above (or use the keyboard), then check again.",
    "No card placed yet: drag the {total} cards into the bins above (or use the keyboard), then check again.",
)
STILL_TO_PLACE = NP_(
    "{count} card still to place: drag it into a bin, then check again.",
    "{count} cards still to place: drag them into the bins, then check again.",
)


@dataclass(frozen=True)
class Item:
    """One card to sort.

    Attributes
    ----------
    label : str
        The text on the card; unique within a board.
    answers : tuple of str
        The bins where the card is right. More than one for a contested card;
        empty for a card with no answer key (an opinion sort).
    explanation : str
        Why the card belongs where it does, shown after a check.
    source : str
        Where the explanation comes from (a citation), or ``""``.
    """

    label: str
    answers: tuple[str, ...] = ()
    explanation: str = ""
    source: str = ""

    @property
    def contested(self) -> bool:
        """True when the card is right in more than one bin."""
        return len(self.answers) > 1


@dataclass(frozen=True)
class ItemResult:
    """The verdict on one card after a check.

    ``language`` is the language of :attr:`verdict` (``None``: the
    environment's, else English; see :func:`smlessons.i18n.resolve_language`).
    """

    label: str
    placed_in: str | None
    status: str
    explanation: str = ""
    contested: bool = False
    graded: bool = True
    language: str | None = None

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.status]

    @property
    def verdict(self) -> str:
        t = translator(self.language)
        if self.status == RIGHT and self.contested:
            return t.gettext(CONTESTED_VERDICT)
        return t.gettext(VERDICTS[self.status])

    def to_dict(self) -> dict:
        """The form the browser receives: plain strings only."""
        return {
            "status": self.status,
            "symbol": self.symbol,
            "verdict": self.verdict,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Feedback:
    """The result of checking a whole board.

    ``str(feedback)`` is the score line a student sees, e.g.
    ``"7 of 10 right (2 wrong, 1 not placed yet)"``, in ``language``
    (``None``: the environment's, else English).
    """

    results: tuple[ItemResult, ...] = field(default_factory=tuple)
    language: str | None = None

    def _count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def right(self) -> int:
        return self._count(RIGHT)

    @property
    def wrong(self) -> int:
        return self._count(WRONG)

    @property
    def unplaced(self) -> int:
        """Cards with an answer key that are not placed yet."""
        return sum(1 for r in self.results if r.graded and r.status == UNPLACED)

    @property
    def total(self) -> int:
        """Cards that have an answer key (the score's denominator)."""
        return sum(1 for r in self.results if r.graded)

    @property
    def score(self) -> str:
        t = translator(self.language)
        if self.total == 0:
            placed = sum(1 for r in self.results if r.placed_in is not None)
            total = len(self.results)
            return t.ngettext(*SCORE_PLACED, total, placed=placed, total=total)
        extra = []
        if self.wrong:
            extra.append(t.ngettext(*SCORE_WRONG, self.wrong, count=self.wrong))
        if self.unplaced:
            extra.append(t.ngettext(*SCORE_UNPLACED, self.unplaced, count=self.unplaced))
        tail = f" ({', '.join(extra)})" if extra else ""
        return t.ngettext(*SCORE_RIGHT, self.right, right=self.right, total=self.total) + tail

    def __getitem__(self, label: str) -> ItemResult:
        for r in self.results:
            if r.label == label:
                return r
        raise KeyError(label)

    def __str__(self) -> str:
        return self.score

    def __repr__(self) -> str:
        """The score, then one line per *placed* card, then how many are left.

        With nothing placed, one sentence says so (not a line per card).
        """
        t = translator(self.language)
        placed = [r for r in self.results if r.placed_in is not None]
        if not placed:
            n = len(self.results)
            return t.ngettext(*NOTHING_PLACED, n, total=n)
        lines = [self.score]
        for r in placed:
            lines.append(f"  {r.symbol} {r.label} \u2192 {r.placed_in}: {r.verdict}")
        left = len(self.results) - len(placed)
        if left:
            lines.append(t.ngettext(*STILL_TO_PLACE, left, count=left))
        return "\n".join(lines)


def _is_text(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _visible(text: str) -> bool:
    """True if `text` has a character that shows: not only spaces, zero-width or control characters."""
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp") for ch in text)


def make_bins(bins) -> tuple[str, ...]:
    """Validate bin labels.

    Parameters
    ----------
    bins : sequence of str
        At least two distinct, non-empty labels.

    Returns
    -------
    tuple of str

    Raises
    ------
    TypeError
        If `bins` is not a list or tuple of strings.
    ValueError
        If there are fewer than two bins, an empty label, or a duplicate.

    Examples
    --------
    >>> make_bins(["Medium", "Network"])
    ('Medium', 'Network')
    """
    if isinstance(bins, (str, bytes)) or not isinstance(bins, Sequence):
        raise TypeError(f"bins must be a list of strings, not {type(bins).__name__}")
    out = []
    for i, b in enumerate(bins):
        if not isinstance(b, str):
            raise TypeError(f"bin {i} must be a string, not {type(b).__name__}")
        if not _visible(b):
            raise ValueError(f"bin {i} has an empty label")
        if b in out:
            raise ValueError(f"duplicate bin label {b!r}")
        out.append(b)
    if len(out) < 2:
        raise ValueError(f"a board needs at least two bins, got {len(out)}")
    return tuple(out)


def make_items(items, bins: Sequence[str]) -> tuple[Item, ...]:
    """Validate card definitions against the bins.

    Parameters
    ----------
    items : sequence of str or dict
        A plain string is a card with no answer key. A dict has ``label``
        and optionally ``answer`` (a bin label, or a list of bin labels for
        a contested card), ``explanation`` and ``source``.
    bins : sequence of str
        The valid bin labels (already validated by :func:`make_bins`).

    Returns
    -------
    tuple of Item

    Raises
    ------
    TypeError
        If an item or a field has the wrong type.
    ValueError
        On an empty or duplicate label, an unknown field, or an answer that
        names an unknown bin.

    Examples
    --------
    >>> make_items([{"label": "TikTok", "answer": "Medium"}], ["Medium", "Network"])
    (Item(label='TikTok', answers=('Medium',), explanation='', source=''),)
    """
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Sequence):
        raise TypeError(f"items must be a list, not {type(items).__name__}")
    if not items:
        raise ValueError("items is empty: a board needs at least one card")
    out: list[Item] = []
    seen: set[str] = set()
    for i, raw in enumerate(items):
        where = f"item {i}"
        if isinstance(raw, str):
            raw = {"label": raw}
        if not isinstance(raw, Mapping):
            raise TypeError(f"{where} must be a string or a dict, not {type(raw).__name__}")
        unknown = sorted(set(raw) - set(ITEM_FIELDS), key=repr)
        if unknown:
            raise ValueError(f"{where}: unknown field {unknown[0]!r} (fields are {', '.join(ITEM_FIELDS)})")
        label = raw.get("label")
        if not isinstance(label, str):
            raise TypeError(f"{where}: label must be a string, not {type(label).__name__}")
        if not _visible(label):
            raise ValueError(f"{where} has an empty label")
        where = f"item {i} ({label!r})"
        if label in seen:
            raise ValueError(f"duplicate item label {label!r}")
        seen.add(label)
        answers = _answers(raw.get("answer"), bins, where)
        texts = {}
        for key in ("explanation", "source"):
            value = raw.get(key, "")
            if value is None:
                value = ""
            if not isinstance(value, str):
                raise TypeError(f"{where}: {key} must be a string, not {type(value).__name__}")
            texts[key] = value
        out.append(Item(label, answers, texts["explanation"], texts["source"]))
    return tuple(out)


def _answers(answer, bins: Sequence[str], where: str) -> tuple[str, ...]:
    if answer is None:
        return ()
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple)):
        raise TypeError(f"{where}: answer must be a bin label or a list of them, not {type(answer).__name__}")
    if not answer:
        raise ValueError(f"{where}: answer is an empty list")
    out = []
    for a in answer:
        if not isinstance(a, str):
            raise TypeError(f"{where}: answer must name bins by their labels, got {type(a).__name__}")
        if a not in bins:
            raise ValueError(f"{where}: answer {a!r} is not one of the bins {list(bins)}")
        if a not in out:
            out.append(a)
    return tuple(out)


def check_placements(placements, items: Iterable[Item], bins: Sequence[str]) -> dict[str, str]:
    """Validate a ``{item label: bin label}`` mapping.

    Entries whose bin is ``None`` or ``""`` mean "not placed" and are dropped.

    Raises
    ------
    TypeError
        If `placements` is not a dict of strings.
    ValueError
        If it names an unknown card or an unknown bin.
    """
    if not isinstance(placements, Mapping):
        raise TypeError(f"placements must be a dict, not {type(placements).__name__}")
    labels = {item.label for item in _checked_items(items)}
    out = {}
    for label, bin_ in placements.items():
        if label not in labels:
            raise ValueError(f"placements names an unknown card {label!r}")
        if bin_ is None:
            continue
        if not isinstance(bin_, str):
            raise TypeError(f"placements[{label!r}] must be a bin label, not {type(bin_).__name__}")
        if bin_ == "":
            continue
        if bin_ not in bins:
            raise ValueError(f"placements[{label!r}] names an unknown bin {bin_!r}")
        out[label] = bin_
    return out


def _checked_items(items) -> list[Item]:
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
        raise TypeError(f"items must be a list of Item (see make_items), not {type(items).__name__}")
    out = list(items)
    for i, item in enumerate(out):
        if not isinstance(item, Item):
            raise TypeError(f"item {i} must be an Item (see make_items), not {type(item).__name__}")
    return out


def grade(items: Iterable[Item], placements: Mapping[str, str], *, language: str | None = None) -> Feedback:
    """Check every card against its answers.

    Parameters
    ----------
    items : iterable of Item
    placements : dict
        ``{item label: bin label}``, e.g. a board's ``placements``. A card
        whose bin is ``None`` or ``""`` is not placed.
    language : str, optional
        The language of the verdicts and the score (``"en"``, ``"it"``);
        by default the environment's, else English.

    Returns
    -------
    Feedback
        One :class:`ItemResult` per card, in the items' order. A contested
        card is right in any of its bins.

    Raises
    ------
    TypeError
        If `items` are not :class:`Item` objects, `placements` is not a
        dict, or a bin in it is not a string.
    ValueError
        If `language` is not supported.

    Examples
    --------
    >>> items = make_items([{"label": "TikTok", "answer": "Medium"},
    ...                     {"label": "My class", "answer": "Network"}],
    ...                    ["Medium", "Network"])
    >>> print(grade(items, {"TikTok": "Medium", "My class": "Medium"}))
    1 of 2 right (1 wrong)
    """
    items = _checked_items(items)
    if not isinstance(placements, Mapping):
        raise TypeError(f"placements must be a dict, not {type(placements).__name__}")
    language = resolve_language(language)
    t = translator(language)
    results = []
    for item in items:
        placed = placements.get(item.label)
        if placed is not None and not isinstance(placed, str):
            raise TypeError(f"placements[{item.label!r}] must be a bin label, not {type(placed).__name__}")
        if placed == "":
            placed = None
        if placed is None:
            status = UNPLACED
        elif not item.answers:
            status = UNGRADED
        elif placed in item.answers:
            status = RIGHT
        else:
            status = WRONG
        explanation = item.explanation if status in (RIGHT, WRONG, UNGRADED) else ""
        if status == RIGHT and item.contested:
            others = [a for a in item.answers if a != placed]
            also = t.gettext(ALSO_RIGHT_IN, bins="; ".join(others))
            explanation = f"{explanation} {also}".strip()
        results.append(
            ItemResult(item.label, placed, status, explanation, item.contested, bool(item.answers), language)
        )
    return Feedback(tuple(results), language)
