"""The lessons manifest (``lessons.json``): which lessons there are, in order.

One lesson goes by several names: its notebook (one per language), the
exercise files it uses (``exercises/*.json``, each with an ``id``), and the
sample assessment an instructor hands out for it (an nbgrader assignment
folder ``instructors/source/lessonN`` and its keys in ``instructors/keys/``).
The manifest joins them, with the minutes each notebook states at its top.
Its shape::

    {
      "about": "...",
      "lessons": [
        {"id": "media-and-networks", "number": 1, "kind": "lesson",
         "languages": {
           "en": {"notebook": "01-media-and-networks.ipynb",
                  "title": "Lesson 1: Social media and social networks",
                  "minutes": {"teaching": 21, "exercises": 32},
                  "exercises": [{"file": "lesson01_questions.json", "id": "lesson01-questions"}]},
           "it": {"notebook": "it/01-media-e-reti.ipynb", ...}},
         "titles": {"de": "Lektion 1: ..."},
         "assessment": {"assignment": "lesson1", "folder": "instructors/source/lesson1",
                        "notebook": "media-or-network.ipynb", "minutes": 18,
                        "keys": [{"file": "lesson01_assessment_board.json",
                                  "id": "lesson01-assessment-board"}],
                        "languages": {"it": {"assignment": "lesson1-it",
                                             "folder": "instructors/source/lesson1-it",
                                             "notebook": "media-o-rete.ipynb", "minutes": 18,
                                             "keys": [{"file": "lesson01_assessment_board_it.json",
                                                       "id": "lesson01-assessment-board-it"}]}}}},
        ...
      ]
    }

``kind`` is ``"start"`` (the start-here page), ``"lesson"`` or
``"reference"`` (the glossary: no number, no minutes, not a lesson to
assign). ``minutes`` is ``{"teaching": T, "exercises": E}`` as the
notebook's header states them, ``{"about": N}`` for a page that states no
time (the instructor guide's estimate), or ``null``. Notebook paths are
relative to the ``notebooks/`` folder; ``en`` is required. ``titles``
(optional) gives the lesson's title in a language it has no notebook in
yet, for the pages of that language that list it (``smlessons links --lang
it`` shows the Italian title of an English lesson, marked "in inglese").
An assessment's ``languages`` (optional) gives the same assignment in
another language, an nbgrader assignment of its own: its name is the
English one plus ``-<code>``, its key files the English ones plus
``_<code>`` (ids plus ``-<code>``), in the same order, and the same minutes.

:func:`load_lessons` reads and checks the file; a malformed one raises
:class:`LessonsFileError` naming the file, the lesson and the field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath

from . import CONTENT_DIR

__all__ = [
    "LESSONS_FILE",
    "KINDS",
    "Assessment",
    "ExerciseRef",
    "Lesson",
    "LessonsFileError",
    "Minutes",
    "Version",
    "load_lessons",
    "lesson",
    "notebooks",
    "parse_lessons",
]

#: The manifest shipped with the course.
LESSONS_FILE = CONTENT_DIR / "lessons.json"
#: What an entry can be.
KINDS = ("start", "lesson", "reference")

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG = re.compile(r"^[a-z]{2}$")


class LessonsFileError(ValueError):
    """The lessons manifest is malformed; the message names the file, the lesson and the field."""


@dataclass(frozen=True)
class Minutes:
    """The time a notebook states: teaching plus exercises, or an estimate (``about``)."""

    teaching: int | None = None
    exercises: int | None = None
    about: int | None = None

    @property
    def total(self) -> int:
        """Teaching plus exercises, or the estimate.

        >>> Minutes(21, 32).total, Minutes(about=10).total
        (53, 10)
        """
        return self.about if self.about is not None else self.teaching + self.exercises

    @property
    def stated(self) -> bool:
        """True when the notebook itself states the time (not an estimate)."""
        return self.about is None


@dataclass(frozen=True)
class ExerciseRef:
    """An exercise file (in ``smlessons/content/exercises`` or ``instructors/keys``) and its ``id``."""

    file: str
    id: str

    @property
    def stem(self) -> str:
        """The name ``from_exercise`` takes: the file name without ``.json``."""
        return self.file[: -len(".json")]


@dataclass(frozen=True)
class Version:
    """A lesson in one language."""

    language: str
    notebook: str
    title: str
    minutes: Minutes | None
    exercises: tuple[ExerciseRef, ...]

    @property
    def stem(self) -> str:
        """The notebook's name without folder and ``.ipynb`` (what exercise files call ``notebook``)."""
        return PurePosixPath(self.notebook).stem


@dataclass(frozen=True)
class Assessment:
    """The sample nbgrader assignment of a lesson."""

    assignment: str
    folder: str
    notebook: str
    minutes: int
    keys: tuple[ExerciseRef, ...]
    #: The language of the assignment's notebook and files.
    language: str = "en"
    #: The same assignment in other languages: a language code to its :class:`Assessment`.
    translations: dict = field(default_factory=dict)

    @property
    def versions(self) -> tuple[Assessment, ...]:
        """This assignment, then its translations (one nbgrader assignment each)."""
        return (self, *self.translations.values())

    def version(self, language: str) -> Assessment | None:
        """The assignment in `language`, or None."""
        return self if language == self.language else self.translations.get(language)


@dataclass(frozen=True)
class Lesson:
    """One entry of the manifest."""

    id: str
    number: int | None
    kind: str
    languages: dict
    assessment: Assessment | None = None
    #: Titles in languages the lesson has no notebook in yet.
    titles: dict = field(default_factory=dict)

    @property
    def en(self) -> Version:
        """The English version (always there)."""
        return self.languages["en"]

    def version(self, language: str) -> Version | None:
        """The version in `language`, or None."""
        return self.languages.get(language)

    def title(self, language: str) -> str:
        """The lesson's title in `language`: its notebook's, else the one of ``titles``, else the English one.

        >>> entry = lesson("python-you-need")
        >>> entry.title("it"), entry.title("en"), entry.title("de")
        ('Lezione 2: Il Python che serve', 'Lesson 2: The Python you need', 'Lesson 2: The Python you need')
        """
        if language in self.languages:
            return self.languages[language].title
        return self.titles.get(language, self.en.title)


# ---------------------------------------------------------------------------


def _fields(raw, where: str, required: dict, optional: dict, fail) -> dict:
    """Check that `raw` is an object with the `required` fields, only known fields, each of its type."""
    if not isinstance(raw, dict):
        fail(f"{where} must be an object, got {type(raw).__name__}")
    for name in required:
        if name not in raw:
            fail(f"{where}: missing field {name!r}")
    unknown = sorted(set(raw) - set(required) - set(optional))
    if unknown:
        fail(f"{where}: unknown field {unknown[0]!r} (known: {', '.join(sorted({**required, **optional}))})")
    for name, types in {**required, **optional}.items():
        if name in raw and not isinstance(raw[name], types):
            wanted = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            fail(f"{where}: field {name!r} must be {wanted}, got {raw[name]!r}")
    return raw


def _count(value, where: str, fail) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        fail(f"{where} must be a positive whole number of minutes, got {value!r}")
    return value


def _minutes(raw, where: str, fail) -> Minutes | None:
    if raw is None:
        return None
    if isinstance(raw, dict) and "about" in raw:
        _fields(raw, where, {"about": (int,)}, {}, fail)
        return Minutes(about=_count(raw["about"], f"{where}.about", fail))
    _fields(raw, where, {"teaching": (int,), "exercises": (int,)}, {}, fail)
    return Minutes(
        _count(raw["teaching"], f"{where}.teaching", fail), _count(raw["exercises"], f"{where}.exercises", fail)
    )


def _relative(value: str, where: str, suffix: str, fail) -> str:
    path = PurePosixPath(value)
    if not value.endswith(suffix) or path.is_absolute() or ".." in path.parts or "\\" in value or not path.name:
        fail(f"{where} must be a relative path ending in {suffix} (no '..'), got {value!r}")
    return value


def _exercises(raw, where: str, fail) -> tuple[ExerciseRef, ...]:
    out = []
    for j, ref in enumerate(raw):
        here = f"{where}[{j}]"
        _fields(ref, here, {"file": (str,), "id": (str,)}, {}, fail)
        name = ref["file"]
        if "/" in name or not name.endswith(".json") or name == ".json":
            fail(f"{here}: field 'file' must be a file name ending in .json, got {name!r}")
        if not ref["id"].strip():
            fail(f"{here}: field 'id' must not be empty")
        out.append(ExerciseRef(name, ref["id"]))
    files = [e.file for e in out]
    for name in files:
        if files.count(name) > 1:
            fail(f"{where}: {name!r} is listed twice")
    return tuple(out)


def _version(raw, language: str, where: str, fail) -> Version:
    _fields(
        raw,
        where,
        {"notebook": (str,), "title": (str,), "minutes": (dict, type(None)), "exercises": (list,)},
        {},
        fail,
    )
    if not raw["title"].strip():
        fail(f"{where}: field 'title' must not be empty")
    return Version(
        language=language,
        notebook=_relative(raw["notebook"], f"{where}: field 'notebook'", ".ipynb", fail),
        title=raw["title"],
        minutes=_minutes(raw["minutes"], f"{where}.minutes", fail),
        exercises=_exercises(raw["exercises"], f"{where}.exercises", fail),
    )


def _titles(raw: dict, versions: dict, where: str, fail) -> dict:
    """The titles in languages with no notebook: a language code to a non-empty title."""
    for language, title in raw.items():
        if not _LANG.match(language):
            fail(f"{where}: {language!r} is not a two-letter language code")
        if language in versions:
            fail(f"{where}: {language!r} has a notebook: its title is languages.{language}.title")
        if not isinstance(title, str) or not title.strip():
            fail(f"{where}.{language} must be a non-empty title, got {title!r}")
    return dict(raw)


def _assessment(raw, where: str, fail, english: Assessment | None = None, language: str = "en") -> Assessment:
    _fields(
        raw,
        where,
        {"assignment": (str,), "folder": (str,), "notebook": (str,), "minutes": (int,), "keys": (list,)},
        {} if english else {"languages": (dict,)},
        fail,
    )
    if english is not None and raw["assignment"] != f"{english.assignment}-{language}":
        fail(f"{where}: field 'assignment' must be {english.assignment}-{language}, got {raw['assignment']!r}")
    if not _ID.match(raw["assignment"]):
        fail(f"{where}: field 'assignment' must be a folder name such as 'lesson1', got {raw['assignment']!r}")
    folder = PurePosixPath(raw["folder"])
    if folder.is_absolute() or ".." in folder.parts or folder.name != raw["assignment"]:
        fail(f"{where}: field 'folder' must be a relative path ending in the assignment's name, got {raw['folder']!r}")
    if "/" in raw["notebook"] or not raw["notebook"].endswith(".ipynb"):
        fail(f"{where}: field 'notebook' must be a notebook's file name, got {raw['notebook']!r}")
    keys = _exercises(raw["keys"], f"{where}.keys", fail)
    if not keys:
        fail(f"{where}: field 'keys' must name at least one key file")
    if english is not None:
        _translated_assessment(raw, keys, english, language, where, fail)
    assessment = Assessment(
        raw["assignment"],
        raw["folder"],
        raw["notebook"],
        _count(raw["minutes"], f"{where}.minutes", fail),
        keys,
        language,
    )
    translations = {}
    for code, version in raw.get("languages", {}).items():
        if not _LANG.match(code) or code == "en":
            fail(f"{where}: languages: {code!r} is not a two-letter code of a language other than en")
        translations[code] = _assessment(version, f"{where}: languages.{code}", fail, assessment, code)
    return replace(assessment, translations=translations)


def _translated_assessment(raw, keys, english: Assessment, language: str, where: str, fail) -> None:
    """A translation is the English assignment under other names: ``lesson1-it``, ``*_it.json``, ids ``*-it``."""
    if raw["notebook"] == english.notebook:
        fail(f"{where}: field 'notebook' must name the {language} notebook, not the English {english.notebook!r}")
    if raw["minutes"] != english.minutes:
        fail(f"{where}: field 'minutes' must be the English assignment's {english.minutes}, got {raw['minutes']!r}")
    wanted = [(f"{PurePosixPath(k.file).stem}_{language}.json", f"{k.id}-{language}") for k in english.keys]
    got = [(k.file, k.id) for k in keys]
    if got != wanted:
        fail(f"{where}: field 'keys' must be the English keys' translations, in order: {wanted}, got {got}")


def parse_lessons(data, name: str = "lessons.json") -> tuple[Lesson, ...]:
    """Check a manifest already read from JSON; the lessons in order.

    Raises
    ------
    LessonsFileError
        Naming `name`, the lesson (by position and id) and the field.

    Examples
    --------
    >>> parse_lessons({"lessons": [{"id": "x", "number": 1, "kind": "lessen", "languages": {}}]}, "demo.json")
    Traceback (most recent call last):
    ...
    smlessons.content.lessons.LessonsFileError: demo.json: lesson 0 ('x'): field 'kind' must be one of start, lesson, reference, got 'lessen'
    """

    def fail(message: str):
        raise LessonsFileError(f"{name}: {message}")

    _fields(data, "the file", {"lessons": (list,)}, {"about": (str,)}, fail)
    if not data["lessons"]:
        fail("field 'lessons' is empty")
    lessons: list[Lesson] = []
    seen_notebooks: dict[str, str] = {}
    for i, raw in enumerate(data["lessons"]):
        label = raw.get("id") if isinstance(raw, dict) else None
        where = f"lesson {i}" + (f" ({label!r})" if isinstance(label, str) else "")
        _fields(
            raw,
            where,
            {"id": (str,), "number": (int, type(None)), "kind": (str,), "languages": (dict,)},
            {"assessment": (dict,), "titles": (dict,)},
            fail,
        )
        if not _ID.match(raw["id"]):
            fail(f"{where}: field 'id' must be lower-case words joined by '-', got {raw['id']!r}")
        if raw["id"] in {lesson.id for lesson in lessons}:
            fail(f"{where}: id {raw['id']!r} is used by an earlier lesson")
        if raw["kind"] not in KINDS:
            fail(f"{where}: field 'kind' must be one of {', '.join(KINDS)}, got {raw['kind']!r}")
        number = raw["number"]
        if raw["kind"] == "reference":
            if number is not None:
                fail(f"{where}: a reference page has no number (null), got {number!r}")
        else:
            if isinstance(number, bool) or not isinstance(number, int) or number < 0:
                fail(f"{where}: field 'number' must be a whole number, got {number!r}")
            previous = [lesson.number for lesson in lessons if lesson.number is not None]
            if previous and number != previous[-1] + 1:
                fail(
                    f"{where}: number {number} does not follow lesson {previous[-1]} (the manifest lists lessons in order)"
                )
        if "en" not in raw["languages"]:
            fail(f"{where}: field 'languages' has no 'en' version")
        versions = {}
        for language, version in raw["languages"].items():
            if not _LANG.match(language):
                fail(f"{where}: languages: {language!r} is not a two-letter language code")
            versions[language] = _version(version, language, f"{where}: languages.{language}", fail)
            notebook = versions[language].notebook
            if notebook in seen_notebooks:
                fail(
                    f"{where}: languages.{language}: notebook {notebook!r} is already the notebook of {seen_notebooks[notebook]}"
                )
            seen_notebooks[notebook] = f"{where} ({language})"
        if raw["kind"] == "lesson" and versions["en"].minutes is None:
            fail(f"{where}: languages.en: a lesson states its minutes")
        assessment = _assessment(raw["assessment"], f"{where}: assessment", fail) if "assessment" in raw else None
        titles = _titles(raw.get("titles", {}), versions, f"{where}: titles", fail)
        lessons.append(Lesson(raw["id"], number, raw["kind"], versions, assessment, titles))
    return tuple(lessons)


@lru_cache(maxsize=8)
def _load(path: str) -> tuple[Lesson, ...]:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LessonsFileError(f"{file}: no such lessons manifest") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise LessonsFileError(f"{file.name}: not valid JSON: {exc}") from None
    return parse_lessons(data, file.name)


def load_lessons(path=None) -> tuple[Lesson, ...]:
    """The lessons of the manifest at `path` (default: the course's), in order.

    Raises
    ------
    LessonsFileError
        If the file is missing, is not JSON, or is malformed.

    Examples
    --------
    >>> [lesson.id for lesson in load_lessons()][:3]
    ['start-here', 'media-and-networks', 'python-you-need']
    >>> load_lessons()[1].en.minutes.total
    53
    """
    return _load(str(Path(path) if path is not None else LESSONS_FILE))


def lesson(key, path=None) -> Lesson:
    """One lesson, by its id or its number.

    >>> lesson(2).en.notebook
    '02-python-you-need.ipynb'
    >>> lesson("nine")
    Traceback (most recent call last):
    ...
    KeyError: "no lesson 'nine' in lessons.json (ids: start-here, media-and-networks, ..., glossary)"
    """
    lessons = load_lessons(path)
    for entry in lessons:
        if entry.id == key or (isinstance(key, int) and entry.number == key):
            return entry
    ids = [e.id for e in lessons]
    raise KeyError(
        f"no lesson {key!r} in {Path(path).name if path else LESSONS_FILE.name} (ids: {ids[0]}, {ids[1]}, ..., {ids[-1]})"
    )


def notebooks(language: str | None = None, *, kinds=KINDS, path=None) -> list[str]:
    """The notebooks of the manifest, relative to ``notebooks/``: all of them
    (English first, then each other language, each in lesson order), or those
    of one `language`; only entries whose kind is in `kinds`.

    >>> notebooks("it")[:3], notebooks("it")[-1]
    (['it/00-start-here.ipynb', 'it/01-media-e-reti.ipynb', 'it/02-il-python-che-serve.ipynb'], 'it/glossario.ipynb')
    """
    lessons = [e for e in load_lessons(path) if e.kind in kinds]
    languages = ["en"] + sorted({lang for e in lessons for lang in e.languages} - {"en"})
    if language is not None:
        languages = [language]
    return [e.languages[lang].notebook for lang in languages for e in lessons if lang in e.languages]
