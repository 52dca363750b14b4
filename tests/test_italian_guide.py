"""The Italian instructor guide, kept in step with the English one.

``instructors/README.it.md`` translates ``instructors/README.md``, which
stays the reference. The Italian must have:

- the same headings, level by level and in order (the text translated);
- the same code blocks, in order: a ``bash`` block's commands identical
  (its ``#`` comments may be translated), a file listing's names identical
  (their descriptions may be translated), every other block (URLs, JSON,
  the nbgrader commands) identical to the character; and the same
  ``<!-- tested: NAME -->`` / ``<!-- untested: ... -->`` marks before them;
- the same links, in order (besides the two guides' links to each other):
  a web address identical, an anchor naming the
  Italian heading at the place of the English one's, a notebook the English
  lesson or its Italian version (lessons manifest); it may add links to the
  course's notebooks that exist;
- the same numbers in each section's prose (``0,3`` in Italian is ``0.3``);
- the timings table's lessons under their Italian titles (lessons manifest),
  each linked to its Italian notebook, or to the English one marked
  *(in inglese)* while the manifest has no Italian version;
- at its top, the SHA-256 of the English guide it translates::

    <!-- translated-from-sha256: 64 hex digits -->

When the English guide changes, the hash no longer matches and the test
fails: bring the Italian up to date, then record the English it now
translates with::

    make it-sync-guide

(``python tests/test_italian_guide.py refresh`` without make). The refresh
refuses while the two guides differ in any of the ways above.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EN = ROOT / "instructors" / "README.md"
IT = ROOT / "instructors" / "README.it.md"
MANIFEST = ROOT / "smlessons" / "content" / "lessons.json"
REFRESH = "make it-sync-guide"
HASH = re.compile(r"^<!-- translated-from-sha256: ([0-9a-f]{64}) -->$", re.M)
FENCE = re.compile(r"^```(\w*)$")
MARK = re.compile(r"^<!-- (tested|untested): ([^>]*?) -->$")
LINK = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(([^)\s]+)\)")
NUMBER = re.compile(r"(?<![\w.,/])\d+(?:[.,]\d+)*(?!\w)")


# -- reading a guide --------------------------------------------------------------------------


def parse(text: str) -> dict:
    """The guide's headings, code blocks (with the mark before each) and prose, per section."""
    headings, blocks, sections = [], [], [[]]
    lines = text.split("\n")
    n = 0
    while n < len(lines):
        line = lines[n]
        fence = FENCE.match(line)
        if fence:
            end = next((m for m in range(n + 1, len(lines)) if lines[m] == "```"), None)
            if end is None:
                raise ValueError(f"line {n + 1}: a code block that is never closed")
            mark = MARK.match(lines[n - 1]) if n else None
            blocks.append({"lang": fence.group(1), "body": lines[n + 1 : end], "line": n + 1,
                           "mark": mark.groups() if mark else None})  # fmt: skip
            n = end + 1
            continue
        heading = re.match(r"^(#{1,6}) (.+)$", line)
        if heading:
            headings.append((len(heading.group(1)), heading.group(2).strip()))
            sections.append([])
        sections[-1].append(line)
        n += 1
    return {"headings": headings, "blocks": blocks, "sections": ["\n".join(s) for s in sections]}


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def anchors(headings: list[tuple[int, str]]) -> dict[str, int]:
    """Each heading's anchor (GitHub's ``-1``, ``-2`` for repeats) and its place."""
    seen: Counter = Counter()
    found = {}
    for n, (_, text) in enumerate(headings):
        base = slug(text)
        found[base if not seen[base] else f"{base}-{seen[base]}"] = n
        seen[base] += 1
    return found


def prose(section: str) -> str:
    """A section's prose: no HTML comments, no inline code, no link addresses."""
    section = re.sub(r"<!--.*?-->", "", section, flags=re.S)
    section = re.sub(r"`[^`\n]*`", "", section)
    return re.sub(r"\]\([^)\s]*\)", "]", section)


def numbers(text: str, language: str) -> Counter:
    """The numbers written in digits, as values: ``1.234,5`` in Italian is ``1234.5``."""
    found = []
    for number in NUMBER.findall(text):
        if language == "it":
            number = number.replace(".", "").replace(",", ".")
        else:
            number = number.replace(",", "")
        found.append(float(number))
    return Counter(found)


def recorded_hash(text: str) -> str | None:
    match = HASH.search(text)
    return match.group(1) if match else None


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _manifest() -> list[dict]:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["lessons"]


def italian_counterparts() -> dict[str, str]:
    """English notebook path (from the repository root) -> its Italian version's."""
    pairs = {}
    for entry in _manifest():
        languages = entry.get("languages", {})
        if "it" in languages:
            pairs[f"notebooks/{languages['en']['notebook']}"] = f"notebooks/{languages['it']['notebook']}"
    return pairs


def lesson_notebooks() -> dict[int, tuple[str, bool]]:
    """Lesson number -> (the notebook an Italian student opens, whether it is Italian)."""
    found = {}
    for entry in _manifest():
        if entry.get("number") is not None:
            languages = entry.get("languages", {})
            version = languages.get("it") or languages["en"]
            found[entry["number"]] = (version["notebook"], "it" in languages)
    return found


def italian_titles() -> dict[int, str]:
    """Lesson number -> its Italian title (its notebook's, or the manifest's ``titles``)."""
    titles = {}
    for entry in _manifest():
        if entry.get("number") is None:
            continue
        it = entry.get("languages", {}).get("it", {}).get("title") or entry.get("titles", {}).get("it")
        titles[entry["number"]] = it
    return titles


# -- the comparisons: each returns the problems it finds, in words -------------------------------


def heading_problems(en: dict, it: dict) -> list[str]:
    levels_en = [level for level, _ in en["headings"]]
    levels_it = [level for level, _ in it["headings"]]
    if levels_en == levels_it:
        return []
    problems = [f"the English guide has {len(levels_en)} headings, the Italian {len(levels_it)}"]
    for n, (a, b) in enumerate(zip(en["headings"], it["headings"] + [(0, "")] * len(en["headings"]))):
        if a[0] != b[0]:
            problems.append(f"heading {n + 1}: English {'#' * a[0]} {a[1]!r}, Italian {'#' * b[0]} {b[1]!r}")
            break
    return problems


def _commands(block: dict) -> list[str]:
    """What must be identical in a code block."""
    body = block["body"]
    if block["lang"] == "bash":
        lines = [re.sub(r"(^|\s)#.*$", "", line).rstrip() for line in body]
        return [line for line in lines if line]
    if any(re.search(r"\S {2,}\S", line) for line in body):  # a file listing: name, then what it is
        return [line.split()[0] for line in body if line.strip() and len(line) - len(line.lstrip()) < 4]
    return body


def code_problems(en: dict, it: dict) -> list[str]:
    a, b = en["blocks"], it["blocks"]
    if len(a) != len(b):
        return [f"the English guide has {len(a)} code blocks, the Italian {len(b)}"]
    problems = []
    for x, y in zip(a, b):
        where = f"English line {x['line']}, Italian line {y['line']}"
        if x["lang"] != y["lang"]:
            problems.append(f"{where}: a {x['lang'] or 'plain'} block became {y['lang'] or 'plain'}")
        elif _commands(x) != _commands(y):
            diff = next((p, q) for p, q in zip(_commands(x) + [None] * 99, _commands(y) + [None] * 99) if p != q)
            problems.append(f"{where}: the code differs (English {diff[0]!r}, Italian {diff[1]!r})")
        mx, my = x["mark"], y["mark"]
        if (mx and mx[0]) != (my and my[0]) or (mx and mx[0] == "tested" and mx != my):
            problems.append(f"{where}: the mark before the block is {mx} in English, {my} in Italian")
    return problems


def _links(text: str) -> list[str]:
    outside = re.sub(r"^```\w*\n.*?^```$", "", text, flags=re.S | re.M)
    return LINK.findall(re.sub(r"<!--.*?-->", "", outside, flags=re.S))


def _notebook(target: str, folder: Path) -> bool:
    """Whether a link leads to one of the course's notebooks (English or Italian)."""
    if re.match(r"\w+://", target) or target.startswith("#"):
        return False
    path = (folder / target).resolve()
    return path.suffix == ".ipynb" and path.is_file() and (ROOT / "notebooks") in path.parents


def link_problems(en_text: str, it_text: str, folder: Path = EN.parent) -> list[str]:
    en, it = parse(en_text), parse(it_text)
    en_anchors, it_anchors = anchors(en["headings"]), anchors(it["headings"])
    a = [t for t in _links(en_text) if t != IT.name]  # each guide points to the other
    b = [t for t in _links(it_text) if t != EN.name and (not _notebook(t, folder) or t in a)]
    problems = [f"an Italian link to {t!r} names no heading of the Italian guide"
                for t in b if t.startswith("#") and t[1:] not in it_anchors]  # fmt: skip
    if len(a) != len(b):
        return problems + [f"the English guide has {len(a)} links, the Italian {len(b)} (besides links to notebooks)"]
    counterparts = italian_counterparts()
    for x, y in zip(a, b):
        if x.startswith("#"):
            place = en_anchors.get(x[1:])
            if place is None:
                problems.append(f"the English link {x!r} names no heading of the English guide")
            elif it_anchors.get(y[1:]) != place:
                problems.append(f"the English link {x!r} goes to heading {place + 1}; the Italian {y!r} does not")
        elif x != y:
            english = (folder / x).resolve().relative_to(ROOT).as_posix() if not re.match(r"\w+://", x) else x
            italian = (folder / y).resolve().relative_to(ROOT).as_posix() if not re.match(r"\w+://", y) else y
            if counterparts.get(english) != italian:
                problems.append(f"the English links {x!r} where the Italian links {y!r}")
    return problems


def number_problems(en: dict, it: dict) -> list[str]:
    problems = []
    headings = [(0, "(before the first heading)")] + en["headings"]
    for (_, title), x, y in zip(headings, en["sections"], it["sections"]):
        a, b = numbers(prose(x), "en"), numbers(prose(y), "it")
        if a != b:
            only_en = sorted((a - b).elements())
            only_it = sorted((b - a).elements())
            problems.append(f"section {title!r}: numbers only in English {only_en}, only in Italian {only_it}")
    return problems


TIMING_ROW = re.compile(r"^\| (\d) ([^|]+) \|", re.M)
TIMING_NAME = re.compile(r"^\[([^\]]+)\]\(([^)]+)\)( \*\(in inglese\)\*)?$")


def timing_problems(it_text: str) -> list[str]:
    """The timings table names each lesson by its Italian title and links the notebook a student
    opens: the Italian one, or the English one marked *(in inglese)* while there is none."""
    titles, versions = italian_titles(), lesson_notebooks()
    problems = []
    rows = TIMING_ROW.findall(it_text)
    if [int(n) for n, _ in rows] != sorted(titles):
        problems.append(f"the Italian timings table lists lessons {[int(n) for n, _ in rows]}")
    for n, cell in rows:
        title, (notebook, italian) = titles.get(int(n)) or "", versions.get(int(n), ("", False))
        want = f"[NAME](../notebooks/{notebook})" + ("" if italian else " *(in inglese)*")
        found = TIMING_NAME.match(cell.strip())
        if not found:
            problems.append(f"lesson {n} of the Italian timings table should read {want}, not {cell.strip()!r}")
            continue
        name, link, english = found.groups()
        if not (title.startswith(name) or title == f"Lezione {n}: {name}"):
            problems.append(f"the Italian timings table calls lesson {n} {name!r}; its title is {title!r}")
        if link != f"../notebooks/{notebook}" or bool(english) == italian:
            problems.append(f"lesson {n} of the Italian timings table should read {want}, not {cell.strip()!r}")
    return problems


def problems(en_text: str, it_text: str) -> list[str]:
    en, it = parse(en_text), parse(it_text)
    return (heading_problems(en, it) + code_problems(en, it) + link_problems(en_text, it_text)
            + number_problems(en, it) + timing_problems(it_text))  # fmt: skip


# -- the tests --------------------------------------------------------------------------------


def _texts() -> tuple[str, str]:
    return EN.read_text(encoding="utf-8"), IT.read_text(encoding="utf-8")


def hash_problems(en_text: str, it_text: str) -> list[str]:
    recorded = recorded_hash(it_text)
    if not recorded:
        return [f"{IT.name} does not record the English guide it translates (<!-- translated-from-sha256: ... -->)"]
    if recorded != sha256(en_text):
        return [f"instructors/README.md changed since {IT.name} was translated from it: "
                f"update the Italian, then run `{REFRESH}`"]  # fmt: skip
    return []


def test_the_italian_guide_translates_the_english_guide_as_it_is_now():
    assert not hash_problems(*_texts())


def test_the_italian_guide_says_the_english_one_is_the_reference():
    en, it = _texts()
    top = it.split("\n## ", 1)[0]
    assert "README.md" in top and "riferimento" in top and REFRESH in top
    assert "README.it.md" in en.split("\n## ", 1)[0], "the English guide does not point to the Italian one"


def test_same_headings_level_by_level():
    en, it = map(parse, _texts())
    assert not heading_problems(en, it)


def test_same_code_blocks_and_marks():
    en, it = map(parse, _texts())
    assert not code_problems(en, it)


def test_same_links_or_their_italian_counterparts():
    assert not link_problems(*_texts())


def test_same_numbers_in_every_section():
    en, it = map(parse, _texts())
    assert not number_problems(en, it)


def test_the_timings_table_names_the_lessons_by_their_italian_titles():
    assert not timing_problems(_texts()[1])


# -- each comparison can fail ----------------------------------------------------------------


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_a_missing_or_extra_heading_is_found():
    en, it = _texts()
    assert heading_problems(parse(en), parse(_edit(it, "\n### ", "\n#### ")))
    assert heading_problems(parse(en), parse(it + "\n## Altro\n"))


def test_a_changed_command_is_found_and_a_translated_comment_is_not():
    en, it = _texts()
    assert code_problems(parse(en), parse(_edit(it, "nbgrader collect lesson1", "nbgrader collect lesson2")))
    assert code_problems(parse(en), parse(_edit(it, "<!-- tested: collect -->", "<!-- tested: raccolta -->")))
    assert not code_problems(parse(en), parse(_edit(it, "# link Binder", "# un commento qualsiasi")))
    listing = "\n  roster.csv                 a sample class"
    assert code_problems(parse(en), parse(_edit(it, listing[:24], "\n  elenco.csv   ")))


def test_a_wrong_link_is_found_and_an_italian_notebook_is_allowed():
    en, it = _texts()
    assert link_problems(en, _edit(it, "](#file-delle-risposte)", "](#che-cosa-ha-sbagliato-la-classe)"))
    assert link_problems(en, _edit(it, "](https://nbgrader.readthedocs.io)", "](https://example.org)"))
    extra = (
        it
        + "\n[Inizia da qui](../notebooks/it/00-start-here.ipynb)\n[Lezione 3](../notebooks/03-what-a-medium-offers.ipynb)\n"
    )
    assert not link_problems(en, extra)
    assert link_problems(en, it + "\n[Lezione](../notebooks/it/99-nessuna.ipynb)\n")


def test_a_changed_number_is_found_and_the_decimal_comma_is_read():
    en, it = _texts()
    assert number_problems(parse(en), parse(_edit(it, "18 min", "19 min")))
    assert numbers("circa 3,5 minuti per 1.234 studenti", "it") == Counter([3.5, 1234.0])
    assert numbers("about 3.5 minutes for 1,234 students, M1, lesson4, 2K", "en") == Counter([3.5, 1234.0])


def test_a_lesson_under_a_title_or_link_not_its_own_is_found():
    it = _texts()[1]
    assert timing_problems(_edit(it, "[Il Python che serve]", "[Python]"))
    # an Italian lesson linked as if it were English only
    assert timing_problems(
        _edit(
            it,
            "(../notebooks/it/02-il-python-che-serve.ipynb)",
            "(../notebooks/02-python-you-need.ipynb) *(in inglese)*",
        )
    )
    assert timing_problems(
        _edit(it, "(../notebooks/it/01-media-e-reti.ipynb)", "(../notebooks/01-media-and-networks.ipynb)")
    )


def test_a_changed_english_guide_is_found_until_the_hash_is_refreshed(tmp_path):
    en, it = _texts()
    (tmp_path / "README.md").write_text(en.replace("Timings", "Timings and pace", 1), encoding="utf-8")
    (tmp_path / "README.it.md").write_text(it, encoding="utf-8")
    changed = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert any(REFRESH in p for p in hash_problems(changed, it))
    assert refresh(tmp_path / "README.md", tmp_path / "README.it.md") == 0
    assert not hash_problems(changed, (tmp_path / "README.it.md").read_text(encoding="utf-8"))
    assert not hash_problems(en, it.replace(recorded_hash(it), sha256(en)))
    assert hash_problems(en, it.replace("<!-- translated-from-sha256", "<!-- translated-from"))


def test_the_refresh_refuses_while_the_guides_differ(tmp_path):
    en, it = _texts()
    (tmp_path / "README.md").write_text(
        _edit(en, "nbgrader collect lesson1", "nbgrader collect lesson1 --update"), encoding="utf-8"
    )
    (tmp_path / "README.it.md").write_text(it, encoding="utf-8")
    assert refresh(tmp_path / "README.md", tmp_path / "README.it.md") == 1
    assert (tmp_path / "README.it.md").read_text(encoding="utf-8") == it


# -- refreshing the hash --------------------------------------------------------------------


def refresh(english: Path = EN, italian: Path = IT) -> int:
    """Record in the Italian guide the hash of the English one, if the two are in step."""
    en, it = english.read_text(encoding="utf-8"), italian.read_text(encoding="utf-8")
    found = problems(en, it)
    if found:
        print(f"{italian.name} is not in step with {english.name}; not refreshed:", *found, sep="\n  ", file=sys.stderr)
        return 1
    if recorded_hash(it) is None:
        print(f"{italian.name} has no <!-- translated-from-sha256: ... --> line to refresh", file=sys.stderr)
        return 1
    line = f"<!-- translated-from-sha256: {sha256(en)} -->"
    italian.write_text(HASH.sub(line, it, count=1), encoding="utf-8")
    print(f"{italian.name} now records {english.name} {sha256(en)[:12]}...")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["refresh"]:
        raise SystemExit("usage: python tests/test_italian_guide.py refresh")
    raise SystemExit(refresh())
