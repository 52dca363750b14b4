"""Sentences for a student, kept as catalog messages until they are shown.

Code that finds something to tell a student (why an answer is wrong, what
went wrong with the answer file) often runs before anybody knows in which
language it will be read: an answer key is computed once and its feedback
shown later, an answer store reports a problem that a board shows in the
board's language. Such code returns a :class:`Message`, a gettext message id
(marked with :func:`~smlessons.i18n.N_` or :func:`~smlessons.i18n.NP_`) and
its values, and whoever shows it calls :meth:`Message.render` with a
:class:`~smlessons.i18n.Translator`. A value may itself be a message
(rendered in the same language first).

Examples
--------
>>> from smlessons.i18n import N_, NP_, translator
>>> m = say(N_("Not quite: you answered {answer}."), answer="Ben")
>>> m.render(translator("en")), m.render(translator("it"))
('Not quite: you answered Ben.', 'Non proprio: hai risposto Ben.')
>>> str(say_n(NP_("{n} step", "{n} steps"), 3))
'3 steps'

A number in a message is written when the language is known, with
:func:`number` (``0.45`` in English, ``0,45`` in Italian):

>>> m = say(N_("Not quite: you answered {answer}."), answer=number(0.45, 2))
>>> m.render(translator("it"))
'Non proprio: hai risposto 0,45.'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..i18n import N_, Translator, format_number, translator

__all__ = ["Message", "Number", "number", "say", "say_n"]


@dataclass(frozen=True)
class Message:
    """A catalog message and the values of its ``{placeholders}``, not yet translated.

    ``plural`` and ``count`` are set for a message with plural forms
    (:func:`say_n`). ``str(message)`` is the English text (for logs and
    programmers); a student's text comes from :meth:`render`.
    """

    text: str
    values: Mapping[str, Any] = field(default_factory=dict)
    plural: str | None = None
    count: int | None = None

    def render(self, t: Translator | None = None) -> str:
        """The message in the language of `t` (default: the environment's, see :func:`smlessons.i18n.resolve_language`)."""
        t = t if t is not None else translator()
        values = {k: render(v, t) if isinstance(v, (Message, Number, list)) else v for k, v in self.values.items()}
        if self.plural is None:
            return t.gettext(self.text, **values)
        return t.ngettext(self.text, self.plural, self.count, **values)

    def __str__(self) -> str:
        return self.render(translator("en"))


@dataclass(frozen=True)
class Number:
    """A number in a message, written as the student's language writes it when the message is shown.

    ``decimals`` digits after the decimal mark (default: Python's shortest
    ``"g"`` form); never grouped in thousands, as the English texts were.
    ``str(number)`` is the English text.
    """

    value: float
    decimals: int | None = None

    def render(self, t: Translator | None = None) -> str:
        """The number in the language of `t` (default: the environment's)."""
        t = t if t is not None else translator()
        return format_number(self.value, t.language, self.decimals, grouping=False)

    def __str__(self) -> str:
        return self.render(translator("en"))


def number(value, decimals: int | None = None) -> Number:
    """A :class:`Number` for a message's value: ``number(0.45, 2)`` is ``0.45`` or ``0,45``.

    Raises
    ------
    TypeError
        If `value` is not a number (see :func:`smlessons.i18n.format_number`).
    """
    format_number(value, "en", decimals)  # a bad value is refused here, where it is made
    return Number(value, decimals)


def say(text: str, /, **values) -> Message:
    """A :class:`Message`: `text` is a msgid marked with ``N_``."""
    return Message(text, values)


def say_n(forms: tuple[str, str], count: int, /, **values) -> Message:
    """A :class:`Message` with plural forms (``NP_("...", "...")``) for `count`; ``{n}`` is the count."""
    singular, plural = forms
    return Message(singular, {"n": count, **values}, plural, count)


def render(value, t: Translator | None = None) -> str:
    """A message, a list of messages (one sentence after another) or ``None``, as text for a student."""
    if value is None:
        return ""
    if isinstance(value, (Message, Number)):
        return value.render(t)
    if isinstance(value, list):
        return " ".join(part for part in (render(v, t) for v in value) if part)
    return str(value)


def and_list(items) -> Message | str:
    """``"Ana"``, ``"Ana and Ben"``, ``"Ana, Ben and Gita"``: the "and" in the student's language.

    >>> str(and_list(["WhatsApp", "Instagram", "TikTok"]))
    'WhatsApp, Instagram and TikTok'
    """
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return say(N_("{items} and {last}"), items=", ".join(items[:-1]), last=items[-1])
