"""Lesson 1's sorting board in Jupyter Notebook 7 (not JupyterLab), driven by chromium."""

from __future__ import annotations

import harness
import pytest
from harness import notebook_errors, open_notebook, run_all, run_python, run_python_json
from playwright.sync_api import expect

from smlessons import load_exercise
from smlessons.widgets.sorting_board import card_order

pytestmark = pytest.mark.browser

LESSON = "01-media-and-networks.ipynb"
EXERCISE = load_exercise("lesson01_media_or_network")
MEDIUM, NETWORK = EXERCISE.bins
# The order the board shows (shuffled, seeded by the kernel's user, the same as these tests').
SHOWN = card_order([i.label for i in EXERCISE.items], exercise_id=EXERCISE.id)


def q(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def page(browser, notebook7_server):
    context = harness.new_context(browser)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    open_notebook(pg, notebook7_server, LESSON)
    # the Notebook 7 way: Run menu -> Run All Cells
    run_all(pg, via_menu=True)
    yield pg
    context.close()


def test_notebook7_mouse_drag_reaches_python(page):
    assert "/notebooks/" in page.url and "/lab" not in page.url, page.url
    assert notebook_errors(page) == []
    root = page.locator(".smb")
    expect(root).to_have_count(1)
    label = SHOWN[0]  # the first card of the pool, on screen with the bins
    source = root.locator(f".smb-item[data-label={q(label)}]")
    target = root.locator(f".smb-bin[data-bin={q(NETWORK)}]")
    expect(root.locator(".smb-pool .smb-item")).to_have_count(len(EXERCISE.items))
    # Playwright cannot scroll during a drag: put both ends on screen first.
    root.evaluate("n => n.scrollIntoView({block: 'start'})")
    source.drag_to(target)
    expect(target.locator(f".smb-cards > .smb-item[data-label={q(label)}]")).to_have_count(1)
    expect(root.locator(".smb-live")).to_contain_text(f"{label} placed in {NETWORK}.")
    assert run_python_json(page, "board.placements") == {label: NETWORK}

    # and the other way: Python moves a card in the page
    other = SHOWN[1]
    run_python(page, f"board.placements = {{{other!r}: {MEDIUM!r}}}")
    expect(root.locator(f".smb-bin[data-bin={q(MEDIUM)}] .smb-item[data-label={q(other)}]")).to_have_count(1)
    expect(target.locator(".smb-item")).to_have_count(0)
