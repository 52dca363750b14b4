"""Lesson 1 on a phone: a 390x844 touch viewport. The board fits the screen,
every card is big enough to hit with a finger, and a card dragged by touch
(Chrome's own touch input) lands in its bin and is read back in Python, also
when the bin starts below the fold and the board scrolls as the finger
holds the card near the edge."""

from __future__ import annotations

import harness
import pytest
from boards import Board, overflow_report, real_touch_drag
from harness import open_notebook, run_all, run_python, run_python_json
from playwright.sync_api import expect

from smlessons import load_exercise
from smlessons.widgets.sorting_board import card_order

pytestmark = pytest.mark.browser

LESSON = "01-media-and-networks.ipynb"
EXERCISE = load_exercise("lesson01_media_or_network")
# The cards in the order the board shows them (shuffled, seeded by the student running
# the kernel, the same user as these tests, and the exercise id).
SHOWN = [
    next(i for i in EXERCISE.items if i.label == label)
    for label in card_order([i.label for i in EXERCISE.items], exercise_id=EXERCISE.id)
]
PHONE = {"width": 390, "height": 844}
TOUCH_TARGET = 44  # px: WCAG 2.5.5 (AAA) and the platforms' guidelines; 2.5.8 (AA) asks for 24


@pytest.fixture(scope="module")
def page(browser, lab_server):
    ctx = harness.new_context(browser, viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    open_notebook(pg, lab_server, LESSON)
    # What a student on a phone does first: close the side panels and switch
    # to the simple (single-document) interface, as View > Simple Interface.
    pg.evaluate("""() => { const s = window.jupyterapp.shell;
                           s.collapseLeft(); s.collapseRight(); s.mode = 'single-document'; }""")
    pg.wait_for_function("() => document.querySelector('.jp-NotebookPanel').getBoundingClientRect().width > 300")
    run_all(pg)
    yield pg
    # The board saves every move to the lesson's answer file on the shared
    # server: leave it empty for the modules that open lesson 1 after this one.
    run_python(pg, "board.reset()")
    ctx.close()


@pytest.fixture
def board(page):
    run_python(page, "board.reset()")
    b = Board.titled(page, EXERCISE.title)
    expect(b.pool.locator(".smb-item")).to_have_count(len(EXERCISE.items))
    return b


def centre(box):
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_the_board_fits_a_phone_and_every_card_is_big_enough(page, board, artifacts):
    b = board
    report = overflow_report(b.root)
    assert report["boardRight"] <= PHONE["width"] + 1 and report["boardLeft"] >= 0, report
    assert report["scrollWidth"] <= report["clientWidth"] + 1 and report["offenders"] == [], report
    sizes = b.root.locator(".smb-card").evaluate_all(
        "ns => ns.map(n => { const r = n.getBoundingClientRect(); return [n.getAttribute('aria-label'), r.width, r.height]; })"
    )
    small = [s for s in sizes if s[1] < TOUCH_TARGET or s[2] < TOUCH_TARGET]
    assert not small, f"cards smaller than {TOUCH_TARGET}x{TOUCH_TARGET} px: {small}"
    buttons = b.root.locator(".smb-button").evaluate_all(
        "ns => ns.filter(n => !n.hidden).map(n => { const r = n.getBoundingClientRect(); return [n.textContent, r.width, r.height]; })"
    )
    assert all(w >= TOUCH_TARGET and h >= TOUCH_TARGET for _, w, h in buttons), buttons
    smallest = min(min(w, h) for _, w, h in sizes)
    print(
        f"\nphone {PHONE['width']}x{PHONE['height']}: board {report['boardWidth']:.0f} px wide, "
        f"{len(sizes)} cards, smallest side {smallest:.0f} px; buttons {[(t, round(w), round(h)) for t, w, h in buttons]}"
    )
    b.root.evaluate("n => n.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(artifacts / "phone-lesson-01.png"))


def test_a_finger_drags_a_card_into_a_bin(page, board):
    """Card and bin both on screen: the last card of the pool, just above the bins."""
    b = board
    last = [i for i in SHOWN[-3:] if len(i.answers) == 1][-1]  # a one-answer card near the end of the pool
    label, right = last.label, last.answers[0]
    card = b.card(label)
    card.evaluate("n => n.scrollIntoView({block: 'center'})")
    target = b.bin(right).locator(".smb-target-label")
    s, t = card.bounding_box(), target.bounding_box()
    assert t["y"] + t["height"] < PHONE["height"], "the bin is not on screen"
    real_touch_drag(page, centre(s), centre(t))
    expect(b.in_bin(right, label)).to_have_count(1)
    expect(b.root.locator(".smb-ghost")).to_have_count(0)
    assert run_python_json(page, "board.placements") == {label: right}


def test_holding_a_card_at_the_bottom_edge_scrolls_to_the_bins(page, board):
    """The first card is a screen away from the bins: the board scrolls while the finger waits at the edge."""
    b = board
    label = SHOWN[0].label
    right = SHOWN[0].answers[0]
    card = b.card(label)
    card.evaluate("n => n.scrollIntoView({block: 'start'})")
    bin_label = b.bin(right).locator(".smb-target-label")
    before = bin_label.bounding_box()
    assert before["y"] > PHONE["height"], "the bin should start below the fold"
    real_touch_drag(
        page, centre(card.bounding_box()), (PHONE["width"] / 2, PHONE["height"] - 10), hold_ms=8000, end_of=bin_label
    )
    expect(b.in_bin(right, label)).to_have_count(1)
    assert run_python_json(page, "board.placements") == {label: right}


def test_tap_to_pick_and_tap_to_drop(page, board):
    b = board
    label = SHOWN[3].label
    right = SHOWN[3].answers[0]
    card = b.card(label)
    card.evaluate("n => n.scrollIntoView({block: 'center'})")
    page.touchscreen.tap(*centre(card.bounding_box()))
    expect(card).to_have_attribute("aria-pressed", "true")
    target = b.bin(right).locator(".smb-target-label")
    target.evaluate("n => n.scrollIntoView({block: 'center'})")
    page.touchscreen.tap(*centre(target.bounding_box()))
    expect(b.in_bin(right, label)).to_have_count(1)
    assert run_python_json(page, "board.placements") == {label: right}
