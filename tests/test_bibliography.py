"""One bibliography (smlessons/content/bibliography.json) for the whole course:
every entry complete, every data file citing it by key, every lesson's
references rendered from it, and no entry that nothing cites.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from smlessons.content import DATA_DIR, EXERCISES_DIR
from smlessons.content.bibliography import (
    BIBLIOGRAPHY_FILE,
    BibliographyError,
    cite,
    load_bibliography,
    parse_bibliography,
    reference,
    reference_line,
    resolve_sources,
)

ROOT = Path(__file__).resolve().parents[1]
ENTRIES = load_bibliography()
RAW = json.loads(BIBLIOGRAPHY_FILE.read_text(encoding="utf-8"))
DATA_FILES = (
    sorted(EXERCISES_DIR.glob("*.json")) + sorted(DATA_DIR.glob("*.json")) + [DATA_DIR / "copenhagen" / "about.json"]
)
KEY_FILES = sorted((ROOT / "instructors" / "keys").glob("*.json"))
STUDENT_COPIES = sorted((ROOT / "instructors" / "source").glob("*/*.json"))
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
HEADINGS = {"## References": "en", "## Bibliografia": "it", "## Riferimenti": "it"}
LINE = re.compile(r"^- <!-- cite: ([a-z0-9-]+) -->(.+)$")

#: Sources that have neither DOI nor web address, and why.
NO_LINK = {
    "gentile": "the copy of the blog post the course used has no date or address",
    "burt-1992": "a book without a DOI",
    "dietrich-2014": "a book without a DOI",
    "katz-lazarsfeld-1955": "a book without a DOI",
    "knuth-1997": "a book without a DOI",
    "kotler-keller-2016": "a book without a DOI",
    "rubin-1993": "the Journal of Official Statistics of 1993 has no DOIs",
}
#: Sources with no date (web pages and help centres that are updated all the time, and the blog post).
UNDATED_TYPES = {"webpage", "entry-encyclopedia", "post-weblog", "document"}


def _keys(sources) -> list[str]:
    return [s if isinstance(s, str) else s["key"] for s in sources]


def _cited_in(doc) -> set[str]:
    """Every ``source`` a data file's items, clauses, questions and facts name (keys only)."""
    found: set[str] = set()

    def walk(node, parent=None):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "source" and isinstance(v, str) and parent != "compute":
                    found.add(v)
                elif k == "source" and isinstance(v, dict) and parent is None and "kind" in v:  # a platform's facts
                    for ks in v.values():
                        found.update([ks] if isinstance(ks, str) else ks)
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, parent)

    walk(doc)
    return found


def _section(lines: list[str], headings) -> tuple[str, list[str], list[str]] | None:
    """``(heading, [the list's lines], [other lines])`` of the first section under one of `headings`."""
    heads = [i for i, line in enumerate(lines) if line in headings]
    if not heads:
        return None
    start = heads[0]
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    section = lines[start + 1 : end]
    return (
        lines[start],
        [x for x in section if x.startswith("- ")],
        [x for x in section if x and not x.startswith("- ")],
    )


def _references(path: Path):
    """``(language, [lines of the references list], [other lines])`` of a notebook, or None."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        found = _section("".join(cell["source"]).split("\n"), HEADINGS) if cell["cell_type"] == "markdown" else None
        if found:
            return HEADINGS[found[0]], found[1], found[2]
    return None


def _check_lines(where: str, language: str, lines: list[str]) -> list[str]:
    """The keys of a references list; fails unless every line is its key's reference (with a note)."""
    keys = []
    for line in lines:
        found = LINE.match(line)
        assert found, f"{where}: a reference without its key (- <!-- cite: KEY -->...): {line[:70]}"
        key, text = found.groups()
        assert key in ENTRIES, f"{where} cites {key!r}, which is not in the bibliography"
        # The line is the entry's reference, with at most a note before the link.
        pattern = re.escape(reference(key, language, markdown=True, note="NOTE")).replace(
            re.escape("NOTE."), "(.+[.?!)])"
        )
        plain = reference(key, language, markdown=True)
        note = re.fullmatch(pattern, text)
        assert text == plain or note, f"{where}: the reference of {key!r} is not the bibliography's:\n{text}\n{plain}"
        assert line == reference_line(key, language, note.group(1) if text != plain else "")
        keys.append(key)
    return keys


# -- the entries --------------------------------------------------------------------------------


def test_the_bibliography_parses_and_its_keys_are_unique():
    assert len(ENTRIES) == len(RAW) and len({e["id"] for e in RAW}) == len(RAW)


@pytest.mark.parametrize("key", sorted(ENTRIES), ids=str)
def test_each_entry_is_complete(key):
    entry = ENTRIES[key]
    assert entry.get("author") or entry.get("editor"), key
    assert entry.get("title"), key
    if entry["type"] == "document":  # the course's own material
        assert entry["author"] == [{"literal": "smlessons"}] and entry["custom"]["statement"].strip()
        return
    if entry["type"] not in UNDATED_TYPES:
        assert "issued" in entry, f"{key} has no year"
    assert entry.get("container-title") or entry.get("publisher") or entry["type"] in ("webpage", "post-weblog"), (
        f"{key} names neither its journal, proceedings or site nor its publisher"
    )
    if key in NO_LINK:
        assert "DOI" not in entry and "URL" not in entry, f"{key} now has a link: take it off NO_LINK"
    else:
        assert entry.get("DOI") or entry.get("URL"), f"{key} has neither DOI nor URL"
    if entry["type"] == "article-journal":
        assert entry.get("volume") and entry.get("page"), key


def test_every_entry_is_cited_somewhere():
    cited = set()
    for path in DATA_FILES + KEY_FILES:
        cited.update(_keys(json.loads(path.read_text(encoding="utf-8")).get("sources", [])))
    for path in NOTEBOOKS:
        found = _references(path)
        if found:
            cited.update(LINE.match(line).group(1) for line in found[1] if LINE.match(line))
    assert sorted(set(ENTRIES) - cited) == [], "entries nothing cites"


# -- data files cite by key ---------------------------------------------------------------------


@pytest.mark.parametrize("path", DATA_FILES + KEY_FILES, ids=lambda p: p.name)
def test_each_data_file_cites_keys_of_the_bibliography(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    sources = doc.get("sources")
    assert isinstance(sources, list) and sources, f"{path.name}: 'sources' must list bibliography keys"
    keys = _keys(sources)
    assert [k for k in keys if k not in ENTRIES] == [], path.name
    assert len(set(keys)) == len(keys), path.name
    used = _cited_in(doc) | ({doc["source"], doc["data_source"]} if "data_source" in doc else set())
    assert sorted(used - set(keys)) == [], f"{path.name} cites keys its 'sources' does not list"
    resolved = resolve_sources(sources, doc.get("lang", "en"))
    assert all(text.strip() for text in resolved.values())


@pytest.mark.parametrize("path", STUDENT_COPIES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_students_copies_hold_no_sources(path):
    assert json.loads(path.read_text(encoding="utf-8"))["sources"] == {}


def test_the_copenhagen_citation_doi_and_readme_come_from_the_bibliography():
    from smlessons.datasets import copenhagen_study as cph

    info = cph.about()
    assert info["citation"] == reference("sapiezynski-2019")
    assert (
        info["doi"] == ENTRIES["sapiezynski-2019"]["DOI"]
        and info["data_doi"] == ENTRIES["sapiezynski-2019-data"]["DOI"]
    )
    readme = (DATA_DIR / "copenhagen" / "README.md").read_text(encoding="utf-8").split("\n")
    _, lines, _ = _section(readme, {"## Source, citation, licence"})
    listed = _check_lines("copenhagen/README.md", "en", lines)
    about = json.loads((DATA_DIR / "copenhagen" / "about.json").read_text(encoding="utf-8"))
    assert listed == _keys(about["sources"]), "the README's references and about.json's sources differ"


def test_a_file_citing_an_unknown_key_is_refused_naming_it(tmp_path):
    from smlessons.exercises.loader import ExerciseFileError, load_exercise

    doc = json.loads((EXERCISES_DIR / "lesson05_bridges_and_brokers.json").read_text(encoding="utf-8"))
    board = json.loads((EXERCISES_DIR / "lesson03_tie_types.json").read_text(encoding="utf-8"))
    board["sources"][0] = "facebook-helpp"
    (tmp_path / "board.json").write_text(json.dumps(board), encoding="utf-8")
    with pytest.raises(
        ExerciseFileError, match=r"^board.json: sources: 'facebook-helpp' is not a key of the bibliography"
    ):
        load_exercise(tmp_path / "board.json")
    from smlessons.exercises.questions import QuestionFileError, load_questions

    doc["sources"] = doc["sources"] + ["freeman-1977"]
    (tmp_path / "q.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(QuestionFileError, match=r"^q.json: sources: 'freeman-1977' is listed twice"):
        load_questions(tmp_path / "q.json")


@pytest.mark.parametrize(
    "raw, message",
    [
        ("granovetter-1973", "must be a list of bibliography keys"),
        ([3], "item 0 must be a bibliography key or"),
        ([{"key": "granovetter-1973", "page": "3"}], "item 0 must be a bibliography key or"),
        ([{"key": "granovetter-1973", "note": ""}], "item 0 must be a bibliography key or"),
        ([{"key": "granovetter-1973", "lang": "fr"}], "field 'sources': language must be one of en, it, got 'fr'"),
        ({"a": " "}, "must map keys to non-empty citation strings"),
    ],
)
def test_bad_sources_are_refused_saying_what_is_wrong(raw, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        resolve_sources(raw)


# -- the renderer -------------------------------------------------------------------------------


def test_references_and_citations_render_as_the_course_wrote_them():
    assert reference("boyd-ellison-2007", markdown=True) == (
        "boyd, d. m., & Ellison, N. B. (2007). Social network sites: Definition, history, and scholarship. "
        "*Journal of Computer-Mediated Communication*, 13(1), 210–230. https://doi.org/10.1111/j.1083-6101.2007.00393.x"
    )
    assert reference("gentile", "it").startswith(
        "Gentile, G. (s.d.). Social media and social networks: what are the differences [articolo"
    )
    assert reference("corcoran-2009", "it").startswith("Corcoran, S. (2009, 16 dicembre).")
    assert reference("knuth-1997", "it", markdown=True).endswith(
        "*The Art of Computer Programming, Vol. 2: Seminumerical Algorithms* (3ª ed.). Addison-Wesley."
    )
    assert reference("course-convention", "it").startswith("Convenzione di questo corso")
    assert (
        cite("granovetter-1973") == "Granovetter (1973)"
        and cite("python-tutorial") == "Python Software Foundation (n.d.)"
    )


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda e: e[0].update(id="Bad Key"), "entry 0 ('Bad Key'): field 'id' must be a key"),
        (lambda e: e[1].update(id=e[0]["id"]), "is used by an earlier entry"),
        (lambda e: e[0].update(type="thesis"), "field 'type' must be one of"),
        (lambda e: e[0].update(colour="red"), "unknown field 'colour'"),
        (lambda e: e[0].update(DOI="doi:10.1/x"), "field 'DOI' must be a bare DOI"),
        (lambda e: e[0].update(issued={"date-parts": [["2020"]]}), "field 'issued' must be"),
        (lambda e: e[0].update(author=[{"family": "X"}]), "is not a name"),
    ],
)
def test_a_malformed_bibliography_is_refused_naming_the_entry_and_field(change, message):
    entries = copy.deepcopy(RAW)
    change(entries)
    with pytest.raises(BibliographyError, match=re.escape(message)):
        parse_bibliography(entries)


# -- the lessons' references --------------------------------------------------------------------


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if _references(p)], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_reference_in_a_lesson_is_rendered_from_the_key_it_cites(path):
    language, lines, _ = _references(path)
    assert lines, f"{path.name}: the references cell lists nothing"
    _check_lines(path.name, language, lines)


def test_every_lesson_with_sources_has_a_references_cell():
    with_refs = {p.name for p in NOTEBOOKS if _references(p)}
    for name in (
        "01-media-and-networks.ipynb",
        "05-bridges-and-brokers.ipynb",
        "glossary.ipynb",
        "glossario.ipynb",
        "01-media-e-reti.ipynb",
    ):
        assert name in with_refs


# -- the schema of the sources field --------------------------------------------------------------


def _sources_validator():
    import jsonschema  # a dependency of the data files' schemas

    schema = json.loads(
        (ROOT / "smlessons" / "content" / "schemas" / "sources.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_sources_schema_accepts_every_shipped_sources_field():
    validator = _sources_validator()
    for path in DATA_FILES + KEY_FILES + STUDENT_COPIES:
        sources = json.loads(path.read_text(encoding="utf-8"))["sources"]
        assert not list(validator.iter_errors(sources)), path.name


@pytest.mark.parametrize(
    "sources",
    [
        "granovetter-1973",
        ["Granovetter 1973"],
        # a key listed twice: refused by the cross-field check, which names it (see above)
        [{"key": "granovetter-1973", "page": "3"}],
        [{"note": "Chapter 3."}],
        [{"key": "granovetter-1973", "lang": "fr"}],
        {"a": ""},
    ],
    ids=str,
)
def test_the_sources_schema_refuses_what_the_loader_refuses(sources):
    assert list(_sources_validator().iter_errors(sources))
    with pytest.raises(ValueError):
        resolve_sources(sources)


def _first_name(entry: dict) -> str:
    first = (entry.get("author") or entry["editor"])[0]
    return first.get("family") or first["literal"]


@pytest.mark.parametrize("name", ["glossary.ipynb", "it/glossario.ipynb"])
def test_every_glossary_source_is_a_reference_of_its_list(name):
    """A glossary entry's short citation ("Granovetter (1973)") names a source its references list."""
    path = ROOT / "notebooks" / name
    language, lines, _ = _references(path)
    listed = [ENTRIES[LINE.match(line).group(1)] for line in lines]
    text = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
    shorts = [s for found in re.findall(r"\*(?:Source|Fonte):\* (.+)$", text, re.M) for s in found.split("; ")]
    assert len(shorts) > 30
    for short in shorts:
        dated = re.fullmatch(r"(.+?) \((\d{4}|n\.d\.|s\.d\.)\)", short)
        if dated:
            first = re.split(r",| &| et al\.", dated.group(1))[0]
            matches = [
                e
                for e in listed
                if _first_name(e) == first
                and (
                    str(e["issued"]["date-parts"][0][0]) == dated.group(2)
                    if "issued" in e
                    else dated.group(2) in ("n.d.", "s.d.")
                )
            ]
        else:  # an undated work named by its author or title
            matches = [e for e in listed if short in (e["title"], _first_name(e))]
        assert matches, f"{name}: {short!r} is not among the references"
