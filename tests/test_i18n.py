"""Strings in two languages: one gettext string table per language, complete,
compiled, and the only source of what a board says (Python and JavaScript)."""

from __future__ import annotations

import gettext
import io
import json
import re
from pathlib import Path

import pytest

from smlessons import SortingBoard, grade, i18n
from smlessons.exercises import boards as grading
from smlessons.exercises.boards import make_bins, make_items
from smlessons.exercises.loader import MODES
from smlessons.i18n import LOCALE_DIR, SUPPORTED, resolve_language, translator
from smlessons.widgets.sorting_board import BROWSER_PLURALS, BROWSER_TEXTS

babel_extract = pytest.importorskip("babel.messages.extract")
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

PKG = Path(i18n.__file__).parent
JS = PKG / "widgets" / "static" / "sorting_board.js"
KEYWORDS = {**babel_extract.DEFAULT_KEYWORDS, "N_": None, "NP_": (1, 2), "NC_": ((1, "c"), 2)}
#: Between a message's context and its id, as in a .mo file: "tie kind\x04group".
CONTEXT = "\x04"
PLACEHOLDER = re.compile(r"\{(\w*)\}")
LANG_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def english_environment(monkeypatch):
    """No language in the environment unless a test sets one."""
    for var in LANG_VARS:
        monkeypatch.delenv(var, raising=False)


def extracted() -> dict:
    """msgid (or (singular, plural)) -> the file that uses it, from the package's Python code."""
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        if "course_template" in path.parts:
            continue
        with open(path, "rb") as fh:
            for _line, message, _comments, context in babel_extract.extract("python", fh, keywords=KEYWORDS):
                out[f"{context}{CONTEXT}{message}" if context else message] = path.name
    return out


def key_of(entry):
    """A catalog entry's key, as :func:`extracted` names it: the id, "context\x04id", or (singular, plural)."""
    return f"{entry.context}{CONTEXT}{entry.id}" if entry.context else entry.id


def lookup(cat, key):
    """The entry of `key` (a msgid, perhaps with its context) in `cat`, or None."""
    context, _, msgid = key.rpartition(CONTEXT)
    return cat.get(msgid, context=context or None)


def catalog(lang):
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "smlessons.po", "rb") as fh:
        return read_po(fh, locale=lang)


def test_the_code_has_messages():
    found = extracted()
    assert "Cards to sort" in found and "Right" in found
    assert ("{bin}, {count} card", "{bin}, {count} cards") in found
    assert f"tie kind{CONTEXT}group" in found  # a word with a context (NC_)
    assert len(found) >= 25


@pytest.mark.parametrize("lang", SUPPORTED)
def test_every_message_is_in_every_table_and_translated(lang):
    found = extracted()
    cat = catalog(lang)
    missing, untranslated, fuzzy = [], [], []
    for msgid, where in found.items():
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        entry = lookup(cat, key)
        if entry is None:
            missing.append(f"{key!r} ({where})")
            continue
        if isinstance(msgid, tuple):
            assert entry.pluralizable and entry.id == msgid, f"{key!r}: plural forms differ from the code's"
            forms = entry.string
            if len(forms) != cat.num_plurals or not all(f.strip() for f in forms):
                untranslated.append(repr(key))
        elif not entry.string or not entry.string.strip():
            untranslated.append(repr(key))
        if entry.fuzzy:
            fuzzy.append(repr(key))
    assert not missing, f"missing from the {lang} table: " + ", ".join(missing)
    assert not untranslated, f"untranslated in the {lang} table: " + ", ".join(untranslated)
    assert not fuzzy, f"fuzzy (unchecked) in the {lang} table: " + ", ".join(fuzzy)
    keys = {m[0] if isinstance(m, tuple) else m for m in found}
    stale = sorted(
        key_of(m) if isinstance(m.id, str) else m.id[0]
        for m in cat
        if m.id and ((key_of(m) if isinstance(m.id, str) else m.id[0]) not in keys)
    )
    assert not stale, f"the {lang} table has messages no code uses: {stale}"
    assert not cat.obsolete, f"the {lang} table keeps obsolete messages: {list(cat.obsolete)}"


def test_the_template_is_current():
    with open(LOCALE_DIR / "smlessons.pot", "rb") as fh:
        pot = read_po(fh)
    assert {key_of(m) for m in pot if m.id} == set(extracted()), (
        "smlessons/locale/smlessons.pot is out of date: re-run pybabel extract (see smlessons/i18n.py)"
    )


@pytest.mark.parametrize("lang", SUPPORTED)
def test_translations_keep_the_placeholders(lang):
    for entry in catalog(lang):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        want = set(PLACEHOLDER.findall(ids[0])) | set(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            got = set(PLACEHOLDER.findall(s))
            assert "" not in got and "{{" not in s, f"{lang}: {s!r} has an unnamed or escaped placeholder"
            # a plural form may drop the count it is chosen by, never add a name
            assert got <= want and got >= want - {"count", "placed", "right", "total"}, (
                f"{lang}: {s!r} has placeholders {sorted(got)}, the message has {sorted(want)}"
            )
            s.format(**{name: "x" for name in want})  # a valid template


@pytest.mark.parametrize("lang", SUPPORTED)
def test_the_committed_mo_files_are_compiled_from_the_po_files(lang):
    """Recompile each .po and compare with the shipped .mo, message by message."""
    buf = io.BytesIO()
    write_mo(buf, catalog(lang))
    buf.seek(0)
    fresh = gettext.GNUTranslations(buf)
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "smlessons.mo", "rb") as fh:
        shipped = gettext.GNUTranslations(fh)
    fresh_messages = {k: v for k, v in fresh._catalog.items() if k != ""}
    shipped_messages = {k: v for k, v in shipped._catalog.items() if k != ""}
    assert shipped_messages == fresh_messages, (
        f"locale/{lang}/LC_MESSAGES/smlessons.mo is not compiled from its .po: run pybabel compile"
    )
    assert shipped.info().get("plural-forms") == fresh.info().get("plural-forms")
    assert shipped.info().get("language") == lang


# ------------------------------------------------------------- language choice


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, "en"),
        ({"LANG": "it_IT.UTF-8"}, "it"),
        ({"LANG": "it_CH"}, "it"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),  # not supported: English, not an error
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LC_ALL": "it_IT.UTF-8", "LANG": "en_US.UTF-8"}, "it"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "it_IT.UTF-8"}, "en"),
        ({"LC_MESSAGES": "it_IT", "LANG": "en_US"}, "it"),
        ({"LANGUAGE": "it:en", "LANG": "en_US.UTF-8"}, "it"),
        ({"LANGUAGE": "fr:it", "LANG": "en_US.UTF-8"}, "it"),
        ({"LANGUAGE": "fr", "LANG": "it_IT.UTF-8"}, "it"),
        ({"LANG": "it_IT@euro"}, "it"),
        ({"LANG": "garbage!!"}, "en"),
    ],
)
def test_the_environment_chooses_the_language(env, expected):
    assert resolve_language(environ=env) == expected


def test_an_explicit_language_beats_the_environment(monkeypatch):
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    assert resolve_language() == "it"
    assert resolve_language("en") == "en"
    for spelling in ("it", "IT", "it_IT", "it-IT", "it_IT.UTF-8"):
        assert resolve_language(spelling, environ={}) == "it"


@pytest.mark.parametrize("bad", ["fr", "english", "", "C", "xx_YY"])
def test_an_unknown_language_names_itself_and_the_supported_ones(bad):
    with pytest.raises(ValueError) as err:
        resolve_language(bad)
    message = str(err.value)
    assert repr(bad) in message and "'en'" in message and "'it'" in message


def test_a_language_that_is_not_a_string_is_a_type_error():
    with pytest.raises(TypeError, match="language must be a string"):
        resolve_language(1)


# ------------------------------------------------------------------ the board

ITEMS = [
    {"label": "TikTok", "answer": "Medium", "explanation": "An app."},
    {"label": "My class", "answer": "Network", "explanation": "People."},
    {"label": "Facebook", "answer": ["Medium", "Network"], "explanation": "Both."},
]
BINS = ["Medium", "Network"]


#: English words Italian uses as they are (the Italian glossary keeps them too).
LOANWORDS = {"notebook", "video", "feed", "seed", "broker", "betweenness", "reach", "post", "follow", "python"}


def english_words(text: str) -> set[str]:
    """The words of the English msgids that appear in `text` (for "no English left" checks)."""
    vocabulary = set()
    for msgid in extracted():
        for m in msgid if isinstance(msgid, tuple) else (msgid.rpartition(CONTEXT)[2],):
            vocabulary |= {w.lower() for w in re.findall(r"[A-Za-z]{4,}", PLACEHOLDER.sub("", m))}
    vocabulary -= {"escape", "space", "notebook"}  # key names in the Italian help ("Esc"); "notebook" is Italian too
    vocabulary -= LOANWORDS
    return {w for w in re.findall(r"[A-Za-z]{4,}", PLACEHOLDER.sub("", text)) if w.lower() in vocabulary}


def test_a_board_sends_the_browser_every_text_in_its_language():
    board = SortingBoard(items=ITEMS, bins=BINS, language="it")
    assert board.language == "it"
    strings = board._strings
    assert set(strings["text"]) == set(BROWSER_TEXTS)
    assert set(strings["plural"]) == set(BROWSER_PLURALS)
    assert strings["text"]["check"] == "Verifica"
    assert strings["text"]["pool"] == "Schede da smistare"
    assert strings["plural"]["bin_name"] == ["{bin}, {count} scheda", "{bin}, {count} schede"]
    # one plural index per count a board can show: 0 .. number of cards
    assert strings["plural_index"] == [1, 0, 1, 1]
    for text in list(strings["text"].values()) + [f for forms in strings["plural"].values() for f in forms]:
        assert not english_words(text), f"English left in an Italian text: {text!r}"
    json.dumps(strings)  # plain JSON for the browser


def test_the_default_board_is_english_and_follows_the_environment(monkeypatch):
    board = SortingBoard(items=ITEMS, bins=BINS)
    assert board.language == "en" and board._strings["text"]["check"] == "Check"
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    board = SortingBoard(items=ITEMS, bins=BINS)
    assert board.language == "it" and board._strings["text"]["check"] == "Verifica"
    board = SortingBoard(items=ITEMS, bins=BINS, language="en")
    assert board.language == "en"


def test_an_unknown_board_language_is_a_clear_error():
    with pytest.raises(ValueError, match=r"unknown language 'klingon'.*'en' \(English\), 'it' \(Italian\)"):
        SortingBoard(items=ITEMS, bins=BINS, language="klingon")


def test_language_is_keyword_only_and_read_only():
    board = SortingBoard(items=ITEMS, bins=BINS, language="it")
    with pytest.raises(Exception):
        board.language = "en"
    assert repr(board) == "SortingBoard(items=3, bins=['Medium', 'Network'])"


def test_italian_verdicts_and_score_after_a_check():
    board = SortingBoard(items=ITEMS, bins=BINS, language="it")
    board.placements = {"TikTok": "Network", "Facebook": "Medium"}
    result = board.check()
    assert board.score == "1 giusta su 3 (1 sbagliata, 1 non ancora sistemata)" == str(result)
    assert board.feedback["TikTok"]["verdict"] == "Non proprio"
    assert board.feedback["TikTok"]["symbol"] == "\u2717"
    assert board.feedback["Facebook"]["verdict"] == "Giusta (valida in entrambi i riquadri)"
    assert board.feedback["Facebook"]["explanation"] == "Both. Sarebbe giusta anche in: Network."
    for f in board.feedback.values():
        assert not english_words(f["verdict"])
    board.placements = {"TikTok": "Medium", "My class": "Network"}
    assert str(board.check()) == "2 giuste su 3 (1 non ancora sistemata)"


def test_plural_forms_where_counts_appear():
    items = make_items(["a", "b"], make_bins(["X", "Y"]))
    assert grade(items[:1], {}, language="en").score == "0 of 1 card placed"
    assert grade(items, {"a": "X"}, language="en").score == "1 of 2 cards placed"
    keyed = make_items(
        [{"label": "a", "answer": "X"}, {"label": "b", "answer": "X"}, {"label": "c", "answer": "X"}], ["X", "Y"]
    )
    assert grade(keyed, {"a": "Y"}, language="it").score == "0 giuste su 3 (1 sbagliata, 2 non ancora sistemate)"
    assert grade(keyed, {"a": "X", "b": "Y", "c": "Y"}, language="it").score == "1 giusta su 3 (2 sbagliate)"
    t = translator("en")
    assert t.ngettext(*BROWSER_PLURALS["bin_name"], 1, bin="B", count=1) == "B, 1 card"
    assert t.ngettext(*BROWSER_PLURALS["bin_name"], 0, bin="B", count=0) == "B, 0 cards"


def test_grade_follows_the_environment_unless_told(monkeypatch):
    items = make_items([{"label": "a", "answer": "X"}], ["X", "Y"])
    assert grade(items, {"a": "X"}).score == "1 of 1 right"
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    assert grade(items, {"a": "X"}).score == "1 giusta su 1"
    assert grade(items, {"a": "X"}, language="en").score == "1 of 1 right"
    assert grade(items, {"a": "X"}, language="en")["a"].verdict == "Right"


def test_italian_assessment_score():
    board = SortingBoard(items=["a", "b"], bins=BINS, mode="assessment", language="it")
    board.placements = {"a": "Medium"}
    assert str(board.check()) == "Schede sistemate: 1 su 2"


def test_a_damaged_answer_file_is_reported_in_the_board_language(tmp_path, capsys):
    from smlessons.exercises.answers import AnswerStore

    store = AnswerStore("nb", folder=tmp_path)
    store.path.write_text("{not json", encoding="utf-8")
    with pytest.warns(UserWarning):
        board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="ex", answers=store, language="it")
    assert board.notice.startswith(
        "Non è stato possibile leggere nb.answers.json: è stato conservato come nb.answers.corrupt-"
    )
    assert "nuovo file delle risposte" in capsys.readouterr().out
    # the English board says the same in English
    store.path.write_text("[]", encoding="utf-8")
    with pytest.warns(UserWarning):
        board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="ex", answers=AnswerStore("nb", folder=tmp_path))
    assert re.match(
        r"nb\.answers\.json could not be read; it was kept as nb\.answers\.corrupt-\S+\.json and a new", board.notice
    )


def test_a_save_failure_is_reported_in_the_board_language(tmp_path):
    from smlessons.exercises.answers import AnswerStore

    blocker = tmp_path / "file"
    blocker.write_text("x")
    board = SortingBoard(
        items=ITEMS, bins=BINS, exercise_id="ex", answers=AnswerStore("nb", folder=blocker / "sub"), language="it"
    )
    board.placements = {"TikTok": "Medium"}
    assert board.notice.startswith("Non è stato possibile salvare l'ultima mossa (")


def test_from_exercise_takes_the_language():
    board = SortingBoard.from_exercise("lesson01_media_or_network_it", language="it", answers=False)
    assert board.language == "it" and board._strings["text"]["reset"] == "Ricomincia"


# --------------------------------------------------------------- the browser side


def js_string_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal and template-literal text part of a JS source.

    A small scanner: comments are skipped, regular-expression literals are
    skipped, and ``${...}`` expressions inside template literals are scanned
    as code (their own strings are found too).
    """
    out = []
    i, n, line = 0, len(source), 1
    stack = []  # open template literals: depth of braces in their ${...}
    depth = 0
    prev = ""  # last significant code character, to tell a regex from a division
    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
        if source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
            continue
        if source.startswith("/*", i):
            j = source.find("*/", i + 2)
            line += source.count("\n", i, j)
            i = j + 2
            continue
        if c in "'\"":
            j, buf = i + 1, []
            while source[j] != c:
                if source[j] == "\\":
                    buf.append(source[j : j + 2])
                    j += 2
                    continue
                buf.append(source[j])
                j += 1
            out.append((line, "".join(buf)))
            i, prev = j + 1, "a"
            continue
        if c == "`" or (c == "}" and stack and depth == stack[-1]):
            if c == "}":
                stack.pop()
            j, buf = i + 1, []
            while True:
                if source[j] == "\\":
                    buf.append(source[j : j + 2])
                    j += 2
                    continue
                if source[j] == "`":
                    out.append((line, "".join(buf)))
                    i, prev = j + 1, "a"
                    break
                if source.startswith("${", j):
                    out.append((line, "".join(buf)))
                    stack.append(depth)
                    i, prev = j + 2, "("
                    break
                if source[j] == "\n":
                    line += 1
                buf.append(source[j])
                j += 1
            continue
        if c == "/" and prev in "(,=:[!&|?{};+-*%<>~^" or (c == "/" and prev == ""):
            j, in_class = i + 1, False
            while True:
                ch = source[j]
                if ch == "\\":
                    j += 2
                    continue
                if ch == "[":
                    in_class = True
                elif ch == "]":
                    in_class = False
                elif ch == "/" and not in_class:
                    break
                j += 1
            i, prev = j + 1, "a"
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        if not c.isspace():
            prev = c if not (c.isalnum() or c in "_$") else "a"
            # `return /re/` and `typeof x` are not used by the board
        i += 1
    return out


# Strings the JS may hold that are also English words: key names, DOM event
# and dataTransfer values, the actions sent to Python, and the text keys.
# Also the board's synced trait names and the values Python sends in them.
API_WORDS = (
    {"Enter", "Escape", "move", "drop", "text/plain", "check", "reset"}
    | set(BROWSER_TEXTS)
    | set(BROWSER_PLURALS)
    | set(SortingBoard.class_trait_names(sync=True))
    | {grading.RIGHT, grading.WRONG, grading.UNPLACED, grading.UNGRADED}
    | set(MODES)
)
CODE_LIKE = re.compile(r"^[-_.#:\[\]=\"a-z0-9()> ,*]*$")


def english_ui_words() -> set[str]:
    """The words of the board's own messages (those the browser shows), not of every message of the package."""
    words = set()
    for msgid in [*BROWSER_TEXTS.values(), *BROWSER_PLURALS.values()]:
        for m in msgid if isinstance(msgid, tuple) else (msgid,):
            words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", PLACEHOLDER.sub("", m))}
    return words


def hard_coded_english(source: str) -> list[str]:
    ui_words = english_ui_words()
    found = []
    for line, text in js_string_literals(source):
        text = re.sub(
            r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1) or m.group(2), 16)), text
        )
        if not re.search(r"[A-Za-z]", text) or text in API_WORDS:
            continue
        words = re.findall(r"[A-Za-z]+", text)
        if not CODE_LIKE.match(text):  # capitals, sentences, punctuation of prose
            found.append(f"line {line}: {text!r}")
        elif re.search(r"[a-z]+ [a-z]+ [a-z]+", text) and not re.search(r"[-.#]", text):
            found.append(f"line {line}: {text!r} (reads like prose)")
        elif any(w.lower() in ui_words for w in words if not re.search(rf"[-_.:]{w}|{w}[-_:]", text)):
            found.append(f"line {line}: {text!r} (a word of the board's messages)")
    return found


def test_the_scanner_finds_hard_coded_english():
    sample = r"""
      // a comment with "quoted words" is not a string
      help.textContent = "Drag a card into a bin";
      const x = a / b / c;  /* division, not a regex */
      const re = /["'`]/g;
      btn.textContent = 'Check';
      label = `${bin}, ${c} ${c === 1 ? "card" : "cards"}`;  // "cards" is also a trait name
      status.textContent = placed + " placed";
      announce(`Picked up ${label}.`);
      node.className = "smb-target smb-pool";
      el("div", "smb-cards", { role: "group", "aria-live": "polite" });
    """
    found = hard_coded_english(sample)
    joined = "\n".join(found)
    for bad in ("Drag a card into a bin", "Check", "'card'", "' placed'", "Picked up"):
        assert bad in joined, (bad, found)
    assert "smb-target smb-pool" not in joined and "polite" not in joined and "quoted words" not in joined
    assert len(found) == 5, found


def test_the_board_javascript_has_no_hard_coded_english():
    found = hard_coded_english(JS.read_text(encoding="utf-8"))
    assert not found, "user-visible text in sorting_board.js (put it in BROWSER_TEXTS):\n" + "\n".join(found)


def test_the_javascript_sets_no_html():
    source = JS.read_text(encoding="utf-8")
    for api in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert api not in source, f"sorting_board.js uses {api}"


def test_every_text_key_the_javascript_uses_is_sent_and_every_sent_one_is_used():
    source = JS.read_text(encoding="utf-8")
    literals = {text for _line, text in js_string_literals(source)}
    direct = set(re.findall(r"\btr\(\s*\"(\w+)\"", source))
    assert direct <= set(BROWSER_TEXTS), f"the JS asks for texts Python does not send: {direct - set(BROWSER_TEXTS)}"
    used = literals & set(BROWSER_TEXTS)
    plural = set(re.findall(r"\btrn\(\s*\"(\w+)\"", source))
    assert used <= set(BROWSER_TEXTS), used - set(BROWSER_TEXTS)
    assert plural <= set(BROWSER_PLURALS), plural - set(BROWSER_PLURALS)
    assert used == set(BROWSER_TEXTS), f"texts sent but never shown: {set(BROWSER_TEXTS) - used}"
    assert plural == set(BROWSER_PLURALS)


def test_the_string_tables_are_package_data():
    """pyproject.toml ships every .po and .mo (and the template) with the package."""
    from fnmatch import fnmatch

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    root = PKG.parent
    globs = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["smlessons"]
    files = [p.relative_to(PKG).as_posix() for p in LOCALE_DIR.rglob("*") if p.is_file()]
    assert {f.rsplit(".", 1)[-1] for f in files} == {"po", "mo", "pot"}
    for f in files:
        assert any(fnmatch(f, g) for g in globs), f"{f} is not in the package data"


# ------------------------------------------------------ code-cell questions (checks.py)


def _mc(language):
    from smlessons.exercises import Question

    return Question(
        id="demo-mc",
        prompt="?",
        kind="choice",
        level="explain",
        options={"a": "Uno", "b": "Due"},
        answer="a",
        explanation="Perché.",
        feedback={"b": "No."},
        hint="Rileggi.",
        language=language,
    )


def test_a_question_prints_its_frame_words_in_its_files_language():
    """The data's text is the file's own; the few fixed words around it come from the string tables."""
    it, en = _mc("it"), _mc("en")
    assert str(it.evaluate(...)).endswith(
        "Ancora nessuna risposta: sostituisci ... con la tua risposta, poi esegui di nuovo la cella."
    )
    right, wrong, bad = str(it.evaluate("a")), str(it.evaluate("b")), str(it.evaluate("z"))
    assert right.splitlines()[0].endswith("Giusto: (a) Uno.")
    assert wrong.splitlines()[0].endswith("Non proprio: hai risposto (b) Due.") and "Suggerimento: Rileggi." in wrong
    assert "rispondi con una di queste" in bad and "Questa domanda richiede" in bad
    assert 'Rispondi con la lettera, per esempio `answer = "a"`.' in it.prompt_markdown()
    for text in (right, wrong, bad, it.prompt_markdown()):
        assert not english_words(text.replace("answer =", "")), text
    # the same question in English keeps the English frame
    assert str(en.evaluate("b")).splitlines()[0].endswith("Not quite: you answered (b) Due.")
    assert str(en.evaluate(...)).endswith("No answer yet: replace ... with your answer, then run the cell again.")


def test_the_italian_lesson_1_questions_file_says_it_is_italian():
    from smlessons.exercises import load_questions, question

    qs = load_questions("lesson01_questions_it")
    assert qs and all(q.language == "it" for q in qs.values())
    assert all(q.language is None for q in load_questions("lesson01_questions").values())  # the student's
    q = question(next(iter(qs)))
    assert "Giusto:" in str(q.evaluate(q.answer))


def test_a_questions_file_in_an_unknown_language_is_refused(tmp_path):
    from smlessons.exercises import QuestionFileError, load_questions

    bad = tmp_path / "q.json"
    bad.write_text(json.dumps({"lang": "fr", "questions": []}), encoding="utf-8")
    with pytest.raises(QuestionFileError, match=r"q\.json: lang: unknown language 'fr'"):
        load_questions(bad)


def test_check_speaks_the_students_language_from_the_environment(monkeypatch, capsys):
    """A questions file without "lang": the frame and what is said of a wrong answer follow LANG."""
    from smlessons.exercises import check

    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    check("karate-most-ties", 1, answers=False)
    out = capsys.readouterr().out
    assert out.startswith("\u2717 Non proprio: hai risposto 1.\n"), out
    assert "Il membro 1 ha 9 legami; il massimo nella rete è 17." in out
    check("karate-most-ties", "five ties", answers=False)
    assert (
        "'five ties' non è in questa rete (34 persone). Le persone sono numerate da 0 a 33." in capsys.readouterr().out
    )
    check("karate-most-ties", ["Ana", "Ben"], answers=False)
    assert "Questa domanda richiede una persona (un nome o il numero di un membro): la risposta ha 2 parti." in (
        capsys.readouterr().out
    )
    monkeypatch.setenv("LANG", "C.UTF-8")
    check("karate-most-ties", 1, answers=False)
    out = capsys.readouterr().out
    assert (
        out.startswith("\u2717 Not quite: you answered 1.\n")
        and "Member 1 has 9 ties; the most anyone has is 17." in out
    )


def test_a_wrong_answer_is_described_in_italian_with_no_english_left(monkeypatch):
    from smlessons.exercises import evaluate

    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    for qid, answer in [("karate-most-ties", 1), ("ana-best-medium", "whatsapp"), ("ana-best-medium", "Snapchat")]:
        text = str(evaluate(qid, answer, answers=False))
        first_lines = "\n".join(text.splitlines()[:2])  # the frame and the description; the hint is the file's own
        for name in ("Instagram", "TikTok", "WhatsApp", "Minecraft"):  # platforms' names are the same in Italian
            first_lines = first_lines.replace(name, "")
        assert not english_words(first_lines), first_lines
    text = str(evaluate("ana-best-medium", "whatsapp", answers=False))
    assert "Ana ha 5 amici: 2 di loro hanno un legame con Ana su WhatsApp (Ines, Rosa)." in text


def test_form_problem_and_the_recorder_frame_follow_the_language():
    from smlessons.exercises import form_problem

    assert form_problem("number", "5 ties", language="it") == "Questa domanda richiede un numero: hai scritto '5 ties'."
    assert form_problem("tie", "Ana", language="it") == (
        'Questa domanda richiede un legame: due persone, per esempio ("Ana", "Ben") o "Ana-Ben": '
        "un legame unisce due persone, ma la risposta ne nomina 1."
    )
    assert form_problem("number", "5 ties") == "This question expects a number: got '5 ties'."


def test_a_store_problem_other_than_a_file_kept_aside_is_worded_in_the_board_language(tmp_path, monkeypatch):
    """No English message is parsed: the board renders the store's structured problem in its language."""
    from smlessons.exercises.answers import AnswerStore

    store = AnswerStore("nb", folder=tmp_path)
    store.path.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.warns(UserWarning):
        board = SortingBoard(items=ITEMS, bins=BINS, exercise_id="ex", answers=store, language="it")
    assert board.notice == (
        "C'è un problema con il tuo file delle risposte: nb.answers.json non si può leggere come file delle "
        "risposte (not valid JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))): "
        "è stato lasciato così com'è (il notebook è in fase di valutazione)."
    )


def test_the_recorder_speaks_the_students_language(tmp_path, monkeypatch, capsys):
    from smlessons.exercises import AnswerStore, Recorder

    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    record = Recorder(AnswerStore("quiz", folder=tmp_path), expects={"q3": "number"})
    record("q3", "5 ties")
    assert capsys.readouterr().out == (
        "\u26a0 Non registrata: questa domanda richiede un numero: hai scritto '5 ties'. "
        "Scrivi un numero, per esempio 5, poi esegui di nuovo la cella. Per q3 non è ancora stato registrato nulla.\n"
    )
    record("q3", 5)
    assert capsys.readouterr().out == (
        "\u2714 Ho registrato la tua risposta per q3: 5. Sarà valutata dopo la consegna dell'esercitazione.\n"
    )
    # an explicit language wins over the environment
    Recorder(record.store, expects={"q3": "number"}, language="en")("q3", ...)
    assert capsys.readouterr().out == "No answer yet: replace ... with your answer, then run the cell again.\n"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        Recorder(record.store, language="fr")


def test_show_student_speaks_the_students_language(monkeypatch, capsys):
    from smlessons.variants import show_student

    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    monkeypatch.setenv("SMLESSONS_STUDENT", "maria")
    show_student()
    assert capsys.readouterr().out == (
        "Il tuo ID studente: maria. Le tue schede e la tua rete sono generate a partire da questo ID, "
        "e il docente ti valuta come maria.\n"
    )


def test_check_all_scores_italian_questions_in_italian_whatever_the_environment(monkeypatch, capsys):
    """Lesson 8's Italian review: each verdict and the score line in the questions' language."""
    from smlessons.exercises import check_all

    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert check_all({"review-medium-word-it": "medium", "review-class-ties-it": 2}, answers=False) == 1
    out = capsys.readouterr().out
    assert out.rstrip().endswith("Punteggio: 1 su 2.") and "Score" not in out
    # English questions (no "lang") keep the student's language, here English ...
    check_all({"review-medium-word": "medium"}, answers=False)
    assert capsys.readouterr().out.rstrip().endswith("Score: 1 of 1.")
    # ... and Italian with LANG=it; a mix of languages also follows the environment
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    check_all({"review-medium-word": "medium", "review-medium-word-it": "medium"}, answers=False)
    assert capsys.readouterr().out.rstrip().endswith("Punteggio: 2 su 2.")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    check_all({"review-medium-word": "medium", "review-medium-word-it": "medium"}, answers=False)
    assert capsys.readouterr().out.rstrip().endswith("Score: 2 of 2.")


def test_the_overlap_key_says_one_tie_in_the_singular():
    """A wrong pair of media that shares one tie: "1 legame", never "1 legami"."""
    from smlessons.datasets import multiplex_class
    from smlessons.exercises import keys
    from smlessons.exercises.messages import render
    from smlessons.i18n import translator

    key = keys._most_overlap(multiplex_class())
    one, two = key.describe(("TikTok", "Minecraft")), key.describe(("WhatsApp", "Minecraft"))
    assert render(one, translator("it")).startswith("TikTok e Minecraft condividono 1 legame su 11 ")
    assert render(two, translator("it")).startswith("WhatsApp e Minecraft condividono 2 legami su 41 ")
    assert render(one, translator("en")).startswith("TikTok and Minecraft share 1 of the 11 ties ")
