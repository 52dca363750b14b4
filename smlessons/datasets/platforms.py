"""What a medium offers: the platform table of lesson 3 (its figures are in :mod:`smlessons.figures.media`).

The table lives in ``smlessons/content/data/platforms.json``, apart from the code,
so that an instructor can correct or extend it without touching Python.
Each platform has a kind, a launch year (with what that year refers to),
its main content formats, the main kinds of tie it creates between people,
its main communication patterns, a note, an ``as_of`` date, and for every
one of those facts the key of its source. Its shape::

    {
      "id": "platforms",
      "title": "...",
      "about": "...",
      "sources": {"facebook-help": "Full citation ..."},
      "platforms": [
        {"name": "Facebook", "aliases": [], "kind": "social network site",
         "launched": {"year": 2004, "what": "Opened to Harvard students ..."},
         "formats": ["text", "photo", "video", "live"],
         "ties": ["mutual", "follow", "group"],
         "patterns": ["one-to-one", "one-to-many", "many-to-many"],
         "note": "...", "as_of": "2024-12-31",
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

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..content import DATA_DIR
from ..exercises.loader import check_fields, check_top_level
from ..i18n import N_

__all__ = [
    "PLATFORMS_FILE",
    "FORMATS",
    "TIES",
    "PATTERNS",
    "TIE_LABELS",
    "PATTERN_LABELS",
    "PlatformFileError",
    "UnknownPlatformError",
    "Platform",
    "load_platforms",
    "platform",
]

PLATFORMS_FILE = DATA_DIR / "platforms.json"

#: Content formats, in the order the figures show them.
FORMATS = ("text", "photo", "video", "voice", "live")
#: Kinds of tie between people: mutual (both agree, like a friend request),
#: one-way (follow, subscribe), membership of a group, or no tie at all.
TIES = ("mutual", "follow", "group", "none")
#: Communication patterns.
PATTERNS = ("one-to-one", "one-to-many", "many-to-many")

#: The kinds of tie and the patterns in words, in English: show them with
#: ``translator(language).gettext(TIE_LABELS[tie])``.
TIE_LABELS = {
    "mutual": N_("Mutual (both agree)"),
    "follow": N_("One-way (follow)"),
    "group": N_("Group membership"),
    "none": N_("No ties between people"),
}
PATTERN_LABELS = {
    "one-to-one": N_("One-to-one"),
    "one-to-many": N_("One-to-many"),
    "many-to-many": N_("Many-to-many"),
}

# The facts every platform must source, each with its check.
FACT_FIELDS = ("kind", "launched", "formats", "ties", "patterns")
PLATFORM_FIELDS = {
    "name": True,
    "aliases": False,
    "kind": True,
    "launched": True,
    "formats": True,
    "ties": True,
    "patterns": True,
    "note": False,
    "as_of": True,
    "source": True,
}
TOP_FIELDS = {"id": True, "title": False, "about": False, "sources": True, "platforms": True}


class PlatformFileError(ValueError):
    """The platform data file is malformed; the message names file, platform and field."""


class UnknownPlatformError(KeyError, ValueError):
    """A platform that is not in the data (catch it as KeyError or ValueError)."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0]) if self.args else ""


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
        What kind of medium it is, e.g. ``"messaging app"``.
    launched : int
        The launch year; :attr:`launched_what` says what the year refers to.
    launched_what : str
    formats, ties, patterns : tuple of str
        Values from :data:`FORMATS`, :data:`TIES` and :data:`PATTERNS`.
    note : str
        Where a classification is a judgement, why.
    as_of : str
        The date (ISO format) the description applies to.
    source_keys : dict
        ``{fact: tuple of source keys}`` for every fact in
        ``("kind", "launched", "formats", "ties", "patterns")``.
    citations : dict
        ``{source key: full citation}`` for the keys this platform uses.
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
        >>> p.source("launched").startswith("Wikipedia contributors. Wikipedia:About.")
        True
        """
        if fact not in self.source_keys:
            raise KeyError(f"{fact!r} is not a sourced fact; facts are {', '.join(FACT_FIELDS)}")
        return "; ".join(self.citations[key] for key in self.source_keys[fact])

    def __repr__(self) -> str:
        return f"Platform({self.name!r}, launched={self.launched}, ties={list(self.ties)})"


def load_platforms(path=None) -> dict[str, Platform]:
    """Load and validate the platform table.

    Parameters
    ----------
    path : str or path, optional
        A JSON file of the shape described in :mod:`smlessons.datasets.platforms`;
        the shipped ``data/platforms.json`` by default.

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

    Examples
    --------
    >>> platforms = load_platforms()
    >>> platforms["WhatsApp"].formats
    ('text', 'photo', 'video', 'voice')
    >>> platforms["Facebook"].launched
    2004
    """
    path = Path(PLATFORMS_FILE if path is None else path)
    if not path.is_file():
        raise FileNotFoundError(f"no platform file {str(path)!r}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlatformFileError(f"{path.name}: not valid JSON ({exc})") from None
    return parse_platforms(data, path)


def parse_platforms(data, path: Path = Path("<data>")) -> dict[str, Platform]:
    """Validate the parsed JSON of a platform file (see :func:`load_platforms`)."""
    fname = Path(path).name

    def fail(msg: str):
        raise PlatformFileError(f"{fname}: {msg}")

    check_top_level(data, TOP_FIELDS, fail)
    sources = data["sources"]
    raw_platforms = data["platforms"]
    if not isinstance(raw_platforms, list) or not raw_platforms:
        fail("field 'platforms' must be a non-empty list")
    out: dict[str, Platform] = {}
    names: dict[str, str] = {}  # every name and alias, casefolded -> platform name
    for i, raw in enumerate(raw_platforms):
        p = _parse_platform(raw, i, sources, fail)
        for n in (p.name, *p.aliases):
            other = names.get(n.casefold())
            if other is not None:
                fail(f"platform {i} ({p.name!r}): the name {n!r} is already used by {other!r}")
            names[n.casefold()] = p.name
        out[p.name] = p
    return out


def _parse_platform(raw, i: int, sources: dict, fail) -> Platform:
    if not isinstance(raw, dict):
        fail(f"platform {i} must be an object, not {type(raw).__name__}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        fail(f"platform {i}: field 'name' must be a non-empty string")
    where = f"platform {i} ({name!r})"

    def fail_field(field: str, msg: str):
        fail(f"{where}: field {field!r} {msg}")

    check_fields(raw, PLATFORM_FIELDS, fail, where)

    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        fail_field("aliases", "must be a list of non-empty strings")
    for key in ("kind", "note"):
        value = raw.get(key, "")
        if not isinstance(value, str) or (key == "kind" and not value.strip()):
            fail_field(key, "must be a non-empty string" if key == "kind" else "must be a string")

    as_of = raw["as_of"]
    try:
        as_of_date = datetime.date.fromisoformat(as_of) if isinstance(as_of, str) else None
    except ValueError:
        as_of_date = None
    if as_of_date is None:
        fail_field("as_of", f"must be a date like '2024-12-31', not {as_of!r}")

    launched = raw["launched"]
    if not isinstance(launched, dict) or set(launched) != {"year", "what"}:
        fail_field("launched", "must be an object with exactly 'year' and 'what'")
    year = launched["year"]
    if not isinstance(year, int) or isinstance(year, bool) or not 1970 <= year <= as_of_date.year:
        fail_field("launched", f"year must be a whole number between 1970 and the as_of year, not {year!r}")
    if not isinstance(launched["what"], str) or not launched["what"].strip():
        fail_field("launched", "needs 'what': a sentence saying what the year refers to")

    lists = {}
    for key, vocabulary in (("formats", FORMATS), ("ties", TIES), ("patterns", PATTERNS)):
        values = raw[key]
        if not isinstance(values, list) or not values:
            fail_field(key, "must be a non-empty list")
        for v in values:
            if v not in vocabulary:
                fail_field(key, f"has {v!r}, which is not one of {', '.join(vocabulary)}")
        if len(set(values)) != len(values):
            fail_field(key, "lists a value twice")
        lists[key] = tuple(values)
    if "none" in lists["ties"] and len(lists["ties"]) > 1:
        fail_field("ties", "cannot list 'none' together with other ties")

    source = raw["source"]
    if not isinstance(source, dict):
        fail_field("source", "must map each fact to a source key or a list of keys")
    keys: dict[str, tuple[str, ...]] = {}
    for fact in FACT_FIELDS:
        if fact not in source:
            fail_field("source", f"has no source for {fact!r} (every fact needs one)")
        ks = source[fact]
        ks = [ks] if isinstance(ks, str) else ks
        if not isinstance(ks, list) or not ks:
            fail_field("source", f"for {fact!r} must be a source key or a non-empty list of keys")
        for k in ks:
            if k not in sources:
                fail_field("source", f"for {fact!r} is {k!r}, which is not a key of 'sources'")
        keys[fact] = tuple(ks)
    extra = sorted(set(source) - set(FACT_FIELDS))
    if extra:
        fail_field("source", f"names {extra[0]!r}, which is not a fact (facts are {', '.join(FACT_FIELDS)})")

    used = {k for ks in keys.values() for k in ks}
    return Platform(
        name=name,
        aliases=tuple(aliases),
        kind=raw["kind"],
        launched=year,
        launched_what=launched["what"],
        formats=lists["formats"],
        ties=lists["ties"],
        patterns=lists["patterns"],
        note=raw.get("note", ""),
        as_of=as_of,
        source_keys=keys,
        citations={k: sources[k] for k in sorted(used)},
    )


def platform(name: str, platforms: Mapping[str, Platform] | None = None) -> Platform:
    """Look a platform up by its name or an alias, ignoring case.

    Parameters
    ----------
    name : str
        E.g. ``"TikTok"``, ``"twitter"`` or ``"X"``.
    platforms : dict, optional
        As returned by :func:`load_platforms`; the shipped table by default.

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
    """
    if not isinstance(name, str):
        raise TypeError(f"a platform name must be a string, not {type(name).__name__}")
    table = load_platforms() if platforms is None else platforms
    wanted = name.strip().casefold()
    for p in table.values():
        if wanted in {n.casefold() for n in (p.name, *p.aliases)}:
            return p
    raise UnknownPlatformError(f"no platform {name!r} in the data; known platforms: {', '.join(table)}")
