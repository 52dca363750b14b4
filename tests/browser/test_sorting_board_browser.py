"""The sorting board of lesson 1 in a real JupyterLab, driven by chromium.

One page (and one kernel) serves the whole module; every test starts by
putting the board back into a known state from Python. The page's context
has touch enabled so that mouse, keyboard and touch moves all happen on the
same board and can be read back together.
"""

from __future__ import annotations

import re
import struct
import zlib

import boards
import harness
import pytest
from boards import mouse_drag, on_screen, real_touch_drag, touch_drag
from harness import (
    DARK_THEME,
    LIGHT_THEME,
    add_cell,
    notebook_errors,
    open_notebook,
    run_all,
    run_cell,
    run_python,
    run_python_json,
    set_theme,
)
from playwright.sync_api import expect

from smlessons import load_exercise
from smlessons.exercises.boards import grade
from smlessons.widgets.sorting_board import card_order

pytestmark = pytest.mark.browser

LESSON = "01-media-and-networks.ipynb"
EXERCISE = load_exercise("lesson01_media_or_network")
MEDIUM, NETWORK = EXERCISE.bins
# The order the board shows: shuffled, seeded by the student running the kernel (the
# same user as these tests) and the exercise id.
LABELS = card_order([item.label for item in EXERCISE.items], exercise_id=EXERCISE.id)
ITEMS = {item.label: item for item in EXERCISE.items}
# Cards with one answer each, in file order.
MEDIA = [i.label for i in EXERCISE.items if i.answers == (MEDIUM,)]
NETWORKS = [i.label for i in EXERCISE.items if i.answers == (NETWORK,)]
README_SHOT = harness.REPO / "docs" / "sorting-board.png"
MAX_PNG = 300 * 1024


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def page(browser, lab_server):
    context = harness.new_context(browser, has_touch=True)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    dialogs = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    open_notebook(pg, lab_server, LESSON)
    run_all(pg)
    yield pg
    context.close()


@pytest.fixture()
def board(page):
    """The lesson's board, reset from Python (nothing placed, no feedback)."""
    run_python(page, "board.reset()")
    b = Board(page)
    expect(b.pool.locator(".smb-item")).to_have_count(len(LABELS))
    expect(b.score).to_have_text("")
    return b


class Board(boards.Board):
    """Locators for one sorting board; by default the lesson's (found by its title)."""

    def __init__(self, page, root=None):
        if root is None:
            title = page.locator(".smb-title", has_text=re.compile("^" + re.escape(EXERCISE.title) + "$"))
            root = page.locator(".smb").filter(has=title)
        super().__init__(page, root)


# ------------------------------------------------------------------ tests


def test_lesson1_runs_and_shows_the_board(page):
    assert notebook_errors(page) == []
    assert page.dialogs == []
    b = Board(page)
    expect(b.root).to_have_count(1)
    expect(b.root.locator(".smb-title")).to_have_text(EXERCISE.title)
    expect(b.pool.locator(".smb-item")).to_have_count(len(LABELS))
    assert b.root.locator(".smb-bin").evaluate_all("ns => ns.map(n => n.dataset.bin)") == list(EXERCISE.bins)
    # every card is draggable and carries its own label
    assert b.root.locator(".smb-item").evaluate_all(
        "ns => ns.map(n => [n.dataset.label, n.getAttribute('draggable')])"
    ) == [[label, "true"] for label in LABELS]
    assert b.root.get_attribute("data-lm-suppress-shortcuts") is not None


def test_mouse_keyboard_and_touch_moves_reach_python(page, board):
    b = board
    by_mouse, by_keys, by_touch = MEDIA[0], NETWORKS[0], MEDIA[1]

    # Mouse: real HTML5 drag and drop.
    mouse_drag(page, b.item(by_mouse), b.bin(MEDIUM))
    expect(b.in_bin(MEDIUM, by_mouse)).to_have_count(1)
    expect(b.live).to_contain_text(f"{by_mouse} placed in {MEDIUM}. 1 of {len(LABELS)} cards placed.")
    expect(b.bin(MEDIUM)).to_have_attribute("aria-label", f"{MEDIUM}, 1 card")

    # Keyboard: pick up, cancel with Escape, pick up again, drop on a bin.
    card = b.card(by_keys)
    card.focus()
    page.keyboard.press("Enter")
    expect(card).to_have_attribute("aria-pressed", "true")
    expect(b.live).to_contain_text(f"Picked up {by_keys}.")
    page.keyboard.press("Escape")
    expect(card).to_have_attribute("aria-pressed", "false")
    expect(b.live).to_contain_text(f"{by_keys} put back.")
    expect(b.in_bin("", by_keys)).to_have_count(1)
    expect(card).to_be_focused()
    page.keyboard.press("Space")
    expect(card).to_have_attribute("aria-pressed", "true")
    # Tab (only the keyboard) from the card to the bin
    for _ in range(len(LABELS) + len(EXERCISE.bins) + 2):
        if b.bin(NETWORK).evaluate("n => n === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(b.bin(NETWORK)).to_be_focused()
    expect(card).to_have_attribute("aria-pressed", "true")  # Tab does not drop the card
    page.keyboard.press("Enter")
    expect(b.in_bin(NETWORK, by_keys)).to_have_count(1)
    expect(card).to_have_attribute("aria-pressed", "false")
    expect(b.live).to_contain_text(f"{by_keys} placed in {NETWORK}. 2 of {len(LABELS)} cards placed.")
    expect(b.bin(NETWORK)).to_be_focused()

    # Touch: pointer events with pointerType "touch".
    seen = touch_drag(page, b.item(by_touch), b.bin(MEDIUM))
    assert seen == {"ghostBeforeThreshold": False, "ghostDuring": True, "highlighted": MEDIUM, "ghostAfter": False}
    expect(b.in_bin(MEDIUM, by_touch)).to_have_count(1)
    expect(b.live).to_contain_text(f"{by_touch} placed in {MEDIUM}. 3 of {len(LABELS)} cards placed.")

    expected = {by_mouse: MEDIUM, by_keys: NETWORK, by_touch: MEDIUM}
    assert b.where() == expected
    assert run_python_json(page, "board.placements") == expected


def test_tap_card_then_tap_bin(page, board):
    """A real touchscreen tap picks a card up, a tap on a bin drops it."""
    b = board
    label = NETWORKS[1]
    b.bin(NETWORK).scroll_into_view_if_needed()
    b.card(label).scroll_into_view_if_needed()
    box = b.card(label).bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(b.card(label)).to_have_attribute("aria-pressed", "true")
    box = b.bin(NETWORK).locator(".smb-target-label").bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(b.in_bin(NETWORK, label)).to_have_count(1)
    assert run_python_json(page, "board.placements") == {label: NETWORK}


def test_real_touch_drag(page, board):
    """Chromium's own touch input (not dispatched events): the finger drags the card, the page does not scroll."""
    b = board
    label = MEDIA[3]
    source, target = b.item(label), b.bin(MEDIUM)
    on_screen(page, source, target)
    s, t = source.bounding_box(), target.bounding_box()
    sx, sy = s["x"] + s["width"] / 2, s["y"] + s["height"] / 2
    tx, ty = t["x"] + t["width"] / 2, t["y"] + t["height"] / 2
    scroller = page.locator(".jp-WindowedPanel-outer").first
    top = scroller.evaluate("n => n.scrollTop")
    real_touch_drag(page, (sx, sy), (tx, ty))
    expect(b.in_bin(MEDIUM, label)).to_have_count(1)
    expect(b.root.locator(".smb-ghost")).to_have_count(0)
    expect(b.card(label)).to_have_attribute("aria-pressed", "false")  # a drag is not a tap
    assert scroller.evaluate("n => n.scrollTop") == top, "the touch drag scrolled the notebook"
    assert run_python_json(page, "board.placements") == {label: MEDIUM}


def test_python_placements_move_the_cards(page, board):
    b = board
    want = {NETWORKS[2]: NETWORK, MEDIA[2]: MEDIUM, NETWORKS[3]: MEDIUM}
    run_python(page, f"board.placements = {want!r}")
    for label, bin_ in want.items():
        expect(b.in_bin(bin_, label)).to_have_count(1)
    expect(b.bin(MEDIUM)).to_have_attribute("aria-label", f"{MEDIUM}, 2 cards")
    expect(b.bin(NETWORK)).to_have_attribute("aria-label", f"{NETWORK}, 1 card")
    expect(b.pool).to_have_attribute("aria-label", f"Cards to sort, {len(LABELS) - 3} cards")
    assert b.where() == want
    # and back: a card dragged after that is seen by Python on top of them
    mouse_drag(page, b.item(MEDIA[3]), b.bin(NETWORK))
    expect(b.in_bin(NETWORK, MEDIA[3])).to_have_count(1)
    assert run_python_json(page, "board.placements") == {**want, MEDIA[3]: NETWORK}


def place_checked(page, b, placements):
    """Set ``placements`` from Python, press Check, and wait for the score."""
    run_python(page, f"board.placements = {placements!r}")
    for label, bin_ in placements.items():
        expect(b.in_bin(bin_, label)).to_have_count(1)
    result = grade(EXERCISE.items, placements)
    b.check_button.click()
    expect(b.score).to_have_text(result.score)
    return result


def test_check_try_again_and_reset(page, board):
    b = board
    right = {MEDIA[0]: MEDIUM, NETWORKS[0]: NETWORK, MEDIA[1]: MEDIUM}
    wrong = {NETWORKS[1]: MEDIUM, MEDIA[2]: NETWORK}
    result = place_checked(page, b, {**right, **wrong})
    assert result.right == 3 and result.wrong == 2

    for label in {**right, **wrong}:
        r = result[label]
        item = b.item(label)
        symbol = "\u2713" if label in right else "\u2717"
        verdict = "Right" if label in right else "Not quite"
        expect(item.locator(".smb-mark")).to_have_text(symbol)
        expect(item.locator(".smb-feedback")).to_be_visible()
        expect(item.locator(".smb-verdict")).to_have_text(verdict)
        assert ITEMS[label].explanation, f"{label!r} has no explanation in the exercise file"
        expect(item.locator(".smb-explanation")).to_contain_text(ITEMS[label].explanation)
        expect(item).to_have_class(re.compile(r"\bsmb-right\b" if label in right else r"\bsmb-wrong\b"))
        assert r.verdict == verdict
        # the card's description points at its feedback, so a screen reader reads it
        fb_id = item.locator(".smb-feedback").get_attribute("id")
        expect(b.card(label)).to_have_attribute("aria-describedby", fb_id)
    unplaced = next(label for label in LABELS if label not in right and label not in wrong)
    expect(b.item(unplaced).locator(".smb-feedback")).to_be_hidden()
    expect(b.item(unplaced).locator(".smb-mark")).to_have_text("")

    wrong_names = ", ".join(label for label in LABELS if label in wrong)
    expect(b.live).to_have_text(
        re.compile(re.escape(f"Checked: {result.score}. Not quite: {wrong_names}.") + "\u200b?$")
    )
    py = run_python_json(page, "{'score': board.score, 'feedback': board.feedback}")
    assert py["score"] == result.score
    assert set(py["feedback"]) == set(right) | set(wrong)

    # Try again: only the wrong cards go back to the pool.
    expect(b.retry_button).to_be_enabled()
    b.retry_button.click()
    for label in wrong:
        expect(b.in_bin("", label)).to_have_count(1)
        expect(b.item(label).locator(".smb-feedback")).to_be_hidden()
    for label, bin_ in right.items():
        expect(b.in_bin(bin_, label)).to_have_count(1)
    expect(b.score).to_have_text("")
    expect(b.retry_button).to_be_disabled()
    assert run_python_json(page, "board.placements") == right

    # Reset: every bin empty, no feedback anywhere.
    b.reset_button.click()
    expect(b.pool.locator(".smb-item")).to_have_count(len(LABELS))
    for name in EXERCISE.bins:
        expect(b.bin(name).locator(".smb-item")).to_have_count(0)
        expect(b.bin(name)).to_have_attribute("aria-label", f"{name}, 0 cards")
    expect(b.root.locator(".smb-feedback:visible")).to_have_count(0)
    expect(b.root.locator(".smb-right, .smb-wrong")).to_have_count(0)
    assert run_python_json(page, "board.placements") == {}


@pytest.mark.parametrize("placed_first", [False, True], ids=["empty-board-checked", "placed-card-checked"])
def test_a_move_after_a_check_clears_the_old_score(page, board, placed_first):
    """The lesson runs ``board.check()`` before the student sorts: that score must not linger."""
    b = board
    if placed_first:
        run_python(page, f"board.placements = {{{MEDIA[0]!r}: {MEDIUM!r}}}")
        expect(b.in_bin(MEDIUM, MEDIA[0])).to_have_count(1)
    expected = str(grade(EXERCISE.items, {MEDIA[0]: MEDIUM} if placed_first else {}))
    assert run_python(page, "print(board.check())").strip() == expected
    expect(b.score).to_have_text(expected)
    mouse_drag(page, b.item(NETWORKS[0]), b.bin(NETWORK))
    expect(b.in_bin(NETWORK, NETWORKS[0])).to_have_count(1)
    expect(b.score).to_have_text("")
    assert run_python_json(page, "board.score") == ""


def test_accessible_names(page, board):
    b = board
    for label in LABELS:
        expect(b.card(label)).to_have_attribute("aria-label", label)
        expect(b.root.get_by_role("button", name=label, exact=True)).to_have_count(1)
    for name in EXERCISE.bins:
        label = b.bin(name).get_attribute("aria-label")
        assert name in label, (name, label)
        expect(b.bin(name)).to_have_attribute("role", "group")
        expect(b.bin(name)).to_have_attribute("tabindex", "0")
        expect(b.root.get_by_role("group", name=f"{name}, 0 cards", exact=True)).to_have_count(1)
    expect(b.root.get_by_role("group", name=f"Cards to sort, {len(LABELS)} cards", exact=True)).to_have_count(1)
    for name in ("Check", "Try again", "Reset"):
        expect(b.root.get_by_role("button", name=name, exact=True)).to_have_count(1)
    expect(b.live).to_have_attribute("role", "status")
    expect(b.live).to_have_attribute("aria-live", "polite")
    # a move is announced
    label = MEDIA[4]
    mouse_drag(page, b.item(label), b.bin(MEDIUM))
    expect(b.live).to_contain_text(f"{label} placed in {MEDIUM}.")
    expect(b.root.get_by_role("group", name=f"{MEDIUM}, 1 card", exact=True)).to_have_count(1)
    # a move to where the card already is says so
    mouse_drag(page, b.item(label), b.bin(MEDIUM))
    expect(b.live).to_contain_text(f"{label} stays in {MEDIUM}.")


def axe_report(page):
    response = harness.run_axe(page, ".smb")
    violations = response["violations"]
    serious = [v for v in violations if v.get("impact") in ("serious", "critical")]
    checked = {v["id"] for v in response["passes"] + violations + response["incomplete"]}
    return violations, serious, response["incomplete"], checked


def describe(violations):
    return "\n".join(
        f"  [{v.get('impact')}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes)\n"
        + "\n".join(f"      {n['target']}: {n.get('failureSummary', '')}" for n in v["nodes"][:5])
        for v in violations
    )


def test_axe_light_and_dark(page, board):
    """No serious or critical axe violation in either theme, with feedback on show and a card picked up."""
    b = board
    place_checked(page, b, {MEDIA[0]: MEDIUM, NETWORKS[0]: MEDIUM, MEDIA[1]: NETWORK, NETWORKS[1]: NETWORK})
    b.card(MEDIA[2]).click()  # picked up: the highlighted state is checked too
    expect(b.card(MEDIA[2])).to_have_attribute("aria-pressed", "true")
    report = {}
    try:
        for theme in (LIGHT_THEME, DARK_THEME):
            set_theme(page, theme)
            violations, serious, incomplete, checked = axe_report(page)
            report[theme] = (serious, checked)
            counts = {}
            for v in violations:
                counts[v.get("impact")] = counts.get(v.get("impact"), 0) + 1
            by_impact = f" {counts}" if counts else ""
            print(
                f"\naxe in {theme}: {len(violations)} violations{by_impact}, "
                f"{len(incomplete)} incomplete, {len(checked)} rules applied"
            )
            if violations:
                print(describe(violations))
            if incomplete:
                print("  incomplete (needs a human):\n" + describe(incomplete))
    finally:
        set_theme(page, LIGHT_THEME)
        page.keyboard.press("Escape")
    for theme, (serious, checked) in report.items():
        # axe must really have looked at the colours, or a pass means nothing
        assert "color-contrast" in checked, f"axe did not check colour contrast in {theme}"
        assert serious == [], f"serious/critical axe violations in {theme}:\n{describe(serious)}"


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def png_pixels(data: bytes) -> bytes:
    """The decoded image data of a PNG (header + inflated IDAT), to compare two shots."""
    pos, header, idat = 8, b"", []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    return header + zlib.decompress(b"".join(idat))


def write_if_changed(path, data: bytes) -> bool:
    """Write ``data`` unless ``path`` already holds the same picture (keeps the file out of diffs)."""
    if path.exists() and png_pixels(path.read_bytes()) == png_pixels(data):
        return False
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return True


def luminance(page, locator):
    return locator.evaluate(
        """(n) => {
          const rgb = getComputedStyle(n).backgroundColor.match(/\\d+/g).map(Number);
          return (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
        }"""
    )


def clean_for_shot(page, b):
    page.mouse.move(0, 0)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    b.root.evaluate("n => n.scrollIntoView({block: 'center'})")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def test_screenshots_light_and_dark(page, board, artifacts):
    b = board
    # Some right and some wrong, for the README.
    placements = {
        MEDIA[0]: MEDIUM,
        MEDIA[1]: MEDIUM,
        NETWORKS[0]: NETWORK,
        NETWORKS[1]: NETWORK,
        MEDIA[2]: NETWORK,
        NETWORKS[2]: MEDIUM,
    }
    result = place_checked(page, b, placements)
    assert result.right == 4 and result.wrong == 2
    clean_for_shot(page, b)
    light_bg = luminance(page, b.root)
    b.root.screenshot(path=str(artifacts / "sorting-board-light.png"), animations="disabled")
    shot = b.root.screenshot(animations="disabled")
    assert len(shot) < MAX_PNG, f"the README shot would be {len(shot)} bytes (limit {MAX_PNG})"
    write_if_changed(README_SHOT, shot)
    try:
        set_theme(page, DARK_THEME)
        clean_for_shot(page, b)
        dark_bg = luminance(page, b.root)
        b.root.screenshot(path=str(artifacts / "sorting-board-dark.png"), animations="disabled")
        # the board follows the theme, and its text stays readable on it
        fg = b.root.evaluate("n => getComputedStyle(n).color")
    finally:
        set_theme(page, LIGHT_THEME)
    assert light_bg > 0.8 and dark_bg < 0.3, (light_bg, dark_bg)
    assert fg != "rgb(31, 31, 31)", "the dark theme kept the light text colour"
    for path in (artifacts / "sorting-board-light.png", artifacts / "sorting-board-dark.png", README_SHOT):
        w, h = png_size(path)
        assert w > 300 and h > 200, (path, w, h)
    size = README_SHOT.stat().st_size
    assert size < MAX_PNG, f"{README_SHOT.name} is {size} bytes (limit {MAX_PNG})"


def test_html_in_labels_is_literal_text(page):
    evil = "<b>x</b>"
    img = '<img src="nonexistent" onerror="alert(1)">'
    bin_a = "<i>A</i>"
    code = (
        "html_board = SortingBoard(\n"
        f"    items=[{{'label': {evil!r}, 'answer': {bin_a!r}, 'explanation': '<u>why</u>'}}, {img!r}],\n"
        f"    bins=[{bin_a!r}, 'B &amp; C'], title='<h1>T</h1>', prompt='<script>alert(2)</script>')\n"
        "html_board"
    )
    cell = add_cell(page, code)
    run_cell(page, cell)
    root = page.locator(cell).locator(".smb")
    expect(root).to_have_count(1)
    hb = Board(page, root)
    expect(hb.item(evil).locator(".smb-card-text")).to_have_text(evil)
    expect(hb.card(evil)).to_have_attribute("aria-label", evil)
    expect(hb.item(img).locator(".smb-card-text")).to_have_text(img)
    expect(hb.bin(bin_a).locator(".smb-target-label")).to_have_text(bin_a)
    expect(hb.bin("B &amp; C").locator(".smb-target-label")).to_have_text("B &amp; C")
    expect(root.locator(".smb-title")).to_have_text("<h1>T</h1>")
    expect(root.locator(".smb-prompt")).to_have_text("<script>alert(2)</script>")
    # no element was made from any label
    expect(root.locator("b, i, u, img, h1, script")).to_have_count(0)
    # and the feedback text is literal too
    mouse_drag(page, hb.item(evil), hb.bin(bin_a))
    expect(hb.in_bin(bin_a, evil)).to_have_count(1)
    hb.check_button.click()
    expect(hb.item(evil).locator(".smb-explanation")).to_contain_text("<u>why</u>")
    expect(hb.live).to_contain_text("Checked: 1 of 1 right")
    expect(root.locator("b, i, u, img, h1, script")).to_have_count(0)
    page.wait_for_timeout(200)  # give a stray onerror/script the chance to fire
    assert page.dialogs == []
    assert run_python_json(page, "html_board.placements") == {evil: bin_a}
