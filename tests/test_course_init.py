"""smlessons.instructor.course: ``smlessons course init`` makes a private nbgrader course.

Most tests pass the template explicitly: the package's course template plus
the sample course's ``nbgrader_config.py``, which the design keeps identical
to the template's. The last tests check the rule behind private courses:
no assessment key is anywhere a student looks (``notebooks/``, the package).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from smlessons.instructor import course
from smlessons.instructor.course import CourseError, add_parser, default_sample, init_course

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "instructors"


def need_git() -> None:
    if shutil.which("git") is None:
        raise AssertionError("this check needs git (install it; the course init uses it too)")


REAL_GRADEBOOK = course._create_gradebook


@pytest.fixture
def template(tmp_path, monkeypatch):
    """The package's course template, with the sample's nbgrader_config.py if it has none yet.

    Making the gradebook runs nbgrader (seconds): only the tests about the
    gradebook do it; the others get a stand-in.
    """
    monkeypatch.setattr(course, "_create_gradebook", lambda folder: (False, "(no gradebook in this test)"))
    folder = tmp_path / "template"
    shutil.copytree(course.TEMPLATE, folder, ignore=shutil.ignore_patterns("__pycache__"))
    if not (folder / "nbgrader_config.py").exists():
        shutil.copyfile(SAMPLE / "nbgrader_config.py", folder / "nbgrader_config.py")
    return folder


def listing(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_init_copies_every_assessment_in_every_language_and_the_course_grades_them(tmp_path, template):
    """The sample course's assignments are the manifest's, English and Italian (lesson1-it...):
    init copies them all, and the new course's grader reads each with the points of its English twin."""
    from smlessons.content.lessons import load_lessons
    from smlessons.instructor.grader import Course

    made = init_course(tmp_path / "c", template=template, git=False)
    versions = [a for e in load_lessons() if e.assessment for a in e.assessment.versions]
    assert sorted(made.assignments) == sorted(a.assignment for a in versions)
    assert any(a.language == "it" for a in versions)
    assert sorted(made.keys) == sorted(k.file for a in versions for k in a.keys)
    plans = Course.load(tmp_path / "c").assignments
    for a in versions:
        if a.language != "en":
            english = a.assignment.removesuffix(f"-{a.language}")
            assert plans[a.assignment].out_of == plans[english].out_of > 0, a.assignment
            assert [c.exercise for c in plans[a.assignment].cells] == [
                f"{c.exercise}-{a.language}" for c in plans[english].cells
            ]
    assert "lesson1-it" in next(m for m in made.messages if "SAMPLE" in m)


def test_the_repository_course_is_the_default_sample():
    assert default_sample() == SAMPLE


def test_init_makes_the_layout_and_copies_the_sample(tmp_path, template):
    made = init_course(tmp_path / "my-course", template=template, git=False)
    folder = tmp_path / "my-course"
    assert made.folder == folder.resolve() and made.sample == SAMPLE
    names = {p.name for p in folder.iterdir()}
    assert {"nbgrader_config.py", ".gitignore", "roster.csv", "README.md", "source", "keys", "exchange"} <= names
    assert "gitignore" not in names
    assert (folder / "nbgrader_config.py").read_bytes() == (template / "nbgrader_config.py").read_bytes()
    assert (folder / "roster.csv").read_text().splitlines()[0] == "id,first_name,last_name,email,lms_user_id"
    sample_assignments = sorted(p.name for p in (SAMPLE / "source").iterdir() if p.is_dir())
    assert made.assignments == sample_assignments
    assert sorted(p.name for p in (folder / "source").iterdir()) == sample_assignments
    for assignment in sample_assignments:
        assert listing(folder / "source" / assignment) == listing(SAMPLE / "source" / assignment)
    assert listing(folder / "keys") == listing(SAMPLE / "keys")
    assert any("SAMPLE" in m for m in made.messages)
    # private: only the owner opens the course; nbgrader's exchange as nbgrader wants it
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "exchange").stat().st_mode) == 0o777


def test_the_gradebook_is_made_whole_even_without_the_environment_on_the_path(tmp_path, template, monkeypatch):
    import nbgrader  # noqa: F401 (in the test extra: the check must run)

    monkeypatch.setattr(course, "_create_gradebook", REAL_GRADEBOOK)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # not activated: no alembic
    made = init_course(tmp_path / "c", template=template, git=False)
    assert made.gradebook
    db = sqlite3.connect(tmp_path / "c" / "gradebook.db")
    tables = {row[0] for row in db.execute("select name from sqlite_master where type='table'")}
    assert {"alembic_version", "student", "course"} <= tables, "a half-made gradebook"
    assert db.execute("select count(*) from alembic_version").fetchone()[0] == 1


def test_a_failed_gradebook_leaves_nothing_behind(tmp_path, template, monkeypatch):
    import nbgrader  # noqa: F401 (in the test extra: the check must run)

    monkeypatch.setattr(course, "_create_gradebook", REAL_GRADEBOOK)
    (template / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.db_url = 'sqlite:////nonexistent/dir/gradebook.db'\n"
    )
    made = init_course(tmp_path / "c", template=template, git=False)
    assert not made.gradebook and not (tmp_path / "c" / "gradebook.db").exists()
    assert any("could not create the gradebook" in m for m in made.messages)
    assert (tmp_path / "c" / "roster.csv").is_file(), "the rest of the course is made"


@pytest.mark.parametrize("stray", [
    "media.answers.json", "media.answers.corrupt-2026-01-01T10-00-00.json", ".media.answers.lock",
    ".ipynb_checkpoints/media-checkpoint.ipynb",
])  # fmt: skip
def test_answers_left_in_a_sample_are_never_copied(tmp_path, template, stray):
    sample = tmp_path / "sample"
    (sample / "source" / "lesson1").mkdir(parents=True)
    (sample / "keys").mkdir()
    (sample / "source" / "lesson1" / "media.ipynb").write_text("{}")
    (sample / "keys" / "lesson01.json").write_text("{}")
    (sample / "source" / "lesson1" / stray).parent.mkdir(parents=True, exist_ok=True)
    (sample / "source" / "lesson1" / stray).write_text("{}")
    init_course(tmp_path / "c", sample=sample, template=template, git=False)
    assert sorted(listing(tmp_path / "c" / "source")) == ["lesson1/media.ipynb"]
    assert sorted(listing(tmp_path / "c" / "keys")) == ["lesson01.json"]


def test_no_sample_starts_empty_and_says_how_to_get_the_samples(tmp_path, template):
    made = init_course(tmp_path / "c", sample=False, template=template, git=False)
    assert list((tmp_path / "c" / "source").iterdir()) == [] and list((tmp_path / "c" / "keys").iterdir()) == []
    assert made.assignments == [] and made.sample is None
    assert any("instructors/" in m and "--sample" in m for m in made.messages)


def test_an_installed_package_has_no_sample_and_still_makes_a_course(tmp_path):
    """Install the package's files the way pyproject.toml's package data selects them."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    site = tmp_path / "site-packages"
    # What setuptools installs: every package's modules and the data its patterns name.
    for init in (ROOT / "smlessons").rglob("__init__.py"):
        folder = init.parent
        name = ".".join(folder.relative_to(ROOT).parts)
        files = list(folder.glob("*.py")) + [
            p for pattern in package_data.get(name, []) for p in folder.glob(pattern) if p.is_file()
        ]
        for p in files:
            target = site / p.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, target)
    assert (site / "smlessons" / "instructor" / "course_template" / "nbgrader_config.py").is_file()
    code = (
        "import sys; from smlessons.instructor.course import init_course, default_sample; "
        "assert default_sample() is None; m = init_course(sys.argv[1], git=False); print(m.assignments); print(m.messages[0])"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "c")], env=env, capture_output=True, text=True, cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "[]" and "source/ and keys/ are empty" in out.stdout
    assert {p.name for p in (tmp_path / "c").iterdir()} >= {
        ".gitignore",
        "roster.csv",
        "README.md",
        "nbgrader_config.py",
    }


# -- refusing -----------------------------------------------------------------------------


def test_a_non_empty_folder_is_refused_and_left_as_it_was(tmp_path, template):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    before = listing(folder)
    with pytest.raises(CourseError, match="not empty.*never overwrites"):
        init_course(folder, template=template, git=False)
    assert listing(folder) == before and stat.S_IMODE(folder.stat().st_mode) != 0o700


def test_a_hidden_file_makes_a_folder_non_empty(tmp_path, template):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / ".git").mkdir()
    with pytest.raises(CourseError, match="not empty"):
        init_course(tmp_path / "mine", template=template, git=False)


def test_an_empty_folder_is_used(tmp_path, template):
    (tmp_path / "empty").mkdir()
    init_course(tmp_path / "empty", template=template, git=False, sample=False)
    assert (tmp_path / "empty" / "nbgrader_config.py").is_file()


def test_a_file_is_refused(tmp_path, template):
    (tmp_path / "f").write_text("x")
    with pytest.raises(CourseError, match="is a file"):
        init_course(tmp_path / "f", template=template, git=False)
    assert (tmp_path / "f").read_text() == "x"


def test_a_sample_that_is_not_a_course_is_refused_before_anything_is_written(tmp_path, template):
    (tmp_path / "sample" / "source").mkdir(parents=True)
    with pytest.raises(CourseError, match="no keys/"):
        init_course(tmp_path / "c", sample=tmp_path / "sample", template=template, git=False)
    with pytest.raises(CourseError, match="no such folder"):
        init_course(tmp_path / "c", sample=tmp_path / "nowhere", template=template, git=False)
    assert not (tmp_path / "c").exists()


def test_a_template_without_a_config_is_refused(tmp_path, template):
    (template / "nbgrader_config.py").unlink()
    with pytest.raises(CourseError, match="no nbgrader_config.py"):
        init_course(tmp_path / "c", template=template, git=False)
    assert not (tmp_path / "c").exists()


# -- git ------------------------------------------------------------------------------------


def test_the_course_is_a_git_repository_that_ignores_what_nbgrader_and_the_grader_write(tmp_path, template):
    need_git()
    made = init_course(tmp_path / "c", template=template, sample=False)
    folder = tmp_path / "c"
    assert made.git == "initialised" and (folder / ".git").is_dir()
    generated = [
        "gradebook.db", "gradebook.db-journal", ".nbgrader.log", "grades/grades.csv", "grades/moodle.csv",
        "grades/canvas.csv", "reports/report.html", "reports/report.csv", "release/lesson1/a.ipynb",
        "submitted/ada/lesson1/a.answers.json", "autograded/ada/lesson1/a.ipynb", "feedback/ada/lesson1/a.html",
        "exchange/smlessons/outbound/lesson1/a.ipynb", "source/lesson1/a.answers.json",
        "source/lesson1/a.answers.corrupt-2026-01-01T10-00-00.json", "source/lesson1/.a.answers.lock",
    ]  # fmt: skip
    kept = [
        "nbgrader_config.py",
        "roster.csv",
        ".gitignore",
        "README.md",
        "source/lesson1/a.ipynb",
        "keys/lesson01.json",
    ]
    for name in generated + kept:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).touch()
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", *generated, *kept], cwd=folder, capture_output=True, text=True
    ).stdout.split()  # fmt: skip
    assert sorted(ignored) == sorted(generated)


def test_inside_another_repository_no_repository_is_made_and_a_warning_names_it(tmp_path, template):
    need_git()
    subprocess.run(["git", "init", "-q", str(tmp_path / "public")], check=True)
    made = init_course(tmp_path / "public" / "courses" / "c", template=template, sample=False)
    assert made.git.startswith("inside ") and not (tmp_path / "public" / "courses" / "c" / ".git").exists()
    warning = next(m for m in made.messages if m.startswith("WARNING"))
    assert str((tmp_path / "public").resolve()) in warning and "history" in warning


def test_no_git_makes_no_repository(tmp_path, template):
    made = init_course(tmp_path / "c", template=template, sample=False, git=False)
    assert made.git == "skipped" and not (tmp_path / "c" / ".git").exists()


# -- the command line -------------------------------------------------------------------------


def parser():
    p = argparse.ArgumentParser(prog="smlessons")
    add_parser(p.add_subparsers(dest="command"))
    return p


def run_cli(argv, monkeypatch, template):
    monkeypatch.setattr(course, "TEMPLATE", template)
    args = parser().parse_args(argv)
    return args.handler(args, args.parser)


def test_cli_makes_the_course_and_says_what_it_did(tmp_path, template, monkeypatch, capsys):
    status = run_cli(["course", "init", str(tmp_path / "c"), "--no-sample", "--no-git"], monkeypatch, template)
    out = capsys.readouterr().out
    assert status == 0 and (tmp_path / "c" / "roster.csv").is_file()
    assert out.startswith(f"Made the course {(tmp_path / 'c').resolve()}")
    assert f"Next: cd {os.path.relpath(tmp_path / 'c')}," in out


def test_the_next_step_names_the_folder_as_reached_from_here(tmp_path, template, monkeypatch, capsys):
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert run_cli(["course", "init", "../my course", "--no-sample", "--no-git"], monkeypatch, template) == 0
    assert "Next: cd '../my course'," in capsys.readouterr().out


def test_cli_refuses_a_non_empty_folder_with_status_2(tmp_path, template, monkeypatch, capsys):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x").write_text("x")
    assert run_cli(["course", "init", str(tmp_path / "c")], monkeypatch, template) == 2
    assert "smlessons course init:" in capsys.readouterr().err


def test_cli_sample_and_no_sample_exclude_each_other(tmp_path):
    with pytest.raises(SystemExit):
        parser().parse_args(["course", "init", str(tmp_path / "c"), "--sample", "x", "--no-sample"])


def test_cli_course_alone_prints_help(monkeypatch, template, capsys):
    assert run_cli(["course"], monkeypatch, template) == 2
    assert "init" in capsys.readouterr().err


# -- no key where students look -----------------------------------------------------------------


def _key_files() -> list[Path]:
    return sorted(p for p in (SAMPLE / "keys").rglob("*.json"))


def _secrets(data) -> tuple[str, list[str]]:
    """A key's id, and its texts that only a key holds (explanations, feedback, hints of answers)."""
    texts = []
    for entry in data.get("items", []) + data.get("questions", []):
        for field in ("explanation", "feedback"):
            value = entry.get(field)
            values = value.values() if isinstance(value, dict) else [value]
            texts.extend(v for v in values if isinstance(v, str) and len(v) >= 40)
    return data["id"], texts


def _carries_answers(data) -> bool:
    entries = data.get("items", []) + data.get("questions", []) if isinstance(data, dict) else []
    return any(isinstance(e, dict) and {"answer", "compute", "explanation"} & set(e) for e in entries)


def _student_facing_files() -> list[Path]:
    files = [p for p in (ROOT / "notebooks").rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts]
    files += [
        p for p in (ROOT / "smlessons").rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".mo"
    ]
    return files


def test_there_are_keys_to_look_for():
    keys = _key_files()
    assert keys, "the sample course has no keys"
    assert sum(len(_secrets(json.loads(p.read_text()))[1]) for p in keys) >= 8


def leaks(files, root: Path) -> list[str]:
    """Each file among `files` that holds a key's text or a copy of a key."""
    secrets = {}
    for path in _key_files():
        key_id, texts = _secrets(json.loads(path.read_text(encoding="utf-8")))
        secrets[key_id] = texts
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        name = path.relative_to(root).as_posix()
        for key_id, texts in secrets.items():
            found.extend(f"{name}: a key text of {key_id}: {t[:60]!r}" for t in texts if t in text)
        if path.suffix == ".json":
            data = json.loads(text)
            if isinstance(data, dict) and data.get("id") in secrets and _carries_answers(data):
                found.append(f"{name}: a copy of the key {data['id']}")
    return found


def test_no_assessment_key_is_in_the_notebooks_or_the_package():
    files = _student_facing_files()
    assert len(files) > 20
    assert leaks(files, ROOT) == []


def test_the_check_finds_a_key_copied_where_students_look(tmp_path):
    """The rule can fail: a key copied beside the package's exercises, or its
    explanations pasted into a notebook, is caught."""
    key = _key_files()[0]
    shutil.copyfile(key, tmp_path / "lesson99_practice.json")
    _, texts = _secrets(json.loads(key.read_text(encoding="utf-8")))
    (tmp_path / "99-lesson.ipynb").write_text(json.dumps({"cells": [{"source": ["Hint: " + texts[0]]}]}))
    found = leaks(sorted(tmp_path.iterdir()), tmp_path)
    assert any(f.startswith("lesson99_practice.json: a copy of the key") for f in found)
    assert any(f.startswith("99-lesson.ipynb: a key text") for f in found)


def test_keys_are_only_under_the_sample_courses_keys_folder():
    need_git()
    tracked = subprocess.run(
        ["git", "ls-files", "*.json"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    key_ids = {json.loads(p.read_text(encoding="utf-8"))["id"] for p in _key_files()}
    assert tracked
    for name in tracked:
        try:
            data = json.loads((ROOT / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("id") in key_ids and _carries_answers(data):
            assert name.startswith("instructors/keys/"), f"{name} carries the answers of an assessment"


def test_the_sample_course_has_a_roster_and_ignores_what_grading_writes():
    roster = (SAMPLE / "roster.csv").read_text(encoding="utf-8").splitlines()
    assert roster[0] == "id,first_name,last_name,email,lms_user_id" and len(roster) >= 3
    assert (SAMPLE / "roster.csv").read_bytes() == (course.TEMPLATE / "roster.csv").read_bytes()
    need_git()
    names = ["gradebook.db", "grades/grades.csv", "reports/report.html", "exchange/x", "release/x", "submitted/x",
             "autograded/x", "feedback/x", "source/lesson1/a.answers.corrupt-2026-01-01T10-00-00.json"]  # fmt: skip
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", *(f"instructors/{n}" for n in names)], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()  # fmt: skip
    assert sorted(ignored) == sorted(f"instructors/{n}" for n in names)


def test_a_git_that_fails_leaves_the_course_made_and_says_so(tmp_path, template, monkeypatch):
    need_git()
    real_run = subprocess.run

    def failing_init(args, *a, **k):
        if args[:2] == ["git", "init"]:
            return subprocess.CompletedProcess(args, 128, "", "fatal: cannot mkdir .git: Permission denied")
        return real_run(args, *a, **k)

    monkeypatch.setattr(course.subprocess, "run", failing_init)
    made = init_course(tmp_path / "c", template=template, sample=False)
    assert made.git == "failed" and (tmp_path / "c" / "roster.csv").is_file()
    assert any("git init failed (fatal: cannot mkdir .git" in m for m in made.messages)


def test_a_course_made_before_the_layers_still_imports_its_plugin_and_grade_cells():
    """Old configs import smlessons.nbgrader_plugin; old stored grade cells import smlessons.grader."""
    import smlessons.grader as old_grader
    import smlessons.nbgrader_plugin as old_plugin
    from smlessons.instructor import grader, nbgrader_plugin

    assert old_plugin.configure is nbgrader_plugin.configure
    assert old_plugin.refuse_stray_answer_files_now is nbgrader_plugin.refuse_stray_answer_files_now
    assert old_grader.graded_outside is grader.graded_outside
