"""Each Italian notebook is kept in step with its English source, cell by cell
(tests/italian_pairs.py explains the metadata and the rule for code cells)."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys

import pytest
from italian_pairs import (
    KEY,
    ROOT,
    Renames,
    assigned_names,
    check,
    check_files,
    pairs,
    read,
    rel,
    same_code,
    sha256,
)

PAIRS = pairs("it")
IDS = [rel(it) for _, it in PAIRS]


def test_the_manifest_pairs_every_italian_notebook():
    on_disk = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks" / "it").glob("*.ipynb"))
    assert sorted(IDS) == on_disk, "every Italian notebook is listed in lessons.json, and every one listed exists"
    assert len(PAIRS) >= 3


@pytest.mark.parametrize("en, it", PAIRS, ids=IDS)
def test_every_italian_cell_names_its_english_source(en, it):
    f = check_files(en, it)
    assert not f.structure, "\n".join(f.structure)
    assert f.paired > 0


@pytest.mark.parametrize("en, it", PAIRS, ids=IDS)
def test_no_italian_cell_is_older_than_its_english_source(en, it):
    f = check_files(en, it)
    assert not f.stale, "\n".join(f.stale)


@pytest.mark.parametrize("en, it", PAIRS, ids=IDS)
def test_italian_code_cells_differ_only_in_language_arguments(en, it):
    f = check_files(en, it)
    assert not f.code, "\n".join(f.code)


@pytest.mark.parametrize("en, it", PAIRS, ids=IDS)
def test_every_english_cell_has_an_italian_counterpart(en, it):
    f = check_files(en, it)
    assert not f.missing, "\n".join(f.missing)


# --- the checks catch what they are for ---------------------------------------

LESSON_EN, LESSON_IT = next((en, it) for en, it in PAIRS if it.name == "01-media-e-reti.ipynb")


def _lesson():
    return read(LESSON_EN), read(LESSON_IT)


def test_a_stale_copy_is_caught_naming_the_notebook_the_cell_and_what_to_do():
    en, it = _lesson()
    cell = next(c for c in en["cells"] if c["cell_type"] == "markdown" and c["id"] == "43bb9b94")
    cell["source"] = source = "".join(cell["source"]) + "\nA sentence added in English.\n"
    assert sha256(cell) == sha256({"source": source})
    f = check(en, it, "notebooks/01-media-and-networks.ipynb", "notebooks/it/01-media-e-reti.ipynb")
    assert len(f.stale) == 1, f.stale
    (message,) = f.stale
    assert message.startswith("notebooks/it/01-media-e-reti.ipynb cell it-05 is out of date")
    assert "English cell 43bb9b94" in message
    assert "make it-sync NB=notebooks/it/01-media-e-reti.ipynb CELLS=it-05" in message
    assert not f.structure and not f.code and not f.missing


def test_a_whitespace_change_in_english_is_a_change_too():
    en, it = _lesson()
    en["cells"][0]["source"] = "".join(en["cells"][0]["source"]) + " "
    assert len(check(en, it).stale) == 1


def test_refresh_marks_a_reviewed_cell_up_to_date(tmp_path, monkeypatch):
    import italian_pairs

    en, it = _lesson()
    en_path, it_path = tmp_path / "en.ipynb", tmp_path / "it.ipynb"
    en_path.write_text(json.dumps(en), encoding="utf-8")
    it_path.write_text(json.dumps(it), encoding="utf-8")
    monkeypatch.setattr(italian_pairs, "english_of", lambda _: en_path)
    italian_pairs.refresh(it_path, [])  # the copy starts up to date
    en["cells"][5]["source"] = "## Changed\n"
    en_path.write_text(json.dumps(en), encoding="utf-8")
    assert len(check_files(en_path, it_path).stale) == 1
    with pytest.raises(SystemExit, match="has no cell nope"):
        italian_pairs.refresh(it_path, ["nope"])
    italian_pairs.refresh(it_path, [it["cells"][0]["id"]])  # another cell: still stale
    assert len(check_files(en_path, it_path).stale) == 1
    italian_pairs.refresh(it_path, [it["cells"][5]["id"]])
    assert check_files(en_path, it_path).stale == []


def test_the_status_command_reads_a_real_notebook_and_changes_nothing():
    before = LESSON_IT.read_bytes()
    run = subprocess.run(
        [sys.executable, "tests/italian_pairs.py", "status", "notebooks/it/01-media-e-reti.ipynb"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert (
        "notebooks/it/01-media-e-reti.ipynb: 39 cells paired, 0 Italian-only, 0 English-only, 0 problem(s)"
        in run.stdout
    )
    assert LESSON_IT.read_bytes() == before


def test_refresh_writes_an_up_to_date_notebook_back_byte_for_byte(tmp_path, monkeypatch):
    import italian_pairs

    copy_ = tmp_path / "it.ipynb"
    copy_.write_bytes(LESSON_IT.read_bytes())
    monkeypatch.setattr(italian_pairs, "english_of", lambda _: LESSON_EN)
    italian_pairs.refresh(copy_, [])
    assert copy_.read_bytes() == LESSON_IT.read_bytes()


def test_the_commands_refuse_bad_input():
    run = subprocess.run(
        [sys.executable, "tests/italian_pairs.py", "refresh", "notebooks/01-media-and-networks.ipynb"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0
    assert "notebooks/01-media-and-networks.ipynb is not a translated notebook of the lessons manifest" in run.stderr
    run = subprocess.run([sys.executable, "tests/italian_pairs.py", "sync"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode != 0 and run.stderr.startswith("usage: python tests/italian_pairs.py")


def test_a_missing_counterpart_is_caught_unless_marked_english_only():
    en, it = _lesson()
    dropped = it["cells"].pop(3)["metadata"][KEY]["source_cell"]
    (message,) = check(en, it, it_name="it.ipynb").missing
    assert f"English cell {dropped}" in message and "english_only" in message
    it["metadata"].setdefault(KEY, {})["english_only"] = {dropped: ""}
    f = check(en, it, it_name="it.ipynb")
    assert not f.missing and f.structure == [f"it.ipynb: metadata.{KEY}.english_only[{dropped!r}] gives no reason"]
    it["metadata"][KEY]["english_only"] = {dropped: "the etymology is in the Italian introduction"}
    f = check(en, it)
    assert (f.missing, f.structure, f.english_only) == ([], [], 1)


def test_an_italian_only_cell_needs_a_reason_and_an_unpaired_cell_is_caught():
    en, it = _lesson()
    extra = {"cell_type": "markdown", "id": "it-nota", "metadata": {}, "source": "Nota per chi legge in italiano."}
    it["cells"].insert(2, extra)
    (message,) = check(en, it, it_name="it.ipynb").structure
    assert message.startswith("it.ipynb cell it-nota names no English source")
    extra["metadata"][KEY] = {"italian_only": " "}
    assert check(en, it).structure == ["Italian cell it-nota is marked italian_only without a reason"]
    extra["metadata"][KEY] = {"italian_only": "a note on Italian usage of 'i social'"}
    f = check(en, it)
    assert (f.structure, f.italian_only) == ([], 1)


def test_pairing_errors_are_named():
    en, it = _lesson()
    it["cells"][4]["metadata"][KEY]["source_cell"] = "no-such-cell"
    it["cells"][6]["metadata"][KEY]["source_cell"] = it["cells"][7]["metadata"][KEY]["source_cell"]
    code = next(c for c in it["cells"] if c["cell_type"] == "code")
    code["metadata"][KEY]["source_cell"] = en["cells"][0]["id"]
    messages = "\n".join(check(en, it).structure)
    assert "names English cell 'no-such-cell'" in messages
    assert "both translate" in messages
    assert "is a code cell; English cell" in messages and "is a markdown cell" in messages
    en, it = _lesson()
    a, b = it["cells"][2]["metadata"][KEY], it["cells"][3]["metadata"][KEY]
    a["source_cell"], b["source_cell"] = b["source_cell"], a["source_cell"]
    (message,) = [m for m in check(en, it).structure]
    assert message.startswith("Italian cell it-03 translates English cell 639419d8")
    assert message.endswith("which comes before the English source of the cell above it")


def test_cells_without_ids_are_caught():
    en, it = _lesson()
    it = copy.deepcopy(it)
    del en["cells"][1]["id"]
    en["nbformat_minor"] = 4
    messages = check(en, it).structure
    assert "English: nbformat 4.4 has no cell ids; 4.5 or later is needed" in messages
    assert "English: cell 1 has no id" in messages


def test_a_code_cell_changed_in_italian_is_caught():
    en, it = _lesson()
    cell = next(c for c in it["cells"] if c["id"] == "it-12")
    cell["source"] = 'esercizio = SortingBoard.from_exercise("lesson01_questions_it", language="it")\nesercizio'
    (message,) = check(en, it).code
    assert message.startswith("Italian cell it-12 does not do what English cell 185f2df9")
    assert "'lesson01_media_or_network', the Italian the string 'lesson01_questions_it'" in message


# --- the rule for code cells, on small cases ------------------------------------


@pytest.mark.parametrize(
    "english, italian",
    [
        ('ask("l1-x")', 'ask("l1-x-it")'),  # a question id and its Italian twin
        ('b = Board.from_exercise("f")\nb', 'e = Board.from_exercise("f_it", language="it")\ne'),
        ('Board(title="Practice",\n  items=[1],\n)', 'Board(title="Practice",\n  items=[1],\n  language="it",\n)'),
        ('Board(language="en", items=[1])', "Board(items=[1])"),
        ('f(prompt="Is it a tool?")', 'f(prompt="È uno strumento?")'),  # prose is translated
        ('answer = ...  # a letter, e.g. "a"', 'answer = ...  # una lettera, per esempio "a"'),
        ('apps = ["Instagram", "TikTok"]\nlen(apps)', 'app = ["Instagram", "TikTok"]\nlen(app)'),
        ('print(f"Each plan is run {n} times; p = {p:.1f}.")', 'print(f"Ogni piano: {n} volte; p = {p:.1f}.")'),
        ('x = 2\nprint(f"{x} and {len(apps)!r}")', 'y = 2\nprint(f"{y} e {len(apps)!r}")'),  # renamed in braces too
        ("print(f'{a:>{w}}' f\"{b}\")", "print(f'{a:>{w}}'  f\"{b}\")"),
    ],
)
def test_code_that_differs_only_in_language_arguments_passes(english, italian):
    assert same_code(english, italian) is None


@pytest.mark.parametrize(
    "english, italian, why",
    [
        ('ask("l1-x")', 'ask("l1-y-it")', "the English has the string 'l1-x', the Italian the string 'l1-y-it'"),
        ('ask("l1-x")', 'ask("l1-x-en")', "the string 'l1-x-en'"),
        ('f("Instagram")', 'f("Instagramm")', "the string 'Instagramm'"),
        ("len(apps)", "len(apps) + 1", "the English has the end of the line, the Italian `+`"),
        ("board.check()", "board.reset()", "the English has `check`, the Italian `reset`"),
        ("b = B()\nb.check()", "b = B()\nb.controlla()", "`check`"),  # attributes are never renamed
        ("x = 1", "x = 2", "`1`"),
        ('f("a")', 'f("una lettera")', "the English has the string 'a', the Italian a string with spaces"),
        ('f(title="A title")', 'f(titolo="Un titolo")', "the English has `title`, the Italian `titolo`"),
        ("print(apps)", "print(app)", "the English has `apps`"),  # not a variable the English assigns
        ('f(lang="it")', 'f(lang="it", language="en", mode=1)', "the English has `)`, the Italian `,`"),
        ("x = (", "x = (", "cannot read the code"),
        ("a = 1\nb = 2", "a = 1", "only the English goes on, with `b`"),
        # the code in an f-string's braces is code: a decimal comma added in Italian is caught
        ('print(f"p = {p}.")', "print(f\"p = {str(p).replace('.', ',')}.\")", "the English has `p`, the Italian `str`"),
        ('print(f"{m:.1f} people")', 'print(f"{m:.2f} persone")', "the string '.1f', the Italian the string '.2f'"),
        ('print(f"{a} of {b}")', 'print(f"{b} su {a}")', "the English has `a`, the Italian `b`"),
        ('print(f"{a!r}")', 'print(f"{a}")', "the English has `!r`"),
    ],
)
def test_code_that_does_something_else_fails(english, italian, why):
    diff = same_code(english, italian)
    assert diff is not None and why in diff, diff


def test_a_renamed_variable_is_renamed_the_same_way_in_every_cell():
    cells_en = ["board = B()", "board.check()", "other = 1"]
    renames = Renames(assigned_names(cells_en))
    assert same_code(cells_en[0], "esercizio = B()", renames) is None
    assert same_code(cells_en[1], "esercizio.check()", renames) is None
    assert "`board` is called `esercizio` elsewhere" in same_code(cells_en[1], "prova.check()", renames)
    assert "`board` is called `esercizio` elsewhere" in same_code(cells_en[1], "board.check()", renames)
    assert "already stands for another English name" in same_code(cells_en[2], "esercizio = 1", renames)


# --- the Italian exercise files: the English ones, translated ----------------------

_WORD = re.compile(r"\b[a-zà-ù]{2,}\b")
_CLAUSE_NAME = re.compile(r"\.policy\.clauses\[\d+\]\.name$")


#: A clause's name is a heading in words even when it is one word ("Measure"): it is translated.
_CLAUSE_NAME = re.compile(r"\.policy\.clauses\[\d+\]\.name$")


def _mirror(en, it, where, out):
    """What keeps `it` from being `en` translated: structure, keys and values the same, every
    sentence (a string with spaces and a lower-case word) different, every other string (ids, names) the same
    or the same with ``-it``; a source key may become ``{"key": ..., "lang": "it"}``; a clause's name is a
    label, translated even when it is one word."""
    if isinstance(en, str) and isinstance(it, dict) and where.split(".")[-1].startswith("sources["):
        if it != {"key": en, "lang": "it"}:
            out.append(f"{where}: {it!r} is not the source {en!r} in Italian")
    elif type(en) is not type(it):
        out.append(f"{where}: {type(en).__name__} in English, {type(it).__name__} in Italian")
    elif isinstance(en, dict):
        if set(en) != set(it) - {"lang"}:
            out.append(f"{where}: keys differ: {sorted(set(en) ^ (set(it) - {'lang'}))}")
        for key in set(en) & set(it):
            _mirror(en[key], it[key], f"{where}.{key}", out)
    elif isinstance(en, list):
        if len(en) != len(it):
            out.append(f"{where}: {len(en)} entries in English, {len(it)} in Italian")
        for i, (a, b) in enumerate(zip(en, it)):
            _mirror(a, b, f"{where}[{i}]", out)
    elif isinstance(en, str) and (
        (any(c.isspace() for c in en) and _WORD.search(en)) or (_CLAUSE_NAME.search(where) and en.isalpha())
    ):
        if en == it:
            out.append(f"{where}: left untranslated: {en[:70]!r}")
    elif isinstance(en, str) and _CLAUSE_NAME.search(where):
        if not it.strip():
            out.append(f"{where}: an empty clause name")  # a label: one word ("Membership") may be translated too
    elif en != it and it not in (en + "-it", en + "_it"):
        out.append(f"{where}: {en!r} in English, {it!r} in Italian")


def _exercise_pairs():
    from smlessons.content import EXERCISES_DIR
    from smlessons.content.lessons import load_lessons

    return [
        (EXERCISES_DIR / a.file, EXERCISES_DIR / b.file, e.en.stem, e.languages["it"].stem)
        for e in load_lessons()
        if "it" in e.languages
        for a, b in zip(e.en.exercises, e.languages["it"].exercises)
    ]


@pytest.mark.parametrize("en, it, en_nb, it_nb", _exercise_pairs(), ids=lambda v: getattr(v, "name", None))
def test_every_italian_exercise_file_is_its_english_one_translated(en, it, en_nb, it_nb):
    assert it.name == en.name.replace(".json", "_it.json")
    a, b = json.loads(en.read_text(encoding="utf-8")), json.loads(it.read_text(encoding="utf-8"))
    assert (a.get("notebook"), b.get("notebook"), b.get("lang", "it")) == (en_nb, it_nb, "it")
    b = {**b, "notebook": a["notebook"]}
    out = []
    _mirror(a, b, it.name, out)
    assert not out, "\n".join(out)


def test_an_untranslated_or_changed_exercise_entry_is_caught():
    en, it, _, _ = next(p for p in _exercise_pairs() if p[0].name == "lesson01_questions.json")
    a, b = json.loads(en.read_text(encoding="utf-8")), json.loads(it.read_text(encoding="utf-8"))
    b["questions"][2]["hint"] = a["questions"][2]["hint"]
    b["questions"][3]["answer"] = "z"
    del b["questions"][4]["feedback"][next(iter(b["questions"][4]["feedback"]))]
    out = []
    _mirror(a, {**b, "notebook": a["notebook"]}, "q", out)
    assert [m.split(":")[0] for m in out] == ["q.questions[2].hint", "q.questions[3].answer", "q.questions[4].feedback"]
    assert "left untranslated" in out[0]


def test_a_one_word_clause_name_must_be_translated_and_a_one_word_label_kept():
    en = {"policy": {"clauses": [{"id": "D1", "name": "Measure"}]}, "items": [{"label": "Instagram"}]}
    it = {"policy": {"clauses": [{"id": "D1", "name": "Measure"}]}, "items": [{"label": "Instagram"}]}
    out = []
    _mirror(en, it, "b", out)
    assert out == ["b.policy.clauses[0].name: left untranslated: 'Measure'"]
    it["policy"]["clauses"][0]["name"], out = "Misura", []
    _mirror(en, it, "b", out)
    assert out == []
    it["items"][0]["label"], out = "Instagrammo", []
    _mirror(en, it, "b", out)
    assert out == ["b.items[0].label: 'Instagram' in English, 'Instagrammo' in Italian"]
