"""Answers survive a kernel restart: drag a card, restart the kernel from
JupyterLab's Kernel menu, run the cells again, and the card is where the
student left it, in the browser and in Python."""

from __future__ import annotations

import json

import harness
import pytest
from harness import open_notebook, run_all, run_python_json, wait_for_kernel
from playwright.sync_api import expect

from smlessons import load_exercise

pytestmark = pytest.mark.browser

LESSON = "01-media-and-networks.ipynb"
EXERCISE = load_exercise("lesson01_media_or_network")
MEDIUM, NETWORK = EXERCISE.bins
CARD = next(i.label for i in EXERCISE.items if i.answers == (NETWORK,))


def css_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def answer_file(lab_server):
    path = lab_server.root_dir / "01-media-and-networks.answers.json"
    path.unlink(missing_ok=True)
    yield path
    path.unlink(missing_ok=True)  # the other browser tests start from an empty board


@pytest.fixture
def page(browser, lab_server, answer_file):
    context = harness.new_context(browser)
    p = context.new_page()
    p.set_default_timeout(15_000)
    open_notebook(p, lab_server, LESSON)
    run_all(p)
    yield p
    context.close()


def test_a_dragged_card_survives_a_kernel_restart(page, answer_file):
    item = page.locator(f".smb-item[data-label={css_str(CARD)}]")
    target = page.locator(f".smb-bin[data-bin={css_str(NETWORK)}]")
    item.evaluate("n => n.closest('.smb').scrollIntoView({block: 'start'})")
    item.drag_to(target)
    expect(target.locator(f".smb-item[data-label={css_str(CARD)}]")).to_have_count(1)
    assert run_python_json(page, "board.placements") == {CARD: NETWORK}
    assert json.loads(answer_file.read_text())["exercises"]["lesson01-media-or-network"]["answer"] == {CARD: NETWORK}

    # Kernel → Restart Kernel…, then confirm in the dialog
    page.evaluate(
        """() => {
          window.__smbRestarted = false;
          const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
          k.statusChanged.connect((_, status) => {
            if (status === 'restarting' || status === 'autorestarting') window.__smbRestarted = true;
          });
        }"""
    )
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.locator('[data-command="kernelmenu:restart"]').click()
    page.locator(".jp-Dialog-button.jp-mod-accept").click()
    page.wait_for_function("() => window.__smbRestarted === true", timeout=30_000)
    wait_for_kernel(page)
    assert run_python_json(page, "'board' in globals()") is False, "the restart did not clear the kernel"

    run_all(page)
    restored = page.locator(f".smb-bin[data-bin={css_str(NETWORK)}] .smb-item[data-label={css_str(CARD)}]")
    expect(restored).to_have_count(1)
    assert run_python_json(page, "board.placements") == {CARD: NETWORK}
