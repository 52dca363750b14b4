"""Every lesson, opened in a real JupyterLab: all cells run with no error
output, the interactive parts render, and one view per lesson is saved as a
screenshot in test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import notebook_errors, open_notebook, run_all
from playwright.sync_api import expect

from smlessons.content.lessons import notebooks

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
#: Every notebook of the lessons manifest, English first, then each translation (the glossaries included).
LESSONS = notebooks()


@pytest.fixture
def page(fresh_page):
    return fresh_page


def test_there_are_lessons():
    assert "00-start-here.ipynb" in LESSONS and "01-media-and-networks.ipynb" in LESSONS
    assert set(notebooks("it")) <= set(LESSONS) and "it/01-media-e-reti.ipynb" in LESSONS


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_clean_in_jupyterlab(page, lab_server, artifacts, lesson):
    open_notebook(page, lab_server, lesson)
    run_all(page)
    assert notebook_errors(page) == [], f"{lesson} has error output"
    assert page.dialogs == []
    # The lesson's interactive views: sorting boards and plotly figures must render.
    source = (ROOT / "notebooks" / lesson).read_text(encoding="utf-8")
    views = []
    if "SortingBoard" in source:
        views.append(page.locator(".smb").first)
    if "draw_network" in source or "_figure(" in source:
        views.append(page.locator(".js-plotly-plot").first)
    for view in views:
        expect(view).to_be_visible(timeout=20_000)
    if lesson.startswith("it/"):
        # A translated lesson's boards speak its language: the buttons, and the lang attribute screen readers use.
        boards = page.locator(".smb")
        for i in range(boards.count()):
            expect(boards.nth(i)).to_have_attribute("lang", "it")
    shot = artifacts / f"lesson-{lesson.removesuffix('.ipynb').replace('/', '-')}.png"
    if views:
        views[-1].scroll_into_view_if_needed()
        views[-1].screenshot(path=str(shot))
    else:
        page.screenshot(path=str(shot))
