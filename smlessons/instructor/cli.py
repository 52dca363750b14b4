"""The ``smlessons`` command: instructor tools.

::

    smlessons course init DIR [--sample PATH | --no-sample] [--no-git]
    smlessons grade COURSE_DIR [--out DIR] [--submitted DIR] [--roster FILE] [--assignments A,B]
    smlessons report FOLDER... [--out DIR] [--keys DIR] [--course DIR] [--roster FILE]
    smlessons roster check FILE
    smlessons links [--repo URL] [--hub URL] [--branch main] [--format text|markdown] [--lang CODE] [--manifest FILE]

``course init`` makes a private nbgrader course (see :mod:`smlessons.instructor.course`);
``grade`` marks every hand-in of an nbgrader course with smlessons' grader
(the marks nbgrader's autograde writes, from the same function) and writes
grades.csv (each student's points per assignment), marks.csv (a row per
student and exercise, with the answer handed in) and, with the roster, the
Moodle and Canvas imports;
``report`` grades collected answer files and writes a CSV and an HTML page
(with plotly.min.js beside it: keep them together; and plans.csv, lesson
8's written plans to mark by hand); ``roster check`` checks a roster before
``nbgrader db student import``;
``links`` prints, for each lesson of the lessons manifest
(``smlessons/content/lessons.json``, in its order), a Binder link and (given a hub) an
nbgitpuller link, ready to paste into a course page (``--lang it``: the
Italian lessons, English where there is no Italian yet, marked so). Every command has
``--help``. Bad arguments exit with status 2 and say what is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

from .. import __version__
from ..i18n import N_, translator

__all__ = ["main", "binder_link", "nbgitpuller_link", "find_lessons"]

DEFAULT_REPO = "https://github.com/smlessons/smlessons"
# What links --lang prints in the course's language (the gettext catalogs).
IN_ENGLISH = N_("{title} (in English)")
LESSON = N_("Lesson")
OPEN_ON_BINDER = N_("open on Binder")
OPEN_ON_THE_HUB = N_("open on the hub")


# ---------------------------------------------------------------------------
# links


def _check_url(url: str, what: str) -> tuple:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{what} must be a full web address starting with https://, got {url!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"{what} must not contain '?' or '#', got {url!r}")
    return parts


def _repo_parts(repo: str) -> tuple[str, str, str]:
    """``(host, "owner/name", folder name)`` of a repository URL."""
    parts = _check_url(repo, "--repo")
    path = parts.path.strip("/")
    if path.endswith(".git"):
        path = path[:-4]
    if "/" not in path:
        raise ValueError(f"--repo must name a repository (https://host/owner/name), got {repo!r}")
    return parts.netloc.lower(), path, path.rsplit("/", 1)[-1]


def binder_link(repo: str, notebook: str, branch: str = "main") -> str:
    """A mybinder.org link that opens one lesson in JupyterLab.

    Parameters
    ----------
    repo : str
        The repository's web address (GitHub, GitLab or any git host).
    notebook : str
        The lesson's path in the notebooks folder, e.g. ``"01-media-and-networks.ipynb"``.
    branch : str, optional

    Raises
    ------
    ValueError
        On an address that is not a repository's.

    Examples
    --------
    >>> binder_link("https://github.com/smlessons/smlessons", "01-media-and-networks.ipynb")
    'https://mybinder.org/v2/gh/smlessons/smlessons/main?urlpath=lab/tree/notebooks/01-media-and-networks.ipynb'
    """
    host, path, _ = _repo_parts(repo)
    ref = quote(branch, safe="")
    if host == "github.com":
        spec = f"gh/{path}/{ref}"
    elif host == "gitlab.com":
        spec = f"gl/{quote(path, safe='')}/{ref}"
    else:
        spec = f"git/{quote(repo, safe='')}/{ref}"
    return f"https://mybinder.org/v2/{spec}?urlpath={quote(f'lab/tree/notebooks/{notebook}', safe='/')}"


def nbgitpuller_link(hub: str, repo: str, notebook: str, branch: str = "main") -> str:
    """A JupyterHub link that pulls the course with nbgitpuller and opens one lesson.

    The hub's image must have smlessons installed: nbgitpuller copies the
    notebooks, it installs nothing.

    Examples
    --------
    >>> nbgitpuller_link("https://hub.example.org", "https://github.com/smlessons/smlessons",
    ...                  "01-media-and-networks.ipynb")  # doctest: +NORMALIZE_WHITESPACE
    'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fsmlessons%2Fsmlessons&branch=main&urlpath=lab%2Ftree%2Fsmlessons%2Fnotebooks%2F01-media-and-networks.ipynb'
    """
    parts = _check_url(hub, "--hub")
    _, _, folder = _repo_parts(repo)
    base = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
    if base.endswith("/hub"):  # the hub's own prefix was given: it is added below
        base = base[: -len("/hub")]
    query = "&".join(
        f"{k}={quote(v, safe='')}"
        for k, v in (("repo", repo), ("branch", branch), ("urlpath", f"lab/tree/{folder}/notebooks/{notebook}"))
    )
    return f"{base}/hub/user-redirect/git-pull?{query}"


def find_lessons(manifest=None, language: str | None = None) -> list[tuple[str, str]]:
    """``(path, title)`` of each lesson to hand out, in the order of the lessons
    manifest (``smlessons/content/lessons.json``, or `manifest`).

    The path is relative to the notebooks folder: ``"01-media-and-networks.ipynb"``,
    or ``"it/01-media-e-reti.ipynb"`` for a translation. Without `language`,
    the English lessons come first, then each translation. With `language`,
    each lesson once, in that language where it exists, else in English,
    under its title in `language` if the manifest has one (``titles``),
    marked so (``"... (in inglese)"``). The glossary
    (a reference page, not a lesson) is left out.

    Raises
    ------
    LessonsFileError
        If the manifest is missing or malformed (the message says where).

    Examples
    --------
    >>> find_lessons()[:2]
    [('00-start-here.ipynb', 'Start here: social media vs social networks'), ('01-media-and-networks.ipynb', 'Lesson 1: Social media and social networks')]
    >>> find_lessons(language="it")[1:3]
    [('it/01-media-e-reti.ipynb', 'Lezione 1: Social media e social network'), ('it/02-il-python-che-serve.ipynb', 'Lezione 2: Il Python che serve')]
    """
    from ..content.lessons import load_lessons

    lessons = [e for e in load_lessons(manifest) if e.kind != "reference"]
    languages = ["en"] + sorted({lang for e in lessons for lang in e.languages} - {"en"})
    if language is not None:
        if language not in languages:
            raise ValueError(f"--lang: no lesson exists in {language!r}; the manifest has {', '.join(languages)}")
        t = translator(language)
        return [
            (e.languages[language].notebook, e.languages[language].title)
            if language in e.languages
            else (e.en.notebook, t.gettext(IN_ENGLISH, title=e.title(language)))
            for e in lessons
        ]
    return [
        (e.languages[lang].notebook, e.languages[lang].title)
        for lang in languages
        for e in lessons
        if lang in e.languages
    ]


def _links(args, parser) -> int:
    try:
        _repo_parts(args.repo)
        if args.hub:
            _check_url(args.hub, "--hub")
        if not args.branch.strip() or any(c.isspace() for c in args.branch):
            raise ValueError(f"--branch must be a branch name, got {args.branch!r}")
        lessons = find_lessons(args.manifest, args.lang)
    except ValueError as exc:  # LessonsFileError included
        parser.error(str(exc))
    t = translator(args.lang or "en")
    rows = []
    for name, title in lessons:
        binder = binder_link(args.repo, name, args.branch)
        hub = nbgitpuller_link(args.hub, args.repo, name, args.branch) if args.hub else ""
        rows.append((name, title, binder, hub))
    if args.format == "markdown":
        header = f"| {t.gettext(LESSON)} | Binder |" + (" JupyterHub |" if args.hub else "")
        print(header)
        print("|---|---|" + ("---|" if args.hub else ""))
        for _name, title, binder, hub in rows:
            line = f"| {title} | [{t.gettext(OPEN_ON_BINDER)}]({binder}) |"
            if args.hub:
                line += f" [{t.gettext(OPEN_ON_THE_HUB)}]({hub}) |"
            print(line)
    else:
        for name, title, binder, hub in rows:
            print(f"{title} ({name})")
            print(f"  Binder:      {binder}")
            if hub:
                print(f"  nbgitpuller: {hub}")
    return 0


# ---------------------------------------------------------------------------
# grade


def _say(text: str) -> None:
    print(f"smlessons grade: {text}", file=sys.stderr)


def _export(name: str, out: Path, write) -> Path | None:
    """Write one file with `write(path)`; when it cannot be written, remove an old file
    of that name (a stale export must not be imported by mistake) and say so.
    Warnings are said as plain lines."""
    import warnings

    path = out / name
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            written = write(path)
        except Exception as exc:  # the other files are written all the same
            _say(f"{name} not written: {exc}")
            written = None
            if path.exists():
                try:
                    path.unlink()
                    _say(f"removed the old {path}, so that it cannot be imported by mistake")
                except OSError as err:
                    _say(
                        f"the old {path} is still there and could not be removed ({err.strerror or err}): do not import it"
                    )
    for w in dict.fromkeys(str(w.message) for w in caught):
        _say(f"{name}: {w}")
    return written


def _write_grade_files(grades, out: Path, roster_path: Path | None) -> list:
    """marks.csv, grades.csv and (with a roster) moodle.csv and canvas.csv; the paths written."""
    from .gradebook import write_canvas, write_grades, write_moodle
    from .grader import write_marks_csv
    from .roster import read_roster

    roster = read_roster(roster_path) if roster_path is not None else None
    points = grades.out_of()
    totals = grades.totals()
    notes: dict = {}
    for sub in grades.submissions:
        for error in sub.errors:
            notes.setdefault(sub.student, [])
            if error not in notes[sub.student]:
                notes[sub.student].append(error)
    written = [
        _export("marks.csv", out, lambda p: write_marks_csv(grades, p)),
        _export("grades.csv", out, lambda p: write_grades(totals, p, roster, points, notes=notes)),
    ]
    if roster is None:
        _say("moodle.csv and canvas.csv need the roster (roster.csv): not written")
        for name in ("moodle.csv", "canvas.csv"):
            if (out / name).exists():
                _export(name, out, lambda p: (_ for _ in ()).throw(ValueError("no roster")))
        return [p for p in written if p]
    for name, write in (("moodle.csv", write_moodle), ("canvas.csv", write_canvas)):
        written.append(_export(name, out, lambda p, write=write: write(totals, p, roster, points)))
    return [p for p in written if p]


_SHOWN_NOTES = 30


def _chosen_assignments(args, parser, course, submitted: Path) -> tuple[list, str]:
    from .grader import default_assignments

    if args.assignments is None:
        return default_assignments(course, submitted)
    names = [a.strip() for a in args.assignments.split(",") if a.strip()]
    unknown = [a for a in names if a not in course.assignments]
    if not names:
        parser.error("--assignments: name at least one assignment, e.g. --assignments lesson1,lesson2")
    if unknown:
        parser.error(
            f"--assignments: not an assignment of the course: {', '.join(unknown)} "
            f"(it has {', '.join(course.assignments)})"
        )
    return [a for a in course.assignments if a in names], "named with --assignments"


def _grade(args, parser) -> int:
    from .grader import Course, grade_class
    from .roster import RosterError, read_roster

    course_dir = Path(args.course)
    if not course_dir.is_dir():
        parser.error(f"no such course folder: {course_dir}")
    try:
        course = Course.load(course_dir)
    except FileNotFoundError as exc:
        parser.error(str(exc))
    submitted = Path(args.submitted) if args.submitted else course_dir / "submitted"
    if args.submitted and not submitted.is_dir():
        parser.error(f"--submitted: no such folder: {submitted}")
    roster_path = Path(args.roster) if args.roster else course_dir / "roster.csv"
    if args.roster and not roster_path.is_file():
        parser.error(f"--roster: no such file: {roster_path}")
    if not roster_path.is_file():
        roster_path = None
    out = Path(args.out) if args.out else course_dir / "grades"
    if out.exists() and not out.is_dir():
        parser.error(f"--out must be a folder, and {out} is a file")
    if not course.assignments or not any(plan.cells for plan in course.assignments.values()):
        _say(f"no assignment in {course_dir / 'source'} has a graded_outside grade cell")
        return 1
    chosen, why = _chosen_assignments(args, parser, course, submitted)
    try:
        if roster_path is not None:
            read_roster(roster_path)
        grades = grade_class(submitted, course, roster=roster_path, assignments=chosen)
    except (RosterError, ValueError) as exc:  # a roster that cannot be read
        _say(str(exc))
        return 1
    if not grades.submissions:
        _say(f"nobody to grade: {submitted} holds no student's folder and there is no roster")
        return 1
    errors = grades.errors()
    if errors:  # first, on stderr: these make marks meaningless
        _say(f"{len(errors)} ERROR(S): the marks they concern are not meaningful until each is resolved:")
        for error in errors:
            print(f"  {error}", file=sys.stderr)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _say(f"cannot write the grades in {out}: {exc.strerror or exc}")
        return 1
    written = _write_grade_files(grades, out, roster_path)
    handed = [s for s in grades.submissions if s.status != "absent"]
    absent = len(grades.submissions) - len(handed)
    left_out = [a for a in course.assignments if a not in chosen]
    print(f"Assignments included: {', '.join(chosen)} ({why}).")
    if left_out:
        print(f"Left out: {', '.join(left_out)} (choose with --assignments {','.join(course.assignments)}).")
    print(
        f"Graded {len(handed)} hand-in(s) of {len(grades.students)} student(s) in {len(grades.assignments)} "
        f"assignment(s); {absent} not handed in (absent, 0 points)."
    )
    problems = [p for p in grades.problems if not p.startswith("ERROR:")]
    if problems:
        print(f"{len(problems)} problem(s) with the course or the roster:")
        for problem in problems:
            print(f"  {problem}")
    notes = [
        f"  {s.student}, {s.assignment}: {p}"
        for s in handed
        for p in dict.fromkeys(s.problems + [p for m in s.marks for p in m.problems])
        if not p.startswith("ERROR:")
    ]
    if notes:
        print(f"{len(notes)} note(s) on the hand-ins (also in marks.csv, column problems):")
        print("\n".join(notes[:_SHOWN_NOTES]))
        if len(notes) > _SHOWN_NOTES:
            print(f"  ... and {len(notes) - _SHOWN_NOTES} more")
    if errors:
        print(f"{len(errors)} ERROR(S), listed first on the error output and in marks.csv and grades.csv.")
    if written:
        print("Wrote " + ", ".join(str(p) for p in written))
    # moodle.csv and canvas.csv may fail on a roster without e-mails or LMS ids: said above
    return 0 if {p.name for p in written} >= {"marks.csv", "grades.csv"} else 1


# ---------------------------------------------------------------------------
# roster check


def _roster_check(args, parser) -> int:
    from .roster import RosterError, read_roster

    try:
        students = read_roster(args.file)
    except FileNotFoundError:
        print(f"smlessons roster check: no such file: {args.file}", file=sys.stderr)
        return 2
    except RosterError as exc:
        print(f"smlessons roster check: {exc}", file=sys.stderr)
        return 2
    if not students:
        print(f"smlessons roster check: {args.file} has a header and no student", file=sys.stderr)
        return 2
    print(f"{len(students)} students, ok")
    return 0


# ---------------------------------------------------------------------------
# report


def _report(args, parser) -> int:
    from .report import build, write_report

    for folder in args.folders:
        if not Path(folder).exists():
            parser.error(f"no such folder: {folder}")
        if not Path(folder).is_dir():
            parser.error(f"not a folder: {folder} (give the folder that holds the students' answer files)")
    for keys in args.keys:
        if not Path(keys).exists():
            parser.error(f"--keys: no such file or folder: {keys}")
    if args.course is not None and not Path(args.course).is_dir():
        parser.error(f"--course: no such course folder: {args.course}")
    if args.course is not None and not (Path(args.course) / "source").is_dir():
        parser.error(f"--course: {args.course} is not a course folder: it has no source/ folder of assignments")
    if args.roster is not None and not Path(args.roster).is_file():
        parser.error(f"--roster: no such file: {args.roster}")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        parser.error(f"--out must be a folder, and {out} is a file")
    try:
        report = build(
            args.folders, keys=args.keys, course=args.course, roster=args.roster, shipped=not args.no_shipped_keys
        )
    except (ValueError, OSError) as exc:  # a roster that cannot be read
        print(f"smlessons report: {exc}", file=sys.stderr)
        return 1
    if not report.files and not report.skipped:
        print(f"smlessons report: no answer files (*.answers.json) found in {', '.join(args.folders)}", file=sys.stderr)
        return 1
    if report.files and not report.rows and not report.plans and report.problems:
        hint = (
            "did you forget --course . (run from the course folder) or --course COURSE_DIR?"
            if args.course is None
            else "are these the hand-ins of this course?"
        )
        parser.error(
            f"none of the {len(report.problems)} answer(s) in {len(report.files)} answer file(s) matches a key "
            f"({', '.join(args.keys) or 'no --keys'}{'' if args.course is None else ', ' + args.course + '/keys'}"
            f"{', the practice exercises' if not args.no_shipped_keys else ''}): {hint}"
        )
    try:
        paths = write_report(report, out)
    except OSError as exc:
        print(f"smlessons report: cannot write the report in {out}: {exc}", file=sys.stderr)
        return 1
    csv_path, html_path, plans_path = paths["csv"], paths["html"], paths["plans"]
    print(f"Graded {len(report.files)} answer file(s) of {len(report.students)} student(s).")
    if report.skipped:
        print(f"Skipped {len(report.skipped)} file(s):")
        for name, why in report.skipped:
            print(f"  {name}: {why}")
    errors = report.errors()
    if errors:
        print(
            f"smlessons report: {len(errors)} ERROR(S): the marks they concern are not meaningful until each is resolved:",
            file=sys.stderr,
        )
        for error in errors:
            print(f"  {error}", file=sys.stderr)
    if report.problems:
        print(f"{len(report.problems)} answer(s) could not be graded (listed in the report).")
    print(
        f"Wrote {csv_path} and {html_path}"
        + (f" (with {paths['plotly']} beside it: keep them together)" if paths.get("plotly") else "")
    )
    if plans_path:
        print(f"Wrote {plans_path}: {len(report.plans)} lesson 8 plan(s) with their explanations, to mark by hand")
    return 0


# ---------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``smlessons`` command."""
    parser = argparse.ArgumentParser(
        prog="smlessons",
        description="Instructor tools of the course 'Social media vs social networks'.",
    )
    parser.add_argument("--version", action="version", version=f"smlessons {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    grade = sub.add_parser(
        "grade",
        help="mark every hand-in of an nbgrader course; write grades.csv, marks.csv and gradebook imports",
        description=(
            "Mark every student's hand-in of every assignment of the course in COURSE_DIR, from the answer "
            "files handed in (submitted/<student>/<assignment>/<notebook>.answers.json) and the keys in "
            "COURSE_DIR/keys, with the same grader nbgrader's autograde uses. Which exercises an assignment "
            "has and their points come from the grade cells of COURSE_DIR/source. Students on the roster "
            "(COURSE_DIR/roster.csv) who handed nothing in are listed as absent (0 points). Writes grades.csv "
            "(each student's points per assignment and in total), marks.csv (a row per student and exercise: "
            "points, status, the answer handed in cut to 200 characters, problems) and, with the roster, "
            "moodle.csv and canvas.csv for those gradebooks' CSV import."
        ),
    )
    grade.add_argument("course", metavar="COURSE_DIR", help="the nbgrader course folder (with source/ and keys/)")
    grade.add_argument("--out", metavar="DIR", help="where to write the files (default: COURSE_DIR/grades)")
    grade.add_argument(
        "--submitted",
        metavar="DIR",
        help="the students' hand-ins (default: COURSE_DIR/submitted); a folder per student",
    )
    grade.add_argument(
        "--roster", metavar="FILE", help="the roster CSV (default: COURSE_DIR/roster.csv if there is one)"
    )
    grade.add_argument(
        "--assignments",
        metavar="A,B",
        help="the assignments to grade and export, comma-separated (default: those handed out, with a "
        "release/<assignment>/ folder or in the exchange; without any, those with at least one hand-in)",
    )
    grade.set_defaults(handler=_grade, parser=grade)

    report = sub.add_parser(
        "report",
        help="grade collected answer files; write a CSV and an HTML page with charts",
        description=(
            "Grade the students' answer files (*.answers.json) found in FOLDER (one subfolder per "
            "student, at any depth; a file directly in FOLDER belongs to a student named like FOLDER). "
            "Writes report.csv (a row per student, exercise and item: where it was placed, right or "
            "wrong) and report.html (scores, score distribution, and per board a heatmap of where the "
            "class put each card). The charts need plotly.min.js, written beside report.html: keep the two "
            "files together (copy or share the folder), and the page opens offline. Lesson 8's written "
            "plans are listed, not graded, in plans.csv (student, media, seeds, cost, reach in the target, "
            "reasons with their verdicts, explanation) and in the page. Files that are "
            "not answer files or cannot be read are listed and skipped."
        ),
    )
    report.add_argument("folders", nargs="+", metavar="FOLDER", help="a folder of collected answer files")
    report.add_argument(
        "--out",
        default=".",
        metavar="DIR",
        help="where to write report.csv, report.html and plotly.min.js (default: here)",
    )
    report.add_argument(
        "--keys",
        action="append",
        default=[],
        metavar="DIR",
        help="a folder (or file) of answer keys, e.g. the course's instructors/keys; may be repeated",
    )
    report.add_argument(
        "--no-shipped-keys",
        action="store_true",
        help="grade only against --keys, not against the practice exercises shipped with smlessons",
    )
    report.add_argument(
        "--course",
        metavar="DIR",
        help="an nbgrader course folder (with source/): its keys/ are added to --keys, its roster.csv is the "
        "roster, and the page shows the grader's marks per assignment",
    )
    report.add_argument(
        "--roster",
        metavar="FILE",
        help="the roster CSV (nbgrader's student import format): every rostered student is in the report",
    )
    report.set_defaults(handler=_report, parser=report)

    roster = sub.add_parser(
        "roster",
        help="check a roster file before nbgrader db student import",
        description="Check the class roster (the CSV nbgrader db student import reads).",
    )
    roster_sub = roster.add_subparsers(dest="roster_command", metavar="COMMAND")
    check = roster_sub.add_parser(
        "check",
        help="check a roster CSV; exit 0 with 'N students, ok', else 2 with the line that is wrong",
        description=(
            "Check FILE the way smlessons grade reads it, before nbgrader db student import: UTF-8 without a "
            "byte-order mark, a header with an id column, one non-empty id per row, unique, without ';' (a "
            "semicolon-separated file), ',', spaces or '/', and no row with more fields than the header. "
            "Prints 'N students, ok' (exit 0) or the problem with its line (exit 2)."
        ),
    )
    check.add_argument("file", metavar="FILE", help="the roster CSV, e.g. roster.csv")
    check.set_defaults(handler=_roster_check, parser=check)
    roster.set_defaults(handler=lambda args, parser: (parser.print_help(sys.stderr), 2)[1], parser=roster)

    from .course import add_parser as add_course_parser

    add_course_parser(sub)

    links = sub.add_parser(
        "links",
        help="print a Binder and an nbgitpuller link for each lesson",
        description=(
            "Print, for each lesson, a Binder link and (with --hub) an nbgitpuller link for a "
            "JupyterHub, to paste into a course page. The hub's image must have smlessons installed."
        ),
    )
    links.add_argument(
        "--repo", default=DEFAULT_REPO, metavar="URL", help=f"the course's git repository (default: {DEFAULT_REPO})"
    )
    links.add_argument("--hub", metavar="URL", help="your JupyterHub's address, e.g. https://hub.example.org")
    links.add_argument("--branch", default="main", help="the branch to open (default: main)")
    links.add_argument("--format", choices=("text", "markdown"), default="text", help="plain lines or a Markdown table")
    links.add_argument(
        "--lang",
        metavar="CODE",
        help=(
            "each lesson once, in this language (e.g. it) where it is translated, else in English "
            "with its title marked '(in English)' in that language (default: every lesson in every language)"
        ),
    )
    links.add_argument(
        "--manifest",
        metavar="FILE",
        help="a lessons manifest (lessons.json) listing the lessons in order (default: the one shipped with smlessons)",
    )
    links.set_defaults(handler=_links, parser=links)
    return parser


def main(argv=None) -> int:
    """Run the ``smlessons`` command; return its exit status.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's).

    Returns
    -------
    int
        0 on success, 1 if there was nothing to do or the output could not be
        written, 2 on bad arguments (the message says which).
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help(sys.stderr)
            return 2
        return args.handler(args, args.parser)
    except SystemExit as exc:  # argparse: --help, --version, or a bad argument
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)


if __name__ == "__main__":
    sys.exit(main())
