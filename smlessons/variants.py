"""Each student's own variant of an assessment, the same at work and at grading.

An assessed board draws its cards from a bank (``"show"`` cards out of at
least twice as many) and shows them in a shuffled order; an assessed
network question is asked on a network generated from the student's id.
Both depend only on the student's id and the exercise id, so a student sees
the same variant after every restart, two students see different ones, and
the grader, told whose hand-in it is, rebuilds the same variant without a
key for the network questions.

Plain Python: nothing here imports a widget or nbgrader.
"""

from __future__ import annotations

import getpass
import os
import random

from .i18n import N_, translator

__all__ = [
    "GENERIC_LOGINS",
    "STUDENT_ENV",
    "below",
    "board_cards",
    "check_student_id",
    "draw",
    "rng",
    "show_student",
    "student_id",
    "student_id_source",
    "use_student",
]

#: Set by the grader (and by an instructor trying a variant out): whose variant to build.
STUDENT_ENV = "SMLESSONS_STUDENT"


def student_id() -> str:
    """Who is running the notebook.

    ``$SMLESSONS_STUDENT`` if set (the grader sets it while nbgrader runs a
    hand-in, so the graded notebook shows that student's variant), else
    ``$JUPYTERHUB_USER`` (a hub's user name, which is nbgrader's student id
    on a hub), else the login name (nbgrader's student id on one machine),
    else ``""``.

    Examples
    --------
    >>> import os
    >>> os.environ["SMLESSONS_STUDENT"] = "ana"
    >>> student_id()
    'ana'
    >>> del os.environ["SMLESSONS_STUDENT"]
    """
    for name in (STUDENT_ENV, "JUPYTERHUB_USER"):
        value = os.environ.get(name, "").strip()
        if value:
            return value
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): every student gets the same variant
        return ""


#: Login names shared by many people (containers, Binder, lab machines): never a student's id.
GENERIC_LOGINS = ("root", "jovyan", "user", "student", "ubuntu")
_BAD_ID_CHARACTERS = (";", ",", "/", "\\")


def student_id_source() -> str:
    """Where :func:`student_id` comes from: ``"SMLESSONS_STUDENT"``, ``"JUPYTERHUB_USER"``,
    ``"login"`` (the login name) or ``""`` (none at all)."""
    for name in (STUDENT_ENV, "JUPYTERHUB_USER"):
        if os.environ.get(name, "").strip():
            return name
    try:
        return "login" if getpass.getuser() else ""
    except Exception:
        return ""


def check_student_id(value) -> str:
    """Return `value` if it can be a student's id (nbgrader's, a folder name in
    ``submitted/``), else raise ValueError saying why.

    Examples
    --------
    >>> check_student_id("maria")
    'maria'
    >>> check_student_id("maria rossi")
    Traceback (most recent call last):
    ...
    ValueError: a student id cannot contain spaces, ';', ',', '/' or '\\', got 'maria rossi'
    """
    if not isinstance(value, str):
        raise ValueError(f'a student id is text, like "maria", not {type(value).__name__}')
    if not value.strip():
        raise ValueError("a student id cannot be empty")
    if len(value) > 128:
        raise ValueError(f"a student id has at most 128 characters, got {len(value)}")
    if any(c.isspace() for c in value) or any(c in value for c in _BAD_ID_CHARACTERS) or value in (".", ".."):
        raise ValueError(f"a student id cannot contain spaces, ';', ',', '/' or '\\', got {value!r}")
    return value


def use_student(student: str) -> str:
    """Work as `student` in this kernel: your cards, network and answer file are theirs.

    Sets ``$SMLESSONS_STUDENT`` for the running kernel (not for other
    notebooks, nor after a restart: run the cell again). Use the id your
    instructor gave you (the one you hand in under).

    Returns
    -------
    str
        The id, checked.

    Raises
    ------
    ValueError
        If `student` cannot be an id (empty, spaces, ``;``, ``,``, ``/``).
    """
    check_student_id(student)
    os.environ[STUDENT_ENV] = student
    return student


def show_student(file=None, *, language: str | None = None) -> None:
    """Print who the notebook works as, and warn when that may not be the student's id.

    The cards of a board and the network of a question are drawn from this
    id, and the instructor grades the hand-in as the student whose folder it
    is in: if the two differ, the marks are wrong. Warns when the id is the
    login name (not set by ``use_student``, ``$SMLESSONS_STUDENT`` or a
    hub) or a login many people share (root, jovyan, ...). Prints only (a
    notebook cell that ends with it shows no value); :func:`student_id`
    gives the id. `language` is the language of what it prints (``"en"``,
    ``"it"``; default: the environment's).
    """
    import sys

    out = sys.stdout if file is None else file
    student = student_id()
    source = student_id_source()
    t = translator(language)
    if student:
        message = N_(
            "Your student id: {student}. Your cards and network are drawn from it, "
            "and your instructor grades you as {student}."
        )
        print(t.gettext(message, student=student), file=out)
    else:
        print(t.gettext(N_("No student id: every student would get the same cards and network.")), file=out)
    generic = student.lower() in GENERIC_LOGINS
    if source in ("login", "") or generic:
        if generic:
            why = t.gettext(N_("{student} is a login many people share, not your id"), student=repr(student))
        elif student:
            why = t.gettext(
                N_("{student} is this computer's login name, which may not be the id your instructor grades you as"),
                student=repr(student),
            )
        else:
            why = t.gettext(N_("there is no id at all"))
        warning = N_(
            'WARNING: {why}. Run use_student("your id") first, with your id exactly as your '
            "instructor gave it, then run this cell again. Otherwise your cards are not the ones you are graded on."
        )
        print(t.gettext(warning, why=why), file=out)


def rng(student: str, exercise_id: str, purpose: str = "") -> random.Random:
    """A random stream for one student, exercise and purpose, the same in every process.

    A string seed is hashed by :class:`random.Random` the same way on every
    machine and Python version since 3.2, unlike ``hash()``.

    Examples
    --------
    >>> rng("ana", "x").random() == rng("ana", "x").random()
    True
    >>> rng("ana", "x").random() == rng("ben", "x").random()
    False
    """
    if not isinstance(student, str) or not isinstance(exercise_id, str):
        raise TypeError("student and exercise_id must be strings")
    return random.Random(f"{student}\x00{exercise_id}\x00{purpose}")


def below(r: random.Random, n: int) -> int:
    """A whole number from 0 to n - 1, from ``r.random()`` only.

    Python guarantees that :meth:`random.Random.random` gives the same numbers
    for the same seed in every version; ``randrange``, ``choice``, ``sample``
    and ``shuffle`` carry no such promise. Every variant is drawn with this
    and :func:`draw`, so a student's variant never changes with Python.

    Examples
    --------
    >>> r = rng("ana", "x")
    >>> all(0 <= below(r, 3) < 3 for _ in range(100))
    True
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a whole number of at least 1, not {n!r}")
    return min(int(r.random() * n), n - 1)


def draw(r: random.Random, items, k: int | None = None) -> list:
    """`k` different items (default: all) in a random order: a partial Fisher-Yates shuffle on ``random()``.

    Examples
    --------
    >>> sorted(draw(rng("ana", "x"), "abcd"))
    ['a', 'b', 'c', 'd']
    >>> len(draw(rng("ana", "x"), "abcd", 2))
    2
    """
    pool = list(items)
    k = len(pool) if k is None else k
    if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k <= len(pool):
        raise ValueError(f"k must be a whole number from 0 to {len(pool)}, not {k!r}")
    for i in range(k):
        j = i + below(r, len(pool) - i)
        pool[i], pool[j] = pool[j], pool[i]
    return pool[:k]


def board_cards(labels, show: int | None, student: str, exercise_id: str, sets=None) -> list[str]:
    """The cards one student's board shows, drawn from the bank and shuffled.

    Parameters
    ----------
    labels : sequence of str
        The bank, in file order.
    show : int or None
        How many cards each student gets; ``None``: all of them.
    student, exercise_id : str
    sets : sequence of str, optional
        The set each card belongs to, in the order of `labels`. A bank built
        of sets (one card per bin in each, so that every student gets as many
        cards of each bin) is drawn a whole set at a time: ``show`` must then
        be a whole number of sets.

    Returns
    -------
    list of str
        `show` labels (or all), in the order the board shows them.

    Examples
    --------
    >>> bank = [f"card {i}" for i in range(16)]
    >>> mine = board_cards(bank, 8, "ana", "lesson01-assessment")
    >>> len(mine), len(set(mine)), set(mine) <= set(bank)
    (8, 8, True)
    >>> mine == board_cards(bank, 8, "ana", "lesson01-assessment")
    True
    >>> mine == board_cards(bank, 8, "ben", "lesson01-assessment")
    False

    With sets (here pairs), a whole set at a time:

    >>> pairs = [f"pair {i // 2}" for i in range(16)]
    >>> mine = board_cards(bank, 4, "ana", "x", sets=pairs)
    >>> sorted({pairs[bank.index(card)] for card in mine}) == sorted(set(pairs[bank.index(c)] for c in mine))
    True
    >>> len({pairs[bank.index(card)] for card in mine})
    2
    """
    labels = list(labels)
    if show is None:
        drawn = labels
    else:
        if isinstance(show, bool) or not isinstance(show, int) or not 1 <= show <= len(labels):
            raise ValueError(f"show must be a whole number from 1 to {len(labels)}, not {show!r}")
        if sets is None:
            drawn = draw(rng(student, exercise_id, "draw"), labels, show)
        else:
            sets = list(sets)
            if len(sets) != len(labels):
                raise ValueError(f"sets names {len(sets)} cards' sets, but there are {len(labels)} cards")
            members: dict = {}
            for label, name in zip(labels, sets):
                members.setdefault(name, []).append(label)
            size = len(labels) // len(members)
            if any(len(m) != size for m in members.values()) or show % size:
                raise ValueError(
                    f"every set must hold the same number of cards, and show ({show}) a whole number of sets"
                )
            chosen = draw(rng(student, exercise_id, "draw"), list(members), show // size)
            drawn = [label for name in chosen for label in members[name]]
    return draw(rng(student, exercise_id, "order"), drawn)
