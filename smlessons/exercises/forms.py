"""Reading an answer's form: what a student may write, before any network is consulted.

A student writes answers in many reasonable forms (see
:mod:`smlessons.exercises.questions`): a name in any case and spacing, a
list or a comma-separated string for a group, ``"Ana-Ben"`` or a pair for a
tie, a number or its text, a platform's name or alias. :func:`parse_answer`
is the one reader of these forms: :func:`form_problem` (what a recorder
checks before saving) and the grading (:meth:`Question.evaluate
<smlessons.exercises.questions.Question.evaluate>`) both start there, so
every answer whose form passes is graded.

What is wrong with a form is a :class:`~smlessons.exercises.messages.Message`
(carried by :class:`UnreadableAnswer`), shown in the student's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from numbers import Real

from ..engine.measures import fold
from ..i18n import N_, NP_, format_number, translator
from .messages import Message, say, say_n

__all__ = ["KINDS", "UnreadableAnswer", "answer_names", "form_message", "form_problem", "parse_answer"]

#: The kinds of answer a question can expect.
KINDS = ("person", "people", "tie", "number", "text", "platform", "platforms", "choice")
#: The sentence that says an answer lacks its question's form.
EXPECTS_SENTENCE = N_("This question expects {what}: {why}.")


def _got(answer) -> Message:
    return say(N_("got {given}"), given=repr(answer))


class UnreadableAnswer(Exception):
    """The answer does not have the expected form.

    ``message`` (a :class:`~smlessons.exercises.messages.Message`) says what is
    wrong with it, for the student, in their language; ``str()`` gives it in English.
    """

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


_SPLIT_PEOPLE = re.compile(r"\s*(?:,|;|\band\b|&)\s*", re.IGNORECASE)
_SPLIT_TIE = re.compile(r"\s*(?:<->|<-->|--|->|[-\u2013\u2014,;&/]|\band\b)\s*", re.IGNORECASE)
# "/" too ("Instagram/Minecraft"), but a platform's own name or alias such as
# "Twitter / X" stays one medium (see _split).
_SPLIT_MEDIA = re.compile(r"\s*(?:<->|<-->|--|->|[-\u2013\u2014,;&+/]|\band\b)\s*", re.IGNORECASE)
_SPLIT_MEDIA_NOT_SLASH = re.compile(r"\s*(?:<->|<-->|--|->|[-\u2013\u2014,;&+]|\band\b)\s*", re.IGNORECASE)
_NUMBER = re.compile(r"^(?:community|group|number|no\.?)?\s*#?\s*(-?\d+(?:\.\d+)?)$", re.IGNORECASE)
NAME_PREFIX = re.compile(r"^(?:member|person|node)\s+", re.IGNORECASE)
#: Quotes a student may leave around a name ('Ben', "Ben", \u201cBen\u201d, `Ben`).
_QUOTES = "'\"`\u201c\u201d\u2018\u2019\u00ab\u00bb"
_BRACKETS = {"(": ")", "[": "]", "{": "}"}


def is_number(value) -> bool:
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


def clean(text: str, *, brackets: bool = True) -> str:
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
    # `what` is "name" (a person) or "medium" (a medium's name)
    """One part of an answer that names a person or a medium: a cleaned non-empty string, or a number."""
    if isinstance(value, str):
        cleaned = clean(value)
        if not cleaned:
            if not value.strip():
                raise UnreadableAnswer(say(N_("the answer is an empty string")))
            if what == "medium":
                raise UnreadableAnswer(say(N_("a medium's name is empty in {given}"), given=repr(value)))
            raise UnreadableAnswer(say(N_("a name is empty in {given}"), given=repr(value)))
        return cleaned
    if is_number(value):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if what == "medium":
        raise UnreadableAnswer(
            say(N_("each part of the answer must be a medium's name; got {given}"), given=repr(value))
        )
    raise UnreadableAnswer(say(N_("each part of the answer must be a name; got {given}"), given=repr(value)))


def _one_person(answer):
    """A person from the forms a student may give: a name, ``[name]``, ``(name, score)``, ``"Ben."``."""
    if isinstance(answer, (list, tuple)):
        if len(answer) == 1:
            return _one_person(answer[0])
        if isinstance(answer, tuple) and len(answer) == 2 and is_number(answer[1]):
            return _one_person(answer[0])  # a (person, score) pair, as central_people gives
        raise UnreadableAnswer(say_n(NP_("the answer has {n} part", "the answer has {n} parts"), len(answer)))
    if isinstance(answer, (set, frozenset, dict)):
        if len(answer) == 1:
            return _one_person(next(iter(answer)))
        raise UnreadableAnswer(say_n(NP_("the answer has {n} part", "the answer has {n} parts"), len(answer)))
    if isinstance(answer, str) or is_number(answer):
        return _name(answer)
    raise UnreadableAnswer(_got(answer))


def _one_platform(answer):
    """A platform from the forms a student may give: a name, ``[name]``, ``(name, count)``."""
    if isinstance(answer, (list, tuple)):
        if len(answer) == 1:
            return _one_platform(answer[0])
        if (
            isinstance(answer, tuple)
            and len(answer) == 2
            and (is_number(answer[1]) or isinstance(answer[1], (list, tuple)))
        ):
            return _one_platform(answer[0])  # (medium, count) or (medium, friends), as a dict's items give
        raise UnreadableAnswer(say_n(NP_("the answer names {n} medium", "the answer names {n} media"), len(answer)))
    if isinstance(answer, (set, frozenset, dict)):
        if len(answer) == 1:
            return _one_platform(next(iter(answer)))
        raise UnreadableAnswer(say_n(NP_("the answer names {n} medium", "the answer names {n} media"), len(answer)))
    if not isinstance(answer, str):
        raise UnreadableAnswer(_got(answer))
    return _name(answer, "medium")


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
            if "/" in part and not _is_platform_name(clean(part)):
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
        text = clean(answer)
        if not text:
            return []
        parts = [p for p in _split(text, splitter) if p.strip()]
        return [_name(p, what) for p in parts if clean(p)]
    if isinstance(answer, (bytes, bytearray)) or not isinstance(answer, Iterable):
        raise UnreadableAnswer(_got(answer))
    return [_name(p, what) for p in list(answer)]  # a list, tuple, set, a dict's keys, a view of a network


def _is_span(value) -> bool:
    """A tie's span as local_bridges gives it: a number, or "inf" as the answer file keeps infinity."""
    if is_number(value):
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
        raise UnreadableAnswer(say(N_("a tie joins two people, but the answer names {n}"), n=len(ends)))
    if len({fold(NAME_PREFIX.sub("", str(end))) for end in ends}) < 2:  # "Ana-ana", "member 3-3"
        raise UnreadableAnswer(say(N_("a tie joins two different people")))
    return ends


def _media(answer) -> list:
    """The media an answer names (several), from the forms a student may give."""
    if isinstance(answer, (list, tuple)) and len(answer) == 1 and isinstance(answer[0], (list, tuple, set, frozenset)):
        answer = answer[0]  # [("TikTok", "Instagram")]
    if (
        isinstance(answer, (list, tuple))
        and len(answer) == 2
        and isinstance(answer[0], (list, tuple))
        and is_number(answer[1])
    ):
        answer = answer[0]  # ((a, b), overlap), as overlap(G).items() gives
    if not isinstance(answer, str):
        if isinstance(answer, (bytes, bytearray)) or not isinstance(answer, Iterable):
            raise UnreadableAnswer(_got(answer))
        answer = list(answer)
        if not all(isinstance(m, str) for m in answer):
            raise UnreadableAnswer(
                say(N_('a medium is named by its name, e.g. "TikTok"; got {given}'), given=repr(answer))
            )
    media = _many(answer, _SPLIT_MEDIA, "medium")
    if not media:
        raise UnreadableAnswer(say(N_("the answer names no medium")))
    return media


def read_text(answer) -> str:
    """A word or phrase: spaces, quotes and a final full stop taken off (the case is kept)."""
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        answer = answer[0]
    if not isinstance(answer, str):
        raise UnreadableAnswer(_got(answer))
    text = clean(answer, brackets=False)
    if not text:
        raise UnreadableAnswer(say(N_("the answer is an empty string")) if not answer.strip() else _got(answer))
    return text


def read_choice(answer) -> str:
    """The letter an answer gives (``"a"``, ``"(B)"``, ``"c."``, ``["a"]``), lower case; not yet checked against the options."""
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        answer = answer[0]
    if not isinstance(answer, str):
        raise UnreadableAnswer(_got(answer))
    letter = answer.strip().strip("()[].:" + _QUOTES).strip().casefold()
    if not letter:
        raise UnreadableAnswer(_got(answer))
    return letter


def read_number(answer) -> float:
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        answer = answer[0]
    if is_number(answer):
        try:
            return float(answer)
        except (OverflowError, ValueError, TypeError):
            raise UnreadableAnswer(say(N_("got {given}, too large a number"), given=repr(answer))) from None
    if isinstance(answer, str):
        found = _NUMBER.match(clean(answer, brackets=False))
        if found:
            return float(found.group(1))
    comma = _decimal_comma(answer)
    if comma:
        raise UnreadableAnswer(
            say(
                N_(
                    "got {given}: in Python a decimal number is written with a point, {point}, not {comma} (with a comma, Python reads two numbers)"
                ),
                given=repr(answer),
                point=comma.replace(",", "."),
                comma=comma,
            )
        )
    raise UnreadableAnswer(_got(answer))


def _decimal_comma(answer) -> str | None:
    """``"0,5"`` if `answer` is ``(0, 5)`` or ``"0,5"``: a decimal written with a comma, as Italian does."""
    if isinstance(answer, tuple) and len(answer) == 2 and all(type(x) is int and x >= 0 for x in answer):
        return f"{answer[0]},{answer[1]}"
    if isinstance(answer, str) and re.fullmatch(r"\s*\d+,\d+\s*", answer):
        return answer.strip()
    return None


def parse_answer(kind: str, answer):
    """The form of `answer` as a `kind` question reads it, before any network is consulted.

    The one reader of answers' forms: :func:`form_problem` (what a recorder
    checks before saving) and :meth:`Question.evaluate` (what the grader
    calls) both start here, so an answer whose form passes can be graded.

    Raises
    ------
    UnreadableAnswer
        With what is wrong with the form.
    """
    if kind == "person":
        return _one_person(answer)
    if kind == "people":
        people = _many(answer, _SPLIT_PEOPLE)
        if not people:
            raise UnreadableAnswer(say(N_("the answer names nobody")))
        return people
    if kind == "tie":
        return _tie_ends(answer)
    if kind == "number":
        return read_number(answer)
    if kind == "platform":
        return _one_platform(answer)
    if kind == "platforms":
        return _media(answer)
    if kind == "choice":
        return read_choice(answer)
    return read_text(answer)


def show_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


# ---------------------------------------------------------------------------
# Answer keys


def show_answer(value, kind: str | None = None, language: str | None = None) -> str:
    """An answer as the student reads it: "Ben\u2013Uma", "Ben, Carla", "6", "(b)".

    A decimal number is written as `language` writes it (``0.45`` in English,
    ``0,45`` in Italian; by default as Python does), with no thousands
    separator, so that the student recognises what they typed.

    >>> show_answer(0.45), show_answer(0.45, "number", "it"), show_answer(1234.5, "number", "it")
    ('0.45', '0,45', '1234,5')
    """
    if kind == "choice":
        return f"({value})"
    if kind == "tie":
        u, v = sorted(value, key=answer_order)
        return f"{u}\u2013{v}"
    if isinstance(value, (frozenset, set, list, tuple)):
        return ", ".join(str(v) for v in sorted(value, key=answer_order))
    if isinstance(value, float):
        if language is None or float(value).is_integer():
            return show_number(value)
        return format_number(value, language, grouping=False)
    return str(value)


def answer_order(value):
    if is_number(value):
        return (0, float(value), "")
    return (1, fold(value), str(value))


EXPECTS = {
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
        parsed = parse_answer(kind, answer)
    except UnreadableAnswer as exc:
        raise ValueError(str(exc)) from None
    if kind == "person":
        parsed = [parsed]
    return [str(name) for name in parsed]


def form_message(kind: str, answer, options=None) -> tuple[Message, Message] | None:
    """``(what the question expects, what is wrong with the answer)`` if `answer` lacks its form, else ``None``.

    The structured form of :func:`form_problem`, for a caller that words the
    sentence itself (a recorder says "Not recorded: ..."). Both parts are
    :class:`~smlessons.exercises.messages.Message` objects.

    Raises
    ------
    ValueError
        If `kind` is not one of :data:`KINDS`.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    try:
        form = parse_answer(kind, answer)
    except UnreadableAnswer as exc:
        return say(EXPECTS[kind]), exc.message
    if kind == "choice" and options is not None and form not in options:
        return say(N_("the letter of one option ({letters})"), letters=", ".join(options)), _got(answer)
    return None


def form_problem(kind: str, answer, options=None, *, language: str | None = None) -> str:
    """One sentence if `answer` lacks the form a `kind` question expects, else ``""``.

    Only the form is looked at (a number, a pair of people, ...), never
    whether it is right: an assessment can say "this cannot be graded"
    without giving anything away. The form is read as grading reads it
    (the same :func:`parse_answer`), so an answer that passes is always graded:
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
    language : str, optional
        The sentence's language (default: the environment's, see
        :func:`smlessons.i18n.resolve_language`).

    Raises
    ------
    ValueError
        If `kind` is not one of :data:`KINDS`, or `language` is not supported.

    Examples
    --------
    >>> form_problem("number", "5 ties", language="en")
    "This question expects a number: got '5 ties'."
    >>> form_problem("number", "5"), form_problem("person", "Pia"), form_problem("tie", "(Hiro, Zoe)")
    ('', '', '')
    >>> form_problem("choice", "d", options=["a", "b", "c"], language="en")
    "This question expects the letter of one option (a, b, c): got 'd'."
    >>> form_problem("number", "5 ties", language="it")
    "Questa domanda richiede un numero: hai scritto '5 ties'."
    """
    found = form_message(kind, answer, options)
    if found is None:
        return ""
    t = translator(language)
    what, why = found
    return t.gettext(EXPECTS_SENTENCE, what=what.render(t), why=why.render(t))
