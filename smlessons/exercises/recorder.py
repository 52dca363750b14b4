"""Recording answers to code-cell exercises in the notebook's answer file.

A sorting board saves every move by itself (see
:class:`~smlessons.widgets.sorting_board.SortingBoard`). A code-cell exercise saves
the answer it was given: :func:`smlessons.exercises.questions.check` does it for the
practice questions, and a :class:`Recorder` does it, without saying right or
wrong, for an assessed question whose key only the instructor has::

    from smlessons.exercises.answers import AnswerStore
    from smlessons.exercises.recorder import Recorder

    record = Recorder(AnswerStore("people-and-ties", folder="."),
                      questions="lesson04_assessment_questions.json")

    answer = ...          # the student replaces ... with an expression
    record("a04-degree", answer)

The questions file (the student's copy: prompts and kinds, no answers) tells
the recorder what form each answer takes: an answer it cannot grade is not
saved, and the student is told at once. While nbgrader runs the notebook
(``$NBGRADER_EXECUTION``) nothing is saved: the hand-in is the submission.

The answer is saved in a JSON form (:func:`jsonable`): sets become sorted
lists, tuples become lists, numpy numbers become Python numbers, and
anything else its text. The grader reads it back with
:mod:`smlessons.instructor.grader`. Plain Python: no widget, no browser.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping
from numbers import Integral, Real
from pathlib import Path

from ..content.loader import load
from ..i18n import N_, NP_, resolve_language, translator
from .answers import (
    AnswerFileWarning,
    AnswerStore,
    check_exercise_id,
    revive,
    shorten,
    store_for,
)

__all__ = ["EXAMPLES", "Recorder", "jsonable", "open_store", "save_answer"]

#: The most elements of one list (or keys of one dict) that are saved; an
#: answer is a name, a number or a small group, never a whole network.
MAX_ITEMS = 1000
_MAX_DEPTH = 8
_MAX_TEXT = 2000


def jsonable(value, _depth: int = 0):
    """The JSON form of a student's answer.

    Parameters
    ----------
    value : object
        Whatever the student's expression gave.

    Returns
    -------
    None, bool, int, float, str, list or dict
        Sets become sorted lists, tuples and other iterables become lists,
        dict keys become strings, numpy numbers and arrays become Python
        numbers and lists, infinite or missing floats become text
        (``"inf"``, ``"nan"``), and any other object its text. Lists longer
        than :data:`MAX_ITEMS` are cut there.

    Examples
    --------
    >>> jsonable({"Ben", "Ana"})
    ['Ana', 'Ben']
    >>> jsonable(("Ben", "Uma", float("inf")))
    ['Ben', 'Uma', 'inf']
    >>> jsonable({33: 17})
    {'33': 17}
    """
    if value is None or isinstance(value, (bool, str)):
        return value if not isinstance(value, str) else value[:_MAX_TEXT]
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        x = float(value)
        return x if math.isfinite(x) else str(x)
    if _depth >= _MAX_DEPTH:
        return str(value)[:_MAX_TEXT]
    if hasattr(value, "tolist") and callable(value.tolist):  # numpy arrays and scalars
        try:
            return jsonable(value.tolist(), _depth + 1)
        except Exception:  # not numpy after all
            pass
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")[:_MAX_TEXT]
    if isinstance(value, Mapping):
        out = {}
        for key, item in list(value.items())[:MAX_ITEMS]:
            out[key if isinstance(key, str) else str(jsonable(key, _depth + 1))] = jsonable(item, _depth + 1)
        return out
    if isinstance(value, (set, frozenset)):
        items = [jsonable(v, _depth + 1) for v in list(value)[:MAX_ITEMS]]
        return sorted(items, key=lambda v: (type(v).__name__, str(v)))
    if isinstance(value, Iterable):
        out = []
        try:
            for item in value:
                if len(out) >= MAX_ITEMS:
                    break
                out.append(jsonable(item, _depth + 1))
        except Exception:  # an iterable that fails half-way: keep its text
            return str(value)[:_MAX_TEXT]
        return out
    return str(value)[:_MAX_TEXT]


def materialise(value):
    """A one-shot iterator (a generator, ``map``, ...) as a list, so that it can
    be both checked and saved; anything else unchanged."""
    if isinstance(value, Iterable) and iter(value) is value:
        return list(value)
    return value


def open_store(answers=None) -> AnswerStore | None:
    """The answer store to save to, or ``None`` when there is none.

    Parameters
    ----------
    answers : AnswerStore, str, None or False
        An :class:`~smlessons.exercises.answers.AnswerStore`; a notebook's name; ``None``
        for the running notebook (``$JPY_SESSION_NAME``); ``False`` for none.

    Returns
    -------
    AnswerStore or None
        ``None`` for ``False``, or when no notebook name can be found (a
        script, nbconvert without a name).

    Raises
    ------
    TypeError
        If `answers` is of another type.
    ValueError
        If `answers` is a string that is not a valid notebook name.
    """
    if answers is False:
        return None
    if isinstance(answers, AnswerStore):
        return answers
    if isinstance(answers, str):
        return AnswerStore(answers)
    if answers is None:
        try:
            return store_for()
        except ValueError:
            return None
    raise TypeError(f"answers must be an AnswerStore, a notebook name or False, not {type(answers).__name__}")


def save_answer(exercise_id: str, answer, answers=None) -> Path | None:
    """Save the JSON form of `answer` under `exercise_id`; never raise on a disk problem.

    Parameters
    ----------
    exercise_id : str
        The exercise's stable id (letters, digits, ``.``, ``_``, ``-``).
    answer : object
        The student's answer (saved as :func:`jsonable` gives it).
    answers : AnswerStore, str, None or False
        Where to save (see :func:`open_store`).

    Returns
    -------
    Path or None
        The answer file written, or ``None`` when there is nowhere to save
        or nbgrader is running the notebook (then nothing is written).

    Raises
    ------
    ValueError
        On a bad exercise id (a mistake in the notebook, not the student's).
    OSError
        If the answer file cannot be written (the caller tells the student).

    Examples
    --------
    >>> import tempfile
    >>> from smlessons.exercises.answers import AnswerStore
    >>> store = AnswerStore("demo", folder=tempfile.mkdtemp())
    >>> save_answer("q1", {"Ben", "Ana"}, store).name
    'demo.answers.json'
    >>> store.load("q1")
    ['Ana', 'Ben']
    """
    check_exercise_id(exercise_id)
    store = open_store(answers)
    if store is None or store.read_only:
        return None
    seen = len(store.problems)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnswerFileWarning)
        store.save(exercise_id, jsonable(answer))
    for problem in store.problems[seen:]:  # a damaged file was kept aside: say so on stdout, where it stays visible
        print(problem.render())
    return store.path


#: What the student is asked to write when an answer lacks its question's form
#: (catalog messages: translate with a :class:`~smlessons.i18n.Translator`).
EXAMPLES = {
    "person": N_('a name in quotes, for example "Pia"'),
    "people": N_('a list of names, for example ["Ana", "Ben"]'),
    "tie": N_('two names, for example ("Ana", "Ben")'),
    "number": N_("a number, for example 5"),
    "text": N_('a word or a short phrase in quotes, for example "bridge"'),
    "platform": N_('a platform\'s name in quotes, for example "TikTok"'),
    "platforms": N_('platform names, for example ["TikTok", "Instagram"]'),
    "choice": N_('the letter of one option in quotes, for example "a"'),
}


def _shown(answer) -> str:
    """An answer as a message quotes it: lists joined, at most 200 characters."""
    return shorten(", ".join(map(str, answer)) if isinstance(answer, (list, tuple)) else answer)


def _form_problem(kind: str, options, answer):
    """Why the saved form of `answer` cannot be graded as a `kind` answer: ``(what, why)`` messages, or ``None``.

    The form checked is the one the grader reads back from the answer file
    (:func:`jsonable`, lists as tuples), with the grader's own reader
    (:func:`smlessons.exercises.forms.form_message`), so an answer that passes is gradable.
    """
    from .forms import form_message

    saved = revive(jsonable(answer))
    return form_message(kind, saved, options) or form_message(kind, answer, options)


class Recorder:
    """Record answers to assessed code-cell questions, without grading them.

    Parameters
    ----------
    answers : AnswerStore, str or None
        Where to save (see :func:`open_store`). In an assignment, pass
        ``AnswerStore("<notebook>", folder=".")`` so that the answer file sits
        beside the notebook and is handed in with it.
    questions : path, optional
        The assignment's questions file (the student's copy: ids, prompts and
        kinds, no answers). Each answer is checked for the form its question
        expects (a number, a person, ...), never for right or wrong, and an
        id that is not a question of the file is refused.
    expects : dict, optional
        ``{exercise id: kind}`` (a kind of :data:`smlessons.exercises.forms.KINDS`),
        for questions built without a file; added to those of `questions`.
    language : str, optional
        The language of what the recorder says (``"en"``, ``"it"``); by
        default the environment's (see :func:`smlessons.i18n.resolve_language`).

    Notes
    -----
    Every answer a recorder saves can be graded. An answer without the form
    its question expects (``"5 ties"`` for a number) is not saved: the
    student is told at once what to write ("a number, for example 5"), and
    the answer recorded before, if any, stands.

    While nbgrader runs the notebook (``$NBGRADER_EXECUTION``) nothing is
    saved: the answer file handed in is what is graded, so a cell edited but
    never run before handing in does not count.

    Examples
    --------
    >>> import tempfile
    >>> from smlessons.exercises.answers import AnswerStore
    >>> record = Recorder(AnswerStore("quiz", folder=tempfile.mkdtemp()))
    >>> record("q1", "Pia")
    ✔ Recorded your answer to q1: Pia. It will be graded after you hand in the assignment.
    >>> record("q2", ...)
    No answer yet: replace ... with your answer, then run the cell again.
    >>> record.store.all()
    {'q1': 'Pia'}
    >>> record = Recorder(record.store, expects={"q3": "number"})
    >>> record("q3", "5 ties")
    ⚠ Not recorded: this question expects a number: got '5 ties'. Write a number, for example 5, then run the cell again. Nothing is recorded for q3 yet.
    >>> record("q3", 5)
    ✔ Recorded your answer to q3: 5. It will be graded after you hand in the assignment.
    >>> record("q3", 6)  # doctest: +ELLIPSIS
    ✔ Recorded your answer to q3: 6. It replaces 5, recorded ... It will be graded after you hand in the assignment.
    """

    def __init__(self, answers=None, *, questions=None, expects=None, language=None):
        from .forms import KINDS

        self.language = resolve_language(language) if language is not None else None
        self.store = open_store(answers)
        self.questions_file = Path(questions) if questions is not None else None
        self._forms = {}
        self._numbers = {}  # question id -> its number in the assignment ("Question 2")
        self._networks = {}  # question id -> the student's own network it is asked on
        if questions is not None:
            from .questions import load_questions

            # Only each question's form (kind, option letters): a student's copy is enough.
            for n, (qid, q) in enumerate(load_questions(Path(questions)).items(), start=1):
                self._forms[qid] = (q.kind, tuple(q.options) if q.options else None)
                self._numbers[qid] = n
                if getattr(q, "network", None):
                    self._networks[qid] = q.network
        for exercise_id, kind in dict(expects or {}).items():
            if kind not in KINDS:
                raise ValueError(f"expects[{exercise_id!r}] must be one of {', '.join(KINDS)}, not {kind!r}")
            self._forms[exercise_id] = (kind, None)
        self.expects = {qid: kind for qid, (kind, _) in self._forms.items()}

    def __repr__(self) -> str:
        return f"Recorder({self.store!r})"

    def _say(self, message: str, /, **values) -> str:
        return translator(self.language).gettext(message, **values)

    def _name(self, exercise_id: str, start: bool = False) -> str:
        """How the student knows the question: "question 2" in an assignment, else its id."""
        n = self._numbers.get(exercise_id)
        if not n:
            return exercise_id
        return self._say(N_("Question {number}") if start else N_("question {number}"), number=n)

    def _previous(self, exercise_id: str):
        """``(answer, saved)`` recorded before, or ``(None, "")``; reading is only for the message."""
        if self.store is None:
            return None, ""
        try:
            doc = load(self.store.path, "answers")
            entry = doc["exercises"][exercise_id]
            return entry["answer"], str(entry.get("saved") or "")
        except Exception:  # no file, no entry, or a damaged file (the store keeps that aside)
            return None, ""

    def _before(self, exercise_id: str) -> str:
        previous, _ = self._previous(exercise_id)
        if previous is None:
            return " " + self._say(N_("Nothing is recorded for {question} yet."), question=self._name(exercise_id))
        return " " + self._say(N_("Your answer recorded before ({answer}) still stands."), answer=_shown(previous))

    def _not_in_network(self, exercise_id: str, answer) -> str:
        """A sentence naming the people of `answer` who are not in the student's own network, or ``""``."""
        graph = self._networks.get(exercise_id)
        kind = self._forms.get(exercise_id, (None, None))[0]
        if not graph or kind not in ("person", "people", "tie"):
            return ""
        from ..variants import student_id
        from .forms import answer_names

        if graph == "student_multiplex":
            from ..datasets.multiplex import student_multiplex as build
        else:
            from ..datasets.networks import student_network as build
        try:
            people = {str(p).casefold() for p in build(student_id()).nodes}
            named = answer_names(kind, answer)
        except Exception:  # the grader will say; the recorder only helps
            return ""
        strangers = [name for name in named if name.casefold() not in people]
        if not strangers:
            return ""
        return translator(self.language).ngettext(
            *NP_(
                "{names} is not in your network: check the spelling against the names in your network.",
                "{names} are not in your network: check the spelling against the names in your network.",
            ),
            len(strangers),
            names=", ".join(strangers),
        )

    def summary(self) -> None:
        """Print what the answer file holds for this assignment's questions, and when each was saved."""
        if self.store is None:
            print(self._say(N_("This notebook does not know its answer file. Ask your instructor.")))
            return
        ids = list(self._forms) or list(self.store.all())
        lines = [self._say(N_("Your answer file {file} holds:"), file=self.store.path.name)]
        for qid in ids:
            answer, saved = self._previous(qid)
            if answer is None:
                shown = self._say(N_("nothing yet"))
            elif saved:
                shown = self._say(
                    N_("{answer} (saved {when})"), answer=_shown(answer), when=saved[:16].replace("T", " ")
                )
            else:
                shown = _shown(answer)
            lines.append(f"  {self._name(qid, start=True)}: {shown}")
        print("\n".join(lines))

    def __call__(self, exercise_id: str, answer) -> None:
        """Save `answer` and say so; ``...`` (or ``None``) saves nothing, nor does an answer that cannot be graded."""
        check_exercise_id(exercise_id)
        if answer is Ellipsis or answer is None:
            print(self._say(N_("No answer yet: replace ... with your answer, then run the cell again.")))
            return
        if self.questions_file is not None and exercise_id not in self._forms:
            print(
                self._say(
                    N_(
                        "Not recorded: {question} is not a question of this assignment ({known}). "
                        "Keep the question's id as the cell gave it."
                    ),
                    question=exercise_id,
                    known=", ".join(self._forms) or "-",
                )
            )
            return
        answer = materialise(answer)
        shown = jsonable(answer)
        if isinstance(shown, list):
            shown = ", ".join(map(str, shown))
        if self.store is None:
            print(
                self._say(
                    N_(
                        "Your answer to {question} ({answer}) could not be saved: this notebook does not know "
                        "its answer file. Ask your instructor."
                    ),
                    question=exercise_id,
                    answer=shown,
                )
            )
            return
        name = self._name(exercise_id)
        if self.store.read_only:
            print(
                self._say(
                    N_(
                        "(Grading: {question} is graded from the answer file as it was handed in, "
                        "{file}; the grade cell below shows the answer graded.)"
                    ),
                    question=name,
                    file=self.store.path.name,
                )
            )
            return
        if exercise_id in self._forms:
            kind, options = self._forms[exercise_id]
            problem = _form_problem(kind, options, answer)
            if problem:
                t = translator(self.language)
                what, why = problem
                print(
                    "\u26a0 "
                    + t.gettext(
                        N_(
                            "Not recorded: this question expects {what}: {why}. Write {example}, then run the cell again."
                        ),
                        what=what.render(t),
                        why=why.render(t),
                        example=t.gettext(EXAMPLES[kind]),
                    )
                    + self._before(exercise_id)
                )
                return
            stranger = self._not_in_network(exercise_id, answer)
            if stranger:
                print("\u26a0 " + self._say(N_("Not recorded: {reason}"), reason=stranger) + self._before(exercise_id))
                return
        previous, saved = self._previous(exercise_id)
        try:
            save_answer(exercise_id, answer, self.store)
        except OSError as exc:
            print(
                "\u26a0 "
                + self._say(
                    N_(
                        "Your answer to {question} could not be saved ({error}). Ask your instructor where answers are kept."
                    ),
                    question=name,
                    error=exc,
                )
            )
            return
        replaced = ""
        if previous is not None and jsonable(previous) != jsonable(answer):
            if saved:
                replaced = self._say(
                    N_("It replaces {answer}, recorded {when}."),
                    answer=_shown(previous),
                    when=saved[:16].replace("T", " "),
                )
            else:
                replaced = self._say(N_("It replaces {answer}."), answer=_shown(previous))
        recorded = self._say(N_("Recorded your answer to {question}: {answer}."), question=name, answer=shown)
        graded = self._say(N_("It will be graded after you hand in the assignment."))
        print("\u2714 " + " ".join(part for part in (recorded, replaced, graded) if part))
