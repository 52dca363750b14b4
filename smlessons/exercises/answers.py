"""Answer files: every exercise answer, saved beside the notebook, never lost.

One JSON file per notebook (``<notebook>.answers.json``), human-readable::

    {
      "format": "smlessons-answers",
      "version": 1,
      "notebook": "01-media-and-networks",
      "student": "ada",
      "exercises": {
        "lesson01-media-or-network": {
          "answer": {"Instagram": "Social medium (a means)"},
          "saved": "2026-11-25T21:00:00+00:00"
        }
      }
    }

Writes are atomic (a temporary file in the same folder, flushed and
fsync'ed, then renamed over the old one) and serialised between processes
with an exclusive lock on a ``.lock`` file beside it, so two kernels saving
at once lose nothing: each save re-reads the file under the lock and changes
only its own exercise. A file that cannot be read is moved aside with a
timestamp and reported, never overwritten.

The folder is the current directory (where a kernel started from a notebook
runs), or ``$SMLESSONS_ANSWERS_DIR`` when set (for hubs whose notebook
folders are read-only).

While nbgrader runs a hand-in (``$NBGRADER_EXECUTION`` is set, for
``nbgrader autograde`` and ``nbgrader validate``) nothing is written: no
answer is saved or forgotten, no lock file is made and a damaged file is not
moved aside. The answer file handed in is the submission, and re-running its
cells during grading cannot change it (see :mod:`smlessons.instructor.grader`).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..content.loader import DataFileError, load, validate
from ..i18n import N_, Translator, translator

try:
    import fcntl
except ImportError:  # Windows: atomic renames still protect the file
    fcntl = None

__all__ = [
    "AnswerFileWarning",
    "AnswerStore",
    "FORMAT",
    "StoreProblem",
    "answers_dir",
    "check_exercise_id",
    "grading_run",
    "revive",
    "shorten",
    "SHOWN_CHARACTERS",
    "store_for",
]

FORMAT = "smlessons-answers"
VERSION = 1
ENV_DIR = "SMLESSONS_ANSWERS_DIR"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


class AnswerFileWarning(UserWarning):
    """An answer file could not be read and was moved aside."""


@dataclass(frozen=True)
class StoreProblem:
    """Something that went wrong with an answer file, for the student to be told.

    A structured report, not a sentence: ``code`` says what happened, and each
    caller words it in the student's language with :meth:`render` (the
    English text is ``str(problem)``, also the :class:`AnswerFileWarning`'s).

    ``code`` is one of :data:`STORE_PROBLEMS`:

    - ``"kept_aside"``: the file could not be read; it was renamed to
      ``params["aside"]`` and a new answer file was started;
    - ``"left_as_is"``: the file could not be read while the notebook is being
      graded; it was left untouched;
    - ``"not_moved"``: the file could not be read nor renamed
      (``params["error"]`` says why); answers will not be saved.

    ``params["file"]`` is the file's name and ``params["details"]`` what
    the content loader found wrong with it (its own words, cut to 200
    characters).

    Examples
    --------
    >>> p = StoreProblem("kept_aside", {"file": "nb.answers.json", "details": "not valid JSON",
    ...                  "aside": "nb.answers.corrupt-1.json"})
    >>> str(p)
    'nb.answers.json could not be read as an answer file (not valid JSON); it was kept as nb.answers.corrupt-1.json and a new answer file was started.'
    """

    code: str
    params: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.code not in STORE_PROBLEMS:
            raise ValueError(f"unknown answer file problem {self.code!r}; the codes are {', '.join(STORE_PROBLEMS)}")

    def render(self, t: Translator | None = None) -> str:
        """The problem as a sentence in the language of `t` (default: the environment's)."""
        t = t if t is not None else translator()
        why = t.gettext(N_("could not be read as an answer file ({details})"), details=self.params.get("details", ""))
        return t.gettext(STORE_PROBLEMS[self.code], **{**self.params, "why": why})

    def __str__(self) -> str:
        return self.render(translator("en"))


#: What can go wrong with an answer file (see :class:`StoreProblem`), and how it is said.
STORE_PROBLEMS = {
    "kept_aside": N_("{file} {why}; it was kept as {aside} and a new answer file was started."),
    "left_as_is": N_("{file} {why}; it was left as it is (the notebook is being graded)."),
    "not_moved": N_("{file} {why}, and could not be renamed ({error}); answers will not be saved."),
}

#: At most this many characters of a student's answer are shown in a message, a CSV or a page.
SHOWN_CHARACTERS = 200


def revive(value):
    """A recorded answer as the student's expression gave it, as far as JSON allows:
    lists become tuples, so that ``(name, score)`` pairs read as they did in the
    kernel. The recorder and the grader read answers back with it.

    Examples
    --------
    >>> revive([["Ana", 3], {"k": [1]}])
    (('Ana', 3), {'k': (1,)})
    """
    if isinstance(value, list):
        return tuple(revive(v) for v in value)
    if isinstance(value, dict):
        return {k: revive(v) for k, v in value.items()}
    return value


def shorten(text, limit: int = SHOWN_CHARACTERS) -> str:
    """`text` (any value, as a string) or its first `limit` characters and its full length.

    The one way answers are cut for messages, the grades' CSV files and the
    report, so that a 10 MB answer never makes a page or a cell unreadable.

    Examples
    --------
    >>> shorten("Pia")
    'Pia'
    >>> shorten("x" * 1000, 5)
    'xxxxx… (1,000 characters)'
    >>> shorten(None)
    ''
    """
    text = "" if text is None else str(text)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}\u2026 ({len(text):,} characters)"


#: Set by nbgrader while it executes a notebook (autograde, validate).
GRADING_ENV = "NBGRADER_EXECUTION"


def grading_run() -> bool:
    """Whether nbgrader is running this notebook (``$NBGRADER_EXECUTION`` is set).

    Then recording writes nothing: the answer file handed in is what is graded.
    """
    return bool(os.environ.get(GRADING_ENV, "").strip())


def answers_dir() -> Path:
    """The folder answer files go in: ``$SMLESSONS_ANSWERS_DIR`` or the current folder."""
    env = os.environ.get(ENV_DIR, "").strip()
    return Path(env).expanduser() if env else Path.cwd()


def _check_id(value: str, what: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise ValueError(
            f"{what} must be 1-128 letters, digits, '.', '_' or '-' (starting with a letter or digit), got {value!r}"
        )
    return value


def check_exercise_id(exercise: str) -> str:
    """Return `exercise` if it is a valid exercise id, else raise ValueError naming it."""
    return _check_id(exercise, "exercise id")


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _student() -> str:
    """Whose variant the answers were given on (see :func:`smlessons.variants.student_id`)."""
    from ..variants import student_id

    return student_id()


def _empty(notebook: str) -> dict:
    return {"format": FORMAT, "version": VERSION, "notebook": notebook, "exercises": {}}


def validate_document(doc, source: str = "answer file") -> dict:
    """Check the shape of a parsed answer file (its schema, ``content/schemas/answers.schema.json``);
    raise :class:`~smlessons.content.loader.DataFileError` (a ValueError) naming the problem.

    ``"student"`` (whose variant the answers were given on, written by every
    save) is optional: older files have none. Its value is not checked here
    (a grader reports one that is not a string, see :mod:`smlessons.instructor.grader`),
    so that a lesson never sets a file aside for it.
    """
    return validate(doc, "answers", source)


class AnswerStore:
    """The answer file of one notebook.

    Parameters
    ----------
    notebook : str
        The notebook's name without ``.ipynb`` (letters, digits, ``.``,
        ``_``, ``-``).
    folder : path, optional
        Where the file lives; default :func:`answers_dir`.

    Examples
    --------
    >>> import tempfile
    >>> store = AnswerStore("01-media-and-networks", folder=tempfile.mkdtemp())
    >>> store.save("lesson01-media-or-network", {"Instagram": "Social medium"})
    >>> store.load("lesson01-media-or-network")
    {'Instagram': 'Social medium'}
    """

    def __init__(self, notebook: str, folder=None):
        self.notebook = _check_id(notebook, "notebook")
        self.folder = Path(folder) if folder is not None else answers_dir()
        self.path = self.folder / f"{notebook}.answers.json"
        self.lock_path = self.folder / f".{notebook}.answers.lock"
        self.problems: list[StoreProblem] = []  # what went wrong reading, for the student to be told

    def __repr__(self) -> str:
        return f"AnswerStore({self.notebook!r}, file={self.path.name!r})"

    @property
    def read_only(self) -> bool:
        """True while nbgrader runs the notebook: then :meth:`save` and :meth:`forget` write nothing."""
        return grading_run()

    @contextlib.contextmanager
    def _locked(self):
        if self.read_only:  # no lock file, no folder: nothing is written while grading
            yield
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+") as lock:
            if fcntl is not None:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                if fcntl is not None:
                    fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def _read(self) -> dict:
        """The file's content; a bad file is moved aside and an empty one returned."""
        try:
            return load(self.path, "answers")
        except FileNotFoundError:
            return _empty(self.notebook)
        except (DataFileError, RecursionError) as exc:
            self._set_aside(f"{getattr(exc, 'problem', exc)!s:.200}")
            return _empty(self.notebook)

    def _report(self, code: str, **params) -> StoreProblem:
        problem = StoreProblem(code, {"file": self.path.name, **params})
        self.problems.append(problem)
        warnings.warn(str(problem), AnswerFileWarning, stacklevel=5)
        return problem

    def _set_aside(self, details: str) -> None:
        if self.read_only:  # grading: the hand-in stays exactly as it was
            self._report("left_as_is", details=details)
            return
        stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}.json")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}-{n}.json")
        try:
            os.replace(self.path, aside)
        except OSError as exc:
            self._report("not_moved", details=details, error=str(exc))
            raise
        self._report("kept_aside", details=details, aside=aside.name)

    def _write(self, doc: dict) -> None:
        if self.read_only:  # never while nbgrader runs the notebook
            return
        data = json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            # Text that is not valid Unicode (a lone surrogate) cannot be written
            # as UTF-8; escaped, it is still saved and read back unchanged.
            data = json.dumps(doc, indent=2, ensure_ascii=True, sort_keys=True) + "\n"
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.folder)
        try:
            # mkstemp makes the file private (0600); an answer file is an ordinary
            # file that collecting tools and instructors must be able to read.
            os.fchmod(fd, 0o644)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        with contextlib.suppress(OSError):  # make the rename itself durable
            dir_fd = os.open(self.folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)

    def save(self, exercise: str, answer) -> None:
        """Record the answer to one exercise, keeping every other one.

        Parameters
        ----------
        exercise : str
            The exercise's stable id.
        answer : JSON-serialisable value

        Raises
        ------
        ValueError
            On a bad exercise id.
        TypeError
            If the answer cannot be written as JSON.

        Notes
        -----
        While nbgrader runs the notebook (:func:`grading_run`) this checks
        the answer and writes nothing.
        """
        _check_id(exercise, "exercise id")
        try:
            json.dumps(answer)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"the answer to {exercise!r} cannot be saved as JSON: {exc}") from None
        if self.read_only:
            return
        with self._locked():
            doc = self._read()
            doc["exercises"][exercise] = {"answer": answer, "saved": _now()}
            doc["student"] = _student()
            self._write(doc)

    def load(self, exercise: str, default=None):
        """The saved answer to one exercise, or `default`."""
        _check_id(exercise, "exercise id")
        with self._locked():
            doc = self._read()
        entry = doc["exercises"].get(exercise)
        return default if entry is None else entry["answer"]

    def all(self) -> dict:
        """Every saved answer, ``{exercise id: answer}``."""
        with self._locked():
            doc = self._read()
        return {k: v["answer"] for k, v in doc["exercises"].items()}

    def forget(self, exercise: str) -> None:
        """Remove one exercise's answer (e.g. after Reset); nothing while nbgrader runs the notebook."""
        _check_id(exercise, "exercise id")
        if self.read_only:
            return
        with self._locked():
            doc = self._read()
            if doc["exercises"].pop(exercise, None) is not None:
                self._write(doc)


def store_for(notebook: str | None = None, folder=None) -> AnswerStore:
    """The answer store of the running notebook.

    Parameters
    ----------
    notebook : str, optional
        The notebook's name (without ``.ipynb``). By default it is taken
        from ``$JPY_SESSION_NAME``, which Jupyter sets in a kernel started
        for a notebook.

    Raises
    ------
    ValueError
        If no notebook name is given and none can be found.
    """
    if notebook is None:
        session = os.environ.get("JPY_SESSION_NAME", "")
        notebook = Path(session).stem if session.endswith(".ipynb") else ""
        if not notebook:
            raise ValueError("cannot tell which notebook this is: pass notebook='name-of-the-notebook'")
    return AnswerStore(notebook, folder)
