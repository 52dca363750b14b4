"""The words the widgets show, in English or Italian, from gettext catalogs.

Every string a student sees on a board (the buttons, the help line, the
announcements for screen readers, the verdicts, the score line, the notices)
is a message of the ``smlessons`` gettext domain. There is one string table
per language, ``smlessons/locale/<language>/LC_MESSAGES/smlessons.po``, and
its compiled ``smlessons.mo`` beside it; Python's :mod:`gettext` reads the
``.mo`` files, so nothing beyond the standard library is needed at run time.

Which language? :func:`resolve_language` decides, in this order:

1. an explicit option, e.g. ``SortingBoard(..., language="it")``; a language
   that is not supported is a :class:`ValueError` naming it and the
   supported ones;
2. the environment, as gettext reads it: ``LANGUAGE`` (a ``:``-separated
   list of preferences), then the first of ``LC_ALL``, ``LC_MESSAGES`` and
   ``LANG`` that is set (``it_IT.UTF-8`` means Italian);
3. English.

Messages use named ``{placeholders}`` (``"{label} placed in {bin}."``), filled
in by :meth:`Translator.gettext` on the Python side and by the board's
JavaScript on the browser side, always as plain text.

Adding or changing a message (maintainers)
-------------------------------------------
Mark it in the code: ``t.gettext("...")`` / ``t.ngettext("...", "...", n)``
with a :class:`Translator` ``t``, or :func:`N_` / :func:`NP_` for a message
kept in a constant (:func:`NC_` and ``t.pgettext`` for a word that needs a
context). Then, from the repository root, with Babel installed::

    pybabel extract -k N_ -k NP_:1,2 -k NC_:1c,2 --no-location --omit-header \\
        -o smlessons/locale/smlessons.pot smlessons
    pybabel update -D smlessons -i smlessons/locale/smlessons.pot -d smlessons/locale --no-fuzzy-matching
    # translate the new entries in every smlessons.po, then:
    pybabel compile -D smlessons -d smlessons/locale --statistics

``tests/test_i18n.py`` fails while a message is missing or untranslated in
one language, or when a ``.mo`` file is older than its ``.po``.

Examples
--------
>>> t = translator("it")
>>> t.gettext("{label} placed in {bin}.", label="TikTok", bin="Social medium")
'Scheda TikTok messa in Social medium.'
>>> t.ngettext("{bin}, {count} card", "{bin}, {count} cards", 2, bin="Rete", count=2)
'Rete, 2 schede'
"""

from __future__ import annotations

import gettext as _gettext
import os
import re
from collections.abc import Mapping
from functools import cache
from numbers import Integral, Real
from pathlib import Path

__all__ = [
    "DEFAULT",
    "DOMAIN",
    "LANGUAGE_NAMES",
    "LOCALE_DIR",
    "NC_",
    "N_",
    "NP_",
    "SUPPORTED",
    "Translator",
    "format_number",
    "join_and",
    "join_or",
    "resolve_language",
    "translator",
]

DOMAIN = "smlessons"
LOCALE_DIR = Path(__file__).with_name("locale")
#: The languages with a string table, and their names (for error messages).
LANGUAGE_NAMES = {"en": "English", "it": "Italian"}
SUPPORTED = tuple(LANGUAGE_NAMES)
DEFAULT = "en"
#: Where gettext looks for the user's language, in order.
ENV_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[_-][A-Za-z0-9]+)*(?:\.[A-Za-z0-9_-]+)?(?:@[A-Za-z0-9_-]+)?$")


def N_(message: str) -> str:
    """Mark a message for translation where it is defined (a constant); translate it where it is shown."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Like :func:`N_`, for a message with plural forms."""
    return (singular, plural)


def NC_(context: str, message: str) -> str:
    """Like :func:`N_`, for a word that needs a context to be translated (gettext's ``msgctxt``).

    The same English word can need two translations: "mutual" as a kind of
    tie is "reciproco", as a count of people "reciproci". Translate it with
    :meth:`Translator.pgettext` and the same context.
    """
    return message


def _language_of(tag: str) -> str | None:
    """``"it_IT.UTF-8"`` -> ``"it"``; ``"C"``, ``"POSIX"`` or junk -> ``None``."""
    m = _TAG.match(tag.strip())
    if not m or tag.strip().upper() in ("C", "POSIX") or tag.strip().upper().startswith("C."):
        return None
    return m.group(1).lower()


def _supported() -> str:
    return ", ".join(f"{code!r} ({name})" for code, name in LANGUAGE_NAMES.items())


def resolve_language(language: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to show: `language` if given, else the environment's, else English.

    Parameters
    ----------
    language : str, optional
        A language code (``"it"``) or a locale name (``"it_IT"``,
        ``"it-IT"``, ``"it_IT.UTF-8"``).
    environ : mapping, optional
        The environment to read (default :data:`os.environ`).

    Returns
    -------
    str
        One of :data:`SUPPORTED`.

    Raises
    ------
    TypeError
        If `language` is not a string.
    ValueError
        If `language` is given and not supported; the message names it and
        the supported languages. An unsupported language in the environment
        is not an error: the board falls back to English.

    Examples
    --------
    >>> resolve_language("it")
    'it'
    >>> resolve_language(environ={"LANG": "it_IT.UTF-8"})
    'it'
    >>> resolve_language(environ={"LANG": "de_DE.UTF-8"})
    'en'
    """
    if language is not None:
        if not isinstance(language, str):
            raise TypeError(f"language must be a string such as 'en' or 'it', not {type(language).__name__}")
        code = _language_of(language)
        if code not in LANGUAGE_NAMES:
            raise ValueError(f"unknown language {language!r}: the supported languages are {_supported()}")
        return code
    env = os.environ if environ is None else environ
    preferences = env.get("LANGUAGE", "")
    for part in preferences.split(":"):
        code = _language_of(part) if part else None
        if code in LANGUAGE_NAMES:
            return code
    for var in ENV_VARS[1:]:
        value = env.get(var, "")
        if value:
            # The first locale variable that is set decides, as in gettext.
            code = _language_of(value)
            return code if code in LANGUAGE_NAMES else DEFAULT
    return DEFAULT


@cache
def _catalog(language: str) -> _gettext.GNUTranslations:
    try:
        return _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[language])
    except OSError as exc:
        raise RuntimeError(
            f"the {LANGUAGE_NAMES.get(language, language)} string table of smlessons is missing "
            f"({DOMAIN}.mo under locale/{language}/LC_MESSAGES): reinstall the package"
        ) from exc


class Translator:
    """The messages of one language.

    Get one with :func:`translator`. Templates use named placeholders,
    filled from keyword arguments.
    """

    def __init__(self, language: str):
        self.language = resolve_language(language)
        self._t = _catalog(self.language)

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"

    def template(self, message: str) -> str:
        """The translated template, placeholders left in (for the browser)."""
        return self._t.gettext(message)

    def gettext(self, message: str, /, **values) -> str:
        """The translated message with its placeholders filled from `values`."""
        return self._t.gettext(message).format(**values)

    def pgettext(self, context: str, message: str, /, **values) -> str:
        """The translated message in `context` (see :func:`NC_`), placeholders filled from `values`."""
        return self._t.pgettext(context, message).format(**values)

    def ngettext(self, singular: str, plural: str, n: int, /, **values) -> str:
        """The translated message for the count `n`, placeholders filled from `values`."""
        return self._t.ngettext(singular, plural, n).format(**values)

    @property
    def nplurals(self) -> int:
        """How many plural forms this language has."""
        return _plural_count(self._t)

    def plural_index(self, n: int) -> int:
        """Which plural form the count `n` takes (the catalog's ``Plural-Forms`` rule)."""
        return int(self._t.plural(n))

    def forms(self, singular: str, plural: str, upto: int = 1000) -> list[str]:
        """Every plural form of a message, indexed like :meth:`plural_index`.

        Each form is looked up with the smallest count (up to `upto`) that
        selects it; a form no such count selects is the last one found.
        """
        first = {}
        for n in range(upto + 1):
            first.setdefault(self.plural_index(n), n)
            if len(first) == self.nplurals:
                break
        out = []
        for i in range(self.nplurals):
            n = first.get(i, max(first.values()))
            out.append(self._t.ngettext(singular, plural, n))
        return out


def _plural_count(t) -> int:
    header = t.info().get("plural-forms", "")
    m = re.search(r"nplurals\s*=\s*(\d+)", header)
    return int(m.group(1)) if m else 2


def translator(language: str | None = None) -> Translator:
    """The :class:`Translator` for `language`, resolved by :func:`resolve_language`."""
    return _translator(resolve_language(language))


@cache
def _translator(code: str) -> Translator:
    return Translator(code)


def _join(items, last: str, language: str | None) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return translator(language).gettext(last, items=", ".join(items[:-1]), last=items[-1])


def join_and(items, language: str | None = None) -> str:
    """The items in words, in `language` (default: the environment's): ``"a, b and c"``.

    One item is itself; no item is the empty string (the caller says what
    "nobody" or "nothing" is).

    Examples
    --------
    >>> join_and(["Ana", "Ben", "Carla"], "en"), join_and(["Ana", "Ben"], "it")
    ('Ana, Ben and Carla', 'Ana e Ben')
    >>> join_and(["Ana"], "en"), join_and([], "en")
    ('Ana', '')
    """
    return _join(items, N_("{items} and {last}"), language)


def join_or(items, language: str | None = None) -> str:
    """Like :func:`join_and`, for alternatives: ``"a, b or c"`` (``"a, b o c"`` in Italian).

    Examples
    --------
    >>> join_or(["Instagram", "TikTok", "WhatsApp"], "en"), join_or(["Instagram", "TikTok"], "it")
    ('Instagram, TikTok or WhatsApp', 'Instagram o TikTok')
    >>> join_or([], "en")
    ''
    """
    return _join(items, N_("{items} or {last}"), language)


#: How each language writes a number: (thousands separator, decimal mark).
#: Italian writes 1.234,5 where English writes 1,234.5.
NUMBER_MARKS = {"en": (",", "."), "it": (".", ",")}


def format_number(value, language: str | None = None, decimals: int | None = None, grouping: bool = True) -> str:
    """`value` written as `language` (default: the environment's) writes numbers.

    For a number shown inside a sentence, a title, a label or a hover text;
    not for the data a figure plots (the axes keep Python's numbers).

    Parameters
    ----------
    value : int or float
        The number (a NumPy number works too).
    language : str, optional
        ``"en"`` or ``"it"``, resolved by :func:`resolve_language`.
    decimals : int, optional
        Digits after the decimal mark. Default: none for an integer, and for
        any other number the shortest form Python's ``"g"`` format gives
        (``0.1``, ``2.5``).
    grouping : bool
        Whether to separate the thousands (``1,234`` / ``1.234``).

    Raises
    ------
    TypeError
        If `value` is not a number (a ``bool`` is not one here) or
        `decimals` is not an integer.
    ValueError
        If `decimals` is negative, or `language` is not supported.

    Examples
    --------
    >>> format_number(1234, "en"), format_number(1234, "it")
    ('1,234', '1.234')
    >>> format_number(0.3, "en"), format_number(0.3, "it")
    ('0.3', '0,3')
    >>> format_number(3.94, "it", decimals=1), format_number(1234567.891, "it", decimals=2)
    ('3,9', '1.234.567,89')
    >>> format_number(1234, "it", grouping=False)
    '1234'
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"format_number needs a number, not {type(value).__name__} ({value!r})")
    if decimals is not None:
        if isinstance(decimals, bool) or not isinstance(decimals, Integral):
            raise TypeError(f"decimals must be a whole number of digits, not {type(decimals).__name__}")
        if decimals < 0:
            raise ValueError(f"decimals must be 0 or more, not {decimals}")
    thousands, mark = NUMBER_MARKS[resolve_language(language)]
    group = "," if grouping else ""
    if decimals is not None:
        text = format(float(value), f"{group}.{int(decimals)}f")
    elif isinstance(value, Integral):
        text = format(int(value), f"{group}d")
    else:
        text = format(float(value), f"{group}g")
    # Python writes "," and "."; swap both in one pass.
    return text.translate({ord(","): thousands, ord("."): mark})
