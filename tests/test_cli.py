"""The smlessons command: report and links, --help everywhere, clear errors
with exit status 2 for bad arguments."""

import csv
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from smlessons.exercises.answers import AnswerStore
from smlessons.exercises.loader import load_exercise
from smlessons.instructor.cli import binder_link, find_lessons, main, nbgitpuller_link

ROOT = Path(__file__).resolve().parents[1]
MEDIUM, NETWORK = load_exercise("lesson01_media_or_network").bins
MANIFEST = json.loads((ROOT / "smlessons" / "content" / "lessons.json").read_text(encoding="utf-8"))["lessons"]
#: What links hands out, read from the manifest itself: its lessons (not the glossary),
#: English first, then the Italian versions.
ALL = [e["languages"]["en"]["notebook"] for e in MANIFEST if e["kind"] != "reference"] + [
    e["languages"]["it"]["notebook"] for e in MANIFEST if e["kind"] != "reference" and "it" in e["languages"]
]


@pytest.fixture
def collected(tmp_path):
    for student, bin_ in (("ada", MEDIUM), ("bo", NETWORK)):
        AnswerStore("01-media-and-networks", folder=tmp_path / "in" / student).save(
            "lesson01-media-or-network", {"WhatsApp": bin_}
        )
    (tmp_path / "in" / "bo" / "junk.answers.json").write_text("junk")
    return tmp_path / "in"


# -- help ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["grade", "--help"],
        ["report", "--help"],
        ["links", "--help"],
        ["course", "--help"],
        ["course", "init", "--help"],
        ["-h"],
    ],
)
def test_every_command_has_help(args, capsys):
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: smlessons")


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "report" in capsys.readouterr().err


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("smlessons ")


# -- report ----------------------------------------------------------------------------


def test_report_writes_csv_and_html_and_lists_skipped_files(collected, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["report", str(collected), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Graded 2 answer file(s) of 2 student(s)." in text
    assert "in/bo/junk.answers.json: not valid JSON" in text
    with open(out / "report.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    whatsapp = {r["student"]: r["status"] for r in rows if r["item"] == "WhatsApp"}
    assert whatsapp == {"ada": "right", "bo": "wrong"}
    # plotly.js inside the page, or written beside it: the page works offline
    beside = [p for p in out.glob("*.js") if p.stat().st_size > 1_000_000]
    assert (out / "report.html").stat().st_size > 1_000_000 or beside


def test_report_writes_plans_csv_for_lesson_8_plans(collected, tmp_path, capsys):
    from smlessons.exercises.campaign import Campaign, check_plan

    plan = Campaign().plan(["WhatsApp"], ["Uma", "Vera", "Xavi"])
    check_plan(
        plan, ["b", "e"], "Three seeds inside.", answers=AnswerStore("08-planning-a-campaign", folder=collected / "ada")
    )
    out = tmp_path / "out"
    assert main(["report", str(collected), "--out", str(out)]) == 0
    assert "1 lesson 8 plan(s)" in capsys.readouterr().out
    (row,) = csv.DictReader(open(out / "plans.csv", newline="", encoding="utf-8"))
    assert (row["student"], row["media"], row["seeds"], row["explanation"]) == (
        "ada",
        "WhatsApp",
        "Uma, Vera, Xavi",
        "Three seeds inside.",
    )
    assert row["reasons"].startswith("(b) \u2713 true; (e) ")


def test_report_without_plans_writes_no_plans_csv(collected, tmp_path):
    assert main(["report", str(collected), "--out", str(tmp_path / "o")]) == 0
    assert not (tmp_path / "o" / "plans.csv").exists()


def test_report_with_instructor_keys(tmp_path, capsys):
    from smlessons.instructor.autograde import board_show, load_keys, variant_items

    keys_dir = ROOT / "instructors" / "keys"
    keys = load_keys(keys_dir, shipped=False)
    board = next(iter(keys.boards.values()))
    mine = variant_items(board, "ada", board_show(board, keys))[:2]  # two of ada's own cards, right
    store = AnswerStore(board.notebook or "assignment", folder=tmp_path / "sub" / "ada" / "lesson1")
    store.save(board.id, {item.label: item.answers[0] for item in mine})
    assert (
        main(["report", str(tmp_path / "sub"), "--out", str(tmp_path), "--keys", str(keys_dir), "--no-shipped-keys"])
        == 0
    )
    rows = list(csv.DictReader(open(tmp_path / "report.csv", encoding="utf-8")))
    assert {r["exercise"] for r in rows} == {board.id}
    assert sum(r["status"] == "right" for r in rows) == 2
    # without the key nothing can be graded: an error with a hint, and no report
    capsys.readouterr()
    assert main(["report", str(tmp_path / "sub"), "--out", str(tmp_path / "nokeys")]) == 2
    err = capsys.readouterr().err
    assert "none of the 1 answer(s) in 1 answer file(s) matches a key" in err and "did you forget --course ." in err
    assert not (tmp_path / "nokeys").exists()
    # --course must be a course folder, as for grade
    assert main(["report", str(tmp_path / "sub"), "--course", str(tmp_path / "sub"), "--out", str(tmp_path / "x")]) == 2
    assert "is not a course folder: it has no source/ folder" in capsys.readouterr().err


def test_report_with_a_course_folder_lists_every_rostered_student(course, tmp_path, capsys):
    assert main(["report", str(course / "submitted"), "--course", str(course), "--out", str(tmp_path / "r")]) == 0
    page = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "ada" in page and "bo" in page  # bo is on the roster and handed in nothing
    (tmp_path / "bad.csv").write_text("name\nx\n")
    assert (
        main(
            ["report", str(course / "submitted"), "--roster", str(tmp_path / "bad.csv"), "--out", str(tmp_path / "r2")]
        )
        == 1
    )
    assert "field 'id'" in capsys.readouterr().err


def test_report_of_a_folder_without_answer_files(tmp_path, capsys):
    assert main(["report", str(tmp_path)]) == 1
    assert "no answer files" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args, words",
    [
        (["report"], "the following arguments are required: FOLDER"),
        (["report", "{missing}"], "no such folder"),
        (["report", "{file}"], "not a folder"),
        (["report", "{dir}", "--out", "{file}"], "--out must be a folder"),
        (["report", "{dir}", "--keys", "{missing}"], "--keys: no such file or folder"),
        (["report", "{dir}", "--bogus"], "unrecognized arguments: --bogus"),
        (["report", "{dir}", "--course", "{missing}"], "--course: no such course folder"),
        (["report", "{dir}", "--roster", "{missing}"], "--roster: no such file"),
        (["links", "--hub", "hub.example.org"], "--hub must be a full web address starting with https://"),
        (["links", "--hub", "ftp://hub.example.org"], "--hub must be a full web address"),
        (["links", "--hub", "https://hub.example.org/?x=1"], "must not contain '?' or '#'"),
        (["links", "--repo", "github.com/smlessons/smlessons"], "--repo must be a full web address"),
        (["links", "--repo", "https://github.com/"], "--repo must name a repository"),
        (["links", "--branch", "my branch"], "--branch must be a branch name"),
        (["links", "--manifest", "{missing}"], "no such lessons manifest"),
        (["links", "--manifest", "{file}"], "a-file: not valid JSON"),
        (["links", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message(args, words, tmp_path, capsys):
    (tmp_path / "a-file").write_text("")
    fill = {"{missing}": str(tmp_path / "nope"), "{file}": str(tmp_path / "a-file"), "{dir}": str(tmp_path)}
    assert main([fill.get(a, a) for a in args]) == 2
    err = capsys.readouterr().err
    assert words in err and "usage: smlessons" in err


# -- grade -----------------------------------------------------------------------------


@pytest.fixture
def course(tmp_path):
    """A copy of the sample course with ada's hand-in (every exercise answered "?") and a roster."""
    import shutil

    from smlessons.instructor.grader import Course

    dest = tmp_path / "course"
    shutil.copytree(ROOT / "instructors", dest, ignore=shutil.ignore_patterns("README.md", "submitted", "release"))
    sample = Course.load(dest)
    for name, plan in sample.assignments.items():
        for cell in plan.cells:
            AnswerStore(cell.notebook, folder=dest / "submitted" / "ada" / name).save(cell.exercise, "?")
        AnswerStore(plan.notebooks[0], folder=dest / "submitted" / "ada" / name).save("not-an-exercise", 1)
    (dest / "roster.csv").write_text(
        "id,first_name,last_name,email,lms_user_id\nada,Ada,L,ada@example.org,1\nbo,Bo,C,bo@example.org,2\n"
    )
    return dest


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_grade_writes_the_marks_and_the_grades_with_absent_students(course, tmp_path, capsys):
    from smlessons.instructor.grader import Course

    assert main(["grade", str(course), "--out", str(tmp_path / "grades")]) == 0
    out = capsys.readouterr().out
    plans = Course.load(course).assignments
    assert f"Graded {len(plans)} hand-in(s) of 2 student(s)" in out and f"{len(plans)} not handed in" in out
    marks = read_csv(tmp_path / "grades" / "marks.csv")
    cells = [(name, c.exercise) for name, p in plans.items() for c in p.cells]
    assert [(m["student"], m["assignment"], m["exercise"]) for m in marks] == [("ada", a, e) for a, e in cells] + [
        ("bo", a, e) for a, e in cells
    ]
    assert {m["status"] for m in marks if m["student"] == "bo"} == {"absent"}
    assert {m["answer"] for m in marks if m["student"] == "ada"} == {"?"}
    assert all(m["points"] == "0" and float(m["out_of"]) > 0 for m in marks)
    grades = read_csv(tmp_path / "grades" / "grades.csv")
    assert {g["student"] for g in grades} == {"ada", "bo"}
    text = (tmp_path / "grades" / "grades.csv").read_text(encoding="utf-8")
    for name in plans:
        assert name in text


def test_grade_writes_into_the_course_by_default_and_reads_a_plain_folder(course, tmp_path, capsys):
    plain = tmp_path / "collected"
    AnswerStore("whatever", folder=plain / "cy").save("x", 1)
    assert main(["grade", str(course), "--submitted", str(plain), "--roster", str(course / "roster.csv")]) == 0
    assert {r["student"] for r in read_csv(course / "grades" / "marks.csv")} == {"ada", "bo", "cy"}
    captured = capsys.readouterr()
    assert "'cy' handed in but is not on the roster" in captured.err
    assert "Warning" not in captured.err and "warn(" not in captured.err and ".py:" not in captured.err


@pytest.mark.parametrize(
    "args, words",
    [
        (["grade"], "the following arguments are required: COURSE_DIR"),
        (["grade", "{missing}"], "no such course folder"),
        (["grade", "{dir}"], "is not a course folder: it has no source/ folder"),
        (["grade", "{course}", "--out", "{file}"], "--out must be a folder"),
        (["grade", "{course}", "--submitted", "{missing}"], "--submitted: no such folder"),
        (["grade", "{course}", "--roster", "{missing}"], "--roster: no such file"),
    ],
)
def test_grade_bad_arguments_exit_2_with_a_clear_message(args, words, course, tmp_path, capsys):
    (tmp_path / "a-file").write_text("")
    (tmp_path / "empty").mkdir()
    fill = {
        "{missing}": str(tmp_path / "nope"),
        "{file}": str(tmp_path / "a-file"),
        "{dir}": str(tmp_path / "empty"),
        "{course}": str(course),
    }
    assert main([fill.get(a, a) for a in args]) == 2
    err = capsys.readouterr().err
    assert words in err and "usage: smlessons grade" in err


def test_grade_of_a_course_without_grade_cells_or_students(tmp_path, capsys):
    (tmp_path / "c" / "source" / "a1").mkdir(parents=True)
    assert main(["grade", str(tmp_path / "c")]) == 1
    assert "no assignment" in capsys.readouterr().err


# -- links -----------------------------------------------------------------------------


def test_binder_links():
    assert binder_link("https://github.com/org/course.git", "01-a.ipynb", "dev") == (
        "https://mybinder.org/v2/gh/org/course/dev?urlpath=lab/tree/notebooks/01-a.ipynb"
    )
    assert binder_link("https://gitlab.com/group/course", "01-a.ipynb").startswith(
        "https://mybinder.org/v2/gl/group%2Fcourse/main?urlpath="
    )
    assert binder_link("https://git.example.edu/t/course", "01-a.ipynb").startswith(
        "https://mybinder.org/v2/git/https%3A%2F%2Fgit.example.edu%2Ft%2Fcourse/main?"
    )


@pytest.mark.parametrize("hub", ["https://hub.example.org", "https://hub.example.org/", "https://hub.example.org/hub/"])
def test_nbgitpuller_link(hub):
    link = nbgitpuller_link(hub, "https://github.com/org/course", "03-x.ipynb", "main")
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://hub.example.org/hub/user-redirect/git-pull"
    assert parse_qs(parts.query) == {
        "repo": ["https://github.com/org/course"],
        "branch": ["main"],
        "urlpath": ["lab/tree/course/notebooks/03-x.ipynb"],
    }


def test_nbgitpuller_link_on_a_hub_under_a_path():
    link = nbgitpuller_link("https://uni.example.org/jupyter", "https://github.com/org/course", "03-x.ipynb")
    assert link.startswith("https://uni.example.org/jupyter/hub/user-redirect/git-pull?repo=")


def test_links_prints_one_binder_and_one_hub_link_per_lesson(capsys):
    assert main(["links", "--hub", "https://hub.example.org"]) == 0
    out = capsys.readouterr().out
    assert out.count("https://mybinder.org/v2/gh/smlessons/smlessons/main?urlpath=lab/tree/notebooks/") == len(ALL)
    assert out.count("https://hub.example.org/hub/user-redirect/git-pull?repo=") == len(ALL)
    assert "Lesson 1: Social media and social networks (01-media-and-networks.ipynb)" in out


def test_links_without_a_hub_and_as_markdown(capsys):
    assert main(["links", "--format", "markdown", "--repo", "https://github.com/me/fork", "--branch", "spring"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| Lesson | Binder |" and len(lines) == 2 + len(ALL)
    assert "git-pull" not in "\n".join(lines)
    assert "(https://mybinder.org/v2/gh/me/fork/spring?urlpath=lab/tree/notebooks/00-start-here.ipynb)" in lines[2]


def test_find_lessons_reads_the_manifest():
    lessons = find_lessons()
    assert [name for name, _ in lessons] == ALL
    assert lessons[0] == ("00-start-here.ipynb", "Start here: social media vs social networks")
    assert ("it/01-media-e-reti.ipynb", "Lezione 1: Social media e social network") in lessons


def _manifest(tmp_path, entries) -> Path:
    path = tmp_path / "lessons.json"
    path.write_text(json.dumps({"lessons": entries}), encoding="utf-8")
    return path


def _entry(id_, number, kind, **languages):
    return {
        "id": id_,
        "number": number,
        "kind": kind,
        "languages": {
            lang: {"notebook": nb, "title": title, "minutes": {"teaching": 1, "exercises": 2}, "exercises": []}
            for lang, (nb, title) in languages.items()
        },
    }


def test_links_follow_the_manifest_order_translations_after_and_not_the_glossary(tmp_path, capsys):
    """The order is the manifest's, not the file names': a lesson named without a number is listed in its place."""
    manifest = _manifest(
        tmp_path,
        [
            _entry("start", 0, "start", en=("00-start-here.ipynb", "Start here")),
            _entry("zeta", 1, "lesson", en=("zeta.ipynb", "Lesson 1: Zeta"), it=("it/zeta.ipynb", "Lezione 1: Zeta")),
            _entry("alpha", 2, "lesson", en=("01-alpha.ipynb", "Lesson 2: Alpha")),
            _entry("glossary", None, "reference", en=("glossary.ipynb", "Glossary"), it=("it/glossario.ipynb", "G")),
        ],
    )
    assert find_lessons(manifest) == [
        ("00-start-here.ipynb", "Start here"),
        ("zeta.ipynb", "Lesson 1: Zeta"),
        ("01-alpha.ipynb", "Lesson 2: Alpha"),
        ("it/zeta.ipynb", "Lezione 1: Zeta"),
    ]
    assert main(["links", "--manifest", str(manifest), "--hub", "https://hub.example.org"]) == 0
    out = capsys.readouterr().out
    assert out.index("Lesson 1: Zeta (zeta.ipynb)") < out.index("Lesson 2: Alpha (01-alpha.ipynb)")
    assert "urlpath=lab/tree/notebooks/it/zeta.ipynb" in out
    assert "urlpath=lab%2Ftree%2Fsmlessons%2Fnotebooks%2Fit%2Fzeta.ipynb" in out
    assert "glossar" not in out.lower()


def test_links_in_italian_give_an_untranslated_lesson_under_its_italian_title(tmp_path, capsys):
    """A lesson with no Italian notebook yet: its English notebook, its Italian title, "(in inglese)"."""
    alpha = _entry("alpha", 2, "lesson", en=("02-alpha.ipynb", "Lesson 2: Alpha"))
    alpha["titles"] = {"it": "Lezione 2: Alfa"}
    manifest = _manifest(
        tmp_path,
        [
            _entry("zeta", 1, "lesson", en=("zeta.ipynb", "Lesson 1: Zeta"), it=("it/zeta.ipynb", "Lezione 1: Zeta")),
            alpha,
        ],
    )
    assert main(["links", "--manifest", str(manifest), "--lang", "it"]) == 0
    out = capsys.readouterr().out
    assert "Lezione 1: Zeta (it/zeta.ipynb)" in out
    assert "Lezione 2: Alfa (in inglese) (02-alpha.ipynb)" in out
    assert "Lesson " not in out


def test_links_with_a_malformed_manifest_say_where(tmp_path, capsys):
    bad = _entry("one", 1, "lesson", en=("01-one.ipynb", "Lesson 1"))
    del bad["languages"]["en"]["title"]
    manifest = _manifest(tmp_path, [bad])
    assert main(["links", "--manifest", str(manifest)]) == 2
    assert "lessons.json: lesson 0 ('one'): languages.en: missing field 'title'" in capsys.readouterr().err


def test_links_of_the_shipped_course_include_lesson_2_and_not_the_glossary():
    names = [name for name, _ in find_lessons()]
    assert "02-python-you-need.ipynb" in names
    assert (ROOT / "notebooks" / "glossary.ipynb").is_file() and not any("gloss" in n for n in names)


LESSONS = [e for e in MANIFEST if e["kind"] != "reference"]


def test_links_in_italian_give_each_lesson_once_in_italian_or_marked_english(capsys):
    assert main(["links", "--lang", "it"]) == 0
    out = capsys.readouterr().out
    assert out.count("  Binder:") == len(LESSONS)
    assert "Lezione 1: Social media e social network (it/01-media-e-reti.ipynb)" in out
    assert "Inizia da qui: social media e social network (it/00-start-here.ipynb)" in out
    assert "urlpath=lab/tree/notebooks/01-media-and-networks.ipynb" not in out, "lesson 1 exists in Italian"
    assert "glossar" not in out.lower()
    for e in LESSONS:
        version = e["languages"].get("it") or e["languages"]["en"]
        title = e["languages"]["it"]["title"] if "it" in e["languages"] else e["titles"]["it"] + " (in inglese)"
        assert f"{title} ({version['notebook']})" in out


def test_links_in_italian_as_markdown_speak_italian(capsys):
    assert main(["links", "--lang", "it", "--format", "markdown", "--hub", "https://hub.example.org"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| Lezione | Binder | JupyterHub |" and len(lines) == 2 + len(LESSONS)
    assert lines[2].startswith("| Inizia da qui: social media e social network | [apri su Binder](")
    assert "[apri sul JupyterHub](https://hub.example.org/hub/user-redirect/git-pull?" in lines[2]


def test_links_in_italian_agree_with_the_italian_start_here():
    """The links a teacher hands out are the ones the Italian start-here table gives."""
    import re

    cells = json.loads((ROOT / "notebooks" / "it" / "00-start-here.ipynb").read_text(encoding="utf-8"))["cells"]
    table = "".join(cells[1]["source"])
    linked = {int(n): link for n, link in re.findall(r"^\| (\d) \| \[[^]]+\]\(([^)]+)\)", table, re.M)}
    lessons = dict(zip([e["number"] for e in LESSONS], find_lessons(language="it")))
    for n, link in linked.items():
        path = (Path("it") / link).as_posix().replace("it/../", "")
        assert lessons[n][0] == path, (n, link)
        assert ("(in inglese)" in lessons[n][1]) == link.startswith("../"), n
    assert set(linked) == set(lessons) - {0}


def test_links_in_english_only_and_an_unknown_language(capsys):
    assert main(["links", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.count("  Binder:") == len(LESSONS) and "(in English)" not in out and "it/" not in out
    assert main(["links", "--lang", "fr"]) == 2
    assert "--lang: no lesson exists in 'fr'; the manifest has en, it" in capsys.readouterr().err


# -- as an installed command -----------------------------------------------------------


def test_the_command_runs_as_a_program(collected, tmp_path):
    exe = Path(sys.executable).with_name("smlessons")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "smlessons.instructor.cli"]
    done = subprocess.run(
        [*command, "report", str(collected), "--out", str(tmp_path / "o")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "o" / "report.html").exists()
    bad = subprocess.run([*command, "links", "--hub", "example.org"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--hub must be a full web address" in bad.stderr
    helped = subprocess.run([*command, "links", "--help"], capture_output=True, text=True)
    assert helped.returncode == 0 and "nbgitpuller" in helped.stdout


# -- grade: errors, assignments, stale exports; roster check --------------------------------------


def save_as(folder, notebook, exercise, answer, student, monkeypatch):
    monkeypatch.setenv("SMLESSONS_STUDENT", student)
    AnswerStore(notebook, folder=folder).save(exercise, answer)
    monkeypatch.delenv("SMLESSONS_STUDENT")


def first_cell(course):
    from smlessons.instructor.grader import Course

    name, plan = next(iter(Course.load(course).assignments.items()))
    return name, plan.cells[0]


def test_grade_prints_errors_first_on_stderr_with_a_count(course, tmp_path, capsys, monkeypatch):
    import shutil

    name, cell = first_cell(course)
    shutil.rmtree(course / "submitted" / "ada")
    save_as(course / "submitted" / "ada" / name, cell.notebook, cell.exercise, "?", "root", monkeypatch)
    save_as(course / "submitted" / "Bo" / name, cell.notebook, cell.exercise, "?", "Bo", monkeypatch)
    assert main(["grade", str(course), "--out", str(tmp_path / "g")]) == 0
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0] == "smlessons grade: 2 ERROR(S): the marks they concern are not meaningful until each is resolved:"
    assert lines[1].startswith("  ERROR: 'Bo' handed in but is not on the roster (did you mean 'bo'?")
    assert f"ada, {name}: ERROR: {cell.notebook}.answers.json: answered as 'root', handed in as 'ada'" in lines[2]
    assert "2 ERROR(S), listed first" in captured.out
    notes = {r["student"]: r["note"] for r in read_csv(tmp_path / "g" / "grades.csv")}
    assert "answered as 'root', handed in as 'ada'" in notes["ada"] and "'Bo' handed in" in notes["Bo"]
    assert "ERROR" not in notes["bo"]


def test_grade_covers_the_assignments_handed_out_or_named(course, tmp_path, capsys):
    from smlessons.instructor.grader import Course

    names = list(Course.load(course).assignments)
    (course / "release" / names[1]).mkdir(parents=True)
    assert main(["grade", str(course), "--out", str(tmp_path / "g")]) == 0
    out = capsys.readouterr().out
    assert f"Assignments included: {names[1]} (those handed out: in release/ or the exchange)." in out
    assert f"Left out: {', '.join(n for n in names if n != names[1])}" in out
    header = read_csv(tmp_path / "g" / "grades.csv")[0].keys()
    assert [n for n in names if n in header] == [names[1]]
    assert {r["assignment"] for r in read_csv(tmp_path / "g" / "marks.csv")} == {names[1]}
    assert main(["grade", str(course), "--out", str(tmp_path / "h"), "--assignments", f"{names[2]}, {names[0]}"]) == 0
    assert f"Assignments included: {names[0]}, {names[2]} (named with --assignments)." in capsys.readouterr().out
    assert {r["assignment"] for r in read_csv(tmp_path / "h" / "marks.csv")} == {names[0], names[2]}
    assert main(["grade", str(course), "--assignments", "lesson99"]) == 2
    assert "--assignments: not an assignment of the course: lesson99" in capsys.readouterr().err


def test_grade_without_a_release_covers_the_assignments_handed_in(course, tmp_path, capsys):
    import shutil

    from smlessons.instructor.grader import Course

    names = list(Course.load(course).assignments)
    for name in names[1:]:
        shutil.rmtree(course / "submitted" / "ada" / name)
    assert main(["grade", str(course), "--out", str(tmp_path / "g")]) == 0
    assert f"Assignments included: {names[0]} (those with at least one hand-in" in capsys.readouterr().out
    row = read_csv(tmp_path / "g" / "grades.csv")[0]
    assert names[0] in row and names[1] not in row


def test_an_export_that_cannot_be_written_removes_the_old_one(course, tmp_path, capsys):
    out = tmp_path / "g"
    out.mkdir()
    (out / "canvas.csv").write_text("yesterday's grades\n")
    (out / "moodle.csv").write_text("yesterday's grades\n")
    # no lms_user_id: Canvas cannot be written; Moodle can
    (course / "roster.csv").write_text(
        "id,first_name,last_name,email\nada,Ada,L,ada@example.org\nbo,Bo,C,bo@example.org\n"
    )
    assert main(["grade", str(course), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "canvas.csv not written" in err and f"removed the old {out / 'canvas.csv'}" in err
    assert not (out / "canvas.csv").exists()
    assert (out / "moodle.csv").read_text() != "yesterday's grades\n"


def test_roster_check(tmp_path, capsys):
    good = tmp_path / "roster.csv"
    good.write_text("id,first_name,last_name,email,lms_user_id\nada,Ada,L,a@x.org,1\nbo,Bo,C,b@x.org,2\n")
    assert main(["roster", "check", str(good)]) == 0
    assert capsys.readouterr().out == "2 students, ok\n"
    bad = tmp_path / "excel.csv"
    bad.write_text("id,first_name,last_name,email,lms_user_id\nada,Ada,L,a@x.org,1\nivy;Ivy;Green;ivy@x.org;9\n")
    assert main(["roster", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert (
        "excel.csv, line 3, field 'id'" in err
        and "looks like a semicolon-separated file: save it as CSV with commas" in err
    )
    assert main(["roster", "check", str(tmp_path / "nope.csv")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_report_help_says_plotly_is_beside_the_page(capsys):
    assert main(["report", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "plotly.min.js, written beside report.html: keep the two files together" in text
    assert "inside the page" not in text
