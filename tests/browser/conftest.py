"""Fixtures for the real-browser tests: one JupyterLab (and, on demand, one
Jupyter Notebook 7) server per session, and Debian's chromium through
Playwright. The reusable parts live in ``harness.py`` (the benchmark in
``benchmarks/`` uses them too)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
from harness import ARTIFACTS, JupyterServer  # noqa: E402


def _require_chromium() -> None:
    if harness.CHROMIUM.exists():
        return
    message = harness.chromium_missing_message()
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def playwright_sync():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_sync):
    b = harness.launch_browser(playwright_sync)
    yield b
    b.close()


@pytest.fixture(scope="session")
def lab_server():
    """A real JupyterLab on a free local port, root = a temporary copy of notebooks/."""
    _require_chromium()  # no point starting a server that no browser will visit
    server = JupyterServer("lab").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def notebook7_server():
    """A real Jupyter Notebook 7 server, same set-up as ``lab_server``."""
    _require_chromium()
    server = JupyterServer("notebook").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lab_context(browser, lab_server):
    """A browser context for one test module, against the JupyterLab server."""
    ctx = harness.new_context(browser)
    yield ctx
    ctx.close()


@pytest.fixture
def fresh_page(lab_context):
    """A new page for each test: JupyterLab routes in-page URL changes itself,
    so navigating one page from notebook to notebook aborts the load. Dialogs
    are dismissed and their messages kept in ``page.dialogs``."""
    p = lab_context.new_page()
    p.set_default_timeout(20_000)
    p.dialogs = []
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))
    yield p
    p.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``test-artifacts/`` at the repository root (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request):
    """Save a screenshot of every open page into test-artifacts/ when a browser test fails."""
    yield
    rep = getattr(request.node, "rep_call", None)
    if rep is None or not rep.failed or "browser" not in request.fixturenames:
        return
    b = request.getfixturevalue("browser")
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    for i, ctx in enumerate(b.contexts):
        for j, page in enumerate(ctx.pages):
            try:
                page.screenshot(path=str(ARTIFACTS / f"FAILED-{name}-{i}-{j}.png"), full_page=True)
            except Exception as exc:  # a dead page must not hide the real failure
                print(f"no failure screenshot: {exc}")
