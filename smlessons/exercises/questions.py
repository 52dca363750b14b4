"""Code-cell exercises: the student writes an answer, ``check`` explains it.

The pattern, in a notebook::

    from smlessons.exercises.questions import check

    answer = ...          # the student replaces ... with an expression
    check("karate-most-ties", answer)

``check`` prints whether the answer is right and *why*: when it is right,
the explanation and its source; when it is not, what is true of the answer
given, a word on a common mistake, and a hint (never only "wrong", and
never the answer itself). Leaving ``...`` in place prints "No answer yet".

The questions are data: ``smlessons/content/exercises/*.json`` files with a
``questions`` list (see :func:`load_questions` for the shape), editable
without touching code. A question states its answer, or says how to compute
it from one of the course's networks (``"compute"``), for answers that
follow from a graph. An instructor can also build a :class:`Question` in
Python and call its :meth:`~Question.check`.

An assessed question may be asked on each student's own network
(:func:`smlessons.datasets.networks.student_network`): it names the student's own
people by role, :meth:`Question.for_student` binds it to one student, and
its key is computed for that student at grading time, so no file holds it.
:func:`ask` shows a student their own prompt; a student's copy of a
questions file (``"mode": "assessment"``, see :func:`student_copy`) holds
prompts, kinds and roles only.

Answers are accepted in reasonable forms: a name in any case and spacing; a
list, tuple or set (or a comma-separated string) for a group of people; a
pair or ``"Ana-Ben"`` for a tie; a number or its text for a number; a
platform's name (any case, or an alias of lesson 3's table such as
``"Twitter"``) for a medium, and a pair, ``"TikTok, Instagram"`` or
``"TikTok/Instagram"`` for two. Brackets, quotes and a final full stop that
a student writes around names are taken off (``"(Hiro, Zoe)"``,
``"['Ana', 'Ben']"``, ``"Ben."``, ``'"Elif"'``). One reader of forms serves
both :func:`form_problem` (what a recorder checks before saving) and the
grading, so every answer whose form passes is graded.
Plain Python: nothing here needs a widget or a browser.

Every answer given (not ``...``) is also saved, in the JSON form of
:func:`smlessons.exercises.recorder.jsonable`, under the question's id in the
lesson's answer file, as the sorting boards do (see :mod:`smlessons.exercises.answers`):
the file named by the questions file's ``notebook`` field
(``"04-people-and-ties"`` gives ``04-people-and-ties.answers.json``), else
the running notebook's. Where no notebook name can be found, nothing is
saved. An instructor's report and autograder read it back.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from numbers import Real
from pathlib import Path
from typing import Any

from ..content.bibliography import resolve_sources
from ..content.loader import DataFileError, load, read_json, validate
from ..engine.measures import MessageKeyError, fold
from ..i18n import N_, resolve_language, translator
from .boards import SYMBOLS

__all__ = [
    "Question",
    "Verdict",
    "QuestionFileError",
    "NoStudentError",
    "OUTCOMES",
    "STUDENT_GRAPHS",
    "STUDENT_COPY_FIELDS",
    "student_copy",
    "question_kinds",
    "UnknownQuestionError",
    "KINDS",
    "MEASURES",
    "LEVELS",
    "ask",
    "form_problem",
    "answer_names",
    "check",
    "check_all",
    "evaluate",
    "question",
    "list_questions",
    "load_questions",
]

from ..content import EXERCISES_DIR  # noqa: E402

#: The kinds of answer a question can expect.
KINDS = ("person", "people", "tie", "number", "text", "platform", "platforms", "choice")

#: What a question asks of the student: to look something up (a warm-up), to
#: predict a result before computing it, or to explain why something is so.
LEVELS = ("lookup", "predict", "explain")

RIGHT, WRONG, UNANSWERED = "right", "wrong", "unanswered"
_SYMBOL = {RIGHT: SYMBOLS["right"], WRONG: SYMBOLS["wrong"], UNANSWERED: SYMBOLS["unplaced"]}

# The fields of a question and of a questions file: content/schemas/questions.schema.json.
#: The only fields of a question in a student's copy (a file with ``"mode": "assessment"``).
STUDENT_COPY_FIELDS = ("id", "prompt", "kind", "level", "options", "network", "roles")


class QuestionFileError(DataFileError):
    """A question (or its data file) is malformed; the message names the file, question and field."""


class UnknownQuestionError(MessageKeyError):
    """No question has this id (a ``KeyError``). The message lists the known ids."""


# ---------------------------------------------------------------------------
# Reading answers in the forms a student may write them


class _Unreadable(Exception):
    """The answer does not have the expected form; the message says what was expected."""


_SPLIT_PEOPLE = re.compile(r"\s*(?:,|;|\band\b|&)\s*", re.IGNORECASE)
_SPLIT_TIE = re.compile(r"\s*(?:<->|<-->|--|->|[-\u2013\u2014,;&/]|\band\b)\s*", re.IGNORECASE)
# "/" too ("Instagram/Minecraft"), but a platform's own name or alias such as
# "Twitter / X" stays one medium (see _split).
_SPLIT_MEDIA = re.compile(r"\s*(?:<->|<-->|--|->|[-\u2013\u2014,;&+/]|\band\b)\s*", re.IGNORECASE)
_SPLIT_MEDIA_NOT_SLASH = re.compile(r"\s*(?:<->|<-->|--|->|[-\u2013\u2014,;&+]|\band\b)\s*", re.IGNORECASE)
_NUMBER = re.compile(r"^(?:community|group|number|no\.?)?\s*#?\s*(-?\d+(?:\.\d+)?)$", re.IGNORECASE)
_PREFIX = re.compile(r"^(?:member|person|node)\s+", re.IGNORECASE)
#: Quotes a student may leave around a name ('Ben', "Ben", \u201cBen\u201d, `Ben`).
_QUOTES = "'\"`\u201c\u201d\u2018\u2019\u00ab\u00bb"
_BRACKETS = {"(": ")", "[": "]", "{": "}"}


def _is_number(value) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _wrapped(text: str) -> bool:
    """Whether the whole of `text` sits in one pair of brackets: "(Ana, Ben)", not "X (Twitter)"."""
    if len(text) < 2 or text[0] not in _BRACKETS or text[-1] != _BRACKETS[text[0]]:
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == text[0]
        depth -= ch == text[-1]
        if depth == 0 and i < len(text) - 1:
            return False  # the first bracket closes before the end
    return True


def _clean(text: str, *, brackets: bool = True) -> str:
    """A name or a list as a student may wrap it, unwrapped: spaces, quotes, a final
    full stop and (with `brackets`) brackets around it, or left over from a split
    (``"('Hiro'"``), are taken off. Brackets inside a name ("X (Twitter)") stay.

    The one cleaner of the form check (:func:`form_problem`) and the grading
    (:meth:`Question.evaluate`), so the two never disagree.
    """
    while True:
        before = text
        text = text.strip().strip(_QUOTES).strip()
        if text.endswith(".") and not text.endswith(".."):
            text = text[:-1]  # "Ben.": a sentence's full stop, not part of the name
        if brackets and text:
            if _wrapped(text):
                text = text[1:-1]
            elif text[0] in _BRACKETS and text.count(text[0]) > text.count(_BRACKETS[text[0]]):
                text = text[1:]  # an opening bracket whose closing one went with another part
            elif text[-1] in _BRACKETS.values():
                opening = next(k for k, v in _BRACKETS.items() if v == text[-1])
                if text.count(text[-1]) > text.count(opening):
                    text = text[:-1]
        if text == before:
            return text


def _name(value, what: str = "name"):
    """One part of an answer that names a person or a medium: a cleaned non-empty string, or a number."""
    if isinstance(value, str):
        cleaned = _clean(value)
        if not cleaned:
            raise _Unreadable(f"a {what} is empty in {value!r}" if value.strip() else "the answer is an empty string")
        return cleaned
    if _is_number(value):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    raise _Unreadable(f"each part of the answer must be a {what}; got {value!r}")


def _one_person(answer):
    """A person from the forms a student may give: a name, ``[name]``, ``(name, score)``, ``"Ben."``."""
    if isinstance(answer, (list, tuple)):
        if len(answer) == 1:
            return _one_person(answer[0])
        if isinstance(answer, tuple) and len(answer) == 2 and _is_number(answer[1]):
            return _one_person(answer[0])  # a (person, score) pair, as central_people gives
        raise _Unreadable(f"the answer has {len(answer)} parts")
    if isinstance(answer, (set, frozenset, dict)):
        if len(answer) == 1:
            return _one_person(next(iter(answer)))
        raise _Unreadable(f"the answer has {len(answer)} parts")
    if isinstance(answer, str) or _is_number(answer):
        return _name(answer)
    raise _Unreadable(f"got {answer!r}")


def _one_platform(answer):
    """A platform from the forms a student may give: a name, ``[name]``, ``(name, count)``."""
    if isinstance(answer, (list, tuple)):
        if len(answer) == 1:
            return _one_platform(answer[0])
        if (
            isinstance(answer, tuple)
            and len(answer) == 2
            and (_is_number(answer[1]) or isinstance(answer[1], (list, tuple)))
        ):
            return _one_platform(answer[0])  # (medium, count) or (medium, friends), as a dict's items give
        raise _Unreadable(f"the answer names {len(answer)} media")
    if isinstance(answer, (set, frozenset, dict)):
        if len(answer) == 1:
            return _one_platform(next(iter(answer)))
        raise _Unreadable(f"the answer names {len(answer)} media")
    if not isinstance(answer, str):
        raise _Unreadable(f"got {answer!r}")
    return _name(answer, "medium's name")


def _is_platform_name(text: str) -> bool:
    """Whether `text` is a platform's name or alias in lesson 3's table ("Twitter / X")."""
    from ..datasets.platforms import UnknownPlatformError, platform

    try:
        platform(text)
    except UnknownPlatformError:
        return False
    return True


def _split(text: str, splitter) -> list:
    if splitter is _SPLIT_MEDIA:  # "Instagram/Minecraft" is two media, "Twitter / X" one
        parts = []
        for part in _SPLIT_MEDIA_NOT_SLASH.split(text):
            if "/" in part and not _is_platform_name(_clean(part)):
                parts += part.split("/")
            else:
                parts.append(part)
        return parts
    return splitter.split(text)


def _many(answer, splitter, what: str = "name") -> list:
    """The parts of an answer naming several people (or media): each a cleaned name or a number.

    A string is split (``"Ana, Ben and Gita."``, ``"['Ana', 'Ben']"``,
    ``"(Hiro, Zoe)"``); a list, tuple, set or dict gives its elements (keys).
    """
    if isinstance(answer, str):
        text = _clean(answer)
        if not text:
            return []
        parts = [p for p in _split(text, splitter) if p.strip()]
        return [_name(p, what) for p in parts if _clean(p)]
    if isinstance(answer, (bytes, bytearray)) or not isinstance(answer, Iterable):
        raise _Unreadable(f"got {answer!r}")
    return [_name(p, what) for p in list(answer)]  # a list, tuple, set, a dict's keys, a view of a network


def _is_span(value) -> bool:
    """A tie's span as local_bridges gives it: a number, or "inf" as the answer file keeps infinity."""
    if _is_number(value):
        return True
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return False
        return True
    return False


def _tie_ends(answer) -> list:
    """The two ends of a tie from the forms a student may give (not yet looked up in a network)."""
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        answer = answer[0]  # [("Ana", "Ben")]
    if isinstance(answer, (list, tuple)) and len(answer) == 3 and _is_span(answer[2]):
        answer = answer[:2]  # (u, v, span), as local_bridges gives
    ends = _many(answer, _SPLIT_TIE)
    if len(ends) != 2:
        raise _Unreadable(f"a tie joins two people, but the answer names {len(ends)}")
    if len({fold(_PREFIX.sub("", str(end))) for end in ends}) < 2:  # "Ana-ana", "member 3-3"
        raise _Unreadable("a tie joins two different people")
    return ends


def _media(answer) -> list:
    """The media an answer names (several), from the forms a student may give."""
    if isinstance(answer, (list, tuple)) and len(answer) == 1 and isinstance(answer[0], (list, tuple, set, frozenset)):
        answer = answer[0]  # [("TikTok", "Instagram")]
    if (
        isinstance(answer, (list, tuple))
        and len(answer) == 2
        and isinstance(answer[0], (list, tuple))
        and _is_number(answer[1])
    ):
        answer = answer[0]  # ((a, b), overlap), as overlap(G).items() gives
    if not isinstance(answer, str):
        if isinstance(answer, (bytes, bytearray)) or not isinstance(answer, Iterable):
            raise _Unreadable(f"got {answer!r}")
        answer = list(answer)
        if not all(isinstance(m, str) for m in answer):
            raise _Unreadable(f'a medium is named by its name, e.g. "TikTok"; got {answer!r}')
    media = _many(answer, _SPLIT_MEDIA, "medium's name")
    if not media:
        raise _Unreadable("the answer names no medium")
    return media


def _text(answer) -> str:
    """A word or phrase: spaces, quotes and a final full stop taken off (the case is kept)."""
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        answer = answer[0]
    if not isinstance(answer, str):
        raise _Unreadable(f"got {answer!r}")
    text = _clean(answer, brackets=False)
    if not text:
        raise _Unreadable("the answer is an empty string" if not answer.strip() else f"got {answer!r}")
    return text


def _choice(answer) -> str:
    """The letter an answer gives (``"a"``, ``"(B)"``, ``"c."``, ``["a"]``), lower case; not yet checked against the options."""
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        answer = answer[0]
    if not isinstance(answer, str):
        raise _Unreadable(f"got {answer!r}")
    letter = answer.strip().strip("()[].:" + _QUOTES).strip().casefold()
    if not letter:
        raise _Unreadable(f"got {answer!r}")
    return letter


def _number(answer) -> float:
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        answer = answer[0]
    if _is_number(answer):
        try:
            return float(answer)
        except (OverflowError, ValueError, TypeError):
            raise _Unreadable(f"got {answer!r}, too large a number") from None
    if isinstance(answer, str):
        found = _NUMBER.match(_clean(answer, brackets=False))
        if found:
            return float(found.group(1))
    raise _Unreadable(f"got {answer!r}")


def _parse(kind: str, answer):
    """The form of `answer` as a `kind` question reads it, before any network is consulted.

    The one reader of answers' forms: :func:`form_problem` (what a recorder
    checks before saving) and :meth:`Question.evaluate` (what the grader
    calls) both start here, so an answer whose form passes can be graded.

    Raises
    ------
    _Unreadable
        With what is wrong with the form.
    """
    if kind == "person":
        return _one_person(answer)
    if kind == "people":
        people = _many(answer, _SPLIT_PEOPLE)
        if not people:
            raise _Unreadable("the answer names nobody")
        return people
    if kind == "tie":
        return _tie_ends(answer)
    if kind == "number":
        return _number(answer)
    if kind == "platform":
        return _one_platform(answer)
    if kind == "platforms":
        return _media(answer)
    if kind == "choice":
        return _choice(answer)
    return _text(answer)


def _show_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


# ---------------------------------------------------------------------------
# Answer keys


@dataclass(frozen=True)
class _Key:
    """What a question accepts, the facts its texts may quote, and a describer of wrong answers."""

    accepted: tuple  # canonical answers, any of which is right (for "people": one frozenset)
    facts: dict
    describe: Callable[[Any], str | None] = lambda answer: None
    graph: Any = None  # the network answers are read against, if any


def _show(value, kind: str | None = None) -> str:
    """An answer as the student reads it: "Ben\u2013Uma", "Ben, Carla", "6", "(b)"."""
    if kind == "choice":
        return f"({value})"
    if kind == "tie":
        u, v = sorted(value, key=_order)
        return f"{u}\u2013{v}"
    if isinstance(value, (frozenset, set, list, tuple)):
        return ", ".join(str(v) for v in sorted(value, key=_order))
    if isinstance(value, float):
        return _show_number(value)
    return str(value)


def _order(value):
    if _is_number(value):
        return (0, float(value), "")
    return (1, fold(value), str(value))


@lru_cache(maxsize=8)
def _graph(name: str, args: str):
    from .. import datasets

    return _GRAPHS[name](datasets)(**json.loads(args))


def _multiplex():
    from ..engine import multilayer

    return multilayer


#: The networks a question may be asked on: each takes :mod:`smlessons.datasets`
#: and gives the function that builds the network.
_GRAPHS = {
    "karate_club": lambda ds: ds.karate_club,
    "class_network": lambda ds: ds.class_network,
    "multiplex_class": lambda ds: ds.multiplex_class,
    "student_network": lambda ds: ds.student_network,
    "student_multiplex": lambda ds: ds.student_multiplex,
}


def _called(p, start: bool = False) -> str:
    """How a text names a person: by name, or "member 33" for a numbered member."""
    if _is_number(p):
        return f"{'Member' if start else 'member'} {p}"
    return str(p)


def _who(G, name):
    from ..engine import measures

    return measures.person(G, name)


def _most_central(G, by="degree"):
    from ..engine import measures

    scores = measures.centrality(G, by)
    best = max(scores.values())
    top = tuple(p for p, s in scores.items() if math.isclose(s, best, rel_tol=1e-9))
    word = "ties" if by == "degree" else "betweenness"

    def fmt(s):
        return str(s) if by == "degree" else f"{s:.3f}"

    def describe(p):
        if by == "degree":
            ties = "tie" if scores[p] == 1 else "ties"
            return f"{_called(p, True)} has {scores[p]} {ties}; the most anyone has is {best}."
        return f"{_called(p, True)} has betweenness {fmt(scores[p])}; the highest in the network is {fmt(best)}."

    return _Key(top, {"value": fmt(best), "measure": word}, describe, G)


def _degree(G, person):
    from ..engine import measures

    p = _who(G, person)
    d = measures.degree(G, p)

    def describe(given):
        return f"{_show_number(given)} is not how many people {p} is tied to: count {p}'s neighbours, each once."

    return _Key((float(d),), {"person": p, "value": d, "neighbours": _show(measures.neighbours(G, p))}, describe, G)


def _neighbours(G, person):
    from ..engine import measures

    p = _who(G, person)
    nbrs = frozenset(measures.neighbours(G, p))

    def describe(given):
        extra = sorted(given - nbrs - {p}, key=_order)
        parts = [f"{p} has {len(nbrs)} neighbours; your answer has {len(given & nbrs)} of them."]
        if extra:
            parts.append(f"Not tied to {p}: {', '.join(map(str, extra))}.")
        if p in given:
            parts.append(f"{p} is not their own neighbour.")
        return " ".join(parts)

    return _Key((nbrs,), {"person": p, "value": len(nbrs)}, describe, G)


def _distance(G, source, target):
    from ..engine import measures

    s, t = _who(G, source), _who(G, target)
    path = measures.shortest_path(G, s, t)
    d = len(path) - 1

    def describe(x):
        if x == d + 1:
            return "That is the number of people on the path; count the ties (the steps) instead."
        if x < d:
            return f"No path from {s} to {t} is that short: check that each step is a tie in the network."
        return f"There is a shorter path than {_show_number(x)} steps."

    facts = {"source": s, "target": t, "value": d, "path": " \u2192 ".join(map(str, path))}
    return _Key((float(d),), facts, describe, G)


def _community(G, person, seed=0):
    from ..engine import measures

    p = _who(G, person)
    groups = measures.communities(G, seed=seed)
    k = next(i for i, ms in enumerate(groups, start=1) if p in ms)

    def describe(x):
        if not float(x).is_integer() or not 1 <= x <= len(groups):
            return f"The communities are numbered 1 to {len(groups)}."
        members = groups[int(x) - 1]
        return f"Community {int(x)} is {', '.join(map(str, members))}: {p} is not among them."

    facts = {"person": p, "value": k, "members": _show(groups[k - 1]), "count": len(groups)}
    return _Key((float(k),), facts, describe, G)


def _tie_describer(G, accepted_ties):
    from ..engine import measures

    spans = {frozenset(e[:2]): e[2] for e in measures.local_bridges(G, with_span=True)}

    def describe(tie):
        u, v = sorted(tie, key=_order)
        if not G.has_edge(u, v):
            return f"{u} and {v} are not tied to each other, so {u}\u2013{v} is not a tie of this network."
        common = sorted(set(G[u]) & set(G[v]) - {u, v}, key=_order)
        if common:
            return (
                f"{u} and {v} have a friend in common ({', '.join(map(str, common))}): "
                f"cut {u}\u2013{v} and they are still two steps apart."
            )
        span = spans.get(frozenset((u, v)))
        if span == math.inf:
            return f"Cut {u}\u2013{v} and the network falls apart: it is a bridge."
        return f"{u} and {v} have no friend in common, but cut {u}\u2013{v} and a detour of {span} steps remains."

    return describe


def _bridge(G):
    from ..engine import measures

    found = tuple(frozenset(e) for e in measures.bridges(G))
    facts = {"value": ", ".join(_show(t, "tie") for t in found), "count": len(found)}
    return _Key(found, facts, _tie_describer(G, found), G)


def _local_bridge(G, exclude_bridges=False):
    from ..engine import measures

    found = measures.local_bridges(G, with_span=True)
    if exclude_bridges:
        found = [e for e in found if e[2] != math.inf]
    ties = tuple(frozenset(e[:2]) for e in found)
    facts = {"value": ", ".join(_show(t, "tie") for t in ties), "count": len(ties)}
    return _Key(ties, facts, _tie_describer(G, ties), G)


def _best_medium(G, person):
    from ..engine import measures

    mx = _multiplex()
    p = _who(G, person)
    by = mx.friends_by_medium(G, p)
    best = tuple(mx.best_media(G, p))
    friends = measures.degree(G, p)
    top = by[best[0]] if best else []

    def describe(m):
        on = by.get(m, [])
        if not on:
            return f"None of {p}'s ties lives on {m}."
        return (
            f"Of {p}'s {friends} friends, {len(on)} {'is' if len(on) == 1 else 'are'} tied to {p} on {m} "
            f"({', '.join(map(str, on))}). Another medium ties {p} to more of them."
        )

    facts = {
        "person": p,
        "value": len(top),
        "friends": friends,
        "friends_on": ", ".join(map(str, top)),
        "counts": ", ".join(f"{m} {len(f)}" for m, f in by.items()),
    }
    return _Key(best, facts, describe, G)


def _most_cut_off(G):
    mx = _multiplex()
    H = mx.combined(G)
    counts = mx.cut_off_counts(H)  # a quick count; the full effect only where it is read
    most = max(counts.values())
    best = tuple(m for m, k in counts.items() if k == most)
    r = mx.removal_effect(H, best[0])

    def describe(m):
        e = mx.removal_effect(H, m)
        if not e.cut_off:
            return (
                f"Without {m}, nobody is cut off: {e.ties_kept} of {e.ties} ties are kept, "
                "and everyone can still reach the rest through the other media."
            )
        return (
            f"Without {m}, {len(e.cut_off)} people are cut off ({', '.join(map(str, e.cut_off))}). "
            "Removing another medium cuts off more."
        )

    facts = {
        "value": most,
        "people": ", ".join(map(str, r.cut_off)),
        "parts": r.parts,
        "ties": r.ties,
        "kept": r.ties_kept,
        "lost": r.ties - r.ties_kept,
    }
    return _Key(best, facts, describe, G)


def _most_overlap(G):
    mx = _multiplex()
    H = mx.combined(G)
    counts = mx.overlap_counts(H)
    values = {pair: shared / either for pair, (shared, either) in counts.items()}
    top = max(values.values())
    best = [pair for pair, v in values.items() if math.isclose(v, top)]
    order = {m: i for i, m in enumerate(H.graph["media"])}

    def describe(given):
        if len(given) != 2:
            named = "only one" if len(given) == 1 else str(len(given))
            return f"Overlap compares two media, but the answer names {named}: name exactly two."
        a, b = sorted(given, key=order.get)
        shared, either = counts[(a, b)]
        return (
            f"{a} and {b} share {shared} of the {either} ties on either of them "
            f"(overlap {shared / either:.2f}). Another pair shares a larger part of its ties."
        )

    shared, either = counts[best[0]]
    facts = {"value": f"{top:.2f}", "shared": shared, "either": either, "pair": " and ".join(best[0])}
    return _Key(tuple(frozenset(pair) for pair in best), facts, describe, G)


# -- measures on a student's own network (the assessments of lessons 4 to 6) --


def _count(k, word: str, many: str | None = None) -> str:
    """ "1 step", "4 steps", "1 person", "10 people"."""
    return f"{k} {word if k == 1 else (many or word + 's')}"


def _community_members(G, person):
    from ..engine import measures

    p = _who(G, person)
    groups = G.graph.get("communities") or measures.communities(G)
    members = frozenset(next(ms for ms in groups if p in ms))
    others = members - {p}

    def describe(given):
        missing = sorted(others - given, key=_order)
        extra = sorted(given - members, key=_order)
        parts = []
        if extra:
            parts.append(f"Not in {p}'s community: {', '.join(map(str, extra))}.")
        if missing:
            parts.append(f"Your answer leaves out {len(missing)} of its members.")
        return " ".join(parts) or None

    facts = {"person": p, "value": len(others), "members": _show(members)}
    return _Key((others, members), facts, describe, G)


def _closer(G, source, first, second):
    from ..engine import measures

    s, a, b = _who(G, source), _who(G, first), _who(G, second)
    da, db = measures.distance(G, s, a), measures.distance(G, s, b)
    outcome = 0 if da < db else 1 if db < da else 2

    def describe(given):
        if given == 2:
            return f"{a} and {b} are not the same number of steps from {s}: count the steps to each."
        near, far = (a, b) if given == 0 else (b, a)
        return f"{near} is not closer to {s} than {far}: count the ties on the shortest path to each."

    facts = {
        "source": s,
        "first": a,
        "second": b,
        "first_steps": _count(da, "step"),
        "second_steps": _count(db, "step"),
        "first_path": " \u2192 ".join(map(str, measures.shortest_path(G, s, a))),
        "second_path": " \u2192 ".join(map(str, measures.shortest_path(G, s, b))),
    }
    return _Key((outcome,), facts, describe, G)


def _tie_facts(G, u, v) -> dict:
    from ..engine import measures

    H = G.copy()
    H.remove_edge(u, v)
    common = sorted(set(G[u]) & set(G[v]) - {u, v}, key=_order)
    try:
        path = measures.shortest_path(H, u, v)
        span, detour = len(path) - 1, " \u2192 ".join(map(str, path))
    except measures.NoPathError:
        span, detour = math.inf, ""
    return {"common": ", ".join(map(str, common)), "span": span, "detour": detour}


def _tie_type(G, tie):
    u, v = sorted((_who(G, p) for p in tie), key=_order)
    if not G.has_edge(u, v):
        raise QuestionFileError(f"{u} and {v} are not tied in this network")
    facts = _tie_facts(G, u, v)
    outcome = 0 if facts["common"] else (2 if facts["span"] == math.inf else 1)
    words = {0: "neither", 1: "a local bridge, not a bridge", 2: "a bridge"}

    def describe(given):
        if given == 0:
            return f"{u} and {v} have no friend in common: the tie is not 'neither'."
        if given == 1 and outcome == 0:
            return f"A local bridge joins two people with no friend in common; {u} and {v} share a friend."
        if given == 1:
            return f"Cut {u}\u2013{v} and no detour is left: more than a local bridge."
        if outcome == 0:
            return f"{u} and {v} share a friend, so cutting {u}\u2013{v} leaves them two steps apart."
        return f"Cut {u}\u2013{v} and a detour of {facts['span']} steps remains: the network does not fall apart."

    return _Key((outcome,), {**facts, "value": words[outcome], "tie": f"{u}\u2013{v}"}, describe, G)


def _span(G, tie):
    u, v = sorted((_who(G, p) for p in tie), key=_order)
    if not G.has_edge(u, v):
        raise QuestionFileError(f"{u} and {v} are not tied in this network")
    facts = _tie_facts(G, u, v)
    if facts["span"] == math.inf:
        raise QuestionFileError(f"{u}\u2013{v} is a bridge: cut it and no path is left to count")

    def describe(x):
        if x == 1:
            return f"Once {u}\u2013{v} is cut, {u} and {v} are no longer one step apart."
        if x < facts["span"]:
            return f"No detour from {u} to {v} that short is left once {u}\u2013{v} is cut."
        return "There is a shorter detour."

    return _Key((float(facts["span"]),), {**facts, "value": facts["span"], "tie": f"{u}\u2013{v}"}, describe, G)


def _cut_off_by_bridge(G, person):
    from ..engine import measures

    p = _who(G, person)
    found = measures.bridges(G)
    H = G.copy()
    H.remove_edges_from(found)
    import networkx as nx

    mine = nx.node_connected_component(H, p)
    cut = frozenset(q for q in G if q not in mine)

    def describe(given):
        extra = sorted(given & mine, key=_order)
        if extra:
            return f"{', '.join(map(str, extra))} can still reach {p} once the bridge is cut."
        return f"Your answer leaves out {len(cut - given)} of the people on the other side of the bridge."

    facts = {
        "person": p,
        "value": len(cut),
        "count": _count(len(cut), "person", "people"),
        "bridge": ", ".join(_show(frozenset(e), "tie") for e in found),
    }
    return _Key((cut,), facts, describe, G)


def _tie_media(G, tie):
    mx = _multiplex()
    H = mx.combined(G)
    u, v = sorted((_who(H, p) for p in tie), key=_order)
    if not H.has_edge(u, v):
        raise QuestionFileError(f"{u} and {v} are not tied in this network")
    media = frozenset(H.edges[u, v]["platform"])

    def describe(given):
        parts = []
        extra = sorted(given - media)
        if extra:
            parts.append(f"The tie {u}\u2013{v} does not live on {', '.join(extra)}.")
        if media - given:
            parts.append(f"It lives on {len(media)} media; your answer names {len(given & media)} of them.")
        return " ".join(parts)

    facts = {"tie": f"{u}\u2013{v}", "value": len(media)}
    return _Key((media,), facts, describe, G)


def _tie_after_closing(G, tie, medium):
    from ..datasets.platforms import find_medium

    mx = _multiplex()
    H = mx.combined(G)
    u, v = sorted((_who(H, p) for p in tie), key=_order)
    m = find_medium(H, medium)
    if not H.edges[u, v]["platform"]:
        raise QuestionFileError(f"the tie {u}\u2013{v} lives on no medium")
    media = H.edges[u, v]["platform"]
    outcome = 2 if m not in media else (0 if media == (m,) else 1)
    others = [x for x in media if x != m]

    def describe(given):
        if outcome == 2:
            return f"The tie {u}\u2013{v} never lived on {m}: closing {m} does not touch it."
        if outcome == 0:
            return f"{m} is the only medium the tie {u}\u2013{v} lives on."
        return f"The tie {u}\u2013{v} lives on {m}, and on another medium too."

    facts = {"tie": f"{u}\u2013{v}", "medium": m, "media": ", ".join(media), "others": ", ".join(others)}
    return _Key((outcome,), facts, describe, G)


def _cut_off_by_medium(G, medium):
    mx = _multiplex()
    r = mx.removal_effect(G, medium)
    cut = frozenset(r.cut_off)

    def describe(given):
        extra = sorted(given - cut, key=_order)
        if extra:
            return f"{', '.join(map(str, extra))} can still reach the rest without {r.medium}."
        return f"Your answer leaves out {len(cut - given)} of the people cut off."

    facts = {
        "medium": r.medium,
        "value": len(cut),
        "count": _count(len(cut), "person", "people"),
        "kept": r.ties_kept,
        "ties": r.ties,
    }
    return _Key((cut,), facts, describe, G)


def _degree_sum(G):
    ties = G.number_of_edges()
    total = sum(d for _, d in G.degree())

    def describe(x):
        if x == ties:
            return f"{_show_number(x)} is the number of ties; each tie is written down by both of its ends."
        return None

    return _Key((float(total),), {"value": total, "ties": ties, "people": len(G)}, describe, G)


#: The outcomes of the measures that answer a multiple-choice question, in
#: order: a question's options (a), (b), (c) stand for them in this order.
OUTCOMES = {
    "closer": ("the first person is closer", "the second person is closer", "both are as close"),
    "tie_type": ("neither", "a local bridge but not a bridge", "a bridge"),
    "tie_after_closing": ("lost", "kept on another medium", "untouched: never on that medium"),
}


# -- a student's own network: the people a question names -------------------

#: The networks drawn for each student (see :func:`smlessons.datasets.networks.student_network`):
#: a question asked on one is bound to a student with :meth:`Question.for_student`.
STUDENT_GRAPHS = ("student_network", "student_multiplex")

#: What a role of a question may pick, and the options of each (see :meth:`Question.for_student`).
ROLE_OPTIONS = {
    "person": {"apart_from", "side", "one_best_medium"},
    "tie": {"kinds", "medium", "several_media"},
    "medium": {"cuts_off"},
}
#: The kinds of tie a tie role may be drawn from: by its place in the network,
#: or, given a medium, by whether it lives only on it, on it and another, or not on it.
TIE_KINDS = ("inside", "local_bridge", "bridge")
TIE_MEDIUM_KINDS = ("only", "also", "not")
_PLACEHOLDER = re.compile(r"^\{([A-Za-z_][A-Za-z0-9_]*)\}$")


class NoStudentError(ValueError):
    """A question asked on each student's own network was not told whose network: use ``for_student``."""


def _placeholders(text: str) -> set:
    import string

    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError as exc:
        raise QuestionFileError(f"a text has unbalanced braces ({exc}); write {{{{ and }}}} for a brace") from None


def _check_roles(roles, where: str) -> None:
    if not isinstance(roles, Mapping) or not roles:
        raise QuestionFileError(f"{where}: field 'roles' must map names to what each names")
    seen = {}
    for name, spec in roles.items():
        here = f"{where}: role {name!r}"
        if not isinstance(name, str) or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise QuestionFileError(f"{where}: a role's name is a word (letters, digits, _), not {name!r}")
        if not isinstance(spec, Mapping) or spec.get("pick") not in ROLE_OPTIONS:
            raise QuestionFileError(f'{here}: give "pick": one of {", ".join(ROLE_OPTIONS)}')
        pick = spec["pick"]
        unknown = sorted(set(spec) - {"pick"} - ROLE_OPTIONS[pick])
        if unknown:
            raise QuestionFileError(f"{here}: a {pick} role has no option {unknown[0]!r}")
        for option, needs in (("apart_from", "person"), ("medium", "medium")):
            if option in spec and seen.get(spec[option]) != needs:
                raise QuestionFileError(f"{here}: {option!r} must name a {needs} role given before it")
        if "side" in spec and spec["side"] != "main":
            raise QuestionFileError(f"{here}: 'side' can only be \"main\" (the larger side of the bridge)")
        for option in ("one_best_medium", "several_media", "cuts_off"):
            if option in spec and spec[option] is not True:
                raise QuestionFileError(f"{here}: {option!r} is true or left out")
        if "kinds" in spec:
            allowed = TIE_MEDIUM_KINDS if "medium" in spec else TIE_KINDS
            kinds = spec["kinds"]
            if not isinstance(kinds, list) or not kinds or any(k not in allowed for k in kinds):
                raise QuestionFileError(f"{here}: 'kinds' must list some of {', '.join(allowed)}")
        seen[name] = pick


def _pick(r, items: list, what: str):
    from ..variants import below

    if not items:
        raise QuestionFileError(f"no {what} in this network fits the question")
    return items[below(r, len(items))]


def _resolve_roles(G, roles: Mapping, student: str, question_id: str) -> dict:
    """The people, ties and media a question names for one student, drawn from their own stream."""
    import networkx as nx

    from ..variants import rng

    mx = _multiplex() if "media" in G.graph else None
    H = mx.combined(G) if mx else G
    values: dict = {}
    taken: set = set()
    ties = sorted((tuple(sorted(e, key=_order)) for e in H.edges()), key=lambda e: (_order(e[0]), _order(e[1])))
    for name, spec in roles.items():
        r = rng(student, question_id, f"role {name}")
        what = f"{spec['pick']} for role {name!r}"
        if spec["pick"] == "person":
            people = [p for p in sorted(H, key=_order) if p not in taken]
            if "apart_from" in spec:
                other = H.nodes[values[spec["apart_from"]]]["group"]
                people = [p for p in people if H.nodes[p]["group"] != other]
            if spec.get("side") == "main":
                K = nx.Graph(H)
                K.remove_edges_from(list(nx.bridges(K)))
                main = max(nx.connected_components(K), key=len)
                people = [p for p in people if p in main]
            if spec.get("one_best_medium"):
                best = set(mx.one_best_medium(H))
                people = [p for p in people if p in best]
            values[name] = _pick(r, people, what)
            taken.add(values[name])
        elif spec["pick"] == "tie":
            pool = list(ties)
            if spec.get("several_media"):
                pool = [e for e in pool if len(H.edges[e]["platform"]) > 1]
            if "medium" in spec:
                m = values[spec["medium"]]
                on = {e: H.edges[e]["platform"] for e in pool}
                classes = {
                    "only": [e for e in pool if on[e] == (m,)],
                    "also": [e for e in pool if m in on[e] and len(on[e]) > 1],
                    "not": [e for e in pool if m not in on[e]],
                }
                kinds = spec.get("kinds", list(TIE_MEDIUM_KINDS))
            else:
                cut = {frozenset(e) for e in nx.bridges(H)}
                shared = {e: bool(set(H[e[0]]) & set(H[e[1]])) for e in pool}
                classes = {
                    "inside": [e for e in pool if shared[e]],
                    "local_bridge": [e for e in pool if not shared[e] and frozenset(e) not in cut],
                    "bridge": [e for e in pool if frozenset(e) in cut],
                }
                kinds = spec.get("kinds", list(TIE_KINDS))
            kind = _pick(r, [k for k in kinds if classes[k]], what)  # each kind as likely as the others
            fresh = [e for e in classes[kind] if not taken & set(e)]  # ends not named yet, where there are such
            values[name] = _pick(r, fresh or classes[kind], what)
            taken.update(values[name])
        else:
            media = list(H.graph["media"])
            if spec.get("cuts_off"):  # cuts off somebody, but not the most people
                cut = mx.cut_off_counts(H)
                media = [m for m in media if 0 < cut[m] < max(cut.values())]
            values[name] = _pick(r, media, what)
    return values


def _shown(value) -> str:
    """How a prompt names a role's value: a person or medium by name, a tie as "Ana\u2013Ben"."""
    if isinstance(value, tuple):
        return "\u2013".join(map(str, value))
    return str(value)


def _bind(spec, values: Mapping):
    """A compute spec with each ``"{role}"`` replaced by the role's value."""
    if isinstance(spec, str):
        found = _PLACEHOLDER.match(spec)
        return values[found.group(1)] if found and found.group(1) in values else spec
    if isinstance(spec, Mapping):
        return {k: _bind(v, values) for k, v in spec.items()}
    if isinstance(spec, list):
        return [_bind(v, values) for v in spec]
    return spec


#: The measures a question's ``compute`` may name, with the kind of answer each gives.
MEASURES = {
    "most_central": ("person", _most_central, {"by"}),
    "degree": ("number", _degree, {"person"}),
    "neighbours": ("people", _neighbours, {"person"}),
    "distance": ("number", _distance, {"source", "target"}),
    "community": ("number", _community, {"person", "seed"}),
    "bridge": ("tie", _bridge, set()),
    "local_bridge": ("tie", _local_bridge, {"exclude_bridges"}),
    "best_medium": ("platform", _best_medium, {"person"}),
    "most_cut_off": ("platform", _most_cut_off, set()),
    "most_overlap": ("platforms", _most_overlap, set()),
    "community_members": ("people", _community_members, {"person"}),
    "degree_sum": ("number", _degree_sum, set()),
    "closer": ("choice", _closer, {"source", "first", "second"}),
    "tie_type": ("choice", _tie_type, {"tie"}),
    "span": ("number", _span, {"tie"}),
    "cut_off_by_bridge": ("people", _cut_off_by_bridge, {"person"}),
    "tie_media": ("platforms", _tie_media, {"tie"}),
    "tie_after_closing": ("choice", _tie_after_closing, {"tie", "medium"}),
    "cut_off_by_medium": ("people", _cut_off_by_medium, {"medium"}),
}


# ---------------------------------------------------------------------------
# Questions and verdicts


@dataclass(frozen=True)
class Verdict:
    """The result of checking one answer.

    ``status`` is ``"right"``, ``"wrong"`` or ``"unanswered"``;
    ``str(verdict)`` is the feedback a student reads.
    """

    question_id: str
    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == RIGHT

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Question:
    """One code-cell question with its answer and feedback.

    Parameters
    ----------
    id : str
        Unique among the shipped questions, e.g. ``"karate-most-ties"``.
    prompt : str
        The question as the student reads it.
    kind : {"person", "people", "tie", "number", "text", "platform", "platforms", "choice"}
        What form of answer is expected (``"platform"``: one medium;
        ``"platforms"``: several, e.g. a pair; ``"choice"``: the letter of
        one of `options`).
    answer : optional
        The right answer. For ``"people"``, the whole group (a list); for the
        other kinds, one answer or a list of answers that are all accepted
        (for ``"tie"``, pairs). Give `answer` or `compute`, not both.
    compute : dict, optional
        How to compute the answer from a course network:
        ``{"graph": "karate_club" | "class_network" | "multiplex_class", "graph_args": {...},
        "measure": <a key of MEASURES>, ...the measure's arguments}``, and
        optionally ``"platform"`` to use only the ties on one medium. A new
        network or measure is added to ``_GRAPHS`` or :data:`MEASURES`.
    explanation : str
        Why the right answer is right; shown with a right answer. May quote
        ``{answer}`` and the facts of the measure (e.g. ``{value}``,
        ``{path}``, ``{members}``).
    hint : str, optional
        Shown with a wrong answer (it should not give the answer away).
    feedback : dict, optional
        ``{a wrong answer: what to say about it}`` for common mistakes.
    source : str, optional
        The citation the explanation rests on.
    level : {"lookup", "predict", "explain"}
        What the question asks of the student (see :data:`LEVELS`).
    options : dict, optional
        For ``kind="choice"`` only, and required there: ``{letter: text}``
        in the order shown. `answer` is the right letter (or a list of
        letters that are all right), and `feedback` must say, for every
        wrong letter, what misconception it stands for.

    Examples
    --------
    >>> q = Question(id="demo", prompt="How many ties does a triangle have?",
    ...              kind="number", answer=3, explanation="Each pair of the three is tied.")
    >>> q.evaluate(3).correct, q.evaluate("3").correct, q.evaluate(2).correct
    (True, True, False)
    >>> mc = Question(id="demo-mc", prompt="Is a WhatsApp group a medium?", kind="choice",
    ...               level="explain", options={"a": "Yes: the app is the means",
    ...               "b": "No: it is people"}, answer="a",
    ...               explanation="The app carries the messages; the members are the network.",
    ...               feedback={"b": "The members are a network; the group is run on an app."})
    >>> mc.evaluate("A").correct, mc.evaluate("(b)").correct
    (True, False)
    """

    id: str
    prompt: str
    kind: str
    answer: Any = None
    compute: Mapping | None = None
    explanation: str = ""
    hint: str = ""
    feedback: Mapping[str, str] = field(default_factory=dict)
    source: str = ""
    level: str = "lookup"
    language: str = "en"
    options: Mapping[str, str] | None = None
    network: str | None = None
    roles: Mapping[str, Mapping] | None = None
    student: str | None = None
    names: Mapping[str, str] | None = None
    assessment: bool = False

    def __post_init__(self):
        where = f"question {self.id!r}"
        if not isinstance(self.id, str) or not self.id.strip():
            raise QuestionFileError(f"a question needs a non-empty string id, got {self.id!r}")
        if self.kind not in KINDS:
            raise QuestionFileError(f"{where}: kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        try:
            object.__setattr__(self, "language", resolve_language(self.language))
        except (TypeError, ValueError) as exc:
            raise QuestionFileError(f"{where}: {exc}") from None
        if self.level not in LEVELS:
            raise QuestionFileError(f"{where}: level must be one of {', '.join(LEVELS)}, not {self.level!r}")
        if (self.kind == "choice") != (self.options is not None):
            raise QuestionFileError(f"{where}: field 'options' goes with kind 'choice', and only with it")
        if self.network is not None and self.network not in _GRAPHS:
            raise QuestionFileError(f"{where}: network must be one of {', '.join(_GRAPHS)}, not {self.network!r}")
        if self.roles is not None:
            _check_roles(self.roles, where)
            if self.network not in STUDENT_GRAPHS:
                raise QuestionFileError(
                    f"{where}: a question with roles is asked on a student's own network: "
                    f"set 'network' to one of {', '.join(STUDENT_GRAPHS)}"
                )
        if self.student is None:  # a bound question's texts are already filled in
            texts = [self.prompt, self.hint, *(self.options or {}).values()] if isinstance(self.prompt, str) else []
            if self.roles is not None:
                for text in texts:
                    unknown = sorted(_placeholders(text) - set(self.roles)) if isinstance(text, str) else []
                    if unknown:
                        raise QuestionFileError(f"{where}: the text names {{{unknown[0]}}}, which is not a role")
        if self.assessment:
            self._validate_copy(where)
            return
        if self.kind == "choice":
            self._validate_choice(where)
        for name in ("prompt", "explanation"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise QuestionFileError(f"{where}: field {name!r} must be a non-empty string")
        for name in ("hint", "source"):
            if not isinstance(getattr(self, name), str):
                raise QuestionFileError(f"{where}: field {name!r} must be a string")
        if not isinstance(self.feedback, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in self.feedback.items()
        ):
            raise QuestionFileError(f"{where}: field 'feedback' must map answers to messages (strings)")
        if (self.answer is None) == (self.compute is None):
            raise QuestionFileError(f"{where}: give either 'answer' or 'compute' (exactly one)")
        if self.compute is not None:
            self._validate_compute(where)
        elif self.kind == "people" and not isinstance(self.answer, (list, tuple, set, frozenset)):
            raise QuestionFileError(f"{where}: a 'people' answer must be a list of people")
        elif self.kind == "platforms" and not isinstance(self.answer, (list, tuple)):
            raise QuestionFileError(f"{where}: a 'platforms' answer must be a list of media (or a list of such lists)")

    def _validate_copy(self, where: str) -> None:
        """A student's copy: a prompt, a kind (and options, roles), nothing that tells the answer."""
        if not isinstance(self.prompt, str) or not self.prompt.strip():
            raise QuestionFileError(f"{where}: field 'prompt' must be a non-empty string")
        for name in ("answer", "compute"):
            if getattr(self, name) is not None:
                raise QuestionFileError(f"{where}: a student's copy must not carry {name!r}: it stays in the key")
        for name in ("explanation", "hint", "source"):
            if getattr(self, name):
                raise QuestionFileError(f"{where}: a student's copy must not carry {name!r}: it stays in the key")
        if self.feedback:
            raise QuestionFileError(f"{where}: a student's copy must not carry 'feedback': it stays in the key")
        if self.kind == "choice":
            self._validate_options(where)

    def _validate_options(self, where: str) -> None:
        options = self.options
        if not isinstance(options, Mapping) or len(options) < 2:
            raise QuestionFileError(f"{where}: field 'options' must map at least two letters to texts")
        for letter, text in options.items():
            if not (isinstance(letter, str) and len(letter) == 1 and letter.islower() and letter.isalpha()):
                raise QuestionFileError(f"{where}: option {letter!r}: options are named by one lower-case letter")
            if not isinstance(text, str) or not text.strip():
                raise QuestionFileError(f"{where}: option {letter!r} needs a non-empty text")

    def _validate_choice(self, where: str) -> None:
        options = self.options
        self._validate_options(where)
        if self.compute is not None:  # the answer is computed: each option stands for one outcome of the measure
            measure = self.compute.get("measure") if isinstance(self.compute, Mapping) else None
            if measure not in OUTCOMES:
                raise QuestionFileError(
                    f"{where}: a computed 'choice' question needs a measure with outcomes ({', '.join(OUTCOMES)})"
                )
            if self.answer is not None:
                raise QuestionFileError(f"{where}: give either 'answer' or 'compute' (exactly one)")
            if list(options) != list("abcdefghij"[: len(OUTCOMES[measure])]):
                raise QuestionFileError(
                    f"{where}: options must be {', '.join(repr(x) for x in 'abcdefghij'[: len(OUTCOMES[measure])])}, "
                    f"one for each outcome of {measure!r} in order: {'; '.join(OUTCOMES[measure])}"
                )
            stray = sorted(set(self.feedback) - set(options))
            if stray:
                raise QuestionFileError(f"{where}: 'feedback' names {stray[0]!r}, which is not an option")
            return
        right = self.answer if isinstance(self.answer, (list, tuple)) else [self.answer]
        if not right or any(r not in options for r in right):
            raise QuestionFileError(f"{where}: 'answer' must name options ({', '.join(options)}), got {self.answer!r}")
        for letter in options:
            if letter not in right and not (self.feedback.get(letter) or "").strip():
                raise QuestionFileError(f"{where}: option {letter!r} is wrong, so 'feedback' must say what it mistakes")
        stray = sorted(set(self.feedback) - set(options))
        if stray:
            raise QuestionFileError(f"{where}: 'feedback' names {stray[0]!r}, which is not an option")

    def _validate_compute(self, where: str) -> None:
        spec = self.compute
        if not isinstance(spec, Mapping):
            raise QuestionFileError(f"{where}: field 'compute' must be an object")
        graph, measure = spec.get("graph"), spec.get("measure")
        if graph not in _GRAPHS:
            raise QuestionFileError(f"{where}: compute.graph must be one of {', '.join(_GRAPHS)}, not {graph!r}")
        if measure not in MEASURES:
            raise QuestionFileError(f"{where}: compute.measure must be one of {', '.join(MEASURES)}, not {measure!r}")
        kind, _, allowed = MEASURES[measure]
        if self.network is not None and graph != self.network:
            raise QuestionFileError(
                f"{where}: compute.graph is {graph!r}, but the question's network is {self.network!r}"
            )
        if kind != self.kind:
            raise QuestionFileError(f"{where}: measure {measure!r} gives a {kind!r} answer, but kind is {self.kind!r}")
        unknown = sorted(set(spec) - {"graph", "graph_args", "measure", "platform"} - allowed)
        if unknown:
            raise QuestionFileError(f"{where}: compute has an unknown field {unknown[0]!r}")
        if not isinstance(spec.get("graph_args", {}), Mapping):
            raise QuestionFileError(f"{where}: compute.graph_args must be an object")

    @classmethod
    def from_dict(
        cls, data: Mapping, sources: Mapping[str, str] | None = None, language: str = "en", *, assessment: bool = False
    ) -> Question:
        """Build a question from one entry of a questions file.

        ``source`` may be a key of `sources` (the file's citations) or a
        citation itself. `language` is the questions file's ``"lang"``: the
        language of the few fixed words around the feedback ("Right", "Not
        quite", "Hint"...), read from the gettext tables (:mod:`smlessons.i18n`).

        Raises
        ------
        QuestionFileError
            On a missing or unknown field, or a bad value.
        """
        if not isinstance(data, Mapping):
            raise QuestionFileError(f"a question must be an object, not {type(data).__name__}")
        where = f"question {data.get('id', '?')!r}"
        validate(data, "questions", where, QuestionFileError, part="copy_question" if assessment else "question")
        if assessment:
            return cls(**data, language=language, assessment=True)
        fields = dict(data)
        source = fields.get("source", "")
        if sources is not None and source:
            if source not in sources:
                raise QuestionFileError(f"{where}: field 'source' is {source!r}, which is not a key of 'sources'")
            fields["source"] = sources[source]
        fields.setdefault("feedback", {})
        return cls(**fields, language=language)

    # -- the answer key ----------------------------------------------------

    def for_student(self, student: str) -> Question:
        """This question as one student is asked it, on their own network.

        A question asked on a student's own network (``"network":
        "student_network"`` or ``"student_multiplex"``) names people, ties
        or media by *role*: ``"roles": {"person": {"pick": "person"}}`` and
        a prompt such as ``"How many ties does {person} have?"``. Each role
        is drawn for the student, from :func:`smlessons.variants.rng` with
        the student's id, the question's id and the role's name, among what
        fits on that student's network:

        - ``{"pick": "person"}``: anybody not named yet by the question;
          ``"apart_from": "<role>"``: in another group than that person;
          ``"side": "main"``: on the larger side of the network's bridge;
          ``"one_best_medium": true``: tied to the most friends on one medium
          (a multiplex network).
        - ``{"pick": "tie"}``: a tie of the network (whose ends are not named
          yet, where the kind drawn has such a tie). ``"kinds"``: some of ``inside`` (its ends share a friend),
          ``local_bridge`` (they do not, but a detour remains), ``bridge``;
          a kind is drawn first, each as likely, then a tie of that kind.
          With ``"medium": "<role>"``, the kinds are ``only`` (the tie lives
          only on that medium), ``also`` (on it and another), ``not``.
          ``"several_media": true``: a tie on two media or more.
        - ``{"pick": "medium"}``: any medium; ``"cuts_off": true``: one whose
          closing cuts somebody off, but not the most people.

        The prompt, options and hint are filled in with the names (a tie reads
        ``"Ana\u2013Ben"``), and the compute spec's ``"{role}"`` arguments
        with the values. The key is then computed on the student's network
        when it is first needed: at grading time, never stored.

        Parameters
        ----------
        student : str
            The student's id (the name of their folder in nbgrader's
            ``submitted/``).

        Returns
        -------
        Question
            A new question, bound to `student`; ``names`` holds the roles as
            the prompt names them. A question asked on a network that is the
            same for everyone is returned unchanged.

        Raises
        ------
        TypeError
            If `student` is not a string.

        Examples
        --------
        >>> q = Question(id="demo-degree", prompt="How many ties does {person} have?", kind="number",
        ...              network="student_network", roles={"person": {"pick": "person"}},
        ...              compute={"graph": "student_network", "measure": "degree", "person": "{person}"},
        ...              explanation="{person} is tied to {neighbours}.")
        >>> mine = q.for_student("ana")
        >>> mine.prompt == q.for_student("ana").prompt, mine.prompt == q.prompt
        (True, False)
        """
        if not isinstance(student, str):
            raise TypeError(f"student must be a student's id (a string), not {type(student).__name__}")
        graph = self.network or (self.compute or {}).get("graph")
        if graph not in STUDENT_GRAPHS:
            return self
        import dataclasses

        values = {}
        if self.roles:
            G = _graph(graph, json.dumps({"student": student}))
            values = _resolve_roles(G, self.roles, student, self.id)
        shown = {k: _shown(v) for k, v in values.items()}
        fill = (lambda text: text.format_map(shown)) if self.roles else (lambda text: text)
        return dataclasses.replace(
            self,
            prompt=fill(self.prompt),
            options={k: fill(v) for k, v in self.options.items()} if self.options else self.options,
            hint=fill(self.hint),
            compute=_bind(dict(self.compute), values) if self.compute is not None else None,
            student=student,
            names=shown,
        )

    def key(self) -> _Key:
        """The accepted answers (computed from the network on first use, then kept).

        Raises
        ------
        QuestionFileError
            For a student's copy (it has no answers).
        NoStudentError
            For a question asked on each student's own network that is not
            bound to a student (see :meth:`for_student`).
        """
        if self.assessment:
            raise QuestionFileError(
                f"question {self.id!r} comes from a student's copy, which has no answers: grade with the key"
            )
        graph = self.network or (self.compute or {}).get("graph")
        if graph in STUDENT_GRAPHS and self.student is None:
            raise NoStudentError(
                f"question {self.id!r} is asked on each student's own network: "
                "bind it to a student first, question.for_student(student)"
            )
        cached = self.__dict__.get("_key")
        if cached is None:
            cached = _compute_key(self)
            object.__setattr__(self, "_key", cached)  # a cache, not a field
        return cached

    def answers(self) -> list[str]:
        """The accepted answers, in display form (for instructors and tests)."""
        return [_show(a, self.kind) for a in self.key().accepted]

    # -- checking -------------------------------------------------------------

    def evaluate(self, answer) -> Verdict:
        """Check `answer` and return a :class:`Verdict` (nothing is printed)."""
        if answer is Ellipsis or answer is None:
            return Verdict(
                self.id,
                UNANSWERED,
                f"{_SYMBOL[UNANSWERED]} "
                + self._t(N_("No answer yet: replace ... with your answer, then run the cell again.")),
            )
        key = self.key()
        try:
            given = self._read(answer, key)
        except _Unreadable as exc:
            return self._wrong(
                answer,
                self._t(N_("This question expects {what}: {why}."), what=self._t(_EXPECTS[self.kind]), why=exc),
                key,
                show=False,
            )
        except KeyError as exc:
            from ..engine.measures import PersonNotFoundError, PlatformNotFoundError

            if not isinstance(exc, (PersonNotFoundError, PlatformNotFoundError)):
                raise
            return self._wrong(answer, str(exc), key, show=False)
        if given in key.accepted:
            return self._right(given, key)
        return self._wrong(given, key.describe(given), key)

    def check(self, answer) -> None:
        """Print the feedback on `answer` (see :meth:`evaluate`)."""
        print(self.evaluate(answer))

    def _read(self, answer, key: _Key):
        """The answer in the key's terms: its form read by :func:`_parse`, its names looked up in the network."""
        G = key.graph
        if self.kind == "choice":
            return self._letter(answer)
        form = _parse(self.kind, answer)
        if self.kind == "person":
            return self._person(form, G)
        if self.kind == "people":
            return frozenset(self._person(p, G) for p in form)
        if self.kind == "tie":
            tie = frozenset(self._person(p, G) for p in form)
            if len(tie) != 2:
                raise _Unreadable("a tie joins two different people")
            return tie
        if self.kind == "platform":
            return self._platform(form, G)
        if self.kind == "platforms":
            return frozenset(self._platform(m, G) for m in form)
        if self.kind == "number":
            return form
        return fold(form)

    def _letter(self, answer) -> str:
        letters = ", ".join(f'"{k}"' for k in self.options)
        try:
            letter = _choice(answer)
        except _Unreadable:
            raise _Unreadable(
                self._t(
                    N_("got {given}; answer with one letter in quotes: {letters}"), given=repr(answer), letters=letters
                )
            ) from None
        if letter not in self.options:
            raise _Unreadable(
                self._t(N_("got {given}; answer with one of {letters}"), given=repr(answer), letters=letters)
            )
        return letter

    @staticmethod
    def _person(value, G):
        if G is None:
            value = _PREFIX.sub("", str(value).strip())
            return fold(value)
        if isinstance(value, str) and value.strip() not in map(str, G):
            value = _PREFIX.sub("", value.strip())
        return _who(G, value)

    @staticmethod
    def _platform(value, G):
        from ..datasets.platforms import UnknownPlatformError, find_medium, platform

        if G is not None:
            return find_medium(G, value)  # PlatformNotFoundError lists the network's media

        try:
            return platform(value).name
        except UnknownPlatformError:
            return fold(value)  # not in the course's data: compared ignoring case

    def _right(self, given, key: _Key) -> Verdict:
        lines = [
            f"{_SYMBOL[RIGHT]} " + self._t(N_("Right: {answer}."), answer=self._display(given)),
            self._explain(key, given),
        ]
        if self.source:
            lines.append(self._t(N_("Source: {source}"), source=self.source))
        return Verdict(self.id, RIGHT, "\n".join(lines))

    def _wrong(self, given, why, key: _Key, show: bool = True) -> Verdict:
        if show:
            head = f"{_SYMBOL[WRONG]} " + self._t(N_("Not quite: you answered {answer}."), answer=self._display(given))
        else:
            head = f"{_SYMBOL[WRONG]} " + self._t(N_("Not quite."))
        lines = [head]
        if why:
            lines.append(why)
        specific = self._feedback_for(given)
        if specific:
            lines.append(specific)
        if self.hint:
            lines.append(self._t(N_("Hint: {hint}"), hint=self.hint))
        if len(lines) == 1:  # never a bare "wrong"
            lines.append(
                self._t(
                    N_("This question expects {what}. Read the question again and try once more."),
                    what=self._t(_EXPECTS[self.kind]),
                )
            )
        return Verdict(self.id, WRONG, "\n".join(lines))

    def _t(self, message: str, /, **values) -> str:
        """A fixed frame string in the question's language (the data's own text is not translated)."""
        return translator(self.language).gettext(message, **values)

    def _display(self, given) -> str:
        if self.kind == "choice":
            return f"({given}) {self.options[given].rstrip('.')}"
        return _show(given, self.kind)

    def prompt_markdown(self) -> str:
        """The question as Markdown: the prompt, then each option with its letter."""
        lines = [f"**{self.prompt}**"]
        if self.options:
            lines.append("")
            lines += [f"- **({k})** {v}" for k, v in self.options.items()]
            lines += [
                "",
                self._t(N_('Answer with the letter, e.g. `answer = "{letter}"`.'), letter=next(iter(self.options))),
            ]
        return "\n".join(lines)

    def _feedback_for(self, given) -> str:
        for wrong, message in self.feedback.items():
            try:
                if self._read(wrong, self.key()) == given:
                    return message
            except (_Unreadable, KeyError):
                if fold(wrong) == fold(_show(given, self.kind)):
                    return message
        return ""

    def _explain(self, key: _Key, given=None) -> str:
        shown = key.accepted[:1] if self.kind == "people" else key.accepted  # a group: the first form accepted
        facts = {**(self.names or {}), "answer": ", ".join(_show(a, self.kind) for a in shown), **key.facts}
        if given is not None:
            facts["given"] = _show(given, self.kind)
        try:
            return self.explanation.format_map(facts)
        except (KeyError, IndexError, ValueError) as exc:
            raise QuestionFileError(f"question {self.id!r}: the explanation quotes an unknown fact {exc}") from None


_EXPECTS = {
    "person": N_("one person (a name, or a member's number)"),
    "people": N_("several people (a list, a set, or names separated by commas)"),
    "tie": N_('a tie: two people, e.g. ("Ana", "Ben") or "Ana-Ben"'),
    "number": N_("a number"),
    "text": N_("a word or a short phrase"),
    "platform": N_('one medium: a platform\'s name, e.g. "TikTok"'),
    "platforms": N_('media: platform names, e.g. ("TikTok", "Instagram") or "TikTok, Instagram"'),
    "choice": N_('the letter of one option, e.g. "a"'),
}


def answer_names(kind: str, answer) -> list:
    """The people an answer names, read as grading reads it (``[]`` for a kind that names nobody).

    For a recorder to say at once that a name is not in the student's own
    network: an answer that names somebody who is not there is never right,
    and saying so gives nothing away.

    Raises
    ------
    ValueError
        If the answer lacks its kind's form (see :func:`form_problem`).

    Examples
    --------
    >>> answer_names("tie", "(Hiro, Zoe)"), answer_names("people", "Ana, Ben."), answer_names("number", 3)
    (['Hiro', 'Zoe'], ['Ana', 'Ben'], [])
    """
    if kind not in ("person", "people", "tie"):
        return []
    try:
        parsed = _parse(kind, answer)
    except _Unreadable as exc:
        raise ValueError(str(exc)) from None
    if kind == "person":
        parsed = [parsed]
    return [str(name) for name in parsed]


def form_problem(kind: str, answer, options=None) -> str:
    """One sentence if `answer` lacks the form a `kind` question expects, else ``""``.

    Only the form is looked at (a number, a pair of people, ...), never
    whether it is right: an assessment can say "this cannot be graded"
    without giving anything away. The form is read as grading reads it
    (the same :func:`_parse`), so an answer that passes is always graded:
    right, or wrong with a reason, never refused for its form. Brackets,
    quotes and a final full stop around names are forgiven in both
    (``"(Hiro, Zoe)"``, ``"Ben."``, ``'"Elif"'``).

    Parameters
    ----------
    kind : str
        One of :data:`KINDS`.
    answer : object
    options : iterable of str, optional
        For a ``"choice"`` question, its option letters: the answer must be one.

    Raises
    ------
    ValueError
        If `kind` is not one of :data:`KINDS`.

    Examples
    --------
    >>> form_problem("number", "5 ties")
    "This question expects a number: got '5 ties'."
    >>> form_problem("number", "5"), form_problem("person", "Pia"), form_problem("tie", "(Hiro, Zoe)")
    ('', '', '')
    >>> form_problem("choice", "d", options=["a", "b", "c"])
    "This question expects the letter of one option (a, b, c): got 'd'."
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    try:
        form = _parse(kind, answer)
    except _Unreadable as exc:
        return f"This question expects {_EXPECTS[kind]}: {exc}."
    if kind == "choice" and options is not None and form not in options:
        return f"This question expects the letter of one option ({', '.join(options)}): got {answer!r}."
    return ""


def _compute_key(q: Question) -> _Key:
    if q.compute is None:
        return _literal_key(q)
    spec = dict(q.compute)
    graph, graph_args = spec.pop("graph"), dict(spec.pop("graph_args", {}))
    if graph in STUDENT_GRAPHS:
        graph_args["student"] = q.student
    G = _graph(graph, json.dumps(graph_args, sort_keys=True))
    platform = spec.pop("platform", None)
    if platform is not None:  # one medium's ties only (a multiplex network)
        from ..engine import measures

        G = measures.layer(G, platform)
    measure = spec.pop("measure")
    _, recipe, _ = MEASURES[measure]
    key = recipe(G, **spec)
    if q.kind == "choice":  # outcome i is option i: (a), (b), ...
        letters = list(q.options)
        inner = key.describe
        return _Key(
            tuple(letters[i] for i in key.accepted),
            {**key.facts, "outcome": OUTCOMES[measure][key.accepted[0]]},
            lambda letter: inner(letters.index(letter)),
            key.graph,
        )
    return key


def _literal_key(q: Question) -> _Key:
    answer = q.answer
    if q.kind == "people":
        return _Key((frozenset(Question._person(p, None) for p in answer),), {})
    if q.kind == "choice":
        return _Key(tuple(answer if isinstance(answer, (list, tuple)) else [answer]), {})
    options = answer if isinstance(answer, (list, tuple)) else [answer]
    if q.kind in ("tie", "platforms") and options and all(not isinstance(o, (list, tuple)) for o in options):
        options = [options]  # one pair
    accepted = []
    for option in options:
        if q.kind == "person":
            accepted.append(Question._person(option, None))
        elif q.kind == "tie":
            accepted.append(frozenset(Question._person(p, None) for p in option))
        elif q.kind == "number":
            accepted.append(_number(option))
        elif q.kind == "platform":
            accepted.append(Question._platform(option, None))
        elif q.kind == "platforms":
            accepted.append(frozenset(Question._platform(m, None) for m in option))
        else:
            accepted.append(fold(_text(option)) if isinstance(option, str) and option.strip() else fold(option))
    if q.kind == "text":  # a word answer with no feedback of its own: say so kindly (the hint follows)
        known = {fold(k) for k in q.feedback}

        def describe(given):
            if fold(given) in known:
                return None
            return f"\u201c{given}\u201d is not the answer this question is looking for."

        return _Key(tuple(accepted), {}, describe)
    return _Key(tuple(accepted), {})


# ---------------------------------------------------------------------------
# Question files


def _resolve(name) -> Path:
    path = Path(name)
    if path.suffix == ".json" or path.parent != Path("."):
        return path
    return EXERCISES_DIR / f"{name}.json"


def load_questions(name) -> dict[str, Question]:
    """Load a questions file: ``{question id: Question}`` in file order.

    The file's shape::

        {
          "id": "lesson04-people-and-ties",
          "notebook": "04-people-and-ties",
          "title": "...",
          "sources": ["zachary-1977"],
          "questions": [
            {"id": "karate-most-ties", "prompt": "...", "kind": "person",
             "compute": {"graph": "karate_club", "measure": "most_central", "by": "degree"},
             "explanation": "Member {answer} has {value} ties ...",
             "hint": "...", "feedback": {"0": "..."}, "source": "zachary-1977"}
          ]
        }

    ``notebook`` (optional) names the lesson whose answer file records the
    answers given to these questions. ``sources`` lists keys of the course's
    bibliography (see :func:`smlessons.content.bibliography.resolve_sources`;
    a course's own file may write its citations out as ``{key: citation}``);
    each question's ``source`` is one of them.

    A question asked on each student's own network (the assessments of
    lessons 4 to 6) has ``"network": "student_network"`` (or
    ``"student_multiplex"``), ``roles`` naming the people, ties or media its
    prompt names, and a ``compute`` whose arguments may be ``"{role}"``;
    see :meth:`Question.for_student`. Its key is computed for each student
    at grading time.

    ``"mode": "assessment"`` marks a **student's copy** of an assessed
    questions file (see :func:`student_copy`): each question has only
    ``id``, ``prompt``, ``kind``, ``level``, and, where it needs them,
    ``options``, ``network`` and ``roles``. No ``answer``, ``compute``,
    ``explanation``, ``hint``, ``feedback`` or ``source``: the loader
    refuses a copy that carries one. The roles say how the people a prompt
    names are drawn for a student (a person at random, in another group
    than another, ...), never what the answer is, so the copy can show
    each student their own prompt. The compute spec would not give an
    answer away either (anyone can compute a degree), but it stays in the
    key so that a copy never holds anything of the key, literal answers
    included. A copy's questions can be shown (:func:`ask`) but not checked. ``lang`` (optional, ``"en"`` by
    default; ``"it"`` for Italian) is the language of the questions' text:
    the fixed words :func:`check` prints around it ("Right", "Not quite",
    "Hint", "No answer yet"...) come in that language from the gettext
    tables.

    Parameters
    ----------
    name : str or path
        The stem of a shipped file (``"lesson04_people_and_ties"``) or a path.

    Returns
    -------
    dict

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    QuestionFileError
        If the file is not valid JSON or a question is malformed (the message
        names the file and the question).

    Examples
    --------
    >>> qs = load_questions("lesson05_bridges_and_brokers")
    >>> qs["karate-most-ties"].kind
    'person'
    """
    path = _resolve(name)
    if not path.is_file():
        raise FileNotFoundError(f"no questions file {str(path)!r}")
    data = load(path, "questions", QuestionFileError)  # the file's schema and cross-field checks
    language = data.get("lang", "en")
    try:
        sources = resolve_sources(data.get("sources", {}), language if language in ("en", "it") else "en")
    except ValueError as exc:
        raise QuestionFileError(f"{path.name}: {exc}") from None
    out: dict[str, Question] = {}
    for i, raw in enumerate(data["questions"]):
        try:
            q = Question.from_dict(raw, sources, language, assessment=data.get("mode") == "assessment")
        except (QuestionFileError, TypeError) as exc:
            where = f"questions[{i}]"
            raise QuestionFileError(
                f"{path.name}: {where}: {exc}", file=path.name, where=where, problem=str(exc)
            ) from None
        out[q.id] = q
    return out


def student_copy(data: Mapping) -> dict:
    """A student's copy of a questions file (a key): prompts, kinds, options and roles only.

    Parameters
    ----------
    data : dict
        The key's JSON (as :func:`load_questions` reads it).

    Returns
    -------
    dict
        ``{"id", "mode": "assessment", "notebook", "title", "sources": {},
        "questions": [...]}`` with each question cut down to
        :data:`STUDENT_COPY_FIELDS`; ready for ``json.dump``.

    Examples
    --------
    >>> key = {"id": "quiz", "questions": [{"id": "q1", "prompt": "How many?", "kind": "number",
    ...        "answer": 3, "explanation": "Three."}]}
    >>> student_copy(key)["questions"]
    [{'id': 'q1', 'prompt': 'How many?', 'kind': 'number'}]
    """
    out = {"id": data["id"], "mode": "assessment"}
    for field_name in ("notebook", "title", "lang"):
        if field_name in data:
            out[field_name] = data[field_name]
    out["sources"] = {}
    out["questions"] = [{k: q[k] for k in STUDENT_COPY_FIELDS if k in q} for q in data["questions"]]
    return out


def question_kinds(name) -> dict[str, str]:
    """``{question id: kind}`` of a questions file (a key or a student's copy), for a :class:`~smlessons.exercises.recorder.Recorder`.

    Examples
    --------
    >>> question_kinds("lesson05_bridges_and_brokers")["karate-most-ties"]
    'person'
    """
    return {qid: q.kind for qid, q in load_questions(name).items()}


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Question]:
    found: dict[str, Question] = {}
    for path in sorted(EXERCISES_DIR.glob("*.json")):
        try:
            data = read_json(path)
        except DataFileError:
            continue  # not a questions file we can read; load_questions(path) says why
        if not isinstance(data, dict) or "questions" not in data:
            continue  # a sorting exercise, not code-cell questions
        for qid, q in load_questions(path).items():
            if qid in found:
                raise QuestionFileError(f"{path.name}: question id {qid!r} is used by another file too")
            found[qid] = q
    return found


def list_questions() -> list[str]:
    """The ids of all shipped questions, file by file.

    Examples
    --------
    >>> "karate-most-ties" in list_questions()
    True
    """
    return list(_shipped())


def question(question_id: str) -> Question:
    """The shipped question with this id.

    Raises
    ------
    UnknownQuestionError
        If no shipped question has this id (the message lists them).
    """
    questions = _shipped()
    if question_id in questions:
        return questions[question_id]
    import difflib

    close = difflib.get_close_matches(str(question_id), list(questions), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise UnknownQuestionError(
        f"there is no question {question_id!r}.{hint} Known questions: {', '.join(questions) or 'none'}"
    )


@lru_cache(maxsize=1)
def _notebooks() -> dict[str, str]:
    """``{question id: the notebook its file names}`` for the shipped questions."""
    found: dict[str, str] = {}
    for path in sorted(EXERCISES_DIR.glob("*.json")):
        try:
            data = read_json(path)
        except DataFileError:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
            continue
        notebook = data.get("notebook")
        if isinstance(notebook, str) and notebook:
            for raw in data["questions"]:
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    found[raw["id"]] = notebook
    return found


def _record(question_id: str, answer, answers) -> str:
    """Save a given answer; return what the student should be told if it could not be."""
    from .answers import check_exercise_id
    from .recorder import save_answer

    if answers is False:
        return ""
    try:
        check_exercise_id(question_id)
    except ValueError:
        return ""  # a question built in Python with a free-form id: nothing to save under
    if answers is None:
        answers = _notebooks().get(question_id)  # None: the running notebook, if any
    try:
        save_answer(question_id, answer, answers)
    except OSError as exc:
        return f"(Your answer could not be saved ({exc}). Ask your instructor where answers are kept.)"
    return ""


def _answer_and_record(question_id: str, answer, answers) -> tuple[Verdict, str]:
    from .recorder import materialise

    q = question(question_id)
    answer = materialise(answer)  # a generator is read once: keep it for the check and the file
    verdict = q.evaluate(answer)
    problem = ""
    if verdict.status != UNANSWERED:
        problem = _record(q.id, answer, answers)
    return verdict, problem


def evaluate(question_id: str, answer, *, answers=None) -> Verdict:
    """Check `answer` to a shipped question, record it, and return the :class:`Verdict`.

    For autograders and tests; students use :func:`check`. The answer is
    saved as :func:`check` saves it.

    Parameters
    ----------
    question_id : str
    answer : object
    answers : AnswerStore, str, None or False, optional
        Where to record the answer (see :func:`check`).

    Raises
    ------
    UnknownQuestionError

    Examples
    --------
    >>> evaluate("karate-most-ties", 33, answers=False).correct
    True
    """
    verdict, problem = _answer_and_record(question_id, answer, answers)
    if problem:
        import warnings

        warnings.warn(problem, RuntimeWarning, stacklevel=2)
    return verdict


class _Prompt:
    """A question shown in a notebook: Markdown in JupyterLab, plain text elsewhere.

    ``names`` holds the people, ties and media the prompt names, by role
    (for a question asked on the student's own network), e.g.
    ``{"person": "Lena"}``.
    """

    def __init__(self, q: Question):
        self._q = q
        self.names = dict(q.names or {})

    def _repr_markdown_(self) -> str:
        return self._q.prompt_markdown()

    def __repr__(self) -> str:
        return self._q.prompt_markdown().replace("**", "").replace("`", "")


def ask(question_id: str, questions=None, *, student: str | None = None) -> _Prompt:
    """Show a question (and its options, for a multiple-choice one).

    The question's text lives in its data file, so the notebook shows the
    same words that :func:`check` judges (or the grader grades).

    Parameters
    ----------
    question_id : str
    questions : str or path, optional
        A questions file (e.g. an assignment's student copy,
        ``"lesson04_assessment_questions.json"``); by default the shipped
        questions.
    student : str, optional
        Whose variant to show, for a question asked on each student's own
        network; by default the student running the notebook
        (:func:`smlessons.variants.student_id`).

    Returns
    -------
    object
        Shown as Markdown; its ``names`` maps the question's roles to the
        people, ties and media the prompt names.

    Raises
    ------
    UnknownQuestionError
        If no question has this id.

    Examples
    --------
    >>> ask("karate-most-ties")  # doctest: +ELLIPSIS
    In Zachary's karate club, ...
    """
    if questions is None:
        q = question(question_id)
    else:
        found = load_questions(questions)
        if question_id not in found:
            raise UnknownQuestionError(
                f"there is no question {question_id!r} in {questions}; it has {', '.join(found) or 'none'}"
            )
        q = found[question_id]
    if (q.network or (q.compute or {}).get("graph")) in STUDENT_GRAPHS:
        if student is None:
            from ..variants import student_id

            student = student_id()
        q = q.for_student(student)
    return _Prompt(q)


def check(question_id: str, answer, *, answers=None) -> None:
    """Print whether `answer` is right, and why, and record it.

    Parameters
    ----------
    question_id : str
        A shipped question (see :func:`list_questions`).
    answer : object
        The student's answer; ``...`` (or None) means "not answered yet".
    answers : AnswerStore, str, None or False, optional
        Where to record the answer: an :class:`~smlessons.exercises.answers.AnswerStore`
        or a notebook's name. By default, the answer file of the notebook
        the question's file names (else of the running notebook; else
        nothing is saved). ``False`` saves nothing. An unanswered ``...`` is
        never saved, so it never replaces an answer recorded before.

    Raises
    ------
    UnknownQuestionError
        If no question has this id.

    Examples
    --------
    >>> check("karate-most-ties", ...)
    • No answer yet: replace ... with your answer, then run the cell again.
    """
    verdict, problem = _answer_and_record(question_id, answer, answers)
    print(verdict)
    if problem:
        print(problem)


def check_all(responses: Mapping[str, Any], *, answers=None) -> int:
    """Check several answers at once, print the feedback and a score.

    For a review: ``{question id: answer}``, each checked (and recorded) as
    :func:`check` does, then ``Score: k of n``.

    Parameters
    ----------
    responses : mapping
        ``{question id: the student's answer}``; ``...`` counts as not answered.
    answers : AnswerStore, str, None or False, optional
        Where to record the answers (see :func:`check`).

    Returns
    -------
    int
        How many answers are right.

    Raises
    ------
    TypeError
        If `responses` is not a mapping.
    UnknownQuestionError
        If a question id is unknown (checked before anything is printed).

    Examples
    --------
    >>> check_all({"karate-most-ties": ...}, answers=False)
    1. • No answer yet: replace ... with your answer, then run the cell again.
    <BLANKLINE>
    Score: 0 of 1.
    0
    """
    if not isinstance(responses, Mapping):
        raise TypeError(f"responses must map question ids to answers (a dict), not {type(responses).__name__}")
    for qid in responses:
        question(qid)
    right = 0
    for k, (qid, answer) in enumerate(responses.items(), start=1):
        verdict, problem = _answer_and_record(qid, answer, answers)
        right += verdict.correct
        print(f"{k}. {verdict}")
        if problem:
            print(problem)
        print()
    print(f"Score: {right} of {len(responses)}.")
    return right
