"""The sorting board: students sort cards into bins.

The browser side (``static/sorting_board.js``) handles mouse, touch, pen and
keyboard; this side holds the answer key and does the grading, so the key
never has to reach the browser.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from .datafiles import load_exercise
from .grading import Feedback, grade, make_bins, make_items, check_placements

__all__ = ["SortingBoard"]

_STATIC = Path(__file__).with_name("static")


class SortingBoard(anywidget.AnyWidget):
    """A board of cards that a student sorts into bins.

    Parameters
    ----------
    items : list of str or dict
        The cards. A dict has ``label`` and optionally ``answer`` (one bin
        label, or a list of bin labels for a contested card that is right
        in more than one bin), ``explanation`` and ``source``. A plain
        string is a card with no answer key.
    bins : list of str
        At least two distinct bin labels.
    title, prompt : str, optional
        Shown above the board.

    Attributes
    ----------
    placements : dict
        ``{item label: bin label}`` for every placed card, kept in sync with
        the browser both ways: setting it from Python moves the cards.
    feedback : dict
        After :meth:`check`, ``{item label: {"status", "symbol", "verdict",
        "explanation"}}`` for the placed cards.
    score : str
        After :meth:`check`, e.g. ``"7 of 10 right (3 wrong)"``; else ``""``.

    Raises
    ------
    ValueError
        On duplicate labels, fewer than two bins, an empty label, or an
        answer naming an unknown bin.
    TypeError
        On arguments of the wrong type.

    Examples
    --------
    >>> board = SortingBoard(
    ...     items=[{"label": "TikTok", "answer": "Medium"},
    ...            {"label": "My classmates", "answer": "Network"}],
    ...     bins=["Medium", "Network"])
    >>> board.placements = {"TikTok": "Medium"}
    >>> print(board.check())
    1 of 2 right (1 not placed yet)
    """

    _esm = _STATIC / "sorting_board.js"
    _css = _STATIC / "sorting_board.css"

    title = traitlets.Unicode("").tag(sync=True)
    prompt = traitlets.Unicode("").tag(sync=True)
    bins = traitlets.List(traitlets.Unicode(), read_only=True).tag(sync=True)
    cards = traitlets.List(traitlets.Unicode(), read_only=True).tag(sync=True)
    placements = traitlets.Dict().tag(sync=True)
    feedback = traitlets.Dict(read_only=True).tag(sync=True)
    score = traitlets.Unicode("", read_only=True).tag(sync=True)

    def __init__(self, *, items, bins, title: str = "", prompt: str = "", **kwargs):
        bins_ = make_bins(bins)
        self._items = make_items(items, bins_)
        if not isinstance(title, str) or not isinstance(prompt, str):
            raise TypeError("title and prompt must be strings")
        super().__init__(title=title, prompt=prompt, **kwargs)
        self.set_trait("bins", list(bins_))
        self.set_trait("cards", [item.label for item in self._items])
        self.on_msg(self._on_browser_message)

    @classmethod
    def from_exercise(cls, name, **kwargs) -> "SortingBoard":
        """Build a board from an exercise data file.

        Parameters
        ----------
        name : str or path
            A shipped exercise (``"lesson01_media_or_network"``) or a path to
            a JSON file of the same shape (see :mod:`smlessons.datafiles`).
        **kwargs
            Passed on to the constructor (e.g. ``title``).
        """
        ex = load_exercise(name)
        options = {"title": ex.title, "prompt": ex.prompt, **kwargs}
        items = [
            {"label": i.label, "answer": list(i.answers), "explanation": i.explanation, "source": ex.citation(i)}
            for i in ex.items
        ]
        return cls(items=items, bins=list(ex.bins), **options)

    @property
    def items(self):
        """The cards, as validated :class:`~smlessons.grading.Item` objects."""
        return self._items

    @traitlets.validate("placements")
    def _validate_placements(self, proposal):
        return check_placements(proposal["value"], self._items, self.bins)

    @traitlets.observe("placements")
    def _forget_stale_feedback(self, change):
        # A card that moved after a check no longer has a verdict, and the
        # score is out of date (also after a check of a board with nothing placed).
        old, new = change["old"] or {}, change["new"]
        if not self.feedback and not self.score:
            return
        moved = {label for label in set(old) | set(new) if old.get(label) != new.get(label)}
        if moved:
            if self.feedback:
                self.set_trait("feedback", {k: v for k, v in self.feedback.items() if k not in moved})
            self.set_trait("score", "")

    def check(self) -> Feedback:
        """Grade the board, show the verdicts on it, and return them.

        Returns
        -------
        Feedback
            Its ``str`` is the score line, its ``repr`` lists every card.
        """
        result = grade(self._items, self.placements)
        self.set_trait(
            "feedback", {r.label: r.to_dict() for r in result.results if r.placed_in is not None}
        )
        self.set_trait("score", result.score)
        return result

    def try_again(self) -> None:
        """Send the wrong cards back to the pool; right cards stay where they are."""
        result = grade(self._items, self.placements)
        wrong = {r.label for r in result.results if r.status == "wrong"}
        self.placements = {k: v for k, v in self.placements.items() if k not in wrong}
        self.set_trait("feedback", {k: v for k, v in self.feedback.items() if k not in wrong})
        self.set_trait("score", "")

    def reset(self) -> None:
        """Start over: every card back to the pool, no feedback."""
        self.set_trait("feedback", {})
        self.set_trait("score", "")
        self.placements = {}

    def _on_browser_message(self, _widget, content, _buffers):
        action = content.get("action") if isinstance(content, dict) else None
        handler = {"check": self.check, "try_again": self.try_again, "reset": self.reset}.get(action)
        if handler is not None:
            handler()

    def __repr__(self) -> str:
        return f"SortingBoard(items={len(self._items)}, bins={list(self.bins)!r})"
