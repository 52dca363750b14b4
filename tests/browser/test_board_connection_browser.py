"""A sorting board that loses its kernel, and touch moves, in a real JupyterLab.

Moves are never lost silently: after a kernel restart (or whenever the kernel
does not acknowledge a move) the board is greyed out, takes no more moves and
says the move was not saved; running the cells again brings the board back
with what was saved. A board that saves nothing never warns.

Touch: the dragged copy is centred just above the finger and never leaves
the window, a card drops into the bin under the finger, a tap on a card in a
bin while another card is picked up drops that card into the bin, and a
picked card is outlined without anything moving.

One page (with touch enabled) and one notebook of three boards serve the
module; every test starts by running all cells (the board comes back with
what its answer file holds) and emptying the boards from Python.
"""

from __future__ import annotations

import json
import re
import time

import harness
import pytest
from boards import Board, mouse_drag, on_screen, touch_drag
from harness import open_notebook, run_all, wait_for_kernel
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NOTEBOOK = "connection.ipynb"
ANSWERS = "connection.answers.json"
BINS = ["Medium", "Network"]
ITEMS = [
    {"label": "TikTok", "answer": "Medium"},
    {"label": "My classmates", "answer": "Network"},
    {"label": "YouTube", "answer": "Medium"},
    {"label": "A fan club", "answer": "Network"},
]
LABELS = [i["label"] for i in ITEMS]
NOT_SAVED = "Not saved: the kernel restarted or stopped. Run the cells again to bring your board back."
NOT_SAVED_IT = (
    "Non salvato: il motore Python del notebook è stato riavviato o si è fermato. "
    "Esegui di nuovo le celle per riavere il tuo esercizio."
)
CELLS = [
    f"from smlessons import SortingBoard\nITEMS = {ITEMS!r}\nBINS = {BINS!r}",
    "saved = SortingBoard(items=ITEMS, bins=BINS, title='Saved', exercise_id='conn-saved',\n"
    "                     answers='connection', shuffle=False)\nsaved",
    "salvata = SortingBoard(items=ITEMS, bins=BINS, title='Salvata', exercise_id='conn-it',\n"
    "                       answers='connection', shuffle=False, language='it')\nsalvata",
    "unsaved = SortingBoard(items=ITEMS, bins=BINS, title='Unsaved')\nunsaved",
]
ACK_TIMEOUT_S = 2.0
OFFLINE = re.compile(r"\bsmb-offline\b")


@pytest.fixture(scope="module")
def page(browser, lab_server):
    path = harness.scratch_notebook(lab_server, NOTEBOOK, cells=CELLS)
    context = harness.new_context(browser, has_touch=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    open_notebook(pg, lab_server, path)
    pg.answers = lab_server.root_dir / ANSWERS
    yield pg
    context.close()


def kernel_exec(page, code: str) -> None:
    """Run ``code`` in the notebook's kernel without a cell (so Run All never repeats it)."""
    page.evaluate(
        """async (code) => {
          const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
          const reply = await k.requestExecute({code, store_history: false}).done;
          if (reply.content.status !== 'ok') throw new Error(`${reply.content.ename}: ${reply.content.evalue}`);
        }""",
        code,
    )


@pytest.fixture()
def boards(page):
    """Run all cells, empty the boards, and return them by title."""
    run_all(page)
    kernel_exec(page, "saved.reset(); salvata.reset(); unsaved.reset()")
    found = {title: Board.titled(page, title) for title in ("Saved", "Salvata", "Unsaved")}
    for b in found.values():
        expect(b.root).to_have_count(1)
        expect(b.pool.locator(".smb-item")).to_have_count(len(LABELS))
    expect(found["Saved"].root.locator(".smb-count")).to_have_text(f"0 of {len(LABELS)} cards placed")
    expect(found["Salvata"].root.locator(".smb-count")).to_have_text(f"Schede sistemate: 0 su {len(LABELS)}")
    wait_saved(page, {})
    return found


def saved_answer(page, exercise="conn-saved"):
    try:
        doc = json.loads(page.answers.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    entry = doc["exercises"].get(exercise)
    return None if entry is None else entry["answer"]


def wait_saved(page, want, exercise="conn-saved", timeout=30.0):
    deadline = time.monotonic() + timeout
    while True:
        got = saved_answer(page, exercise)
        if got == want or (want == {} and got is None):  # nothing saved yet counts as empty
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the answer file holds {got!r} for {exercise}, not {want!r}")
        time.sleep(0.1)


# JS: watch the board; `window.__smbNoticeAt` resolves with {notice, drop}: the ms from now until
# its notice shows `text` (-1 after `limit` ms) and until the first drop on it (null if none).
_WATCH_NOTICE_JS = """(root, [text, limit]) => {
  const notice = root.querySelector('.smb-notice');
  const t0 = performance.now();
  let drop = null;
  root.addEventListener('drop', () => { if (drop === null) drop = performance.now() - t0; }, {capture: true});
  window.__smbNoticeAt = new Promise((resolve) => {
    const tick = () => {
      if (!notice.hidden && notice.textContent.startsWith(text)) resolve({notice: performance.now() - t0, drop});
      else if (performance.now() - t0 > limit) resolve({notice: -1, drop});
      else setTimeout(tick, 10);
    };
    tick();
  });
}"""


def test_after_a_restart_the_board_says_moves_are_not_saved_and_comes_back(page, boards):
    b, it, plain = boards["Saved"], boards["Salvata"], boards["Unsaved"]
    first, second = LABELS[0], LABELS[1]
    # A move while connected: saved at once, counted, no notice.
    mouse_drag(page, b.item(first), b.bin("Medium"))
    expect(b.in_bin("Medium", first)).to_have_count(1)
    wait_saved(page, {first: "Medium"})
    expect(b.root.locator(".smb-count")).to_have_text(f"1 of {len(LABELS)} cards placed")
    expect(b.root.locator(".smb-notice")).to_be_hidden()
    page.wait_for_timeout(int(ACK_TIMEOUT_S * 1000) + 500)  # the acknowledgement came: still no notice
    expect(b.root.locator(".smb-notice")).to_be_hidden()
    before = page.answers.read_bytes()

    # Restart the kernel: the board says so before the student even moves a card.
    b.root.evaluate(_WATCH_NOTICE_JS, [NOT_SAVED, 30_000])
    page.evaluate("() => void window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
    shown_after = page.evaluate("() => window.__smbNoticeAt")["notice"]
    assert shown_after >= 0, "no notice within 30 s of the restart"
    print(f"\nnotice shown {shown_after:.0f} ms after the restart was asked for")
    wait_for_kernel(page)
    expect(b.root.locator(".smb-notice")).to_have_text(NOT_SAVED)
    expect(b.root).to_have_class(OFFLINE)
    expect(b.reset_button).to_be_disabled()
    expect(b.check_button).to_be_disabled()
    # in Italian on the Italian board; never on a board that saves nothing
    expect(it.root.locator(".smb-notice")).to_have_text(NOT_SAVED_IT)
    expect(plain.root.locator(".smb-notice")).to_be_hidden()
    assert "smb-offline" not in plain.root.get_attribute("class")
    grey = b.pool.evaluate("n => getComputedStyle(n).filter")
    assert "grayscale" in grey, grey

    # A move now is refused and said to be unsaved; the answer file does not change.
    mouse_drag(page, b.item(second), b.bin("Network"))
    expect(b.live).to_contain_text(NOT_SAVED)
    expect(b.in_bin("", second)).to_have_count(1)
    b.card(LABELS[2]).click()  # a click does not pick a card up either
    expect(b.card(LABELS[2])).to_have_attribute("aria-pressed", "false")
    page.wait_for_timeout(int(ACK_TIMEOUT_S * 1000) + 500)
    assert page.answers.read_bytes() == before, "the answer file changed after the restart"
    # the board that saves nothing still takes moves (it never promised to keep them)
    mouse_drag(page, plain.item(second), plain.bin("Network"))
    expect(plain.in_bin("Network", second)).to_have_count(1)
    expect(plain.root.locator(".smb-notice")).to_be_hidden()

    # Run the cells again: the board is back with the saved card, and saves again.
    run_all(page)
    b = Board.titled(page, "Saved")
    expect(b.in_bin("Medium", first)).to_have_count(1)
    expect(b.root.locator(".smb-count")).to_have_text(f"1 of {len(LABELS)} cards placed")
    expect(b.root.locator(".smb-notice")).to_be_hidden()
    assert "smb-offline" not in b.root.get_attribute("class")
    mouse_drag(page, b.item(second), b.bin("Network"))
    wait_saved(page, {first: "Medium", second: "Network"})
    expect(b.root.locator(".smb-count")).to_have_text(f"2 of {len(LABELS)} cards placed")
    page.wait_for_timeout(int(ACK_TIMEOUT_S * 1000) + 500)
    expect(b.root.locator(".smb-notice")).to_be_hidden()
    assert page.dialogs == []


def test_a_move_the_kernel_does_not_acknowledge_is_flagged_in_about_two_seconds(page, boards):
    b = boards["Saved"]
    # The kernel stops answering this board's moves (as a kernel that is gone would).
    kernel_exec(page, "saved._acknowledge = lambda *args: None")
    b.root.evaluate(_WATCH_NOTICE_JS, [NOT_SAVED, 20_000])
    mouse_drag(page, b.item(LABELS[3]), b.bin("Network"))
    seen = page.evaluate("() => window.__smbNoticeAt")
    assert seen["notice"] >= 0 and seen["drop"] is not None, seen
    shown_after = seen["notice"] - seen["drop"]
    print(f"\nunacknowledged move: notice {shown_after:.0f} ms after the drop")
    assert shown_after >= ACK_TIMEOUT_S * 1000 * 0.9, f"the notice came too early ({shown_after:.0f} ms)"
    assert shown_after < ACK_TIMEOUT_S * 1000 + 1500, f"the notice came late ({shown_after:.0f} ms)"
    expect(b.root).to_have_class(OFFLINE)
    # and no more moves are taken
    mouse_drag(page, b.item(LABELS[0]), b.bin("Medium"))
    expect(b.live).to_contain_text(NOT_SAVED)
    expect(b.in_bin("", LABELS[0])).to_have_count(1)
    # The move itself was saved; an acknowledgement that comes late (a slow kernel) brings the board back.
    wait_saved(page, {LABELS[3]: "Network"})
    view = b.root.locator(".smb-help").get_attribute("id").removesuffix("-help")
    kernel_exec(page, f"del saved._acknowledge\nsaved._acknowledge({view!r}, 1)")
    expect(b.root.locator(".smb-notice")).to_be_hidden()
    expect(b.root).not_to_have_class(OFFLINE)
    mouse_drag(page, b.item(LABELS[0]), b.bin("Medium"))
    wait_saved(page, {LABELS[3]: "Network", LABELS[0]: "Medium"})
    page.wait_for_timeout(int(ACK_TIMEOUT_S * 1000) + 500)
    expect(b.root.locator(".smb-notice")).to_be_hidden()


def test_a_busy_kernel_is_not_a_lost_one(page, boards):
    """A move while a cell runs is saved when the cell ends, with no false alarm."""
    b = boards["Saved"]
    label = LABELS[2]
    page.evaluate(
        """() => { const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
                   void k.requestExecute({code: 'import time; time.sleep(6)', store_history: false}); }"""
    )
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'busy'",
        polling=20,
    )
    mouse_drag(page, b.item(label), b.bin("Medium"))
    expect(b.in_bin("Medium", label)).to_have_count(1)
    page.wait_for_timeout(int(ACK_TIMEOUT_S * 1000) + 1000)
    expect(b.root.locator(".smb-notice")).to_be_hidden()
    wait_saved(page, {label: "Medium"})
    wait_for_kernel(page)
    expect(b.root.locator(".smb-notice")).to_be_hidden()
    assert "smb-offline" not in b.root.get_attribute("class")


# ------------------------------------------------------------------ touch


def finger_drag_measuring(page, start, end, steps=10):
    """Drag a real finger (CDP touch input) from ``start`` to ``end``; just before
    lifting it, measure the dragged copy and what is under the finger."""
    (sx, sy), (tx, ty) = start, end
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": sx, "y": sy, "id": 1}]})
        for i in range(1, steps + 1):
            point = {"x": sx + (tx - sx) * i / steps, "y": sy + (ty - sy) * i / steps, "id": 1}
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        # touch moves reach the page with the next frames: let the last one land
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        page.wait_for_timeout(100)
        seen = page.evaluate(
            """([x, y]) => {
              const g = document.querySelector('.smb-ghost');
              const under = document.elementFromPoint(x, y);
              const bin = under && under.closest('.smb-target');
              const r = g ? g.getBoundingClientRect() : null;
              return {ghost: r && {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width},
                      text: g ? g.textContent : null, width: window.innerWidth, height: window.innerHeight,
                      under: bin ? bin.dataset.bin : null};
            }""",
            [tx, ty],
        )
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        cdp.detach()
    return seen


def centre(box):
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


@pytest.mark.parametrize("where", ["middle", "right-edge"])
def test_the_dragged_copy_is_above_the_finger_and_the_card_lands_under_it(page, boards, where):
    b = boards["Saved"]
    label = LABELS[1]
    on_screen(page, b.item(label), b.bin("Network"))
    target = b.bin("Network").bounding_box()
    x = target["x"] + target["width"] / 2 if where == "middle" else target["x"] + target["width"] - 6
    y = target["y"] + min(target["height"] / 2, 30)
    seen = finger_drag_measuring(page, centre(b.card(label).bounding_box()), (x, y))
    print(f"\n{where}: finger at ({x:.0f}, {y:.0f}), copy {seen['ghost']}")
    g = seen["ghost"]
    assert g is not None and label in seen["text"], seen
    # inside the window, never clipped
    assert 0 <= g["left"] and g["right"] <= seen["width"] and 0 <= g["top"], seen
    # just above the finger, not under it or off to one side
    assert g["bottom"] <= y and y - g["bottom"] <= 30, seen
    if where == "middle":
        assert abs((g["left"] + g["right"]) / 2 - x) <= 2, seen
    else:
        assert g["left"] <= x <= g["right"] + 6, seen
    assert seen["under"] == "Network", seen
    expect(b.in_bin("Network", label)).to_have_count(1)
    expect(page.locator(".smb-ghost")).to_have_count(0)
    wait_saved(page, {label: "Network"})
    expect(b.root.locator(".smb-count")).to_have_text(f"1 of {len(LABELS)} cards placed")


def test_a_tap_on_a_card_in_a_bin_drops_the_picked_card_there(page, boards):
    b = boards["Saved"]
    inside, picked = LABELS[0], LABELS[2]
    kernel_exec(page, f"saved.placements = {{{inside!r}: 'Network'}}")
    expect(b.in_bin("Network", inside)).to_have_count(1)
    on_screen(page, b.item(picked), b.bin("Network"))
    page.touchscreen.tap(*centre(b.card(picked).bounding_box()))
    expect(b.card(picked)).to_have_attribute("aria-pressed", "true")
    page.touchscreen.tap(*centre(b.card(inside).bounding_box()))
    expect(b.in_bin("Network", picked)).to_have_count(1)
    expect(b.in_bin("Network", inside)).to_have_count(1)
    expect(b.card(picked)).to_have_attribute("aria-pressed", "false")
    expect(b.card(inside)).to_have_attribute("aria-pressed", "false")
    wait_saved(page, {inside: "Network", picked: "Network"})
    # a tap on a card in the pool still picks that card up instead
    other = LABELS[3]
    page.touchscreen.tap(*centre(b.card(LABELS[1]).bounding_box()))
    expect(b.card(LABELS[1])).to_have_attribute("aria-pressed", "true")
    page.touchscreen.tap(*centre(b.card(other).bounding_box()))
    expect(b.card(other)).to_have_attribute("aria-pressed", "true")
    expect(b.card(LABELS[1])).to_have_attribute("aria-pressed", "false")
    expect(b.in_bin("", LABELS[1])).to_have_count(1)


def test_a_picked_card_is_outlined_and_nothing_moves(page, boards):
    b = boards["Saved"]
    label = LABELS[1]
    on_screen(page, b.item(label))
    boxes = b.root.locator(".smb-card").evaluate_all(
        "ns => ns.map(n => { const r = n.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"
    )
    weight = b.card(label).evaluate("n => getComputedStyle(n).fontWeight")
    page.touchscreen.tap(*centre(b.card(label).bounding_box()))
    expect(b.card(label)).to_have_attribute("aria-pressed", "true")
    style = b.card(label).evaluate(
        "n => { const s = getComputedStyle(n); return [s.outlineStyle, parseFloat(s.outlineWidth), s.fontWeight]; }"
    )
    assert style[0] == "solid" and style[1] >= 2, style
    assert style[2] == weight, f"the picked card's text changed weight: {weight} -> {style[2]}"
    after = b.root.locator(".smb-card").evaluate_all(
        "ns => ns.map(n => { const r = n.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"
    )
    assert after == boxes, "picking a card up moved or resized cards"
    page.touchscreen.tap(*centre(b.card(label).bounding_box()))  # put back
    expect(b.card(label)).to_have_attribute("aria-pressed", "false")


def test_dispatched_touch_drag_still_works(page, boards):
    b = boards["Saved"]
    seen = touch_drag(page, b.item(LABELS[3]), b.bin("Network"))
    assert seen == {"ghostBeforeThreshold": False, "ghostDuring": True, "highlighted": "Network", "ghostAfter": False}
    expect(b.in_bin("Network", LABELS[3])).to_have_count(1)
    wait_saved(page, {LABELS[3]: "Network"})
