"""Hostile and odd instructor input on a real board: nothing executes, every
string shows literally, the layout holds, and the cards still move.

The board is built from a JSON file (so no Python quoting stands between the
payloads and the widget) whose labels, bins, title, prompt and explanations
are HTML, script, ``javascript:`` links, template placeholders, prototype
keys, a 2,000-character word, right-to-left text, emoji, zero-width and
control characters, quotes and backslashes. Every payload that could run
sets ``window.__smbPwned``; the test checks it stays unset, that no dialog
opened and that no element was made from any string.
"""

from __future__ import annotations

import json

import harness
import pytest
from boards import Board, mouse_drag, overflow_report, tag_items, touch_drag
from harness import add_cell, notebook_errors, open_notebook, run_all, run_cell, run_python, run_python_json
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PWN = "window.__smbPwned=(window.__smbPwned||0)+1"
LONG = "W" * 2000  # one 2,000-character word: no space to break at

# (what it tries, the label)
HOSTILE_LABELS = [
    ("img onerror", f'<img src=x onerror="{PWN};alert(1)">'),
    ("script element", f"<script>{PWN};alert(2)</script>"),
    ("javascript: link", f'<a href="javascript:{PWN}">click me</a>'),
    ("bare javascript: URL", f"javascript:{PWN}"),
    ("svg onload", f'<svg onload="{PWN}"><circle r="5"/></svg>'),
    ("iframe javascript:", '<iframe src="javascript:parent.__smbPwned=1"></iframe>'),
    ("attribute breakout", f'"><img src=x onerror="{PWN}">'),
    ("selector/string breakout", f"'];{PWN};//\"]"),
    ("style element", "<style>.smb{display:none!important}</style>"),
    ("ordinary link", '<a href="https://example.org/">an ordinary link</a>'),
    ("markup and entities", "<b>bold</b> &amp; &lt;i&gt; &#60;u&#62;"),
    ("template placeholders", "{label} {bin} {score} {0} {{x}} {count}"),
    ("JS template literal", f"${{{PWN}}}`"),
    ("prototype key __proto__", "__proto__"),
    ("prototype key constructor", "constructor"),
    ("prototype key toString", "toString"),
    ("prototype key hasOwnProperty", "hasOwnProperty"),
    ("2,000-char word", LONG),
    ("Arabic (RTL)", "وسائل التواصل الاجتماعي"),
    ("Hebrew (RTL)", "רשת חברתית של חברים"),
    ("bidi override", "abc\u202edcba\u202c then ltr"),
    ("emoji sequences", "👩\u200d👩\u200d👧\u200d👦 family 🇮🇹 👍🏽 🏳️\u200d🌈"),
    ("zero-width characters", "zero\u200bwidth\u200cnon\u200djoiner\ufeffbom"),
    ("quotes and backslashes", 'He said "hi" & it\'s \\ back\\slash \\" \\\' `tick`'),
    ("newline and tab", "line one\nline two\tafter a tab"),
    ("closing script tag", f"</script><script>{PWN}</script>"),
    ("mXSS nesting", f'<math><mtext><table><mglyph><style><img src=x onerror="{PWN}">'),
    ("data: URL", f"data:text/html,<script>{PWN}</script>"),
    ("autofocus onfocus", f'<input autofocus onfocus="{PWN}">'),
    ("CSS selector text", ".smb-card[data-label] > * , :root"),
    ("combining marks", "Z\u0334\u0321\u0322\u0348a\u0337l\u0338g\u0335o\u0336"),
    ("long sentence", "word " * 300),
]
HOSTILE_BINS = [
    ("bin: markup with a handler", f'<b onmouseover="{PWN}">Bin A</b>'),
    ("bin: Hebrew and script", f"שלום <script>{PWN}</script>"),
    ("bin: 600-char word", "B" * 600),
]
TITLE = f'<h1 onclick="{PWN}">Title</h1><img src=x onerror="{PWN}">'
PROMPT = f"<script>{PWN}</script> javascript:{PWN} ' \" \\ {{label}} مرحبا"
EXPLANATIONS = [
    f'<img src=x onerror="{PWN}"> why',
    '<a href="javascript:alert(1)">see</a> — نص عربي',
    "{score} ${x} \\n not a newline",
]
LABELS = [label for _, label in HOSTILE_LABELS]
BINS = [name for _, name in HOSTILE_BINS]
ITEMS = [
    {"label": label, "answer": BINS[i % len(BINS)], "explanation": EXPLANATIONS[i % len(EXPLANATIONS)]}
    for i, label in enumerate(LABELS)
]
ITEMS[1]["answer"] = BINS[:2]  # one contested card: its feedback names another hostile bin
# Every hostile string the board gets: labels, bins, title, prompt, explanations.
HOSTILE_COUNT = len(HOSTILE_LABELS) + len(HOSTILE_BINS) + 2 + len(EXPLANATIONS)
# Elements no string may turn into.
INJECTED = "img, script, a, svg, iframe, style, b, i, u, math, input, h1, table, circle, mglyph"

BUILD = """
import json
from smlessons import SortingBoard
spec = json.load(open("hostile.json", encoding="utf-8"))
hostile = SortingBoard(items=spec["items"], bins=spec["bins"], title=spec["title"], prompt=spec["prompt"])
hostile
"""


@pytest.fixture(scope="module")
def page(browser, lab_server):
    (lab_server.root_dir / "hostile.json").write_text(
        json.dumps({"items": ITEMS, "bins": BINS, "title": TITLE, "prompt": PROMPT}), encoding="utf-8"
    )
    path = harness.scratch_notebook(lab_server, "hostile.ipynb", cells=["import smlessons"])
    context = harness.new_context(
        browser, has_touch=True, viewport={"width": 1280, "height": 3200}
    )  # the whole board on screen
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    open_notebook(pg, lab_server, path)
    run_all(pg)
    yield pg
    context.close()


@pytest.fixture(scope="module")
def board(page):
    cell = add_cell(page, BUILD)
    run_cell(page, cell)
    root = page.locator(cell).locator(".smb")
    expect(root).to_have_count(1)
    b = Board(page, root)
    expect(b.root.locator(".smb-item")).to_have_count(len(LABELS))
    tag_items(b, LABELS)
    return b


def idx(b, label):
    return b.root.locator(f'.smb-item[data-test-idx="{LABELS.index(label)}"]')


def nothing_ran(page, b):
    page.wait_for_timeout(300)  # time for a stray onerror, onload or script to fire
    assert page.evaluate("() => window.__smbPwned") is None, "a payload ran"
    assert page.dialogs == [], f"a dialog opened: {page.dialogs}"
    expect(b.root.locator(INJECTED)).to_have_count(0)
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"], iframe, [onerror], [onload]').length") == 0
    expect(b.root).to_be_visible()  # the <style> payload did not hide the board


def test_hostile_inputs_are_counted(board):
    print(
        f"\nhostile inputs tried: {HOSTILE_COUNT} strings "
        f"({len(HOSTILE_LABELS)} labels, {len(HOSTILE_BINS)} bins, title, prompt, {len(EXPLANATIONS)} explanations)"
    )
    assert HOSTILE_COUNT >= 40


def test_nothing_executes_and_every_string_shows_literally(page, board):
    b = board
    assert notebook_errors(page) == []
    nothing_ran(page, b)
    shown = b.root.evaluate(
        """(root) => [...root.querySelectorAll('.smb-item')].map(n => ({
             idx: Number(n.dataset.testIdx), label: n.dataset.label,
             text: n.querySelector('.smb-card-text').textContent,
             aria: n.querySelector('.smb-card').getAttribute('aria-label')}))"""
    )
    for s in shown:
        want = LABELS[s["idx"]]
        assert s["label"] == s["text"] == s["aria"] == want, (HOSTILE_LABELS[s["idx"]][0], s)
    bins = b.root.locator(".smb-bin .smb-target-label").evaluate_all("ns => ns.map(n => n.textContent)")
    assert bins == BINS
    assert b.root.locator(".smb-bin").evaluate_all("ns => ns.map(n => n.dataset.bin)") == BINS
    expect(b.root.locator(".smb-title")).to_have_text(TITLE)
    assert b.root.locator(".smb-prompt").text_content() == PROMPT
    # prototype keys did not leak into what a card shows
    assert "undefined" not in b.root.inner_text()
    expect(b.root.locator(".smb-feedback:visible")).to_have_count(0)


def test_the_layout_holds(page, board):
    b = board
    report = overflow_report(b.root)
    print(
        f"\nboard {report['boardWidth']:.0f} px wide in an output area of "
        f"{report['areaRight'] - report['areaLeft']:.0f} px; scrollWidth {report['scrollWidth']}, "
        f"clientWidth {report['clientWidth']}"
    )
    assert report["boardRight"] <= report["areaRight"] + 1 and report["boardLeft"] >= report["areaLeft"] - 1, report
    assert report["scrollWidth"] <= report["clientWidth"] + 1, report
    assert report["offenders"] == [], report
    # the notebook itself did not grow a horizontal scrollbar
    scroller = page.locator(".jp-WindowedPanel-outer").first
    assert scroller.evaluate("n => n.scrollWidth <= n.clientWidth + 1")
    # the long word wraps inside its card instead of widening it
    long_card = idx(b, LONG).locator(".smb-card")
    box, pool = long_card.bounding_box(), b.pool.bounding_box()
    assert box["width"] <= pool["width"] and box["height"] > 44


def test_hostile_cards_move_and_python_reads_them_back(page, board):
    b = board
    run_python(page, "hostile.reset()")
    expect(b.pool.locator(".smb-item")).to_have_count(len(LABELS))
    moves = {}
    # Mouse: drop near the top of each bin (a bin with a 600-letter name is tall).
    for label, target in [
        (LABELS[0], BINS[1]),
        ("__proto__", BINS[0]),
        (LONG, BINS[2]),
        ("{label} {bin} {score} {0} {{x}} {count}", BINS[0]),
    ]:
        mouse_drag(page, idx(b, label), b.bin(target), target_position={"x": 30, "y": 12})
        expect(b.bin(target).locator(f'.smb-item[data-test-idx="{LABELS.index(label)}"]')).to_have_count(1)
        moves[label] = target
    # a placeholder in a label is shown as it is, never filled in
    expect(b.live).to_contain_text(f"{{label}} {{bin}} {{score}} {{0}} {{{{x}}}} {{count}} placed in {BINS[0]}.")
    # Keyboard: pick up "constructor", drop it on the Hebrew bin.
    idx(b, "constructor").locator(".smb-card").focus()
    page.keyboard.press("Enter")
    expect(idx(b, "constructor").locator(".smb-card")).to_have_attribute("aria-pressed", "true")
    b.bin(BINS[1]).focus()
    page.keyboard.press("Space")
    expect(b.bin(BINS[1]).locator(f'.smb-item[data-test-idx="{LABELS.index("constructor")}"]')).to_have_count(1)
    moves["constructor"] = BINS[1]
    # Touch: the Arabic card.
    arabic = dict(HOSTILE_LABELS)["Arabic (RTL)"]
    touch_drag(page, idx(b, arabic), b.bin(BINS[2]))
    expect(b.bin(BINS[2]).locator(f'.smb-item[data-test-idx="{LABELS.index(arabic)}"]')).to_have_count(1)
    moves[arabic] = BINS[2]
    assert b.where() == moves
    assert run_python_json(page, "hostile.placements") == moves
    nothing_ran(page, b)


def test_feedback_on_hostile_cards_is_literal(page, board):
    b = board
    placements = {label: BINS[(i + 1) % len(BINS)] for i, label in enumerate(LABELS) if i % 2 == 0}
    placements[LABELS[1]] = BINS[0]  # the contested card, right
    run_python(page, f"hostile.placements = json.loads({json.dumps(json.dumps(placements))})")
    expect(b.root.locator(".smb-bin .smb-item")).to_have_count(len(placements))
    b.check_button.click()
    expect(b.score).not_to_have_text("")
    feedback = run_python_json(page, "hostile.feedback")
    assert set(feedback) == set(placements)
    shown = b.root.evaluate(
        """(root) => Object.fromEntries([...root.querySelectorAll('.smb-item')]
             .filter(n => !n.querySelector('.smb-feedback').hidden)
             .map(n => [n.dataset.label, {mark: n.querySelector('.smb-mark').textContent,
                                          verdict: n.querySelector('.smb-verdict').textContent,
                                          explanation: n.querySelector('.smb-explanation').textContent}]))"""
    )
    assert set(shown) == set(placements)
    for label, f in feedback.items():
        assert shown[label]["mark"] == f["symbol"] and shown[label]["verdict"] == f["verdict"]
        assert shown[label]["explanation"] == f" \u2014 {f['explanation']}"
    assert BINS[1] in shown[LABELS[1]]["explanation"]  # "also right in" names a hostile bin, as text
    assert "undefined" not in b.root.inner_text()
    # the live region names the wrong cards literally
    score = run_python_json(page, "hostile.score")
    assert b.live.text_content().startswith(f"Checked: {score}. Not quite: ")
    nothing_ran(page, b)
    b.retry_button.click()
    expect(b.root.locator(".smb-wrong")).to_have_count(0)
    nothing_ran(page, b)
