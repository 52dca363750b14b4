"""The course's front pages: start-here (English and Italian), the README's
lesson table, and the glossary (English and Italian).

- Start-here links every lesson, in order, each with the minutes its own
  header states (lesson headers change: this test says which row to update).
- Every link these pages give, to a lesson or to the glossary, opens a file
  that exists.
- The glossary has one entry per term, each with an anchor, a definition, the
  lesson that introduces it (linked) and a source; the English and Italian
  glossaries have the same terms; every ``glossary.ipynb#anchor`` a lesson
  links to exists.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LESSON = re.compile(r"^(\d\d)-[\w.-]+\.ipynb$")
HEADER = re.compile(r"\*\*(?:Teaching|Teoria):\*\*\s*(\d+) min\s*·\s*\*\*(?:Exercises|Esercizi):\*\*\s*(\d+) min")
LINK = re.compile(r"\]\(([^)\s#]+\.ipynb)(#[\w-]+)?\)")
ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*\[[^\]]+\]\(([^)]+\.ipynb)\)[^|]*\|[^|]*\|\s*(\d+) min\s*\|$")
START = {"en": NOTEBOOKS / "00-start-here.ipynb", "it": NOTEBOOKS / "it" / "00-start-here.ipynb"}
GLOSSARY = {"en": NOTEBOOKS / "glossary.ipynb", "it": NOTEBOOKS / "it" / "glossario.ipynb"}


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _markdown(path: Path) -> str:
    return "\n".join("".join(c["source"]) for c in _cells(path) if c["cell_type"] == "markdown")


def _lessons() -> list[str]:
    """The English lessons on disk, in order (start-here excluded)."""
    return sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb") if not p.name.startswith("00-"))


def _minutes(path: Path) -> int:
    found = HEADER.search("".join(_cells(path)[0]["source"]))
    assert found, f"{path.name} states no **Teaching:** N min · **Exercises:** M min"
    return int(found.group(1)) + int(found.group(2))


def _rows(lang: str) -> list[tuple[int, str, int]]:
    """(number, link, minutes) of each lesson row of a start-here's table."""
    rows = []
    for line in _markdown(START[lang]).splitlines():
        found = ROW.match(line.strip())
        if found:
            rows.append((int(found.group(1)), found.group(2), int(found.group(3))))
    return rows


def _target(page: Path, link: str) -> Path:
    return (page.parent / link).resolve()


# -- start-here -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "it"])
def test_start_here_lists_every_lesson_in_order(lang):
    rows = _rows(lang)
    assert [n for n, _, _ in rows] == list(range(1, len(rows) + 1)), "lessons numbered 1, 2, 3, ... in order"
    names = [Path(link).name for _, link, _ in rows]
    numbers = [name[:2] for name in names]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    for lesson in _lessons():
        assert lesson[:2] in numbers, f"start-here ({lang}) does not link lesson {lesson}"
        if lang == "en":
            assert lesson in names, f"start-here links {names[numbers.index(lesson[:2])]}, not {lesson}"
    for n, link, _ in rows:
        assert Path(link).name.startswith(f"{n:02d}-"), f"row {n} links {link}"


@pytest.mark.parametrize("lang", ["en", "it"])
def test_italian_start_here_links_the_italian_version_when_there_is_one(lang):
    if lang == "en":
        for _, link, _ in _rows(lang):
            assert "/" not in link, f"the English start-here links {link}, not an English lesson beside it"
        return
    translated = {p.name[:2]: p.name for p in (NOTEBOOKS / "it").glob("[0-9][0-9]-*.ipynb")}
    page = _markdown(START["it"])
    for n, link, _ in _rows("it"):
        number = f"{n:02d}"
        if number in translated:
            assert link == translated[number]
        else:
            assert link.startswith("../"), f"lesson {n} has no Italian version: link ../{link}"
            assert f"]({link}) *(in inglese)*" in page, f"say that lesson {n} is in English only"
    assert "in preparazione" not in page


def _start_here_rows():
    return [(lang, n, link, m) for lang in ("en", "it") for n, link, m in _rows(lang)]


@pytest.mark.parametrize("lang, n, link, minutes", _start_here_rows(), ids=lambda v: str(v))
def test_each_lesson_states_the_minutes_start_here_gives(lang, n, link, minutes):
    target = _target(START[lang], link)
    assert target.is_file(), f"start-here ({lang}) links {link}, which does not exist"
    stated = _minutes(target)
    assert minutes == stated, (
        f"start-here ({lang}) says {minutes} min for {link}; the lesson's header says {stated} min"
    )


@pytest.mark.parametrize("lang", ["en", "it"])
def test_the_total_is_the_sum_of_the_lessons(lang):
    total = re.search(
        r"^\| \| (?:All eight lessons|Tutte e otto le lezioni) \| \| (\d+) min \|$", _markdown(START[lang]), re.M
    )
    assert total, "start-here states the time of all the lessons together"
    rows = _rows(lang)
    assert len(rows) == 8 and int(total.group(1)) == sum(m for _, _, m in rows)


@pytest.mark.parametrize("lang", ["en", "it"])
def test_start_here_links_the_glossary(lang):
    links = {m.group(1) for m in LINK.finditer(_markdown(START[lang]))}
    assert GLOSSARY[lang].name in links


def _front_page_links():
    """(page, link) for every notebook link of start-here, the glossaries and the README."""
    pages = [*START.values(), *GLOSSARY.values()]
    found = {(p, m.group(1)) for p in pages for m in LINK.finditer(_markdown(p))}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found |= {(ROOT / "README.md", m) for m in re.findall(r"\]\((notebooks/[^)#]+\.ipynb)\)", readme)}
    return sorted(found)


@pytest.mark.parametrize(
    "page, link", _front_page_links(), ids=lambda v: v.relative_to(ROOT).as_posix() if isinstance(v, Path) else v
)
def test_every_notebook_the_front_pages_link_exists(page, link):
    assert _target(page, link).is_file(), f"{page.name} links {link}, which does not exist"


# -- README -----------------------------------------------------------------------


def test_readme_lists_every_lesson_in_order_and_every_link_exists():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = [m.group(1) for m in re.finditer(r"^\| \d+ \| \[`[^`]+`\]\(notebooks/([^)]+)\)", text, re.M)]
    assert table[0] == "00-start-here.ipynb"
    stems = [name[:2] for name in table]
    assert stems == sorted(stems) and len(set(stems)) == len(stems)
    for lesson in _lessons():
        assert lesson in table, f"README's table does not list {lesson}"
    assert "notebooks/glossary.ipynb" in text and "notebooks/it/glossario.ipynb" in text


# -- glossary ---------------------------------------------------------------------

ENTRY = re.compile(
    r"^- ((?:<a id=\"[\w-]+\"></a>)+)(.+?): (.+) · \[(?:Lesson|Lezione) (\d)\]\(([^)]+)\)(?: \*\(in inglese\)\*)? · \*(?:Source|Fonte):\* (.+)$"
)


def _entries(lang: str) -> list[dict]:
    out = []
    for cell in _cells(GLOSSARY[lang]):
        for line in "".join(cell["source"]).splitlines():
            if line.startswith("- <a id="):
                found = ENTRY.match(line)
                assert found, (
                    f"glossary ({lang}): entry not in the form 'anchor term: definition · lesson · source': {line[:80]}"
                )
                ids = re.findall(r'id="([\w-]+)"', found.group(1))
                out.append(
                    dict(
                        ids=ids,
                        term=found.group(2),
                        definition=found.group(3),
                        lesson=int(found.group(4)),
                        link=found.group(5),
                        source=found.group(6),
                    )
                )
    return out


@pytest.mark.parametrize("lang", ["en", "it"])
def test_the_glossary_is_markdown_only(lang):
    assert {c["cell_type"] for c in _cells(GLOSSARY[lang])} == {"markdown"}


@pytest.mark.parametrize("lang", ["en", "it"])
def test_every_glossary_entry_has_an_anchor_a_definition_a_lesson_and_a_source(lang):
    entries = _entries(lang)
    assert len(entries) >= 40
    ids = [i for e in entries for i in e["ids"]]
    assert len(ids) == len(set(ids)), "an anchor is used twice"
    text = _markdown(GLOSSARY[lang])
    for e in entries:
        assert len(e["definition"].split()) >= 5, e["term"]
        assert re.search(r"\(\d{4}\)|Tutorial|Jupyter|n\.d\.", e["source"]), f"{e['term']}: no source"
        target = _target(GLOSSARY[lang], e["link"])
        assert LESSON.match(target.name) and target.name.startswith(f"{e['lesson']:02d}-"), e
    # every author-year cited appears in the references
    refs = text.split("## Ref" if lang == "en" else "## Riferimenti")[-1]
    for e in entries:
        for cite in e["source"].split("; "):
            surname = re.split(
                r"[ ,&]", cite.replace("The Python Tutorial", "Python").replace("Project Jupyter", "Jupyter")
            )[0]
            assert surname in refs, f"{cite} is not in the references"


@pytest.mark.parametrize("lang", ["en", "it"])
def test_the_index_by_lesson_and_the_entries_name_the_same_terms(lang):
    cell = next(
        c for c in _cells(GLOSSARY[lang]) if "".join(c["source"]).startswith(("## By lesson", "## Per lezione"))
    )
    index = re.findall(r"\(#([\w-]+)\)", "".join(cell["source"]))
    entries = _entries(lang)
    assert sorted(index) == sorted(e["ids"][0] for e in entries)
    by_lesson = {e["ids"][0]: e["lesson"] for e in entries}
    for line in "".join(cell["source"]).splitlines():
        number = re.match(r"- \*\*(?:Lesson|Lezione) (\d)", line)
        if number:
            assert {by_lesson[a] for a in re.findall(r"\(#([\w-]+)\)", line)} == {int(number.group(1))}


def test_english_and_italian_glossaries_have_the_same_terms_in_the_same_lessons():
    en = {e["ids"][0]: e["lesson"] for e in _entries("en")}
    it = {next(i for i in e["ids"] if i in en): e["lesson"] for e in _entries("it") if any(i in en for i in e["ids"])}
    assert it == en
    assert len(_entries("it")) == len(_entries("en"))


def test_the_course_terms_the_issue_lists_are_all_there():
    ids = {i for e in _entries("en") for i in e["ids"]}
    wanted = """social-media social-network medium platform social-network-site user-generated-content node edge tie
    degree neighbour path distance community modularity bridge local-bridge weak-tie betweenness broker in-degree
    audience reciprocity follow-tie mutual-tie group-tie one-to-one one-to-many many-to-many multiplex-network layer
    overlap independent-cascade threshold-model seed reach algorithmic-feed paid-media owned-media earned-media
    influence-maximization synthetic-data""".split()
    assert sorted(set(wanted) - ids) == []


def test_every_glossary_anchor_a_notebook_links_to_exists():
    anchors = {lang: {i for e in _entries(lang) for i in e["ids"]} for lang in GLOSSARY}
    bad = []
    for nb in sorted(NOTEBOOKS.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in nb.parts:
            continue
        for m in re.finditer(r"\]\(([^)\s]*(glossary|glossario)\.ipynb)#([\w-]+)\)", _markdown(nb)):
            lang = "it" if m.group(2) == "glossario" else "en"
            if m.group(3) not in anchors[lang]:
                bad.append(f"{nb.relative_to(NOTEBOOKS)} → {m.group(1)}#{m.group(3)}")
    assert bad == []


def test_the_italian_glossary_keeps_the_articles_distinction_in_its_register():
    text = _markdown(GLOSSARY["it"])
    assert "un social network è fatto di persone e dei legami tra loro" in text
    assert "«i social»" in text
    assert "sono fatti di persone" not in text and "è fatta di persone" not in text


def test_glossary_karate_club_has_34_members():
    from smlessons.datasets.networks import karate_club

    entry = next(e for e in _entries("en") if "karate-club" in e["ids"])
    assert "34 members" in entry["definition"]
    assert karate_club().number_of_nodes() == 34


GUIDE_ROW = re.compile(r"^\| (\d) [^|]+ \| (\d+) min \| (\d+) min \| (\d+) min \|", re.M)


def test_the_instructor_guide_times_follow_the_lesson_headers():
    rows = GUIDE_ROW.findall((ROOT / "instructors" / "README.md").read_text(encoding="utf-8"))
    assert len(rows) == 8
    for n, teaching, exercises, total in rows:
        (path,) = NOTEBOOKS.glob(f"0{n}-*.ipynb")
        found = HEADER.search("".join(_cells(path)[0]["source"]))
        assert (int(teaching), int(exercises)) == (int(found.group(1)), int(found.group(2))), path.name
        assert int(total) == int(teaching) + int(exercises)


@pytest.mark.parametrize("lang", ["en", "it"])
def test_the_glossary_names_and_links_each_lesson_as_the_manifest_does(lang):
    """The index by lesson gives each lesson's title in the glossary's language; every entry links
    the lesson in that language when it exists (else the English one, marked "in inglese")."""
    from smlessons.content.lessons import load_lessons

    lessons = {e.number: e for e in load_lessons() if e.kind == "lesson"}
    cell = next(
        c for c in _cells(GLOSSARY[lang]) if "".join(c["source"]).startswith(("## By lesson", "## Per lezione"))
    )
    titles = re.findall(r"^- \*\*((?:Lesson|Lezione) (\d): [^*]+)\*\*", "".join(cell["source"]), re.M)
    assert [int(n) for _, n in titles] == sorted(lessons)
    for title, number in titles:
        assert title == lessons[int(number)].title(lang), (title, lessons[int(number)].title(lang))
    text = _markdown(GLOSSARY[lang])
    for e in _entries(lang):
        version = lessons[e["lesson"]].version(lang) or lessons[e["lesson"]].en
        assert _target(GLOSSARY[lang], e["link"]) == (NOTEBOOKS / version.notebook).resolve(), (e["term"], e["link"])
        line = next(line for line in text.splitlines() if f"]({e['link']})" in line and e["term"] in line)
        assert ("*(in inglese)*" in line) == (lang == "it" and version.language == "en"), line[:80]
