"""Marking recorded answers against keys: the rules every grader shares.

The answers a student gives live in the notebook's answer file (see
:mod:`smlessons.exercises.answers`); the keys live in exercise files with answers (the
shipped practice exercises, or an instructor's key files). The functions
here read both, never change the student's file, and return plain data.
:func:`mark_board` and :func:`mark_question` mark one answer for one
student's variant (only the cards drawn for that student count; a network
question is asked on the student's own network); :func:`grade_answers`
gives the rows of a class report; :mod:`smlessons.instructor.grader` gives the marks of
a course's assignments (nbgrader's, the CLI's and the report's) from them::

    from smlessons.instructor.autograde import board_points, find_key

    points, out_of = board_points(find_key("lesson01_assessment"),
                                  "media-or-network.answers.json")

A board earns a point per card of the student's variant in a right bin (a
contested card is right in any of its bins; a card not placed earns
nothing; a card the student was not shown is ignored). A code-cell question
earns its points when the recorded answer is right, read in every form
:mod:`smlessons.exercises.questions` accepts.

Plain Python: nothing here imports a widget.
"""

from __future__ import annotations

import contextlib
import json
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.loader import DataFileError, load, read_json
from ..exercises.answers import AnswerStore, revive, shorten
from ..exercises.boards import RIGHT, UNPLACED, WRONG, grade
from ..exercises.loader import (
    EXERCISES_DIR,
    Exercise,
    ExerciseFileError,
    load_exercise,
    parse_exercise,
)

__all__ = [
    "AnswerFileError",
    "Keys",
    "Row",
    "ANSWER_SUFFIX",
    "bind_question",
    "board_points",
    "board_show",
    "find_key",
    "grade_answers",
    "load_keys",
    "mark_board",
    "mark_question",
    "question_points",
    "read_answer_file",
    "RIGHT",
    "UNANSWERED",
    "UNPLACED",
    "variant_items",
    "WRONG",
]

ANSWER_SUFFIX = ".answers.json"
KEYS_ENV = "SMLESSONS_KEYS_DIR"
UNANSWERED = "unanswered"
#: An answer longer than this (as JSON) is wrong without being checked: a
#: notebook records at most a few thousand characters (see smlessons.exercises.recorder).
MAX_ANSWER_CHARACTERS = 100_000


class AnswerFileError(DataFileError):
    """An answer file cannot be read or is not an smlessons answer file."""


# ---------------------------------------------------------------------------
# Reading


def read_answer_file(path) -> dict:
    """Read an answer file without changing it.

    Unlike :class:`~smlessons.exercises.answers.AnswerStore`, which moves a damaged
    file aside so that a lesson can go on, this only reads: a grader must
    never touch a student's hand-in.

    Parameters
    ----------
    path : path

    Returns
    -------
    dict
        The parsed file: ``{"format", "version", "notebook", "exercises":
        {exercise id: {"answer": ..., "saved": ...}}}``.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    AnswerFileError
        If it is unreadable, not JSON, or not an smlessons answer file.
    """
    return load(path, "answers", AnswerFileError)


def _recorded(answers, exercise_id: str):
    """The recorded answer to one exercise, from a file, a store or a mapping.

    Returns ``(found, answer, note)``; `note` says why nothing was found.
    """
    if isinstance(answers, AnswerStore):
        answers = answers.path
    if isinstance(answers, Mapping):
        return (exercise_id in answers, answers.get(exercise_id), "")
    path = Path(answers)
    try:
        doc = read_answer_file(path)
    except FileNotFoundError:
        return (False, None, f"{path.name} was not handed in: no answers recorded.")
    except AnswerFileError as exc:
        return (False, None, f"{exc}: no answers can be graded.")
    entry = doc["exercises"].get(exercise_id)
    if entry is None:
        return (False, None, f"{path.name} holds no answer to {exercise_id}.")
    return (True, entry["answer"], "")


def find_key(name: str, start=None) -> Path:
    """Find an instructor's key file by name.

    Looks in ``$SMLESSONS_KEYS_DIR`` if set, else in the ``keys`` folder of
    the nbgrader course: the first folder, going up from `start` (default:
    the current folder, which is the notebook's while nbgrader grades it),
    that holds ``nbgrader_config.py`` and ``keys/``.

    Parameters
    ----------
    name : str
        The key file's name, with or without ``.json``.
    start : path, optional

    Returns
    -------
    Path

    Raises
    ------
    FileNotFoundError
        If no such key file is found (the message says where it looked).
    """
    filename = name if name.endswith(".json") else f"{name}.json"
    looked = []
    env = os.environ.get(KEYS_ENV, "").strip()
    if env:
        candidate = Path(env).expanduser() / filename
        if candidate.is_file():
            return candidate
        looked.append(str(Path(env).expanduser()))
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "nbgrader_config.py").is_file() and (folder / "keys").is_dir():
            candidate = folder / "keys" / filename
            if candidate.is_file():
                return candidate
            looked.append(str(folder / "keys"))
            break
    where = ", ".join(looked) if looked else f"no course folder (with nbgrader_config.py and keys/) above {here}"
    raise FileNotFoundError(f"no key file {filename!r} (looked in {where}; set {KEYS_ENV} to the keys folder)")


def _board_key(key) -> Exercise:
    ex = key if isinstance(key, Exercise) else load_exercise(Path(key))
    if ex.mode == "assessment" or not any(item.answers for item in ex.items):
        raise ValueError(f"{ex.path.name} has no answers: grade with the instructor's key file, not the student's copy")
    return ex


def _questions(key) -> dict:
    from ..exercises.questions import Question, load_questions

    if isinstance(key, Question):
        return {key.id: key}
    if isinstance(key, Mapping):
        return dict(key)
    return load_questions(Path(key))


def _board_placements(answer, ex: Exercise) -> tuple[dict, list[str]]:
    """The valid part of a recorded board answer, and what was dropped."""
    if not isinstance(answer, Mapping):
        return {}, [f"the answer to {ex.id} is not a board's answer"]
    labels = {item.label for item in ex.items}
    kept, dropped = {}, []
    for label, bin_ in answer.items():
        if label in labels and isinstance(bin_, str) and bin_ in ex.bins:
            kept[label] = bin_
        elif bin_ not in (None, ""):
            dropped.append(
                f"{ex.id}: {shorten(repr(label), 80)} in {shorten(repr(bin_), 80)} is not a card and bin of this board"
            )
    return kept, dropped


# ---------------------------------------------------------------------------
# One student's variant: the marking every grader shares


def board_show(ex: Exercise, keys: Keys | None = None):
    """How many cards of board `ex` each student is shown (``None``: all).

    The key's own ``show`` (:attr:`Exercise.show`, read and checked by the
    loader); `keys` is accepted for the callers that pass it, and not needed.
    """
    return ex.show


def variant_items(ex: Exercise, student: str, show=None) -> list:
    """The cards of board `ex` that `student` was shown, in the board's order.

    Parameters
    ----------
    ex : Exercise
        The key (cards in the bank's order).
    student : str
        Whose variant (:func:`smlessons.variants.student_id`).
    show : int or None
        From the key (:func:`board_show`); ``None``: every card.

    Returns
    -------
    list of Item
    """
    if show is None:
        return list(ex.items)
    if show != ex.show:
        ex = replace(ex, show=show)
    return ex.variant(student)


def mark_board(ex: Exercise, answer, student: str = "", show=None):
    """Mark one recorded board answer against its key, for one student's variant.

    Returns
    -------
    (feedback, notes) : (Feedback, list of str)
        `feedback` has one result per card of the student's variant (a card
        not placed is ``unplaced``); `notes` says what was ignored: cards and
        bins that are not the board's, and cards the student was not shown.
    """
    placements, notes = _board_placements(answer, ex)
    items = variant_items(ex, student, show)
    shown = {item.label for item in items}
    outside = sorted(label for label in placements if label not in shown)
    if outside:
        listed = ", ".join(repr(shorten(label, 60)) for label in outside[:5])
        more = f" and {len(outside) - 5} more" if len(outside) > 5 else ""
        notes.append(f"{ex.id}: ignored {len(outside)} card(s) not in this student's board: {listed}{more}")
    placements = {label: b for label, b in placements.items() if label in shown}
    return grade(items, placements), notes


def bind_question(question, student: str):
    """The question as `student` was asked it (a network question built from the
    student's id); a question without a per-student variant is itself."""
    bind = getattr(question, "for_student", None)
    return bind(student) if callable(bind) else question


def mark_question(question, answer, student: str | None = None) -> tuple[str, str]:
    """Mark one recorded answer: ``(status, note)``.

    `student` binds the question to that student's variant first (see
    :func:`bind_question`); ``None``: `question` is used as it is (already
    bound). `status` is ``right``, ``wrong`` or ``unanswered``; `note` says
    why an answer could not be checked (the answer is then wrong), else ``""``.
    """
    if answer is None:
        return UNANSWERED, ""
    size = _size(answer)
    if size > MAX_ANSWER_CHARACTERS:
        return WRONG, (
            f"{question.id}: the answer is {size:,} characters long, longer than any answer a notebook "
            "records: not checked"
        )
    try:
        if student is not None:
            question = bind_question(question, student)
        verdict = question.evaluate(revive(answer))
    except Exception as exc:  # a key that fails on an odd answer must not stop grading
        return WRONG, f"{question.id}: the answer could not be checked ({type(exc).__name__}: {shorten(str(exc), 200)})"
    if verdict.status == UNANSWERED:
        return UNANSWERED, ""
    return (RIGHT if verdict.correct else WRONG), ""


def _size(answer) -> int:
    """The length of an answer's JSON form (a cheap bound for text)."""
    if isinstance(answer, str):
        return len(answer)
    try:
        return len(json.dumps(answer))
    except (TypeError, ValueError, RecursionError):
        return MAX_ANSWER_CHARACTERS + 1


# ---------------------------------------------------------------------------
# Points for one exercise (in Python; the course's grade cells use smlessons.instructor.grader)


@contextlib.contextmanager
def _quiet():
    """No warnings while grading: nbgrader gives 0 points to a cell that writes
    anything to stderr, and a library's deprecation notice is not the student's fault."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def board_points(key, answers, exercise_id: str | None = None) -> tuple[int, int]:
    """Points for a sorting board: one per card in a right bin.

    Parameters
    ----------
    key : path or Exercise
        An exercise file with answers (a practice file or an instructor's
        key file).
    answers : path, AnswerStore or dict
        The student's answer file (or store), or ``{exercise id: answer}``.
    exercise_id : str, optional
        The board's id in the answer file; default the key's ``id``.

    Returns
    -------
    (points, out_of) : (int, int)
        `out_of` is the number of cards with an answer. A contested card is
        right in any of its bins; a card not placed, or an answer file that
        is missing or damaged, earns nothing (the reason is printed).

    Raises
    ------
    ValueError
        If `key` carries no answers (e.g. the student's assessment copy).

    Examples
    --------
    >>> from smlessons.engine import medium
    >>> points, out_of = board_points(
    ...     EXERCISES_DIR / "lesson01_media_or_network.json",
    ...     {"lesson01-media-or-network": {"WhatsApp": "Social medium (a means)",
    ...                                     "YouTube": "Social medium (a means)",
    ...                                     "A team of gamers who play together every week": "Social medium (a means)"}})
    >>> points, out_of
    (2, 18)
    """
    with _quiet():
        ex = _board_key(key)
        found, answer, note = _recorded(answers, exercise_id or ex.id)
        if not found:
            if note:
                print(note)
            answer = {}
        placements, dropped = _board_placements(answer, ex)
        for message in dropped:
            print(f"Ignored: {message}.")
        result = grade(ex.items, placements)
    return result.right, result.total


def question_points(key, answers, question_id: str, points: float = 1) -> tuple[float, float]:
    """Points for a code-cell question: all of `points` for a right answer, else 0.

    Parameters
    ----------
    key : path, Question or dict of Question
        A questions file with answers (``answer`` or ``compute``; see
        :func:`smlessons.exercises.questions.load_questions`), or questions built in Python.
    answers : path, AnswerStore or dict
        The student's answer file (or store), or ``{question id: answer}``.
    question_id : str
    points : float, optional
        What a right answer earns (default 1).

    Returns
    -------
    (points, out_of) : (float, float)

    Raises
    ------
    KeyError
        If the key has no question `question_id`.

    Examples
    --------
    >>> from smlessons.exercises import Question
    >>> from smlessons.exercises.questions import Question
    >>> q = Question(id="triangle", prompt="How many ties has a triangle?", kind="number",
    ...              answer=3, explanation="Each pair of the three is tied.")
    >>> question_points(q, {"triangle": "3"}, "triangle")
    (1, 1)
    >>> question_points(q, {}, "triangle")
    (0, 1)
    """
    with _quiet():
        questions = _questions(key)
        if question_id not in questions:
            raise KeyError(f"the key has no question {question_id!r}; it has {', '.join(questions) or 'none'}")
        found, answer, note = _recorded(answers, question_id)
        if not found:
            if note:
                print(note)
            return 0, points
        verdict = questions[question_id].evaluate(revive(answer))
    return (points if verdict.correct else 0), points


# ---------------------------------------------------------------------------
# Keys and rows, for a class report


@dataclass
class Keys:
    """The answer keys a report grades against.

    Attributes
    ----------
    boards : dict
        ``{exercise id: Exercise}`` (files with answers only).
    questions : dict
        ``{question id: (Question, group id)}``; the group is the questions
        file's ``id`` (or the file's name).
    problems : list of str
        Key files that could not be used, and why.

    How many cards each student is shown is the board's own ``show``
    (:attr:`smlessons.exercises.loader.Exercise.show`, read by the loader).
    """

    boards: dict = field(default_factory=dict)
    questions: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    def add_file(self, path) -> None:
        """Add the keys of one JSON file (a board or a questions file); a file
        that is not a key is noted in :attr:`problems`, never raised."""
        from ..exercises import QuestionFileError, load_questions

        path = Path(path)
        try:
            data = read_json(path)
        except (OSError, DataFileError) as exc:
            self.problems.append(f"{path}: not a readable JSON file ({exc})")
            return
        if isinstance(data, dict) and "questions" in data:
            try:
                questions = load_questions(path)
            except (QuestionFileError, OSError) as exc:
                self.problems.append(f"{path}: {exc}")
                return
            group = data.get("id") if isinstance(data.get("id"), str) else path.stem
            for qid, q in questions.items():
                self.questions[qid] = (q, group)
            return
        if isinstance(data, dict) and "bins" in data:
            try:
                ex = parse_exercise(data, path)
            except ExerciseFileError as exc:
                self.problems.append(str(exc))
                return
            if ex.mode == "assessment" or not any(i.answers for i in ex.items):
                self.problems.append(f"{path}: {ex.id} has no answers (a student's copy), so it is not a key")
                return
            self.boards[ex.id] = ex
            return
        self.problems.append(f"{path}: neither an exercise nor a questions file")


def load_keys(*places, shipped: bool = True) -> Keys:
    """Collect answer keys.

    Parameters
    ----------
    *places : path
        Key files, or folders of them (``*.json``). They win over the shipped
        exercises with the same id.
    shipped : bool, optional
        Start from the practice exercises and questions shipped with the package.

    Returns
    -------
    Keys

    Examples
    --------
    >>> keys = load_keys()
    >>> "lesson01-media-or-network" in keys.boards, "karate-most-ties" in keys.questions
    (True, True)
    """
    keys = Keys()
    files = sorted(EXERCISES_DIR.glob("*.json")) if shipped else []
    for place in places:
        place = Path(place)
        files.extend(sorted(place.glob("*.json")) if place.is_dir() else [place])
    for path in files:
        keys.add_file(path)
    return keys


@dataclass(frozen=True)
class Row:
    """One item of one exercise of one student's answer file."""

    student: str
    exercise: str
    item: str
    answer: str  # the bin a card is in, or the recorded answer as JSON; "" if none
    status: str  # right, wrong, unplaced (a card) or unanswered (a question)
    kind: str  # "board" or "question"
    right_answer: str
    file: str = ""


def grade_answers(exercises: Mapping, keys: Keys, student: str = "", file: str = "") -> tuple[list, list]:
    """Grade every answer of one answer file.

    Parameters
    ----------
    exercises : dict
        ``{exercise id: answer}`` (e.g. :meth:`AnswerStore.all`, or the
        ``answer`` of each entry of :func:`read_answer_file`).
    keys : Keys
    student, file : str, optional
        Copied into the rows.

    Returns
    -------
    (rows, problems) : (list of Row, list of str)
        A board gives a row per card of `student`'s variant (the cards drawn
        for them when the key has ``"show"``; not placed: ``unplaced``); a
        placed card the student was not shown is a problem, not a row. A
        network question is evaluated on `student`'s own network. A question
        gives a row, and so does every other question of its file that was
        not answered (``unanswered``). An exercise with no key, or an answer
        that names unknown cards, is a problem, not a row.
    """
    rows, problems = [], []
    groups = {}
    for ex_id, answer in exercises.items():
        if ex_id in keys.boards:
            ex = keys.boards[ex_id]
            feedback, notes = mark_board(ex, answer, student, board_show(ex, keys))
            problems.extend(notes)
            right = {item.label: " | ".join(item.answers) for item in ex.items}
            for r in feedback.results:
                rows.append(Row(student, ex_id, r.label, r.placed_in or "", r.status, "board", right[r.label], file))
        elif ex_id in keys.questions:
            q, group = keys.questions[ex_id]
            groups.setdefault(group, {})[ex_id] = answer
        else:
            problems.append(f"no key for exercise {shorten(ex_id, 80)!r}")
    for group, answered in groups.items():
        for qid, (q, g) in keys.questions.items():
            if g != group:
                continue
            try:
                right = " | ".join(bind_question(q, student).answers())
            except Exception as exc:  # noqa: BLE001 (shown, never raised)
                right = f"(cannot be computed: {exc})"
            if qid not in answered or answered[qid] is None:
                rows.append(Row(student, group, qid, "", UNANSWERED, "question", right, file))
                continue
            status, note = mark_question(q, answered[qid], student)
            if note:
                problems.append(note)
            shown = json.dumps(answered[qid], ensure_ascii=False)
            rows.append(Row(student, group, qid, shown, status, "question", right, file))
    return rows, problems
