"""The course's bibliography (``bibliography.json``, CSL-JSON): one entry per source, cited by key.

Every source a lesson or a data file cites is an entry of
``smlessons/content/bibliography.json``, a list of CSL-JSON items
(https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), each
with its ``id`` (the key), authors, date, title, container, and DOI or URL.
Lessons and data files cite a key; this module renders it:

- :func:`reference` the full reference, in English or Italian, as plain text
  or Markdown (titles of journals and books in italics);
- :func:`cite` the short form, e.g. ``"Granovetter (1973)"``;
- :func:`resolve_sources` a data file's ``sources`` field (a list of keys,
  each optionally with a note such as a chapter) as ``{key: reference}``.

A handful of entries are the course's own material (``type: "document"``,
author ``smlessons``: its conventions, its synthetic networks): exercises
cite them as the ground of an answer, and they render as the statement in
their ``custom`` field.

Language versions of a field live in ``custom.it`` (e.g. an Italian note, or
the official Italian title, journal and author of a European law).

A lesson's references cell lists its sources one per line, each line made
by :func:`reference_line`: ``- <!-- cite: KEY -->`` (invisible once
rendered) followed by the entry's reference, in the lesson's language, with
what the lesson adds (a chapter) as its note. ``tests/test_bibliography.py``
checks that every line is exactly that.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..i18n import N_, translator
from . import CONTENT_DIR

__all__ = [
    "BIBLIOGRAPHY_FILE",
    "BibliographyError",
    "load_bibliography",
    "reference",
    "cite",
    "resolve_sources",
    "reference_line",
    "KEY",
]

#: The bibliography shipped with the course.
BIBLIOGRAPHY_FILE = CONTENT_DIR / "bibliography.json"
#: What a key looks like.
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: The CSL types the bibliography uses, and the fields each must have.
REQUIRED = {
    "article-journal": ("author", "issued", "title", "container-title", "volume", "page"),
    "paper-conference": ("author", "issued", "title", "container-title", "page"),
    "book": ("author", "issued", "title", "publisher"),
    "entry-encyclopedia": ("author", "title", "container-title", "publisher", "URL"),
    "webpage": ("author", "title", "URL"),
    "post-weblog": ("author", "title"),
    "legislation": ("author", "issued", "title"),
    "dataset": ("author", "issued", "title", "publisher"),
    "software": ("title", "publisher", "URL"),
    "document": ("author", "title", "custom"),
}
_FIELDS = {
    "id", "type", "author", "editor", "issued", "title", "container-title", "volume", "issue", "page", "publisher",
    "edition", "genre", "note", "DOI", "URL", "language", "custom",
}  # fmt: skip
# The words a reference is written with, as catalog messages (see smlessons.i18n).
_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
_WORDS = {
    "n.d.": N_("n.d."),  # no date
    "In": N_("In"),  # a chapter in a book
    "Ed.": N_("Ed."),  # the editor of a book
    "et al.": N_("et al."),
}
_LANGUAGES = ("en", "it")


def _words(language: str) -> dict:
    t = translator(language)
    return {k: t.gettext(v) for k, v in _WORDS.items()}


class BibliographyError(ValueError):
    """The bibliography is malformed, or a key is not in it; the message says which entry and field."""


# ---------------------------------------------------------------------------
# loading


def _check_names(value, where: str, fail) -> None:
    if not isinstance(value, list) or not value:
        fail(f"{where} must be a non-empty list of names")
    for name in value:
        if not isinstance(name, dict) or not (
            (set(name) == {"literal"} and isinstance(name["literal"], str) and name["literal"].strip())
            or (set(name) == {"family", "given"} and all(isinstance(v, str) and v.strip() for v in name.values()))
        ):
            fail(f"{where}: {name!r} is not a name ({{'family', 'given'}} or {{'literal'}})")


def parse_bibliography(data, name: str = "bibliography.json") -> dict[str, dict]:
    """Check a bibliography already read from JSON; ``{key: entry}``.

    Raises
    ------
    BibliographyError
        Naming `name`, the entry and the field.

    Examples
    --------
    >>> parse_bibliography([{"id": "x-1999", "type": "book", "title": "X"}], "demo.json")
    Traceback (most recent call last):
    ...
    smlessons.content.bibliography.BibliographyError: demo.json: entry 0 ('x-1999'): a book needs 'author'
    """

    def fail(message: str):
        raise BibliographyError(f"{name}: {message}")

    if not isinstance(data, list) or not data:
        fail("must be a non-empty list of CSL-JSON items")
    out: dict[str, dict] = {}
    for i, entry in enumerate(data):
        if not isinstance(entry, dict):
            fail(f"entry {i} must be an object")
        key = entry.get("id")
        where = f"entry {i}" + (f" ({key!r})" if isinstance(key, str) else "")
        if not isinstance(key, str) or not KEY.match(key):
            fail(f"{where}: field 'id' must be a key (lower-case words joined by '-'), got {key!r}")
        if key in out:
            fail(f"{where}: id {key!r} is used by an earlier entry")
        kind = entry.get("type")
        if kind not in REQUIRED:
            fail(f"{where}: field 'type' must be one of {', '.join(REQUIRED)}, got {kind!r}")
        unknown = sorted(set(entry) - _FIELDS)
        if unknown:
            fail(f"{where}: unknown field {unknown[0]!r}")
        for field in REQUIRED[kind]:
            if field not in entry:
                fail(f"{where}: a {kind} needs {field!r}")
        if "author" not in entry and "editor" not in entry:
            fail(f"{where}: needs 'author' or 'editor'")
        for field in ("author", "editor"):
            if field in entry:
                _check_names(entry[field], f"{where}: field {field!r}", fail)
        if "issued" in entry:
            parts = entry["issued"].get("date-parts") if isinstance(entry["issued"], dict) else None
            if (
                not isinstance(parts, list)
                or len(parts) != 1
                or not isinstance(parts[0], list)
                or not 1 <= len(parts[0]) <= 3
                or not all(isinstance(p, int) and not isinstance(p, bool) for p in parts[0])
            ):
                fail(f"{where}: field 'issued' must be {{'date-parts': [[year, month, day]]}}, got {entry['issued']!r}")
        for field in (
            "title",
            "container-title",
            "volume",
            "issue",
            "page",
            "publisher",
            "edition",
            "genre",
            "note",
            "DOI",
            "URL",
        ):
            if field in entry and (not isinstance(entry[field], str) or not entry[field].strip() and field != "genre"):
                fail(f"{where}: field {field!r} must be a non-empty string")
        if "DOI" in entry and not re.match(r"^10\.\d{4,9}/\S+$", entry["DOI"]):
            fail(f"{where}: field 'DOI' must be a bare DOI such as 10.1086/225469, got {entry['DOI']!r}")
        if "URL" in entry and not re.match(r"^https?://\S+$", entry["URL"]):
            fail(f"{where}: field 'URL' must be a web address, got {entry['URL']!r}")
        if kind == "document" and not (
            isinstance(entry["custom"], dict) and isinstance(entry["custom"].get("statement"), str)
        ):
            fail(f"{where}: the course's own material needs custom.statement, the text to cite")
        out[key] = entry
    return out


@lru_cache(maxsize=4)
def _load(path: str) -> dict[str, dict]:
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BibliographyError(f"{file}: no such bibliography") from None
    except ValueError as exc:
        raise BibliographyError(f"{file.name}: not valid JSON: {exc}") from None
    return parse_bibliography(data, file.name)


def load_bibliography(path=None) -> dict[str, dict]:
    """``{key: CSL-JSON entry}`` of the bibliography at `path` (default: the course's).

    >>> load_bibliography()["granovetter-1973"]["DOI"]
    '10.1086/225469'
    """
    return _load(str(Path(path) if path is not None else BIBLIOGRAPHY_FILE))


def _entry(key: str, path=None) -> dict:
    entries = load_bibliography(path)
    if key not in entries:
        raise BibliographyError(f"{key!r} is not a key of the bibliography (smlessons/content/bibliography.json)")
    return entries[key]


# ---------------------------------------------------------------------------
# rendering


def _field(entry: dict, name: str, language: str):
    local = entry.get("custom", {}).get(language, {}) if language != "en" else {}
    return local.get(name, entry.get(name))


def _name(name: dict) -> str:
    return name["literal"] if "literal" in name else f"{name['family']}, {name['given']}"


def _names(names: list) -> str:
    full = [_name(n) for n in names]
    if len(full) == 1:
        return full[0]
    return ", ".join(full[:-1]) + ", & " + full[-1]


def _date(entry: dict, language: str) -> str:
    if "issued" not in entry:
        return _words(language)["n.d."]
    parts = entry["issued"]["date-parts"][0]
    if len(parts) == 3 and entry["type"] == "post-weblog":
        month = translator(language).gettext(_MONTHS[parts[1] - 1])
        return f"{parts[0]}, {month} {parts[2]}" if language == "en" else f"{parts[0]}, {parts[2]} {month}"
    return str(parts[0])


def _edition(entry: dict, language: str) -> str:
    edition = entry.get("edition")
    if not edition:
        return ""
    if language == "it":
        return f" ({edition}ª ed.)"
    n = int(edition)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f" ({n}{suffix} ed.)"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def reference(key: str, language: str = "en", *, markdown: bool = False, note: str = "", path=None) -> str:
    """The full reference of `key`, APA style.

    Parameters
    ----------
    key : str
        An entry's ``id``.
    language : str
        ``"en"`` or ``"it"`` (the words around the data: "n.d." / "s.d.", an Italian note).
    markdown : bool
        Titles of journals, books and sites in ``*italics*``.
    note : str
        What the citing text adds (a chapter, sections), placed before the DOI or URL.

    Raises
    ------
    BibliographyError
        If `key` is not in the bibliography.

    Examples
    --------
    >>> reference("granovetter-1973")
    'Granovetter, M. S. (1973). The strength of weak ties. American Journal of Sociology, 78(6), 1360–1380. https://doi.org/10.1086/225469'
    >>> reference("newman-2018", markdown=True, note="Reciprocity.")
    'Newman, M. (2018). *Networks* (2nd ed.). Oxford University Press. Reciprocity. https://doi.org/10.1093/oso/9780198805090.001.0001'
    >>> reference("nobody-2000")
    Traceback (most recent call last):
    ...
    smlessons.content.bibliography.BibliographyError: 'nobody-2000' is not a key of the bibliography (smlessons/content/bibliography.json)
    """
    if language not in _LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(_LANGUAGES)}, got {language!r}")
    entry = _entry(key, path)
    kind = entry["type"]
    if kind == "document":
        custom = entry["custom"]
        text = (
            custom.get(language, {}).get("statement", custom["statement"]) if language != "en" else custom["statement"]
        )
        return f"{text} {note}".strip() if note else text

    def it(text: str) -> str:
        return f"*{text}*" if markdown else text

    words = _words(language)
    if "author" in entry:
        who = _names(_field(entry, "author", language))
    else:
        who = f"{_names(entry['editor'])} ({words['Ed.']})"
    parts = [f"{who} ({_date(entry, language)})."]
    title = _field(entry, "title", language)  # an official translation (a law's), when the entry has one
    container = _field(entry, "container-title", language)
    pages = entry.get("page", "").replace("-", "–")
    genre = _field(entry, "genre", language)
    extra = _field(entry, "note", language)
    bracket = "; ".join(x for x in (genre, extra) if x)
    bracket = f" [{bracket}]" if bracket else ""
    if kind in ("article-journal", "legislation") and container:
        issue = f"({entry['issue']})" if entry.get("issue") else ""
        parts.append(f"{_sentence(title)} {it(container)}, {entry['volume']}{issue}, {pages}.")
    elif kind == "paper-conference":
        parts.append(f"{_sentence(title)} {it(container)}, {pages}.")
    elif kind == "book":
        parts.append(f"{it(title)}{_edition(entry, language)}. {entry['publisher']}.")
    elif kind == "entry-encyclopedia":
        parts.append(f"{title}. {words['In']} {it(container)}. {_sentence(entry['publisher'])}")
    elif kind == "post-weblog" and container:
        parts.append(f"{title}{bracket}. {it(container)}.")
    else:  # webpage, post-weblog without a blog name, legislation without a journal, dataset, software
        parts.append(f"{it(title)}{bracket}.")
        for field in ("container-title", "publisher"):
            if entry.get(field):
                parts.append(_sentence(entry[field]))
    if note:
        parts.append(_sentence(note))
    if entry.get("DOI"):
        parts.append(f"https://doi.org/{entry['DOI']}")
    elif entry.get("URL"):
        parts.append(entry["URL"])
    return " ".join(parts)


def reference_line(key: str, language: str = "en", note: str = "", *, path=None) -> str:
    """One line of a lesson's references cell (Markdown), the key kept in an HTML comment.

    >>> reference_line("freeman-1977")
    '- <!-- cite: freeman-1977 -->Freeman, L. C. (1977). A set of measures of centrality based on betweenness. *Sociometry*, 40(1), 35–41. https://doi.org/10.2307/3033543'
    """
    return f"- <!-- cite: {key} -->{reference(key, language, markdown=True, note=note, path=path)}"


def cite(key: str, language: str = "en", *, path=None) -> str:
    """The short citation of `key`, as in the text: ``"Granovetter (1973)"``.

    >>> cite("boyd-ellison-2007"), cite("kivela-2014"), cite("gentile", "it")
    ('boyd & Ellison (2007)', 'Kivelä et al. (2014)', 'Gentile (s.d.)')
    """
    entry = _entry(key, path)
    if entry["type"] == "document":
        return entry["title"]
    names = entry.get("author") or entry["editor"]
    short = [n.get("literal") or n["family"] for n in names]
    if len(short) == 1:
        who = short[0]
    elif len(short) == 2:
        who = f"{short[0]} & {short[1]}"
    else:
        who = f"{short[0]} {_words(language)['et al.']}"
    year = _date(entry, language).split(",")[0]
    return f"{who} ({year})"


# ---------------------------------------------------------------------------
# data files


def resolve_sources(raw, language: str = "en", *, path=None) -> dict[str, str]:
    """A data file's ``sources`` field as ``{key: full reference}``.

    The course's files give a list of bibliography keys, each a string or
    ``{"key": ..., "note": ..., "lang": ...}`` (``note``: what the file adds,
    a chapter or sections; ``lang``: the language to render this one in, when
    it is not `language`).
    A course's own files may instead write their citations out, as an object
    ``{key: citation}``; an empty object means no sources (a student's copy).

    Raises
    ------
    ValueError
        Saying what is wrong (a key that is not in the bibliography, a key
        listed twice, an empty citation).

    Examples
    --------
    >>> resolve_sources(["freeman-1977"])["freeman-1977"][:40]
    'Freeman, L. C. (1977). A set of measures'
    >>> resolve_sources([{"key": "wasserman-faust-1994", "note": "Chapter 8."}])["wasserman-faust-1994"]
    'Wasserman, S., & Faust, K. (1994). Social Network Analysis: Methods and Applications. Cambridge University Press. Chapter 8. https://doi.org/10.1017/CBO9780511815478'
    >>> resolve_sources({"a": "An article."})
    {'a': 'An article.'}
    >>> resolve_sources(["no-such-key"])
    Traceback (most recent call last):
    ...
    ValueError: field 'sources': 'no-such-key' is not a key of the bibliography (smlessons/content/bibliography.json)
    """
    if isinstance(raw, dict):
        if not all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in raw.items()):
            raise ValueError("field 'sources' must map keys to non-empty citation strings")
        return dict(raw)
    if not isinstance(raw, list):
        raise ValueError(
            "field 'sources' must be a list of bibliography keys (or map keys to non-empty citation strings)"
        )
    out: dict[str, str] = {}
    for i, item in enumerate(raw):
        lang = language
        if (
            isinstance(item, dict)
            and "key" in item
            and set(item) <= {"key", "note", "lang"}
            and all(isinstance(item.get(f, "x"), str) and item.get(f, "x").strip() for f in ("note", "lang"))
        ):
            key, note, lang = item["key"], item.get("note", ""), item.get("lang", language)
        elif isinstance(item, str):
            key, note = item, ""
        else:
            raise ValueError(
                f"field 'sources': item {i} must be a bibliography key or {{'key': ..., 'note': ..., 'lang': ...}}, "
                f"got {item!r}"
            )
        if not isinstance(key, str):
            raise ValueError(f"field 'sources': item {i}: the key must be a string, got {key!r}")
        if key in out:
            raise ValueError(f"field 'sources': {key!r} is listed twice")
        try:
            out[key] = reference(key, lang, note=note, path=path)
        except (BibliographyError, ValueError) as exc:
            raise ValueError(f"field 'sources': {exc}") from None
    return out
