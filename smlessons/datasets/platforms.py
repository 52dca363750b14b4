"""What a medium offers: the platform table of lesson 3 (its figures are in :mod:`smlessons.figures.media`).

The table lives in ``smlessons/content/data/platforms.json``, apart from the code,
so that an instructor can correct or extend it without touching Python.
Each platform has a kind, a launch year (with what that year refers to),
its main content formats, the main kinds of tie it creates between people,
its main communication patterns, a note, an ``as_of`` date, and for every
one of those facts the key of its source. The texts a student reads (the
kind, what the launch year refers to, the note) are English; each platform's
``"it"`` object gives them in Italian, and ``load_platforms(language="it")``
shows them (a table with no ``"it"`` objects at all, such as an instructor's
own, shows its English texts in every language). Its shape::

    {
      "id": "platforms",
      "title": "...",
      "about": "...",
      "sources": ["facebook-help", "wikipedia-about"],
      "platforms": [
        {"name": "Facebook", "aliases": [], "kind": "social network site",
         "launched": {"year": 2004, "what": "Opened to Harvard students ..."},
         "formats": ["text", "photo", "video", "live"],
         "ties": ["mutual", "follow", "group"],
         "patterns": ["one-to-one", "one-to-many", "many-to-many"],
         "note": "...", "as_of": "2024-12-31",
         "it": {"kind": "...", "launched": "Aperto agli studenti ...", "note": "..."},
         "source": {"kind": "...", "launched": "...", "formats": "...",
                    "ties": "...", "patterns": ["key", "another key"]}}
      ]
    }

Formats, ties and patterns come from the fixed vocabularies :data:`FORMATS`,
:data:`TIES` and :data:`PATTERNS`.

This module imports plotly, so the package's ``__init__`` does not import
it: ``from smlessons.datasets.platforms import load_platforms``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..content import DATA_DIR
from ..content.bibliography import resolve_sources
from ..content.loader import DataFileError, load, schema, validate
from ..engine.measures import MessageKeyError, fold
from ..engine.multilayer import medium
from ..i18n import N_, NC_, resolve_language, translator

__all__ = [
    "PLATFORMS_FILE",
    "FORMATS",
    "TIES",
    "PATTERNS",
    "TIE_LABELS",
    "TIE_WORDS",
    "tie_word",
    "PATTERN_LABELS",
    "PlatformFileError",
    "UnknownPlatformError",
    "Platform",
    "load_platforms",
    "platform",
    "platform_names",
    "find_medium",
]

PLATFORMS_FILE = DATA_DIR / "platforms.json"

# The vocabularies are the file's schema's (content/schemas/platforms.schema.json).
#: Content formats, in the order the figures show them.
FORMATS = tuple(schema("platforms")["$defs"]["format"]["enum"])
#: Kinds of tie between people: mutual (both agree, like a friend request),
#: one-way (follow, subscribe), membership of a group, or no tie at all.
TIES = tuple(schema("platforms")["$defs"]["tie"]["enum"])
#: Communication patterns.
PATTERNS = tuple(schema("platforms")["$defs"]["pattern"]["enum"])

#: The kinds of tie and the patterns in words, in English: show them with
#: ``translator(language).gettext(TIE_LABELS[tie])``.
TIE_LABELS = {
    "mutual": N_("Mutual (both agree)"),
    "follow": N_("One-way (follow)"),
    "group": N_("Group membership"),
    "none": N_("No ties between people"),
}
#: The kinds of tie in one word, for a table cell: in English the code itself,
#: in Italian its translation. Show them with :func:`tie_word`.
TIE_CONTEXT = "tie kind"
TIE_WORDS = {
    "mutual": NC_("tie kind", "mutual"),
    "follow": NC_("tie kind", "follow"),
    "group": NC_("tie kind", "group"),
    "none": NC_("tie kind", "none"),
}
PATTERN_LABELS = {
    "one-to-one": N_("One-to-one"),
    "one-to-many": N_("One-to-many"),
    "many-to-many": N_("Many-to-many"),
}


def tie_word(tie: str, language: str | None = None) -> str:
    """A kind of tie (one of :data:`TIES`) in one word, in `language` (default: the environment's).

    Raises
    ------
    ValueError
        If `tie` is not a kind of tie; the message names the kinds.

    Examples
    --------
    >>> tie_word("group", "en"), tie_word("group", "it"), tie_word("mutual", "it")
    ('group', 'gruppo', 'reciproco')
    """
    if tie not in TIE_WORDS:
        raise ValueError(f"unknown kind of tie {tie!r}: the kinds are {', '.join(map(repr, TIE_WORDS))}")
    return translator(language).pgettext(TIE_CONTEXT, TIE_WORDS[tie])


# The facts every platform must source.
FACT_FIELDS = ("kind", "launched", "formats", "ties", "patterns")


class PlatformFileError(DataFileError):
    """The platform data file is malformed; the message names file, JSON path (and platform) and what was expected."""


class UnknownPlatformError(MessageKeyError, ValueError):
    """A platform that is not in the data (catch it as KeyError or ValueError)."""


@dataclass(frozen=True)
class Platform:
    """One medium, as described in the platform table.

    Attributes
    ----------
    name : str
        The display name, e.g. ``"X (Twitter)"``.
    aliases : tuple of str
        Other names it is looked up by, e.g. ``("Twitter", "X")``.
    kind : str
        What kind of medium it is, e.g. ``"messaging app"`` (in the
        language the table was loaded in, like :attr:`launched_what` and
        :attr:`note`).
    launched : int
        The launch year; :attr:`launched_what` says what the year refers to.
    launched_what : str
    formats, ties, patterns : tuple of str
        Values from :data:`FORMATS`, :data:`TIES` and :data:`PATTERNS`
        (English words: the data's keys, in every language).
    note : str
        Where a classification is a judgement, why.
    as_of : str
        The date (ISO format) the description applies to.
    source_keys : dict
        ``{fact: tuple of source keys}`` for every fact in
        ``("kind", "launched", "formats", "ties", "patterns")``.
    citations : dict
        ``{source key: full citation}`` for the keys this platform uses.
    language : str
        The language of the texts and citations (``"en"`` or ``"it"``).
    """

    name: str
    aliases: tuple[str, ...]
    kind: str
    launched: int
    launched_what: str
    formats: tuple[str, ...]
    ties: tuple[str, ...]
    patterns: tuple[str, ...]
    note: str
    as_of: str
    source_keys: Mapping[str, tuple[str, ...]]
    citations: Mapping[str, str]
    language: str = "en"

    def source(self, fact: str) -> str:
        """The full citation(s) for one fact, joined with ``"; "``.

        Parameters
        ----------
        fact : str
            One of ``"kind"``, ``"launched"``, ``"formats"``, ``"ties"``,
            ``"patterns"``.

        Returns
        -------
        str

        Raises
        ------
        KeyError
            If `fact` is not one of the sourced facts.

        Examples
        --------
        >>> p = platform("Wikipedia")
        >>> p.source_keys["launched"]
        ('wikipedia-about',)
        >>> p.source("launched").startswith("Wikipedia contributors (n.d.). Wikipedia:About.")
        True
        """
        if fact not in self.source_keys:
            raise KeyError(f"{fact!r} is not a sourced fact; facts are {', '.join(FACT_FIELDS)}")
        return "; ".join(self.citations[key] for key in self.source_keys[fact])

    def __repr__(self) -> str:
        return f"Platform({self.name!r}, launched={self.launched}, ties={list(self.ties)})"


def load_platforms(path=None, *, language: str | None = None) -> dict[str, Platform]:
    """Load and validate the platform table.

    Parameters
    ----------
    path : str or path, optional
        A JSON file of the shape described in :mod:`smlessons.datasets.platforms`;
        the shipped ``data/platforms.json`` by default.
    language : str, optional
        The language of the platforms' texts and citations (``"en"``,
        ``"it"``); by default the environment's
        (:func:`smlessons.i18n.resolve_language`).

    Returns
    -------
    dict
        ``{name: Platform}`` in the file's order (by launch year in the
        shipped file).

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    PlatformFileError
        If the file is not valid JSON or not of the expected shape; the
        message names the file, the platform and the field.
    ValueError
        If `language` is not supported.

    Examples
    --------
    >>> platforms = load_platforms()
    >>> platforms["WhatsApp"].formats
    ('text', 'photo', 'video', 'voice')
    >>> platforms["Facebook"].launched
    2004
    >>> load_platforms(language="it")["WhatsApp"].kind
    'app di messaggistica'
    """
    language = resolve_language(language)
    path = Path(PLATFORMS_FILE if path is None else path)
    if not path.is_file():
        raise FileNotFoundError(f"no platform file {str(path)!r}")
    return parse_platforms(load(path, "platforms", PlatformFileError), path, checked=True, language=language)


def parse_platforms(
    data, path: Path = Path("<data>"), *, checked: bool = False, language: str | None = None
) -> dict[str, Platform]:
    """Validate the parsed JSON of a platform file (see :func:`load_platforms`).

    The file's schema and cross-field checks (:mod:`smlessons.content.loader`)
    say what is wrong; `checked` skips them for data :func:`load` has checked.
    """
    language = resolve_language(language)
    if not checked:
        validate(data, "platforms", Path(path).name, PlatformFileError)
    sources = resolve_sources(data["sources"], language)  # {key: full reference}
    out: dict[str, Platform] = {}
    for raw in data["platforms"]:
        keys = {fact: (ks,) if isinstance(ks, str) else tuple(ks) for fact, ks in raw["source"].items()}
        used = sorted({k for ks in keys.values() for k in ks})
        english = {"kind": raw["kind"], "launched": raw["launched"]["what"], "note": raw.get("note", "")}
        texts = {**english, **raw.get(language, {})} if language != "en" else english
        out[raw["name"]] = Platform(
            name=raw["name"],
            aliases=tuple(raw.get("aliases", ())),
            kind=texts["kind"],
            launched=raw["launched"]["year"],
            launched_what=texts["launched"],
            formats=tuple(raw["formats"]),
            ties=tuple(raw["ties"]),
            patterns=tuple(raw["patterns"]),
            note=texts["note"],
            as_of=raw["as_of"],
            source_keys={fact: keys[fact] for fact in FACT_FIELDS},
            citations={k: sources[k] for k in used},
            language=language,
        )
    return out


def platform(name: str, platforms: Mapping[str, Platform] | None = None, *, language: str | None = None) -> Platform:
    """Look a platform up by its name or an alias, ignoring case.

    Parameters
    ----------
    name : str
        E.g. ``"TikTok"``, ``"twitter"`` or ``"X"``.
    platforms : dict, optional
        As returned by :func:`load_platforms`; the shipped table by default.
    language : str, optional
        The language of the shipped table's texts (see :func:`load_platforms`);
        only without `platforms`, which are in the language they were loaded in.

    Returns
    -------
    Platform

    Raises
    ------
    UnknownPlatformError
        (a ``KeyError`` and a ``ValueError``) if no platform has that name;
        the message lists the known ones.
    TypeError
        If `name` is not a string.

    Examples
    --------
    >>> platform("twitter").name
    'X (Twitter)'
    >>> platform("YouTube").ties
    ('follow',)
    >>> platform("Minecraft", language="it").kind
    'videogioco'
    """
    if not isinstance(name, str):
        raise TypeError(f"a platform name must be a string, not {type(name).__name__}")
    if platforms is not None and language is not None:
        raise ValueError("give a language or a table of platforms, not both: a loaded table has its language")
    table = load_platforms(language=language) if platforms is None else platforms
    wanted = name.strip().casefold()
    for p in table.values():
        if wanted in {n.casefold() for n in (p.name, *p.aliases)}:
            return p
    raise UnknownPlatformError(f"no platform {name!r} in the data; known platforms: {', '.join(table)}")


@lru_cache(maxsize=1)
def platform_names() -> dict[str, tuple[str, bool]]:
    """``{casefolded name or alias: (platform name, creates ties between people?)}`` of the table.

    Examples
    --------
    >>> platform_names()["twitter / x"], platform_names()["wikipedia"]
    (('X (Twitter)', True), ('Wikipedia', False))
    """
    out = {}
    for p in load_platforms(language="en").values():
        for n in (p.name, *p.aliases):
            out[fold(n)] = (p.name, p.ties != ("none",))
    return out


def find_medium(G, name) -> str:
    """The medium of `G` that `name` names, knowing the table's names and aliases.

    Like :func:`smlessons.engine.multilayer.medium` (case and spaces are
    ignored), and a platform of the table is found under any of its names:
    ``"Twitter"`` finds a network's ``"X (Twitter)"`` and ``"X"`` finds its
    ``"Twitter"``.

    Raises
    ------
    EmptyNetworkError
        If `G` has no people.
    PlatformNotFoundError
        If no tie of `G` lives on that platform; the message says whether the
        platform is in the table at all, and lists the network's media.
    TypeError
        If `name` is not a string.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b", {"platform": "X (Twitter)"})])
    >>> find_medium(G, "twitter")
    'X (Twitter)'
    """
    return medium(G, name, {key: found for key, (found, _) in platform_names().items()})
