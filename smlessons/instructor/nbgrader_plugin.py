"""nbgrader's side of the course: the grader's preprocessors and the course's safeguards.

Only the instructor's tooling imports this module (it needs nbgrader); the
course's ``nbgrader_config.py`` uses it::

    from smlessons.instructor.nbgrader_plugin import configure
    configure(get_config(), Path(__file__).resolve().parent)

:func:`configure` sets, for the course folder:

- ``Autograde.autograde_preprocessors``: nbgrader's own list with
  :class:`StudentVariant` right before ``Execute`` and
  :class:`GradeFromAnswerFiles` right after it (before ``SaveAutoGrades``).
  Before any of the student's code runs, :class:`StudentVariant` grades the
  hand-in with :func:`smlessons.instructor.grader.grade_submission`, reading the answer
  files from the *submitted* folder (the hand-in, which the student's code,
  running next, cannot change any more), and sets ``SMLESSONS_STUDENT`` to
  the student's id so that the graded and feedback notebooks show that
  student's variant. After execution, :class:`GradeFromAnswerFiles` puts the
  environment back and replaces every ``graded_outside`` cell's outputs with
  the mark: an ``execute_result`` whose ``text/plain`` is the points, which
  nbgrader reads as partial credit (``nbgrader.utils.determine_grade``).
  Whatever the student's code did during execution (replacing smlessons'
  functions, swallowing errors, rewriting files) changes nothing: the bytes
  (and SHA-256) of every answer file in the submitted folder are recorded
  before execution, and any answer file the notebook changed, removed or
  added there is put back as it was handed in (reported in the grade cells
  and nbgrader's log), so ``smlessons grade`` and the report, run later,
  read the hand-in itself. Each grade cell also says which recorded answer
  was graded and when it was saved, so a graded or feedback notebook shows
  what was graded even where an answer cell shows an edit never run.
- ``Autograde.exclude_overwriting``: every ``<notebook>.answers.json`` of
  every ``source/<assignment>/`` notebook, computed from the folder (no
  manual entries), so autograde never copies a file from ``source/`` over a
  student's answers.
- ``Exchange.root``: ``exchange/`` inside the course folder (one machine).
- ``GenerateAssignment.preprocessors``: :class:`RefuseAnswerFiles` first, so
  that ``generate_assignment``, from the command line or the formgrader,
  refuses an assignment whose ``source/`` folder holds an answer file
  (``*.answers.json``) or a kept-aside damaged one
  (``*.answers.corrupt-*.json``): it would be released to every student.
  From the command line, :func:`refuse_stray_answer_files_now` (called by
  the config file) stops even earlier, with exit status 2. Last,
  :class:`TranslateStubs` words the answer cells' code stub in the
  notebook's language (``metadata.smlessons.language``).
- ``CourseDirectory.ignore``: nbgrader's list plus answer files' lock files.

Without this configuration the grade cells fail in the kernel
(:func:`smlessons.instructor.grader.graded_outside`) and score 0: fail safe.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import sys
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor

from ..i18n import N_, format_number, translator
from ..variants import STUDENT_ENV
from .grader import GRADE_CALL, Course, grade_submission

__all__ = [
    "GradeFromAnswerFiles",
    "StudentVariant",
    "StrayAnswerFileError",
    "TranslateStubs",
    "answer_files_in",
    "autograde_preprocessors",
    "configure",
    "exclude_overwriting",
    "graded_line",
    "restore",
    "snapshot",
    "RefuseAnswerFiles",
    "generate_preprocessors",
    "refuse_stray_answer_files_now",
]

#: Files that must never be released: answer files, and damaged ones kept aside.
STRAY_PATTERNS = ("*.answers.json", "*.answers.corrupt-*.json")
_RESOURCE = "smlessons"


class StrayAnswerFileError(RuntimeError):
    """An answer file is in an assignment's source folder: it would be released."""


def answer_files_in(folder) -> list[Path]:
    """Answer files (and kept-aside damaged ones) anywhere under `folder`."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted({p for pattern in STRAY_PATTERNS for p in folder.rglob(pattern) if p.is_file()})


def exclude_overwriting(course) -> dict:
    """``{assignment: ["<notebook>.answers.json", ...]}`` for every notebook of ``source/*/``.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "source" / "lesson1").mkdir(parents=True)
    >>> _ = (root / "source" / "lesson1" / "media-or-network.ipynb").write_text("{}")
    >>> exclude_overwriting(root)
    {'lesson1': ['media-or-network.answers.json']}
    """
    source = Path(course) / "source"
    out = {}
    if source.is_dir():
        for folder in sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")):
            out[folder.name] = [f"{nb.stem}.answers.json" for nb in sorted(folder.glob("*.ipynb"))]
    return out


def _stray_message(course: Path, files: list[Path]) -> str:
    listed = "".join(f"  {p.relative_to(course)}\n" for p in files)
    return (
        "refusing to generate: these answer files would be released to every student:\n"
        + listed
        + "Delete them (they hold only answers given while trying the assignment out), then generate again."
    )


class RefuseAnswerFiles(NbGraderPreprocessor):
    """First of ``GenerateAssignment``'s preprocessors: refuse an assignment whose source
    folder holds an answer file (``*.answers.json``) or a kept-aside damaged one
    (``*.answers.corrupt-*.json``).

    Raising here makes nbgrader remove the half-made ``release/<assignment>/``
    folder (the stray file included) and report the failure, on the command
    line and in the formgrader alike. (nbgrader's ``pre_convert_hook`` cannot
    do this: nbgrader logs a failing hook and goes on.)
    """

    def preprocess(self, nb, resources):
        from nbgrader.coursedir import CourseDirectory

        coursedir = CourseDirectory(parent=self)
        course = Path(coursedir.root).resolve()
        assignment = resources["nbgrader"]["assignment"]
        files = answer_files_in(Path(coursedir.format_path(coursedir.source_directory, ".", assignment)))
        if files:
            message = _stray_message(course, [f.resolve() for f in files])
            self.log.error(message)
            raise StrayAnswerFileError(message)
        return nb, resources


#: The course's code stub (``ClearSolutions.code_stub``), as the template's nbgrader_config.py sets it.
CODE_STUB = N_("answer = ...  # replace ... with your answer")


class TranslateStubs(NbGraderPreprocessor):
    """Last of ``GenerateAssignment``'s preprocessors: in a notebook in another language
    (``metadata.smlessons.language``), the course's code stub :data:`CODE_STUB` that
    ``ClearSolutions`` left in the answer cells says its comment in that language."""

    def preprocess(self, nb, resources):
        language = notebook_language(nb)
        if language != "en":
            stub = translator(language).gettext(CODE_STUB)
            for cell in nb.cells:
                if cell.cell_type == "code" and CODE_STUB in cell.source:
                    cell.source = cell.source.replace(CODE_STUB, stub)
        return nb, resources


def generate_preprocessors(default=None) -> list:
    """nbgrader's generate_assignment preprocessors, :class:`RefuseAnswerFiles` first, :class:`TranslateStubs` last."""
    from nbgrader.converters import GenerateAssignment

    if default is None:
        default = GenerateAssignment.class_traits()["preprocessors"].default()
    middle = [p for p in default if p not in (RefuseAnswerFiles, TranslateStubs)]
    return [RefuseAnswerFiles] + middle + [TranslateStubs]


def refuse_stray_answer_files_now(course, argv=None) -> None:
    """On ``nbgrader generate_assignment`` (or ``assign``) from the command line, stop
    before anything is made (exit status 2) if a source folder to generate holds an
    answer file. The formgrader is covered by :class:`RefuseAnswerFiles`."""
    from fnmatch import fnmatch

    argv = list(sys.argv if argv is None else argv)
    commands = [i for i, a in enumerate(argv[1:3], start=1) if a in ("generate_assignment", "assign")]
    if not commands:
        return
    named = [a for a in argv[commands[0] + 1 :] if not a.startswith("-")]
    course = Path(course).resolve()
    source = course / "source"
    folders = [p for p in sorted(source.iterdir()) if p.is_dir()] if source.is_dir() else []
    if named:
        folders = [p for p in folders if any(fnmatch(p.name, n) for n in named)]
    files = [f for folder in folders for f in answer_files_in(folder)]
    if files:
        sys.stderr.write("nbgrader_config.py: " + _stray_message(course, files) + "\n")
        raise SystemExit(2)


def autograde_preprocessors(default=None) -> list:
    """nbgrader's autograde preprocessors with the grader's around ``Execute``.

    Parameters
    ----------
    default : list, optional
        The list to start from; default nbgrader's own
        (``Autograde.autograde_preprocessors``).

    Raises
    ------
    ValueError
        If the list has no ``Execute``.
    """
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute

    if default is None:
        default = Autograde.class_traits()["autograde_preprocessors"].default()
    out = [p for p in default if p not in (StudentVariant, GradeFromAnswerFiles)]
    names = [getattr(p, "__name__", str(p)) for p in out]
    if Execute not in out and "Execute" not in names:
        raise ValueError("the autograde preprocessors have no Execute step to grade around")
    i = out.index(Execute) if Execute in out else names.index("Execute")
    return out[:i] + [StudentVariant, out[i], GradeFromAnswerFiles] + out[i + 1 :]


def configure(c, course) -> None:
    """Set an nbgrader configuration `c` for the course folder `course` (see the module's docstring)."""
    from nbgrader.coursedir import CourseDirectory

    course = Path(course).resolve()
    c.CourseDirectory.root = str(course)
    c.Exchange.root = str(course / "exchange")
    c.Autograde.exclude_overwriting = exclude_overwriting(course)
    c.Autograde.autograde_preprocessors = autograde_preprocessors()
    c.GenerateAssignment.preprocessors = generate_preprocessors()
    ignore = list(CourseDirectory.class_traits()["ignore"].default())
    c.CourseDirectory.ignore = ignore + [".*.answers.lock"]


# ---------------------------------------------------------------------------
# The preprocessors


def _submitted(pp, resources) -> Path:
    from nbgrader.coursedir import CourseDirectory

    info = resources["nbgrader"]
    coursedir = CourseDirectory(parent=pp)
    return Path(coursedir.format_path(coursedir.submitted_directory, info["student"], info["assignment"]))


def _grade(pp, resources) -> dict:
    """Grade the hand-in of the notebook being autograded: ``{exercise: Mark}``, plus problems."""
    from nbgrader.coursedir import CourseDirectory

    info = resources["nbgrader"]
    student, assignment, notebook = info["student"], info["assignment"], info["notebook"]
    coursedir = CourseDirectory(parent=pp)
    root = Path(coursedir.root)
    folder = _submitted(pp, resources)
    course = Course.load(root)
    sub = grade_submission(folder, student, assignment, course)
    marks = {m.exercise: m for m in sub.marks if m.notebook == notebook}
    file = sub.files.get(notebook, f"{notebook}.answers.json")
    return {"marks": marks, "problems": list(sub.problems), "errors": list(sub.errors), "file": Path(file).name}


# ---------------------------------------------------------------------------
# The hand-in, kept as it was while the student's notebook runs

#: The answer files of a hand-in that are kept as they were handed in.
HANDIN_PATTERNS = STRAY_PATTERNS
CHANGED_HANDIN = "the notebook changed the hand-in while it was graded; the hand-in was restored"


def snapshot(folder) -> dict:
    """``{relative path: (bytes, sha256)}`` of every answer file under `folder`."""
    folder = Path(folder)
    out = {}
    for path in answer_files_in(folder):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        out[path.relative_to(folder).as_posix()] = (data, hashlib.sha256(data).hexdigest())
    return out


def restore(folder, before: dict) -> list[str]:
    """Put every answer file under `folder` back as `before` (:func:`snapshot`) has it.

    Returns
    -------
    list of str
        What had changed (``"changed x"``, ``"removed x"``, ``"added x"``), ``[]`` if nothing.
    """
    folder = Path(folder)
    now = snapshot(folder)
    what = []
    for name, (data, digest) in before.items():
        if name not in now or now[name][1] != digest:
            what.append(f"{'changed' if name in now else 'removed'} {name}")
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.restoring")
            tmp.write_bytes(data)
            os.replace(tmp, target)
    for name in now:
        if name not in before:
            what.append(f"added {name}")
            (folder / name).unlink()
    return what


class StudentVariant(NbGraderPreprocessor):
    """Before ``Execute``: grade the hand-in, then run the notebook as the student.

    The marks are computed here, from the answer files in the *submitted*
    folder, before any of the student's code runs; ``SMLESSONS_STUDENT`` is
    set to the student's id for the kernel (and put back by
    :class:`GradeFromAnswerFiles`).
    """

    def preprocess(self, nb, resources):
        state = resources.setdefault(_RESOURCE, {})
        if not _OUTSIDE:  # the value outside grading, kept until GradeFromAnswerFiles puts it back
            _OUTSIDE.append(os.environ.get(STUDENT_ENV))
        try:
            folder = _submitted(self, resources)
            state["handin"] = (str(folder), snapshot(folder))
            for name, (_, digest) in sorted(state["handin"][1].items()):
                self.log.info("smlessons: handed in %s/%s sha256 %s", folder.name, name, digest)
        except Exception as exc:  # noqa: BLE001 (graded all the same; nothing to restore)
            self.log.error("smlessons: could not record the hand-in of %s: %s", resources["nbgrader"], exc)
        try:
            state["graded"] = _grade(self, resources)
        except Exception as exc:  # reported in the grade cells, which then score 0
            self.log.error("smlessons: could not grade %s: %s", resources["nbgrader"], exc)
            state["graded"] = {"error": f"{type(exc).__name__}: {exc}"}
        os.environ[STUDENT_ENV] = resources["nbgrader"]["student"]
        return nb, resources


#: ``[value of SMLESSONS_STUDENT outside grading]`` while a notebook is being graded, else ``[]``.
#: Kept here, not per notebook, so that a notebook whose execution failed (and so
#: never reached GradeFromAnswerFiles) cannot leave its student's id behind for good.
_OUTSIDE: list = []


def _restore() -> None:
    if not _OUTSIDE:
        return
    previous = _OUTSIDE.pop()
    if previous is None:
        os.environ.pop(STUDENT_ENV, None)
    else:
        os.environ[STUDENT_ENV] = previous


def _points_text(x) -> str:
    return str(x)


#: The grade cell's words for a mark's status (:data:`smlessons.instructor.grader.STATUSES`).
STATUS_WORDS = {
    "right": N_("right"),
    "partly right": N_("partly right"),
    "wrong": N_("wrong"),
    "unanswered": N_("unanswered"),
    "absent": N_("absent"),
    "no key": N_("no key"),
}


def notebook_language(nb) -> str:
    """The language of an assignment's notebook: ``metadata.smlessons.language``, else ``"en"``.

    The grade cells of an Italian assignment speak Italian in the feedback
    the student reads. A language with no string table is a ValueError.

    >>> notebook_language({"metadata": {"smlessons": {"language": "it"}}}), notebook_language({"metadata": {}})
    ('it', 'en')
    """
    language = ((nb.get("metadata") or {}).get("smlessons") or {}).get("language", "en")
    return translator(language).language


def _when(saved: str) -> str:
    """``2026-11-29T08:06:41+00:00`` as ``2026-11-29 08:06 UTC``; odd text as it is."""
    try:
        t = _dt.datetime.fromisoformat(saved)
    except (TypeError, ValueError):
        return saved
    if t.tzinfo is not None:
        t = t.astimezone(_dt.timezone.utc)
        return t.strftime("%Y-%m-%d %H:%M UTC")
    return t.strftime("%Y-%m-%d %H:%M")


def graded_line(mark, language: str = "en") -> str:
    """What was graded, as the grade cell says it: the recorded answer and when it was saved.

    Examples
    --------
    >>> from smlessons.instructor.grader import Mark
    >>> graded_line(Mark("ada", "l1", "nb", "a01-x", "question", 0, 1, "wrong", answer="a",
    ...                  saved="2026-11-29T08:06:41+00:00"))
    "Graded: your recorded answer 'a' (saved 2026-11-29 08:06 UTC)."
    >>> graded_line(Mark("ada", "l1", "nb", "a01-x-it", "question", 0, 1, "wrong", answer="a"), "it")
    "È stata valutata la risposta che hai registrato, 'a'."
    """
    t = translator(language)
    if not mark.answer:
        return t.gettext("Graded: no recorded answer (run the cell that records it, then hand in again).")
    if mark.kind == "board" and mark.cards is not None:
        if mark.saved:
            return t.gettext(
                "Graded: your recorded board, {right} of your {cards} cards placed right (saved {when}).",
                right=mark.placed_right,
                cards=mark.cards,
                when=_when(mark.saved),
            )
        return t.gettext(
            "Graded: your recorded board, {right} of your {cards} cards placed right.",
            right=mark.placed_right,
            cards=mark.cards,
        )
    if mark.saved:
        return t.gettext(
            "Graded: your recorded answer {answer} (saved {when}).", answer=repr(mark.answer), when=_when(mark.saved)
        )
    return t.gettext("Graded: your recorded answer {answer}.", answer=repr(mark.answer))


class GradeFromAnswerFiles(NbGraderPreprocessor):
    """After ``Execute``: every ``graded_outside`` cell's output becomes its mark.

    The cell's outputs are replaced by a line saying where the mark comes
    from and an ``execute_result`` whose ``text/plain`` is the points (partial
    credit for nbgrader). Marks come from :class:`StudentVariant` when it ran
    first; otherwise they are computed here, from the submitted folder.
    """

    def preprocess(self, nb, resources):
        state = resources.setdefault(_RESOURCE, {})
        _restore()
        changed = self._restore_handin(state, resources)
        graded = state.get("graded")
        if graded is None:
            try:
                graded = _grade(self, resources)
            except Exception as exc:
                self.log.error("smlessons: could not grade %s: %s", resources["nbgrader"], exc)
                graded = {"error": f"{type(exc).__name__}: {exc}"}
        first = True
        language = notebook_language(nb)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type != "code" or not meta.get("grade"):
                continue
            found = GRADE_CALL.search(cell.source)
            if not found:
                continue
            exercise = found.group(2)
            cell.outputs = self._outputs(exercise, graded, cell.get("execution_count"), first, changed, language)
            first = False
        for error in graded.get("errors", []):
            self.log.error(
                "smlessons: %s, %s: %s", resources["nbgrader"]["student"], resources["nbgrader"]["assignment"], error
            )
        return nb, resources

    def _restore_handin(self, state: dict, resources) -> str:
        """Put the hand-in back as it was before execution; the message for the grade cells, or ``""``."""
        if "handin" not in state:
            return ""
        folder, before = state.pop("handin")
        try:
            what = restore(folder, before)
        except OSError as exc:
            message = (
                f"ERROR: the notebook changed the hand-in while it was graded, and it could not be restored ({exc})"
            )
            self.log.error(
                "smlessons: %s, %s: %s", resources["nbgrader"]["student"], resources["nbgrader"]["assignment"], message
            )
            return message
        if not what:
            return ""
        message = f"{CHANGED_HANDIN} ({'; '.join(what)})"
        self.log.error(
            "smlessons: %s, %s: %s", resources["nbgrader"]["student"], resources["nbgrader"]["assignment"], message
        )
        return message

    def _outputs(
        self, exercise: str, graded: dict, count, first: bool = False, changed: str = "", language: str = "en"
    ) -> list:
        if "error" in graded:
            return [
                new_output(
                    "error",
                    ename="GradingError",
                    evalue=graded["error"],
                    traceback=[f"The course's grader could not grade this hand-in: {graded['error']}"],
                )
            ]
        mark = graded["marks"].get(exercise)
        if mark is None:
            return [
                new_output(
                    "error",
                    ename="GradingError",
                    evalue=f"{exercise} is not graded by this course",
                    traceback=[f"{exercise}: no such exercise in the course's source notebooks"],
                )
            ]
        t = translator(language)
        status = t.gettext(STATUS_WORDS[mark.status]) if mark.status in STATUS_WORDS else mark.status
        lines = [
            t.gettext(
                "Marked from {file} as handed in: {points} of {out_of} ({status}).",
                file=graded["file"],
                points=format_number(mark.points, language, grouping=False),
                out_of=format_number(mark.out_of, language, grouping=False),
                status=status,
            )
        ]
        lines.append(graded_line(mark, language))
        notes = list(dict.fromkeys(mark.problems + (graded.get("problems", []) if first else [])))
        if changed and not changed.startswith("ERROR:"):
            changed = f"WARNING: {changed}"
        errors = [p for p in notes if p.startswith("ERROR:")] + ([changed] if changed else [])
        lines = errors + lines + [f"Note: {p}" for p in notes if not p.startswith("ERROR:")]
        return [
            new_output("stream", name="stdout", text="\n".join(lines) + "\n"),
            new_output("execute_result", data={"text/plain": _points_text(mark.points)}, execution_count=count),
        ]
