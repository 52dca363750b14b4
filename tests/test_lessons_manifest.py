"""The lessons manifest (smlessons/content/lessons.json) joins a lesson's names:
its notebooks, exercise files and ids, instructor folder and keys, and minutes.
Everything that lists lessons agrees with it: the notebooks folder, the
notebooks' own headers, the README's table, the instructor guide's timings,
the start-here pages, ``smlessons links`` and the browser suite.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from smlessons.content import EXERCISES_DIR
from smlessons.content.lessons import LESSONS_FILE, LessonsFileError, lesson, load_lessons, notebooks, parse_lessons
from smlessons.instructor.cli import find_lessons, main

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
INSTRUCTORS = ROOT / "instructors"
LESSONS = load_lessons()
RAW = json.loads(LESSONS_FILE.read_text(encoding="utf-8"))
VERSIONS = [(e, v) for e in LESSONS for v in e.languages.values()]
HEADER = re.compile(r"\*\*(?:Teaching|Teoria):\*\*\s*(\d+) min\s*·\s*\*\*(?:Exercises|Esercizi):\*\*\s*(\d+) min")


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _text(path: Path) -> str:
    return "\n".join("".join(c["source"]) for c in _cells(path))


def _id(version) -> str:
    return version.notebook


# -- the notebooks ----------------------------------------------------------------------


def test_every_notebook_is_in_the_manifest_and_every_manifest_notebook_exists():
    on_disk = sorted(
        p.relative_to(NOTEBOOKS).as_posix() for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )
    listed = sorted(notebooks())
    assert [n for n in on_disk if n not in listed] == [], "notebooks missing from lessons.json"
    assert [n for n in listed if n not in on_disk] == [], "lessons.json names notebooks that do not exist"


def test_the_manifest_lists_start_here_the_lessons_in_order_and_the_glossary():
    assert LESSONS[0].id == "start-here" and LESSONS[0].kind == "start"
    numbered = [e.number for e in LESSONS if e.kind == "lesson"]
    assert numbered == list(range(1, len(numbered) + 1)) and len(numbered) == 8
    assert LESSONS[-1].kind == "reference" and LESSONS[-1].en.notebook == "glossary.ipynb"
    assert LESSONS[-1].languages["it"].notebook == "it/glossario.ipynb"


@pytest.mark.parametrize("entry, version", VERSIONS, ids=lambda v: getattr(v, "notebook", ""))
def test_each_title_is_the_notebooks_heading(entry, version):
    first = "".join(_cells(NOTEBOOKS / version.notebook)[0]["source"]).splitlines()[0]
    assert first == f"# {version.title}", (
        f"lessons.json: {version.notebook} is titled {version.title!r}, the notebook {first!r}"
    )


@pytest.mark.parametrize("entry, version", VERSIONS, ids=lambda v: getattr(v, "notebook", ""))
def test_each_lessons_minutes_are_the_ones_its_notebook_states(entry, version):
    found = HEADER.search("".join(_cells(NOTEBOOKS / version.notebook)[0]["source"]))
    if found:
        assert version.minutes is not None and version.minutes.stated, version.notebook
        assert (version.minutes.teaching, version.minutes.exercises) == (int(found[1]), int(found[2])), (
            f"lessons.json gives {version.notebook} {version.minutes}; its header says {found[1]} + {found[2]} min"
        )
    else:  # a page that states no time: no minutes, or an estimate marked as one
        assert version.minutes is None or not version.minutes.stated, version.notebook
        assert entry.kind != "lesson", f"{version.notebook} is a lesson and states no time"


# -- exercise files and ids -------------------------------------------------------------


def test_every_exercise_file_is_in_the_manifest_once():
    listed = [x.file for _, v in VERSIONS for x in v.exercises]
    assert sorted(listed) == sorted(p.name for p in EXERCISES_DIR.glob("*.json"))


@pytest.mark.parametrize(
    "version, ref", [(v, x) for _, v in VERSIONS for x in v.exercises], ids=lambda v: getattr(v, "file", "")
)
def test_each_exercise_id_is_its_files_and_the_notebook_uses_it(version, ref):
    data = json.loads((EXERCISES_DIR / ref.file).read_text(encoding="utf-8"))
    assert data["id"] == ref.id, f"lessons.json: {ref.file} has id {ref.id!r}; the file says {data['id']!r}"
    assert data.get("notebook") == version.stem, f"{ref.file} names notebook {data.get('notebook')!r}"
    code = "\n".join("".join(c["source"]) for c in _cells(NOTEBOOKS / version.notebook) if c["cell_type"] == "code")
    if "questions" in data:  # every question of the file is checked in the notebook
        checked_all = "check_all(" in code
        missing = [
            q["id"]
            for q in data["questions"]
            if f'check("{q["id"]}"' not in code and not (checked_all and f'"{q["id"]}":' in code)
        ]
        assert missing == [], f"{version.notebook} never checks {missing} of {ref.file}"
    else:  # a board: the notebook loads it by its name
        assert f'from_exercise("{ref.stem}"' in code, f"{version.notebook} does not load {ref.file}"


# -- instructor folders and keys --------------------------------------------------------


ASSESSMENTS = [(e, a) for e in LESSONS if e.assessment for a in e.assessment.versions]
#: The lessons whose sample assessment is also an Italian assignment (lessonN-it).
ITALIAN_ASSESSMENTS = [1, 2, 3, 4, 5, 6]


def test_every_instructor_assignment_is_in_the_manifest():
    folders = sorted(p.name for p in (INSTRUCTORS / "source").iterdir() if p.is_dir())
    assert folders == sorted(a.assignment for _, a in ASSESSMENTS)
    keys = sorted(p.name for p in (INSTRUCTORS / "keys").glob("*.json"))
    assert keys == sorted(k.file for _, a in ASSESSMENTS for k in a.keys)


def test_the_italian_assessments_are_the_english_ones_under_italian_names():
    italian = [e.number for e in LESSONS if e.assessment and e.assessment.version("it")]
    assert italian == ITALIAN_ASSESSMENTS
    for number in italian:
        en, it = lesson(number).assessment, lesson(number).assessment.version("it")
        assert (it.language, it.assignment, it.folder) == ("it", f"lesson{number}-it", f"{en.folder}-it")
        assert it.minutes == en.minutes and it.notebook != en.notebook and it.version("en") is None
        assert [(k.file, k.id) for k in it.keys] == [
            (k.file.replace(".json", "_it.json"), f"{k.id}-it") for k in en.keys
        ]


@pytest.mark.parametrize("entry, a", ASSESSMENTS, ids=lambda x: getattr(x, "assignment", ""))
def test_each_assessment_folder_notebook_keys_and_minutes_exist_and_agree(entry, a):
    folder = ROOT / a.folder
    assert folder == INSTRUCTORS / "source" / a.assignment and folder.is_dir(), a.folder
    assert (folder / a.notebook).is_file(), f"{a.folder} has no {a.notebook}"
    header = "".join(_cells(folder / a.notebook)[0]["source"])
    time = {"en": "**Time:**", "it": "**Tempo:**"}[a.language]
    assert f"{time} {a.minutes} min" in header, f"{a.notebook} does not state {a.minutes} min"
    metadata = json.loads((folder / a.notebook).read_text(encoding="utf-8"))["metadata"]
    assert metadata.get("smlessons", {}).get("language", "en") == a.language, f"{a.notebook}: language"
    code = _text(folder / a.notebook)
    for key in a.keys:
        data = json.loads((INSTRUCTORS / "keys" / key.file).read_text(encoding="utf-8"))
        assert data["id"] == key.id, f"lessons.json: {key.file} has id {key.id!r}; the file says {data['id']!r}"
        assert data.get("notebook") == Path(a.notebook).stem, key.file
        assert (folder / key.file).is_file(), f"{a.folder} has no student copy of {key.file}"
        assert key.file in code, f"{a.notebook} does not use {key.file}"
    assert entry.number == int(a.assignment.removeprefix("lesson").removesuffix("-it")), "lessonN belongs to lesson N"


# -- the pages that list lessons ------------------------------------------------------------


def test_the_readme_table_is_the_manifest():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\|\s*(\d*)\s*\| \[`([^`]+)`\]\(notebooks/([^)]+)\) \|", text, re.M)
    expected = [("" if e.number is None else str(e.number), e.en.notebook, e.en.notebook) for e in LESSONS]
    assert rows == expected, "README's lesson table does not list the manifest's lessons in its order"
    italian = re.search(r"^In Italian.*?\n\n", text, re.M | re.S).group(0)
    linked = re.findall(r"\]\(notebooks/(it/[^)]+)\)", italian)
    assert linked == notebooks("it")


GUIDE_LESSON = re.compile(
    r"^\| (\d) ([^|]+) \| (?:(\d+) min|not stated) \| (?:(\d+) min)? *\| (?:about )?(\d+) min \|", re.M
)
GUIDE_ASSIGNMENT = re.compile(r"^\| Assignment `(lesson\d)` \(sample\) \| \| (\d+) min \| (\d+) min \|", re.M)


def test_the_instructor_guides_timings_are_the_manifests_minutes():
    text = (INSTRUCTORS / "README.md").read_text(encoding="utf-8")
    rows = GUIDE_LESSON.findall(text)
    timed = [e for e in LESSONS if e.en.minutes is not None]
    assert [int(n) for n, *_ in rows] == [e.number for e in timed]
    for (n, title, teaching, exercises, total), entry in zip(rows, timed):
        minutes = entry.en.minutes
        assert entry.en.title.startswith(title.strip()) or entry.en.title == f"Lesson {n}: {title.strip()}", title
        if minutes.stated:
            assert (int(teaching), int(exercises), int(total)) == (
                minutes.teaching,
                minutes.exercises,
                minutes.total,
            ), f"the guide gives lesson {n} {teaching} + {exercises} = {total} min; lessons.json {minutes}"
        else:
            assert not teaching and int(total) == minutes.about, f"the guide's estimate for lesson {n}"
    assignments = {name: (int(a), int(b)) for name, a, b in GUIDE_ASSIGNMENT.findall(text)}
    assert assignments == {e.assessment.assignment: (e.assessment.minutes,) * 2 for e in LESSONS if e.assessment}


START_ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*\[[^\]]+\]\(([^)]+\.ipynb)\)[^|]*\|[^|]*\|\s*(\d+) min\s*\|$", re.M)


@pytest.mark.parametrize("language", ["en", "it"])
def test_the_start_here_tables_give_the_manifests_minutes(language):
    page = NOTEBOOKS / lesson("start-here").languages[language].notebook
    rows = START_ROW.findall(_text(page))
    lessons = [e for e in LESSONS if e.kind == "lesson"]
    assert [int(n) for n, _, _ in rows] == [e.number for e in lessons]
    for (n, link, minutes), entry in zip(rows, lessons):
        version = entry.version(language) or entry.en  # a lesson not translated: the English one, linked
        assert (page.parent / link).resolve() == (NOTEBOOKS / version.notebook).resolve(), (language, n, link)
        assert int(minutes) == version.minutes.total, f"start-here ({language}) gives lesson {n} {minutes} min"


START_TITLE = re.compile(r"^\|\s*(\d+)\s*\|\s*\[([^\]]+)\]\([^)]+\.ipynb\)", re.M)


def test_the_italian_titles_are_the_italian_start_here_tables():
    """Every lesson has an Italian title (its notebook's, or the manifest's ``titles``), and it is the
    one the Italian start-here table gives, after "Lezione N: "."""
    rows = START_TITLE.findall(_text(NOTEBOOKS / lesson("start-here").languages["it"].notebook))
    lessons = [e for e in LESSONS if e.kind == "lesson"]
    assert [int(n) for n, _ in rows] == [e.number for e in lessons]
    for (n, title), entry in zip(rows, lessons):
        assert entry.title("it") == f"Lezione {n}: {title}", n
        assert "it" in entry.languages or "it" in entry.titles, f"lesson {n} has no Italian title"
        assert entry.title("it") != entry.en.title


def test_links_in_italian_give_every_shipped_lesson_in_italian(capsys):
    """Every lesson of the course has an Italian version: no link falls back to English (the
    fallback, an English lesson under its Italian title, is tested on a made-up manifest in test_cli)."""
    assert main(["links", "--lang", "it"]) == 0
    out = capsys.readouterr().out
    assert "Lezione 2: Il Python che serve (it/02-il-python-che-serve.ipynb)" in out
    assert "Lezione 8: Progettare una campagna (it/08-progettare-una-campagna.ipynb)" in out
    assert "(in inglese)" not in out and "08-planning-a-campaign.ipynb" not in out
    assert "Lesson " not in out


def test_links_prints_exactly_the_manifests_lessons(capsys):
    assert main(["links", "--format", "markdown"]) == 0
    rows = capsys.readouterr().out.splitlines()[2:]
    expected = [
        v.notebook for lang in ("en", "it") for e in LESSONS if e.kind != "reference" for v in [e.version(lang)] if v
    ]
    assert [re.search(r"lab/tree/notebooks/([^)]+)\)", row).group(1) for row in rows] == expected
    assert [title for _, title in find_lessons()] == [
        v.title for lang in ("en", "it") for e in LESSONS if e.kind != "reference" for v in [e.version(lang)] if v
    ]


def test_the_browser_suite_opens_the_manifests_notebooks():
    for name in ("test_lessons_browser.py", "test_a11y_browser.py"):
        text = (ROOT / "tests" / "browser" / name).read_text(encoding="utf-8")
        assert "from smlessons.content.lessons import notebooks" in text and "LESSONS = notebooks(" in text, name
        assert "glob(" not in text, f"{name} still lists notebooks by file name"


def test_no_lesson_list_is_made_from_file_names_in_the_command():
    source = (ROOT / "smlessons" / "instructor" / "cli.py").read_text(encoding="utf-8")
    assert "ipynb$" not in source and "iterdir" not in source


# -- the loader's errors ------------------------------------------------------------------------


def _changed(change) -> dict:
    data = copy.deepcopy(RAW)
    change(data["lessons"])
    return data


def _set(path, value):
    def change(lessons):
        target = lessons
        for step in path[:-1]:
            target = target[step]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    "change, message",
    [
        (_set([1, "id"], "Media"), "lessons.json: lesson 1 ('Media'): field 'id' must be lower-case words joined by '-'"),
        (_set([2, "id"], "media-and-networks"), "lesson 2 ('media-and-networks'): id 'media-and-networks' is used by an earlier lesson"),
        (_set([3, "number"], 4), "lesson 3 ('what-a-medium-offers'): number 4 does not follow lesson 2"),
        (_set([3, "kind"], "lecture"), "field 'kind' must be one of start, lesson, reference, got 'lecture'"),
        (_set([9, "number"], 9), "lesson 9 ('glossary'): a reference page has no number (null), got 9"),
        (_set([1, "languages", "en"], KeyError), "lesson 1 ('media-and-networks'): field 'languages' has no 'en' version"),
        (_set([1, "languages", "en", "title"], KeyError), "lesson 1 ('media-and-networks'): languages.en: missing field 'title'"),
        (_set([1, "languages", "en", "notebook"], "../x.ipynb"), "languages.en: field 'notebook' must be a relative path ending in .ipynb"),
        (_set([2, "languages", "en", "notebook"], "01-media-and-networks.ipynb"), "is already the notebook of lesson 1 ('media-and-networks') (en)"),
        (_set([2, "languages", "en", "minutes"], {"teaching": "8"}), "languages.en.minutes: missing field 'exercises'"),
        (_set([2, "languages", "en", "minutes"], {"teaching": 0, "exercises": 7}), "languages.en.minutes.teaching must be a positive whole number of minutes, got 0"),
        (_set([2, "languages", "en", "minutes"], None), "lesson 2 ('python-you-need'): languages.en: a lesson states its minutes"),
        (_set([2, "languages", "en", "exercises", 0, "file"], "x.txt"), "languages.en.exercises[0]: field 'file' must be a file name ending in .json"),
        (_set([2, "languages", "en", "colour"], "red"), "languages.en: unknown field 'colour'"),
        (_set([2, "assessment", "folder"], "instructors/source/lesson9"), "assessment: field 'folder' must be a relative path ending in the assignment's name"),
        (_set([2, "assessment", "keys"], []), "assessment: field 'keys' must name at least one key file"),
        (_set([2, "assessment", "minutes"], "20"), "assessment: field 'minutes' must be int, got '20'"),
        (_set([1, "assessment", "languages", "it", "assignment"], "lesson1it"), "assessment: languages.it: field 'assignment' must be lesson1-it, got 'lesson1it'"),
        (_set([1, "assessment", "languages", "it", "notebook"], "media-or-network.ipynb"), "languages.it: field 'notebook' must name the it notebook, not the English 'media-or-network.ipynb'"),
        (_set([1, "assessment", "languages", "it", "minutes"], 20), "languages.it: field 'minutes' must be the English assignment's 18, got 20"),
        (_set([1, "assessment", "languages", "it", "keys", 0, "id"], "lesson01-assessment-board"), "languages.it: field 'keys' must be the English keys' translations, in order"),
        (_set([1, "assessment", "languages", "it", "languages"], {}), "assessment: languages.it: unknown field 'languages'"),
        (_set([1, "assessment", "languages", "ita"], {}), "assessment: languages: 'ita' is not a two-letter code of a language other than en"),
        (_set([1, "assessment", "languages", "it", "folder"], "instructors/source/lesson1"), "languages.it: field 'folder' must be a relative path ending in the assignment's name"),
        (_set([2, "titles"], ["x"]), "lesson 2 ('python-you-need'): field 'titles' must be dict, got ['x']"),
        (_set([2, "titles"], {"ita": "x"}), "lesson 2 ('python-you-need'): titles: 'ita' is not a two-letter language code"),
        (_set([1, "titles"], {"it": "x"}), "lesson 1 ('media-and-networks'): titles: 'it' has a notebook: its title is languages.it.title"),
        (_set([2, "titles"], {"fr": " "}), "lesson 2 ('python-you-need'): titles.fr must be a non-empty title, got ' '"),
    ],
)  # fmt: skip
def test_a_malformed_manifest_is_refused_naming_the_lesson_and_the_field(change, message):
    with pytest.raises(LessonsFileError) as caught:
        parse_lessons(_changed(change))
    assert message in str(caught.value)


def test_a_manifest_that_is_not_json_or_missing_is_named(tmp_path):
    (tmp_path / "lessons.json").write_text("{", encoding="utf-8")
    with pytest.raises(LessonsFileError, match=r"^lessons.json: not valid JSON"):
        load_lessons(tmp_path / "lessons.json")
    with pytest.raises(LessonsFileError, match="no such lessons manifest"):
        load_lessons(tmp_path / "none.json")
    with pytest.raises(LessonsFileError, match="field 'lessons' is empty"):
        parse_lessons({"lessons": []})


def test_the_shipped_manifest_parses_to_what_it_says():
    assert parse_lessons(RAW) == LESSONS
    assert lesson(1).en.minutes.total == 53 and lesson(1).languages["it"].minutes.total == 56
    assert lesson("start-here").en.minutes.about == 10 and not lesson(0).en.minutes.stated
