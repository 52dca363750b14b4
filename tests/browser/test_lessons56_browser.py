"""Lessons 7 and 8 in a real JupyterLab: each runs clean, and its controls are
used once (lesson 7's spread explorer; lesson 8's review sorting board)."""

from __future__ import annotations

import pytest
from boards import css_str
from harness import notebook_errors, open_notebook, run_all, run_python_json
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LESSON5 = "07-how-a-message-spreads.ipynb"
LESSON6 = "08-planning-a-campaign.ipynb"


@pytest.fixture
def page(fresh_page):
    return fresh_page


def test_lesson7_explorer_reruns_with_the_chosen_settings(page, lab_server):
    open_notebook(page, lab_server, LESSON5)
    run_all(page)
    assert notebook_errors(page) == []
    assert page.dialogs == []

    explorer = page.locator(".sm-spread-explorer").first
    expect(explorer).to_be_visible()
    explorer.scroll_into_view_if_needed()
    plots = explorer.locator(".js-plotly-plot")
    expect(plots).to_have_count(2)  # reach over time + the network by step
    summary = explorer.locator(".widget-html")
    expect(summary).to_contain_text("Seeds: Pia.")
    # Every control's label shows whole ("Chance to share (p)" was cut to "Chance to sha...").
    labels = explorer.locator(".widget-label")
    assert labels.count() >= 4
    cut = labels.evaluate_all("els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)")
    assert cut == []
    assert "Chance to share (p)" in labels.all_text_contents()
    before = run_python_json(page, "explorer.last")
    assert before["strategy"] == "degree" and before["k"] == 1

    # The strategy menu (second drop-down) and the seeds slider, then Run.
    explorer.locator(".widget-dropdown select").nth(1).select_option(
        label="brokers: people between groups (highest betweenness)"
    )
    handle = explorer.locator(".widget-hslider").nth(1).locator(".noUi-handle")
    handle.focus()
    page.keyboard.press("ArrowRight")
    explorer.locator("button", has_text="Run").click()

    expect(summary).not_to_contain_text("Seeds: Pia.", timeout=30_000)
    after = run_python_json(page, "explorer.last")
    assert after["strategy"] == "broker" and after["k"] == 2 and len(after["seeds"]) == 2
    assert after != before
    expect(summary).to_contain_text(f"Seeds: {', '.join(after['seeds'])}.")
    # The network figure on screen is the new run's.
    expect(plots).to_have_count(2)
    expect(plots.nth(1).locator(".gtitle")).to_have_text(after["title"])
    progress = run_python_json(page, "[explorer.progress.value, explorer.progress.max]")
    assert progress[0] == progress[1]


def test_lesson6_runs_and_its_review_board_takes_a_card(page, lab_server):
    open_notebook(page, lab_server, LESSON6)
    run_all(page)
    assert notebook_errors(page) == []
    assert page.dialogs == []
    expect(page.locator(".js-plotly-plot").first).to_be_visible()

    card, target = "The independent cascade model of sharing", "Measure or model of a network"
    item = page.locator(f".smb-item[data-label={css_str(card)}]")
    bin_ = page.locator(f".smb-bin[data-bin={css_str(target)}]")
    item.evaluate("n => n.closest('.smb').scrollIntoView({block: 'start'})")
    item.drag_to(bin_)
    expect(bin_.locator(f".smb-item[data-label={css_str(card)}]")).to_have_count(1)
    assert run_python_json(page, "board.placements") == {card: target}
