"""The sorting board: students sort cards into bins.

The browser side (``static/sorting_board.js``) handles mouse, touch, pen and
keyboard; this side holds the answer key and does the grading, so the key
never has to reach the browser.

Every word the board shows comes from the string tables of
:mod:`smlessons.i18n`: the browser receives its texts as templates with
named placeholders (``_strings``) and fills them in as plain text.
"""

from __future__ import annotations

import os
import random
from dataclasses import replace
from pathlib import Path

import anywidget
import traitlets

from ..exercises.answers import AnswerStore, check_exercise_id, store_for
from ..exercises.boards import Feedback, check_placements, grade, make_bins, make_items
from ..exercises.loader import MODES, load_exercise
from ..i18n import N_, NP_, translator
from ..variants import student_id

__all__ = ["SortingBoard", "card_order", "student_name"]

_STATIC = Path(__file__).with_name("static")

# What the browser shows, by key (see static/sorting_board.js). Keys are
# code; the English texts are msgids, translated in smlessons/locale.
BROWSER_TEXTS = {
    "pool": N_("Cards to sort"),
    "help": N_(
        "Drag a card into a bin, or: Tab to a card, press Enter or Space to pick it up, "
        "Tab to a bin and press Enter or Space to drop it. Escape cancels."
    ),
    "check": N_("Check"),
    "try_again": N_("Try again"),
    "reset": N_("Reset"),
    "assessment_note": N_(
        "Assessment: your answers are recorded as you go. No right or wrong is shown here; "
        "your instructor will give feedback."
    ),
    "picked_up": N_("Picked up {label}. Move to a bin and press Enter or Space to drop it there; Escape cancels."),
    "put_back": N_("{label} put back."),
    "placed_in": N_("{label} placed in {bin}."),
    "stays_in": N_("{label} stays in {bin}."),
    "pick_first": N_("{bin}: pick up a card first (Enter or Space on a card)."),
    "checked": N_("Checked: {score}."),
    "not_quite": N_("Not quite: {labels}."),
    # shown on a board whose moves the kernel no longer hears (see _ack)
    "not_saved_kernel": N_("Not saved: the kernel restarted or stopped. Run the cells again to bring your board back."),
}
BROWSER_PLURALS = {
    # plural on {total}; the announcement adds the full stop
    "placed_count": NP_("{placed} of {total} card placed", "{placed} of {total} cards placed"),
    # a bin's accessible name; plural on {count}
    "bin_name": NP_("{bin}, {count} card", "{bin}, {count} cards"),
}
NOTICE_UNREADABLE = N_("Your answers could not be read ({error}); they are not lost, but this board starts empty.")
NOTICE_NOT_A_BOARD = N_("The saved answer for {exercise} is not a board's answer; this board starts empty.")
NOTICE_SKIPPED = N_(
    "Some saved cards could not be put back (their bin is not one of this board's): {cards}. Place them again."
)
NOTICE_NOT_SAVED = N_("Your last move could not be saved ({error}). Ask your instructor where answers are kept.")
NOTICE_SET_ASIDE = N_("{file} could not be read; it was kept as {aside} and a new answer file was started.")
NOTICE_OTHER = N_("There was a problem with your answer file: {details}")
# The answer store's own report of a damaged file (smlessons.exercises.answers), in English.


def student_name() -> str:
    """Who is running the notebook (see :func:`smlessons.variants.student_id`).

    ``$SMLESSONS_STUDENT``, else ``$JUPYTERHUB_USER``, else the login name,
    else ``""``: the same id the grader builds a student's variant for.
    """
    return student_id()


def card_order(labels, *, seed=None, exercise_id: str | None = None, user: str | None = None) -> list[str]:
    """The order a board shows its cards in: `labels` shuffled, reproducibly.

    Parameters
    ----------
    labels : sequence of str
        The cards, in file order.
    seed : int or str, optional
        An explicit seed (for tests and instructors). Without one, the seed
        is the student's name (`user`, by default :func:`student_name`)
        and the exercise id, so each student sees the same order after
        every restart, and two students see different orders.
    exercise_id : str, optional
        The exercise, so that one student's boards are not all shuffled alike.
    user : str, optional
        Whose order; by default the student running the notebook.

    Examples
    --------
    >>> labels = ["A", "B", "C", "D"]
    >>> card_order(labels, seed=1) == card_order(labels, seed=1)
    True
    >>> sorted(card_order(labels, exercise_id="x", user="ana")) == labels
    True
    """
    if seed is None:
        who = student_name() if user is None else user
        # A string seed: random.Random hashes it the same way in every process.
        seed = f"{who}\x00{exercise_id if exercise_id is not None else chr(31).join(labels)}"
    elif isinstance(seed, bool) or not isinstance(seed, (int, str)):
        raise TypeError(f"seed must be an int or a string, not {type(seed).__name__}")
    out = list(labels)
    random.Random(seed).shuffle(out)
    return out


def browser_strings(t, cards: int) -> dict:
    """The texts the browser needs, in the language of the translator `t`.

    ``plural_index[n]`` is the plural form for the count ``n`` (0 to `cards`,
    every count a board can show), so the browser needs no plural rules.
    """
    return {
        "text": {key: t.template(msg) for key, msg in BROWSER_TEXTS.items()},
        "plural": {key: t.forms(*msgs) for key, msgs in BROWSER_PLURALS.items()},
        "plural_index": [t.plural_index(n) for n in range(cards + 1)],
    }


def _names(entries, most: int = 10, width: int = 60) -> str:
    """The labels of some saved entries, for a notice: at most `most`, each cut at `width` characters."""
    shown = []
    for label in list(entries)[:most]:
        text = " ".join(str(label).split()) or repr(label)
        shown.append(text if len(text) <= width else text[: width - 1] + "\u2026")
    if len(entries) > most:
        shown.append("\u2026")
    return ", ".join(shown)


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
    exercise_id : str, optional
        A stable id. With one, every move is saved to the notebook's answer
        file (see :mod:`smlessons.exercises.answers`) and restored when the board is
        built again: after a kernel restart, a reload, or in the autograder.
        The kernel acknowledges each saved move; a board whose moves go
        unacknowledged for about 2 s, or whose kernel restarted or stopped,
        is greyed out, takes no more moves and says they are not saved
        until the cells are run again. The board also shows how many cards
        are placed.
    mode : {"practice", "assessment"}, optional
        Practice (the default) gives feedback with explanations. Assessment
        records the answers and shows no right or wrong: the Check and Try
        again buttons are gone and :meth:`check` only counts placed cards.
    answers : AnswerStore, str or bool, optional
        Where to save: an :class:`~smlessons.exercises.answers.AnswerStore`, or the
        notebook's name (the file is ``<name>.answers.json``). By default the
        name comes from the running notebook; ``False`` saves nothing.
    language : str, optional
        The language of everything the board says (buttons, help,
        announcements, verdicts, score): ``"en"`` or ``"it"``. By default
        the environment's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
        ``LANG``), else English. The cards, bins, title and prompt are shown
        as given.
    shuffle : bool, optional
        Show the cards in a shuffled order (see :func:`card_order`), so that
        the order of a data file gives nothing away. By default a board with
        an `exercise_id` (every board of a lesson) is shuffled and one
        without keeps the order given.
    seed : int or str, optional
        The shuffle's seed, for tests and instructors who want one order for
        everybody. By default it comes from the student's name and the
        exercise id: stable for a student across restarts, different between
        students. Giving a seed turns shuffling on unless ``shuffle=False``.

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
    notice : str
        A message about the answer file (e.g. a damaged file kept aside), or ``""``.
    saves : bool
        Whether the board saves its moves to an answer file.
    language : str
        The board's language, ``"en"`` or ``"it"``.

    Raises
    ------
    ValueError
        On duplicate labels, fewer than two bins, an empty label, an
        answer naming an unknown bin, or an unsupported language.
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

    The same board in Italian (buttons, help, verdicts, score):

    >>> tavola = SortingBoard(items=[{"label": "TikTok", "answer": "Medium"}],
    ...                       bins=["Medium", "Network"], language="it")
    >>> tavola.placements = {"TikTok": "Medium"}
    >>> print(tavola.check())
    1 giusta su 1
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
    notice = traitlets.Unicode("", read_only=True).tag(sync=True)
    mode = traitlets.Unicode("practice", read_only=True).tag(sync=True)
    language = traitlets.Unicode("en", read_only=True).tag(sync=True)
    _strings = traitlets.Dict(read_only=True).tag(sync=True)
    # True when every move is saved to an answer file: the browser then waits
    # for `_ack` after each move and warns when it does not come.
    _saves = traitlets.Bool(False, read_only=True).tag(sync=True)
    # The last browser move the kernel handled: {"view": ..., "move": n}, set
    # after the move's placements were saved (or the notice says why not).
    _ack = traitlets.Dict(read_only=True).tag(sync=True)

    def __init__(
        self,
        *,
        items,
        bins,
        title: str = "",
        prompt: str = "",
        exercise_id: str | None = None,
        answers=None,
        mode: str = "practice",
        language: str | None = None,
        shuffle: bool | None = None,
        seed=None,
        **kwargs,
    ):
        self._t = translator(language)
        if shuffle is not None and not isinstance(shuffle, bool):
            raise TypeError(f"shuffle must be True or False, not {type(shuffle).__name__}")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, str))):
            raise TypeError(f"seed must be an int or a string, not {type(seed).__name__}")
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        bins_ = make_bins(bins)
        self._items = make_items(items, bins_)
        if shuffle is None:
            shuffle = exercise_id is not None or seed is not None
        if shuffle:
            if exercise_id is not None and not isinstance(exercise_id, str):
                raise TypeError(f"exercise_id must be a string, not {type(exercise_id).__name__}")
            order = card_order([i.label for i in self._items], seed=seed, exercise_id=exercise_id)
            by_label = {i.label: i for i in self._items}
            self._items = tuple(by_label[label] for label in order)
        if not isinstance(title, str) or not isinstance(prompt, str):
            raise TypeError("title and prompt must be strings")
        if exercise_id is not None:
            if not isinstance(exercise_id, str):
                raise TypeError(f"exercise_id must be a string, not {type(exercise_id).__name__}")
            check_exercise_id(exercise_id)
        self._exercise_id = exercise_id
        self._store = None
        super().__init__(title=title, prompt=prompt, **kwargs)
        self.set_trait("bins", list(bins_))
        self.set_trait("cards", [item.label for item in self._items])
        self.set_trait("mode", mode)
        self.set_trait("language", self._t.language)
        self.set_trait("_strings", browser_strings(self._t, len(self._items)))
        self.on_msg(self._on_browser_message)
        if exercise_id is not None and answers is not False:
            self._store = self._open_store(exercise_id, answers)
            if self._store is not None:
                self.set_trait("_saves", True)
                self._restore()

    def _open_store(self, exercise_id: str, answers) -> AnswerStore | None:
        if isinstance(answers, AnswerStore):
            store = answers
        elif answers is None or isinstance(answers, str):
            try:
                store = store_for(answers)
            except ValueError:
                # Not in a notebook server (nbconvert, a script): nothing to save to.
                return None
        else:
            raise TypeError(f"answers must be an AnswerStore, a notebook name or False, not {type(answers).__name__}")
        return store

    def _restore(self) -> None:
        try:
            saved = self._store.load(self._exercise_id, {})
        except OSError as exc:
            self._say(self._t.gettext(NOTICE_UNREADABLE, error=exc))
            return
        messages = [self._problems()] if self._store.problems else []
        if not isinstance(saved, dict):
            # Not a board's answer at all (a list, a number, text): kept, not used.
            self._set_aside(saved, {})
            messages.append(self._t.gettext(NOTICE_NOT_A_BOARD, exercise=self._exercise_id))
            self._say(" ".join(messages))
            return
        labels, bins = set(self.cards), set(self.bins)
        # A hand-edited file may hold anything as a bin (a list, a dict, a
        # number) or cards this board does not show: keep the cards that are
        # fine, set the others aside in the answer file, name them, never crash.
        restored = {k: v for k, v in saved.items() if k in labels and isinstance(v, str) and v in bins}
        bad = {k: v for k, v in saved.items() if k not in restored}
        if bad:
            self._set_aside(bad, restored)
            messages.append(self._t.gettext(NOTICE_SKIPPED, cards=_names(bad)))
        if messages:
            self._say(" ".join(messages))
        self._restoring = True
        try:
            self.placements = restored
        finally:
            self._restoring = False

    def _set_aside(self, bad, restored: dict) -> None:
        """Keep saved entries the board cannot use, so that no move of the student loses them.

        They are saved in the same answer file under ``<exercise id>.set-aside``
        (``.set-aside-2``, ... when that is taken), which no grader reads, and
        the board's own entry is rewritten with the cards that came back.
        Nothing is written while nbgrader runs the notebook
        (``$NBGRADER_EXECUTION``), nor when setting aside fails: then the
        board's entry is left as it was.
        """
        if os.environ.get("NBGRADER_EXECUTION"):
            return
        try:
            taken = self._store.all()
            base = f"{self._exercise_id[:110]}.set-aside"
            aside, n = base, 1
            while aside in taken:
                n += 1
                aside = f"{base}-{n}"
            self._store.save(aside, bad)
            self._store.save(self._exercise_id, restored)
        except (OSError, TypeError, ValueError, RecursionError):
            return  # the entry stays as it was: nothing is lost

    def _problems(self) -> str:
        """The answer store's problems, in the board's language."""
        out = []
        for problem in self._store.problems:
            if problem.code == "kept_aside":
                out.append(
                    self._t.gettext(NOTICE_SET_ASIDE, file=problem.params["file"], aside=problem.params["aside"])
                )
            else:
                out.append(self._t.gettext(NOTICE_OTHER, details=problem.render(self._t)))
        return " ".join(out)

    def _say(self, message: str) -> None:
        self.set_trait("notice", message)
        print(message)  # also in the cell's output, where it stays visible

    @property
    def saves(self) -> bool:
        """Whether every move is saved to an answer file."""
        return self._store is not None

    @property
    def exercise_id(self) -> str | None:
        """The exercise's stable id, or ``None`` for a board that saves nothing."""
        return self._exercise_id

    @property
    def answer_file(self):
        """The path of the answer file this board saves to, or ``None``."""
        return self._store.path if self._store is not None else None

    @classmethod
    def from_exercise(cls, name, *, student: str | None = None, **kwargs) -> SortingBoard:
        """Build a board from an exercise data file.

        Parameters
        ----------
        name : str or path
            A shipped exercise (``"lesson01_media_or_network"``) or a path to
            a JSON file of the same shape (see :mod:`smlessons.exercises.loader`).
        student : str, optional
            For a bank (a file with ``"show"``): whose variant to build. By
            default the student running the notebook
            (:func:`smlessons.variants.student_id`), as the grader does.
        **kwargs
            Passed on to the constructor (e.g. ``title``, or ``seed=1`` for one
            card order for everybody, ``shuffle=False`` for the file's order).
            The cards are shuffled per student by default (see :func:`card_order`).

        Notes
        -----
        A bank's board shows only the student's own cards, drawn and ordered
        by :func:`smlessons.variants.board_cards`: the same after every
        restart and at grading, different between students. Its order is
        part of the variant, so ``seed`` and ``shuffle`` are refused.

        Raises
        ------
        ValueError
            If ``seed`` or ``shuffle`` is given for a bank.
        """
        ex = load_exercise(name)
        options = {"title": ex.title, "prompt": ex.prompt, "exercise_id": ex.id, "mode": ex.mode, **kwargs}
        if ex.notebook and "answers" not in kwargs:
            options["answers"] = ex.notebook
        chosen = list(ex.items)
        if ex.show is not None:
            given = sorted(k for k in ("seed", "shuffle") if k in kwargs)
            if given:
                raise ValueError(
                    f"{ex.path.name} is a bank (it shows {ex.show} of {len(ex.items)} cards to each student): "
                    f"the cards and their order are the student's variant, so {given[0]!r} cannot be set; "
                    "pass student='...' to see another student's board"
                )
            if student is not None and not isinstance(student, str):
                raise TypeError(f"student must be a string, not {type(student).__name__}")
            who = student_id() if student is None else student
            chosen = ex.variant(who)
            options["shuffle"] = False
        items = [
            {"label": i.label, "explanation": i.explanation, "source": ex.citation(i)}
            | ({"answer": list(i.answers)} if i.answers else {})
            for i in chosen
        ]
        return cls(items=items, bins=list(ex.bins), **options)

    @property
    def items(self):
        """The cards, as validated :class:`~smlessons.exercises.boards.Item` objects."""
        return self._items

    @traitlets.validate("placements")
    def _validate_placements(self, proposal):
        return check_placements(proposal["value"], self._items, self.bins)

    @traitlets.observe("placements")
    def _save(self, change):
        if self._store is None or getattr(self, "_restoring", False):
            return
        try:
            self._store.save(self._exercise_id, dict(change["new"]))
        except OSError as exc:
            self._say(self._t.gettext(NOTICE_NOT_SAVED, error=exc))
            return
        if self._store.problems and not self.notice:
            self._say(self._problems())

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

        In assessment mode nothing is marked right or wrong: the result only
        says which cards are placed.

        Returns
        -------
        Feedback
            Its ``str`` is the score line; its ``repr`` adds a line for each
            placed card and says how many are left (with nothing placed, one
            sentence says so).
        """
        if self.mode == "assessment":
            result = grade([replace(item, answers=()) for item in self._items], self.placements, language=self.language)
            self.set_trait("feedback", {})
            self.set_trait("score", result.score)
            return result
        result = grade(self._items, self.placements, language=self.language)
        self.set_trait("feedback", {r.label: r.to_dict() for r in result.results if r.placed_in is not None})
        self.set_trait("score", result.score)
        return result

    def try_again(self) -> None:
        """Send the wrong cards back to the pool; right cards stay where they are."""
        if self.mode == "assessment":
            return
        result = grade(self._items, self.placements, language=self.language)
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
        if action == "moved":
            self._acknowledge(content.get("view"), content.get("move"))
            return
        handler = {"check": self.check, "try_again": self.try_again, "reset": self.reset}.get(action)
        if handler is not None:
            handler()

    def _acknowledge(self, view, move) -> None:
        """Tell the browser view `view` that the kernel handled its move number `move`.

        The browser sends ``{"action": "moved", "view": ..., "move": n}`` right
        after the placements of a move, on the same channel, so by the time
        this runs the move's placements have been received and saved (or
        :attr:`notice` says why they could not be). A view that hears nothing
        back tells the student the move was not saved.
        """
        if not isinstance(view, str) or isinstance(move, bool) or not isinstance(move, int):
            return
        self.set_trait("_ack", {"view": view, "move": move})

    def __repr__(self) -> str:
        mode = ", mode='assessment'" if self.mode == "assessment" else ""
        return f"SortingBoard(items={len(self._items)}, bins={list(self.bins)!r}{mode})"
