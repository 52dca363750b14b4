"""The instructor guide's nbgrader walkthrough, run command by command.

``instructors/README.md`` marks each shell block of its walkthrough with
``<!-- tested: NAME -->`` (or ``<!-- untested: why -->`` for the install
commands). This file extracts the tested blocks and runs them, in order and
exactly as written, with bash in a temporary folder, the environment's
``bin/`` first on the path (the guide's "activate the environment"), the
real nbgrader, and a home folder of its own. Between the steps it plays
the students as the guide says: Ada and Ben place cards in their fetched
copies (Ada one card wrong, Ben all right), Cleo hands in nothing. Each
step's test then checks what the step should have done: the gradebook has
the class, autograde gave the marks, the grade files and the report exist,
the formgrader started from the course folder shows the course, and git
sees none of the generated files.

Two steps run commands that other parts of the course provide
(``smlessons grade``; ``smlessons report --course``); while a command is
missing from this checkout its step's test is an expected failure, strict:
it fails as soon as the command exists and the marker is left in place.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from smlessons import SortingBoard, load_exercise
from smlessons.exercises.answers import AnswerStore

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "instructors" / "README.md"
TEMPLATE = ROOT / "smlessons" / "instructor" / "course_template"

#: The walkthrough's tested steps, in the order the guide gives them.
STEPS = ["init", "roster", "generate", "release", "fetch", "submit", "copy", "collect", "autograde", "grade", "report", "formgrader"]  # fmt: skip
ROSTER = ["ada", "ben", "cleo"]
HANDED_IN = {"ada": "one wrong", "ben": "all right"}  # cleo hands in nothing
ASSIGNMENT = "lesson1"


# -- reading the guide ------------------------------------------------------------------

_BLOCK = re.compile(r"(?:<!-- (tested|untested): ([^>]*?) -->\n)?```bash\n(.*?)```", re.S)


def walkthrough_section() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index("## Grading with nbgrader: a walkthrough")
    end = text.index("\n## ", start + 3)
    return text[start:end]


def guide_blocks() -> list[tuple[str | None, str, str]]:
    """``(kind, name, code)`` of every bash block of the walkthrough."""
    return [(kind or None, name, code) for kind, name, code in _BLOCK.findall(walkthrough_section())]


def walkthrough_steps() -> dict[str, str]:
    return {name: code for kind, name, code in guide_blocks() if kind == "tested"}


def test_every_shell_block_of_the_walkthrough_is_marked_and_the_steps_are_in_order():
    blocks = guide_blocks()
    assert len(blocks) >= len(STEPS)
    unmarked = [code for kind, _, code in blocks if kind is None]
    assert not unmarked, f"a bash block of the walkthrough says neither tested nor untested: {unmarked}"
    assert [name for kind, name, _ in blocks if kind == "tested"] == STEPS
    # The workflow's commands, exactly as the course's design states them.
    steps = walkthrough_steps()
    assert steps["init"].splitlines()[0] == "smlessons course init my-course"
    assert steps["roster"].strip().splitlines() == [
        "smlessons roster check roster.csv",
        "nbgrader db student import roster.csv",
    ]
    assert steps["generate"].strip() == f"nbgrader generate_assignment {ASSIGNMENT}"
    assert steps["release"].strip() == f"nbgrader release_assignment {ASSIGNMENT}"
    assert steps["collect"].strip() == f"nbgrader collect {ASSIGNMENT}"
    assert steps["autograde"].strip() == f"nbgrader autograde {ASSIGNMENT}"
    assert steps["grade"].strip() == "smlessons grade . --out grades"
    assert steps["report"].strip() == "smlessons report submitted --course . --out reports"
    assert steps["formgrader"].strip() == "jupyter lab"


def test_the_guide_names_the_sample_and_the_private_course():
    text = GUIDE.read_text(encoding="utf-8")
    assert "a SAMPLE nbgrader course" in text and "its keys are public" in text
    section = walkthrough_section()
    for phrase in ("NBGRADER_EXECUTION", "answer file handed in is the submission", "edited but never run",
                   "Moodle", "Canvas", "alembic", "from the course folder", "exchange"):  # fmt: skip
        assert phrase in section, phrase


# -- running it -------------------------------------------------------------------------


class Walkthrough:
    """The guide's steps run in one temporary folder, with their outputs."""

    def __init__(self, base: Path):
        self.base = base
        self.cwd = base
        self.results: dict[str, subprocess.CompletedProcess] = {}
        self.seconds: dict[str, float] = {}
        self.failed: str | None = None
        self.saved: dict[str, bytes] = {}
        self.formgrader: dict = {}
        home = base / "home"
        home.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_", "SMLESSONS_", "NBGRADER"))}
        env.update(
            HOME=str(home),
            PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),  # activated
            PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p),
            PYDEVD_DISABLE_FILE_VALIDATION="1",
            JUPYTERLAB_SETTINGS_DIR=str(home / "lab-settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(home / "lab-workspaces"),
        )  # fmt: skip
        self.env = env

    @property
    def course(self) -> Path:
        return self.base / "my-course"

    def run(self, name: str, code: str) -> None:
        if self.failed:
            return
        marker = self.base / ".cwd"
        script = f"set -e\ncd {str(self.cwd)!r}\n{code}\npwd > {str(marker)!r}\n"
        started = time.perf_counter()
        result = subprocess.run(["bash", "-c", script], env=self.env, capture_output=True, text=True, timeout=600)
        self.seconds[name] = time.perf_counter() - started
        self.results[name] = result
        if result.returncode == 0:
            self.cwd = Path(marker.read_text().strip())
        elif name not in ("grade", "report"):  # the steps after these do not depend on them
            self.failed = name

    def check(self, name: str) -> subprocess.CompletedProcess:
        if name not in self.results:
            raise AssertionError(f"step {name!r} did not run: step {self.failed!r} failed before it")
        result = self.results[name]
        assert result.returncode == 0, f"step {name!r} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        return result


def _bank_and_key(folder: Path, course: Path):
    """The student's label-only bank in `folder` and the key with its id."""
    keys = {}
    for path in (course / "keys").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "bins" in data:
            keys[data["id"]] = path
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "bins" in data and data.get("mode") == "assessment":
            return path, load_exercise(keys[data["id"]])
    raise AssertionError(f"no assessed board in {folder}")


def play_student(folder: Path, student: str, course: Path) -> int:
    """Place the student's cards as the browser does; return the board's points expected."""
    bank, key = _bank_and_key(folder, course)
    (notebook,) = folder.glob("*.ipynb")
    right = {item.label: list(item.answers) for item in key.items}
    before = os.environ.get("SMLESSONS_STUDENT")
    os.environ["SMLESSONS_STUDENT"] = student  # whose variant the board draws
    try:
        board = SortingBoard.from_exercise(str(bank), answers=AnswerStore(notebook.stem, folder=folder))
        cards = list(board.cards)
        for n, label in enumerate(cards):
            wrong = HANDED_IN[student] == "one wrong" and n == 0
            bin_ = next(b for b in board.bins if b not in right[label]) if wrong else right[label][0]
            board.placements = {**board.placements, label: bin_}
    finally:
        if before is None:
            os.environ.pop("SMLESSONS_STUDENT", None)
        else:
            os.environ["SMLESSONS_STUDENT"] = before
    return len(cards) - (1 if HANDED_IN[student] == "one wrong" else 0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_formgrader(walk: Walkthrough, code: str) -> None:
    """Run the step's ``jupyter lab`` in the course folder, as a server for the test to ask."""
    port = _free_port()
    extra = ["--no-browser", f"--port={port}", "--IdentityProvider.token=t"]
    if os.getuid() == 0:
        extra.append("--allow-root")
    command = code.strip().split() + extra
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=walk.cwd, env=walk.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{base}/api/status?token=t", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.25)
        else:
            raise AssertionError("jupyter lab did not start")
        for what in ("students", "assignments"):
            with urllib.request.urlopen(f"{base}/formgrader/api/{what}?token=t", timeout=30) as response:
                walk.formgrader[what] = json.loads(response.read())
        walk.seconds["formgrader"] = time.perf_counter() - started
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    walk = Walkthrough(tmp_path_factory.mktemp("guide"))
    steps = walkthrough_steps()
    expected = {}
    for name in STEPS:
        if name == "formgrader":
            if not walk.failed:
                start_formgrader(walk, steps[name])
            continue
        walk.run(name, steps[name])
        if name == "fetch" and not walk.failed:
            # The students work: Ada and Ben place their cards (Cleo does nothing).
            for student in HANDED_IN:
                folder = walk.base / "pretend" / student / ASSIGNMENT
                expected[student] = play_student(folder, student, walk.course)
                for answers in folder.glob("*.answers.json"):
                    walk.saved[student] = answers.read_bytes()
    walk.expected = expected
    total = sum(walk.seconds.values())
    print("\nguide walkthrough, seconds per step: "
          + ", ".join(f"{k} {v:.1f}" for k, v in walk.seconds.items()) + f"; total {total:.1f}")  # fmt: skip
    return walk


def _gradebook(course: Path):
    from nbgrader.api import Gradebook

    return Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id=_course_id(course))


def _course_id(course: Path) -> str:
    (outbound,) = (course / "exchange").glob(f"*/outbound/{ASSIGNMENT}") or [None]
    if outbound is not None:
        return outbound.parents[1].name
    match = re.search(r"course_id\s*=\s*['\"]([^'\"]+)", (course / "nbgrader_config.py").read_text())
    return match.group(1)


def test_init_makes_the_course_with_the_sample_and_an_empty_gradebook(walk):
    result = walk.check("init")
    course = walk.course
    assert walk.cwd == course
    for name in ("nbgrader_config.py", "roster.csv", ".gitignore", "README.md", "gradebook.db"):
        assert (course / name).is_file(), name
    assert (course / "source" / ASSIGNMENT).is_dir() and list((course / "keys").glob("*.json"))
    assert "SAMPLE" in result.stdout
    assert (course / "nbgrader_config.py").read_text() == (TEMPLATE / "nbgrader_config.py").read_text()


def test_the_roster_puts_the_class_in_the_gradebook(walk):
    walk.check("roster")
    with _gradebook(walk.course) as gb:
        assert sorted(s.id for s in gb.students) == ROSTER
        assert gb.find_student("cleo").email == "cleo@example.org"


def test_generate_and_release_put_the_student_version_in_the_exchange(walk):
    walk.check("generate")
    walk.check("release")
    release = walk.course / "release" / ASSIGNMENT
    assert list(release.glob("*.ipynb"))
    for path in release.glob("*.json"):  # label-only copies, never a key
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data.get("mode") == "assessment", path.name
        assert not any(
            {"answer", "compute", "explanation"} & set(entry)
            for entry in data.get("items", []) + data.get("questions", [])
        )
    outbound = list((walk.course / "exchange").glob(f"*/outbound/{ASSIGNMENT}"))
    assert outbound and sorted(p.name for p in outbound[0].iterdir()) == sorted(p.name for p in release.iterdir())
    # nothing went to nbgrader's default exchange outside the course
    assert "/usr/local/share/nbgrader" not in walk.results["release"].stderr


def test_the_students_fetch_and_hand_in(walk):
    walk.check("fetch")
    walk.check("submit")
    walk.check("copy")
    for student in HANDED_IN:
        assert list((walk.base / "pretend" / student / ASSIGNMENT).glob("*.answers.json")), student
    inbound = [p.name for p in (walk.course / "exchange").glob("*/inbound/*")]
    assert any(name.startswith(f"ada+{ASSIGNMENT}+") for name in inbound)
    assert not any(name.startswith("ben+") for name in inbound)


def test_collect_puts_every_hand_in_under_submitted(walk):
    walk.check("collect")
    submitted = walk.course / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == sorted(HANDED_IN)
    assert (submitted / "ada" / ASSIGNMENT / "timestamp.txt").is_file()
    for student, saved in walk.saved.items():
        (answers,) = (submitted / student / ASSIGNMENT).glob("*.answers.json")
        assert answers.read_bytes() == saved


def test_autograde_gives_each_hand_in_its_marks_and_changes_no_hand_in(walk):
    walk.check("autograde")
    with _gradebook(walk.course) as gb:
        for student, expected in walk.expected.items():
            submission = gb.find_submission(ASSIGNMENT, student)
            assert submission.score == expected, (student, submission.score, expected)
            assert submission.max_score >= expected > 0
        assert [s.id for s in gb.students if not any(sub.assignment.name == ASSIGNMENT for sub in s.submissions)] == [
            "cleo"
        ]
    for student, saved in walk.saved.items():
        assert list((walk.course / "autograded" / student / ASSIGNMENT).glob("*.ipynb"))
        (answers,) = (walk.course / "submitted" / student / ASSIGNMENT).glob("*.answers.json")
        assert answers.read_bytes() == saved, "grading changed a hand-in"


def _number_in(row: dict, value: float) -> bool:
    for cell in row.values():
        try:
            if abs(float(cell) - value) < 1e-9:
                return True
        except (TypeError, ValueError):
            continue
    return False


def test_grade_writes_the_class_grades_in_grades(walk):
    walk.check("grade")
    grades = walk.course / "grades"
    for name in ("grades.csv", "moodle.csv", "canvas.csv"):
        assert (grades / name).is_file() and (grades / name).stat().st_size > 0, name
    with open(grades / "grades.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for student in ROSTER:
        assert any(student in row.values() for row in rows), f"{student} is missing from grades.csv"
    for student, expected in walk.expected.items():
        assert any(student in row.values() and _number_in(row, expected) for row in rows), (student, expected)


def test_report_writes_the_page_and_the_table_in_reports(walk):
    walk.check("report")
    reports = walk.course / "reports"
    assert (reports / "report.html").is_file() and (reports / "report.csv").is_file()
    assert "cleo" in (reports / "report.html").read_text(encoding="utf-8")


def test_the_formgrader_started_from_the_course_folder_shows_the_course(walk):
    if walk.failed:
        raise AssertionError(f"not started: step {walk.failed!r} failed")
    assert walk.cwd == walk.course
    students = walk.formgrader["students"]
    assert sorted(s["id"] for s in students) == ROSTER
    assignments = {a["name"]: a for a in walk.formgrader["assignments"]}
    assert assignments[ASSIGNMENT]["num_submissions"] == len(HANDED_IN)


def test_git_sees_none_of_what_nbgrader_and_the_grader_wrote(walk):
    walk.check("autograde")
    if shutil.which("git") is None:
        raise AssertionError("this check needs git")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=walk.course,
        capture_output=True, text=True, check=True,
    ).stdout.split("\n")  # fmt: skip
    paths = [line[3:] for line in status if line]
    assert "gradebook.db" in os.listdir(walk.course) and (walk.course / "submitted").is_dir()
    allowed = re.compile(r"^(\.gitignore|README\.md|nbgrader_config\.py|roster\.csv|source/.+|keys/.+)$")
    assert paths and all(allowed.match(p) for p in paths), [p for p in paths if not allowed.match(p)]
    assert not [p for p in paths if p.endswith(".answers.json")]


def explained_messages() -> list[list[str]]:
    """The fixed parts of each message the guide's "What the messages mean" explains."""
    section = walkthrough_section().split("### What the messages mean", 1)[1].split("\n### ", 1)[0]
    items = re.findall(r"^- `([^`]+)`", section, re.M)
    return [[part.strip() for part in re.split(r"\.\.\.|'[^']*'", item) if len(part.strip()) >= 6] for item in items]


def test_every_warning_the_walkthrough_prints_is_explained_in_the_guide(walk):
    walk.check("autograde")
    explained = explained_messages()
    assert len(explained) >= 6
    unexplained = []
    for name, result in walk.results.items():
        lines = (result.stdout + "\n" + result.stderr).splitlines()
        for n, line in enumerate(lines):
            if "WARNING" in line or "Warning:" in line:
                message = " ".join(part.strip() for part in lines[n : n + 3])  # nbgrader wraps some onto the next lines
                if not any(all(part in message for part in parts) for parts in explained):
                    unexplained.append(f"{name}: {message[:200]}")
    assert not unexplained, "warnings the guide does not explain:\n" + "\n".join(unexplained)


# -- the guide's table of the sample assignments agrees with them ----------------------------

SAMPLE = ROOT / "instructors"
ASSIGNMENT_ROW = re.compile(
    r"^\| Assignment `(lesson\d)` \(sample\) \| \| (\d+) min \| (\d+) min \| board \*(.+?)\* \((\d+) of (\d+) cards\); "
    r"(\d+) questions[^;|]*; (\d+) points \|$", re.M,
)  # fmt: skip


def test_the_timings_table_states_each_assignments_time_points_board_and_questions():
    import nbformat

    rows = ASSIGNMENT_ROW.findall(GUIDE.read_text(encoding="utf-8"))
    assert [r[0] for r in rows] == [f"lesson{n}" for n in range(1, 7)]
    for name, minutes, total, title, show, bank, questions, points in rows:
        n = int(name[-1])
        (notebook,) = (SAMPLE / "source" / name).glob("*.ipynb")
        nb = nbformat.read(notebook, as_version=4)
        header = "".join(nb.cells[0].source)
        assert f"**Time:** {minutes} min" in header and minutes == total, name
        assert f"**Points:** {points}" in header, name
        graded = sum(
            c.metadata.get("nbgrader", {}).get("points", 0)
            for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")
        )
        assert graded == int(points), name
        board = json.loads((SAMPLE / "keys" / f"lesson{n:02d}_assessment_board.json").read_text(encoding="utf-8"))
        assert board["title"].removesuffix(" (assessed)") == title, name
        assert (board["show"], len(board["items"])) == (int(show), int(bank)), name
        asked = json.loads((SAMPLE / "keys" / f"lesson{n:02d}_assessment_questions.json").read_text(encoding="utf-8"))
        assert len(asked["questions"]) == int(questions), name
