"""``smlessons course init``: a private nbgrader course of your own.

The repository's ``instructors/`` folder is a public **sample**: its keys are
on the internet. :func:`init_course` makes a new course folder in which an
instructor keeps their own banks and keys, private::

    my-course/
      nbgrader_config.py   copied from smlessons' course template
      .gitignore           gradebook, grades, reports, nbgrader's folders, answer files
      roster.csv           an example class in the format nbgrader's
                           ``db student import`` reads
      README.md            what is where, and the commands of a round
      source/              the assignments (copied from the sample course, if found)
      keys/                the banks with their answers (copied likewise)
      exchange/            nbgrader's exchange, inside the course (one machine;
                           mode 777 as nbgrader wants it, inside a private folder)
      gradebook.db         created empty when nbgrader is installed here

Decisions an instructor may want to know:

- The folder is made readable by its owner only (mode 700): it holds the
  keys, every student's hand-in and the grades.
- It becomes a git repository (``git init``, no commit) when git is
  installed, unless it sits inside another repository: then nothing is
  initialised and a warning names that repository, whose history the keys
  would otherwise go into.
- The gradebook is created at once, by the nbgrader of this Python with
  this environment's ``alembic`` on the path. nbgrader calls ``alembic`` only
  when it creates a gradebook, so later nbgrader commands work even from a
  shell where the environment is not activated, and no half-made
  ``gradebook.db`` is ever left behind by a missing ``alembic``.
- Nothing is ever overwritten: a folder that exists and is not empty is
  refused.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CourseError", "CourseInit", "TEMPLATE", "default_sample", "init_course", "add_parser"]

#: The course template shipped with the package (package data).
TEMPLATE = Path(__file__).resolve().parent / "course_template"

#: Template files stored under another name (a dotfile is easy to lose in
#: packaging, and a real ``.gitignore`` here would act on the package's own folder).
_RENAMED = {"gitignore": ".gitignore"}

#: Never copied from a sample course: answers given while trying an
#: assignment out, locks, editor and Python caches.
_NEVER_COPY = ("*.answers.json", "*.answers.corrupt-*.json", ".*.answers.lock", ".ipynb_checkpoints", "__pycache__")

_GUIDE = "https://github.com/smlessons/smlessons/blob/main/instructors/README.md"
_SAMPLE_URL = "https://github.com/smlessons/smlessons/tree/main/instructors"


class CourseError(Exception):
    """A course cannot be made as asked (the message says why and what to do)."""


@dataclass
class CourseInit:
    """What :func:`init_course` did.

    Attributes
    ----------
    folder : Path
        The new course folder.
    assignments : list of str
        The assignments copied from the sample course (``source/<name>/``).
    keys : list of str
        The key files copied into ``keys/``.
    sample : Path or None
        The sample course copied from, if any.
    git : str
        ``"initialised"``, ``"inside <repository>"``, ``"skipped"``, ``"not installed"`` or ``"failed"``.
    gradebook : bool
        Whether an empty ``gradebook.db`` was created.
    messages : list of str
        What to tell the instructor, in order.
    """

    folder: Path
    assignments: list = field(default_factory=list)
    keys: list = field(default_factory=list)
    sample: Path | None = None
    git: str = "skipped"
    gradebook: bool = False
    messages: list = field(default_factory=list)


def default_sample() -> Path | None:
    """The sample course of the checkout smlessons runs from, if it runs from one.

    Returns
    -------
    Path or None
        The repository's ``instructors/`` folder when it has ``source/`` and
        ``keys/`` beside an ``nbgrader_config.py``; ``None`` for an installed
        package (the sample course is not package data).
    """
    candidate = TEMPLATE.parents[2] / "instructors"
    if (
        (candidate / "source").is_dir()
        and (candidate / "keys").is_dir()
        and (candidate / "nbgrader_config.py").is_file()
    ):
        return candidate
    return None


def _check_template(template: Path) -> list[Path]:
    if not (template / "nbgrader_config.py").is_file():
        raise CourseError(
            f"the course template {template} has no nbgrader_config.py; "
            "this smlessons installation is incomplete: reinstall it"
        )
    return sorted(
        p for p in template.iterdir() if p.is_file() and p.name != "__init__.py" and not p.name.endswith(".pyc")
    )


def _check_sample(sample) -> Path:
    sample = Path(sample)
    if not sample.is_dir():
        raise CourseError(f"--sample: no such folder: {sample}")
    missing = [name for name in ("source", "keys") if not (sample / name).is_dir()]
    if missing:
        raise CourseError(
            f"--sample: {sample} is not a course folder: it has no {' and no '.join(n + '/' for n in missing)} "
            "(give a folder like the repository's instructors/, with source/ and keys/)"
        )
    return sample


def _check_target(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise CourseError(f"{folder} is a file, not a folder: give a new folder name for the course")
    if folder.is_dir() and any(folder.iterdir()):
        raise CourseError(
            f"{folder} is not empty: smlessons course init never overwrites anything; "
            "give a new folder name (or an empty folder)"
        )


def _enclosing_repository(folder: Path) -> str | None:
    """The top folder of the git repository `folder` would be inside, if any."""
    probe = folder
    while not probe.exists():
        probe = probe.parent
    result = subprocess.run(
        ["git", "-C", str(probe), "rev-parse", "--show-toplevel"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else None


def _create_gradebook(folder: Path) -> tuple[bool, str]:
    """Create the empty gradebook with this environment's nbgrader and alembic."""
    if importlib.util.find_spec("nbgrader") is None:
        return False, (
            "nbgrader is not installed in this environment, so there is no gradebook yet. Install it with "
            "pip install 'smlessons[instructor]' (in a clone of the repository: make instructor), "
            "and run nbgrader from that environment, activated."
        )
    bindir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": os.pathsep.join([bindir, os.environ.get("PATH", "")])}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "nbgrader", "db", "student", "list"],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        result = subprocess.CompletedProcess([], 1, "", f"{type(exc).__name__}: {exc}")
    if result.returncode != 0:
        # A failed first run leaves a half-made gradebook: it holds nothing yet, so it goes.
        for name in ("gradebook.db", "gradebook.db-journal"):
            (folder / name).unlink(missing_ok=True)
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["(no message)"]
        return False, (
            f"nbgrader could not create the gradebook ({tail[0]}); nothing was left behind. "
            "Activate the environment where nbgrader is installed and run: nbgrader db student import roster.csv"
        )
    return True, "Created the empty gradebook (gradebook.db) with this environment's nbgrader."


def init_course(folder, sample=None, *, git: bool = True, template=None) -> CourseInit:
    """Make a private nbgrader course for smlessons in `folder`.

    Parameters
    ----------
    folder : str or Path
        The new course folder. It must not exist, or be empty.
    sample : str, Path, None or False, optional
        A course folder (with ``source/`` and ``keys/``) whose assignments and
        banks are copied in, for the instructor to edit. ``None`` (default):
        the repository's ``instructors/`` when smlessons runs from a clone,
        else none. ``False``: start with empty ``source/`` and ``keys/``.
    git : bool, optional
        Run ``git init`` in the new course (default), unless it lies inside a
        git repository already or git is not installed.
    template : str or Path, optional
        A folder to use instead of the package's course template (it must
        hold an ``nbgrader_config.py``).

    Returns
    -------
    CourseInit
        What was made, with the messages to show.

    Raises
    ------
    CourseError
        If `folder` is a file or a non-empty folder, the sample is not a
        course folder, or the template has no ``nbgrader_config.py``.
        Nothing is written in these cases.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> where = pathlib.Path(tempfile.mkdtemp()) / "my-course"
    >>> made = init_course(where, sample=False, git=False)  # doctest: +SKIP
    >>> sorted(p.name for p in where.iterdir())  # doctest: +SKIP
    ['.gitignore', 'README.md', 'exchange', 'gradebook.db', 'keys', 'nbgrader_config.py', 'roster.csv', 'source']
    """
    folder = Path(folder).expanduser()
    template = Path(template) if template is not None else TEMPLATE
    files = _check_template(template)
    _check_target(folder)
    if sample is None:
        sample = default_sample()
    elif sample is not False:
        sample = _check_sample(sample)
    else:
        sample = None
    repository = _enclosing_repository(folder) if git and shutil.which("git") else None

    folder.mkdir(parents=True, exist_ok=True)
    folder = folder.resolve()
    made = CourseInit(folder=folder, sample=sample)
    folder.chmod(0o700)
    for path in files:
        shutil.copyfile(path, folder / _RENAMED.get(path.name, path.name))
    for name in ("source", "keys", "exchange"):
        (folder / name).mkdir()
    # nbgrader's exchange must be writable by every student account (release
    # sets these permissions anyway, with a warning); the course folder around
    # it is private, so this opens nothing to anyone else.
    (folder / "exchange").chmod(0o777)

    if sample is not None:
        ignore = shutil.ignore_patterns(*_NEVER_COPY)
        for assignment in sorted(p for p in (sample / "source").iterdir() if p.is_dir() and p.name not in _NEVER_COPY):
            shutil.copytree(assignment, folder / "source" / assignment.name, ignore=ignore)
            made.assignments.append(assignment.name)
        shutil.copytree(sample / "keys", folder / "keys", ignore=ignore, dirs_exist_ok=True)
        made.keys = sorted(p.name for p in (folder / "keys").iterdir() if p.is_file())
        made.messages.append(
            f"Copied the SAMPLE assignments {', '.join(made.assignments) or '(none)'} and their banks "
            f"({len(made.keys)} file(s) in keys/) from {sample}. They are public: change the cards and "
            "questions in keys/ and source/ before marks count."
        )
    else:
        made.messages.append(
            "source/ and keys/ are empty. To start from the sample assignments (lesson1 ... lesson6), "
            f"copy source/ and keys/ from the repository's instructors/ folder ({_SAMPLE_URL}), "
            "or clone the repository and run: smlessons course init DIR --sample <clone>/instructors"
        )

    made.gradebook, message = _create_gradebook(folder)
    made.messages.append(message)

    if not git:
        made.git = "skipped"
    elif not shutil.which("git"):
        made.git = "not installed"
        made.messages.append("git is not installed: keep this folder safe some other way (it holds your keys).")
    elif repository is not None:
        made.git = f"inside {repository}"
        made.messages.append(
            f"WARNING: {folder} is inside the git repository {repository}. Its keys, roster and answers "
            "would go into that repository's history: move the course out of it, unless that repository "
            "is private. No new repository was made."
        )
    else:
        try:
            done = subprocess.run(["git", "init", "-q", str(folder)], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError) as exc:
            done = subprocess.CompletedProcess([], 1, "", str(exc))
        if done.returncode == 0:
            made.git = "initialised"
            made.messages.append(
                "Made it a git repository (nothing committed yet): git add -A && git commit -m 'My course'. "
                "Push it only to a private repository."
            )
        else:
            made.git = "failed"
            made.messages.append(
                f"git init failed ({(done.stderr or done.stdout).strip()[:200]}): the course is made, without git."
            )
    try:
        where = os.path.relpath(folder)
    except ValueError:  # another drive (Windows)
        where = str(folder)
    made.messages.append(f"Next: cd {shlex.quote(where)}, then follow the guide: {_GUIDE}")
    return made


# ---------------------------------------------------------------------------
# the command line (wired into smlessons.instructor.cli)


def _course(args, parser) -> int:
    """Handler of ``smlessons course``."""
    if getattr(args, "course_command", None) != "init":
        parser.print_help(sys.stderr)
        return 2
    try:
        made = init_course(args.folder, sample=False if args.no_sample else args.sample, git=not args.no_git)
    except CourseError as exc:
        print(f"smlessons course init: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"smlessons course init: cannot make the course in {args.folder}: {exc}", file=sys.stderr)
        return 1
    print(f"Made the course {made.folder}")
    for message in made.messages:
        print(f"- {message}")
    return 0


def add_parser(subparsers) -> None:
    """Add ``smlessons course init DIR [--sample PATH | --no-sample] [--no-git]``.

    Parameters
    ----------
    subparsers
        The object ``ArgumentParser.add_subparsers()`` returned.
    """
    course = subparsers.add_parser(
        "course",
        help="make a private nbgrader course of your own (smlessons course init DIR)",
        description="Instructor courses: 'smlessons course init DIR' makes a private nbgrader course.",
    )
    commands = course.add_subparsers(dest="course_command", metavar="SUBCOMMAND")
    init = commands.add_parser(
        "init",
        help="make a private nbgrader course in DIR",
        description=(
            "Make a private nbgrader course in DIR (a new or empty folder): nbgrader_config.py, .gitignore "
            "(gradebook, grades, reports and nbgrader's folders are never committed), roster.csv (the format "
            "of 'nbgrader db student import'), source/ and keys/ with the sample assignments and their banks "
            "for you to edit, an exchange/ folder inside the course, and an empty gradebook. The folder is "
            "readable by you only, and becomes a git repository unless it is inside one already. "
            "Nothing is ever overwritten."
        ),
    )
    init.add_argument("folder", metavar="DIR", help="the new course folder (must not exist, or be empty)")
    which = init.add_mutually_exclusive_group()
    which.add_argument(
        "--sample",
        metavar="PATH",
        help="a course folder to copy source/ and keys/ from (default: the repository's instructors/ "
        "when smlessons runs from a clone)",
    )
    which.add_argument("--no-sample", action="store_true", help="start with empty source/ and keys/")
    init.add_argument("--no-git", action="store_true", help="do not make the course a git repository")
    course.set_defaults(handler=_course, parser=course)
