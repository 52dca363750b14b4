"""Drive a real JupyterLab / Jupyter Notebook 7 in Debian's chromium.

A plain module (no pytest in it) so that both ``conftest.py`` and the
benchmark script in ``benchmarks/`` can use it:

- :class:`JupyterServer` starts ``python -m jupyterlab`` or
  ``python -m notebook`` on a free local port with a random token, its own
  settings, workspaces, config, data and runtime folders, and a temporary
  copy of the lessons as its root folder, so nothing in the repository is
  modified;
- :func:`launch_browser` starts chromium through Playwright;
- the page helpers open a notebook, wait for a really connected idle kernel,
  run all cells, run a Python snippet in a new cell and read its output, and
  switch the theme.

Both front-ends are started with the app exposed as ``window.jupyterapp``,
which the helpers use to read the notebook model and the kernel state.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# Settings that keep runs deterministic (see the module docstring).
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        # no "Select Kernel" dialog; off-screen cells stay in the DOM
        "autoStartDefaultKernel": True,
        "windowingMode": "none",
    },
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {
        "autosave": False,
    },
}

LIGHT_THEME = "JupyterLab Light"
DARK_THEME = "JupyterLab Dark"

# Timeouts in milliseconds.
KERNEL_TIMEOUT = 60_000
RUN_TIMEOUT = 90_000


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterServer:
    """A JupyterLab (``kind="lab"``) or Notebook 7 (``kind="notebook"``) server.

    Use as a context manager, or call :meth:`start` and :meth:`stop`.
    ``extra_files`` maps relative paths to notebook JSON (dicts) or text to
    write into the root folder beside the copied lessons; ``server_config``
    is the text of a ``jupyter_server_config.py`` for this server only.
    """

    def __init__(
        self,
        kind: str = "lab",
        notebooks: Path = NOTEBOOKS,
        extra_files: dict | None = None,
        server_config: str = "",
    ):
        if kind not in ("lab", "notebook"):
            raise ValueError(f"kind must be 'lab' or 'notebook', not {kind!r}")
        self.kind = kind
        self.notebooks = Path(notebooks)
        self.extra_files = extra_files or {}
        self.server_config = server_config
        self.port = None
        self.token = secrets.token_hex(16)
        self.tmp = None
        self.root_dir = None
        self.proc = None
        self.log_path = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """The browser address that opens the notebook at ``path`` (relative to the root)."""
        quoted = quote(path)
        if self.kind == "lab":
            return f"{self.base_url}/lab/tree/{quoted}?token={self.token}&reset"
        return f"{self.base_url}/notebooks/{quoted}?token={self.token}"

    def start(self, timeout: float = 60.0) -> JupyterServer:
        self.tmp = Path(tempfile.mkdtemp(prefix=f"smlessons-{self.kind}-"))
        self.root_dir = self.tmp / "root"
        if self.notebooks.is_dir():
            shutil.copytree(self.notebooks, self.root_dir, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        else:
            self.root_dir.mkdir()
        for rel, content in self.extra_files.items():
            path = self.root_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            text = content if isinstance(content, str) else json.dumps(content, indent=1)
            path.write_text(text, encoding="utf-8")

        settings_dir = self.tmp / "settings"
        for rel, value in SETTINGS.items():
            path = settings_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value), encoding="utf-8")
        if self.server_config:
            config_dir = self.tmp / "config"
            config_dir.mkdir()
            (config_dir / "jupyter_server_config.py").write_text(self.server_config, encoding="utf-8")
        env = dict(os.environ)
        # Answer files go beside the notebooks (the temporary root), as for a student.
        env.pop("SMLESSONS_ANSWERS_DIR", None)
        # Boards follow the environment's language: keep the kernels English
        # unless a test asks a board for another language.
        for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            env.pop(var, None)
        env["LANG"] = "C.UTF-8"
        env.update(
            JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
            JUPYTERLAB_WORKSPACES_DIR=str(self.tmp / "workspaces"),
            JUPYTER_CONFIG_DIR=str(self.tmp / "config"),
            JUPYTER_DATA_DIR=str(self.tmp / "data"),
            JUPYTER_RUNTIME_DIR=str(self.tmp / "runtime"),
            IPYTHONDIR=str(self.tmp / "ipython"),
            JUPYTER_PLATFORM_DIRS="1",
            PYTHONUNBUFFERED="1",
        )
        app = "LabApp" if self.kind == "lab" else "JupyterNotebookApp"
        module = "jupyterlab" if self.kind == "lab" else "notebook"
        self.port = free_port()
        cmd = [
            sys.executable,
            "-m",
            module,
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            f"--{app}.expose_app_in_browser=True",
        ]
        self.log_path = self.tmp / "server.log"
        log = open(self.log_path, "wb")
        # Own session: on a hard stop the whole group (server and kernels) goes.
        self.proc = subprocess.Popen(
            cmd,
            cwd=self.root_dir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        status = f"{self.base_url}/api/status?token={self.token}"
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the {module} server exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(status, timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the {module} server did not answer within {timeout:.0f} s:\n{self.log_tail()}")
            time.sleep(0.2)
        return self

    def api(self, path: str):
        """GET a server REST endpoint, e.g. ``api("/api/kernels")``."""
        with urllib.request.urlopen(f"{self.base_url}{path}?token={self.token}", timeout=10) as r:
            return json.load(r)

    def log_tail(self, n: int = 40) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except (OSError, AttributeError):
            return ""
        return "\n".join(lines[-n:])

    def stop(self, timeout: float = 10.0) -> None:
        """SIGINT twice (Jupyter asks for confirmation after the first), then kill."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            try:
                proc.send_signal(signal.SIGINT)
                time.sleep(0.3)
                if proc.poll() is None:
                    proc.send_signal(signal.SIGINT)
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait(timeout=5)
            except ProcessLookupError:
                pass
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# ---------------------------------------------------------------- browser


def chromium_missing_message() -> str:
    return (
        f"{CHROMIUM} not found: the browser tests need Debian's chromium. "
        "Run `make test`, which installs it (never `playwright install`)."
    )


def launch_browser(playwright, headless: bool = True):
    """Chromium from Debian through Playwright, with flags that keep it off the internet."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=headless, args=CHROMIUM_ARGS)


def new_context(browser, **kwargs):
    options = {"viewport": {"width": 1280, "height": 1000}, "device_scale_factor": 1, "locale": "en-US"}
    options.update(kwargs)
    return browser.new_context(**options)


# ---------------------------------------------------------------- page helpers

_KERNEL_READY_JS = """(path) => {
  const app = window.jupyterapp;
  const w = app && app.shell && app.shell.currentWidget;
  if (!w || !w.context || !w.sessionContext || !w.content) return false;
  if (path && w.context.path !== path) return false;
  if (!w.context.isReady) return false;
  const s = w.sessionContext.session;
  const k = s && s.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}"""


def wait_for_kernel(page, path: str | None = None, timeout: int = KERNEL_TIMEOUT) -> None:
    """Wait for the current notebook's kernel to be connected and idle (not just the toolbar's word)."""
    page.wait_for_function(_KERNEL_READY_JS, arg=path, timeout=timeout, polling=100)


def open_notebook(page, server: JupyterServer, path: str, timeout: int = KERNEL_TIMEOUT) -> None:
    """Open ``path`` (relative to the server root) and wait for a connected idle kernel."""
    page.goto(server.url(path), wait_until="domcontentloaded", timeout=timeout)
    wait_for_kernel(page, path, timeout=timeout)


_CELLS_DONE_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  if (!k || k.status !== 'idle' || k.connectionStatus !== 'connected') return false;
  for (const cell of w.content.widgets) {
    if (cell.model.type !== 'code') continue;
    if (!cell.model.sharedModel.getSource().trim()) continue;
    if (cell.model.executionCount === null) return false;
    if (cell.model.executionState === 'running') return false;
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    if (prompt && prompt.textContent.includes('*')) return false;
  }
  return true;
}"""


def clear_outputs(page) -> None:
    """Clear every output and execution count of the current notebook."""
    page.evaluate("void window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function(
        """() => window.jupyterapp.shell.currentWidget.content.widgets
              .every(c => c.model.type !== 'code' || c.model.executionCount === null)""",
        timeout=10_000,
    )


def run_all(page, via_menu: bool = False, timeout: int = RUN_TIMEOUT) -> None:
    """Clear outputs, run all cells, and wait until every code cell has run.

    ``via_menu`` clicks Run → Run All Cells (the Notebook 7 way); otherwise
    the command is executed directly (JupyterLab).
    """
    clear_outputs(page)
    if via_menu:
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator('[data-command="runmenu:run-all"]').click()
    else:
        page.evaluate("void window.jupyterapp.commands.execute('notebook:run-all-cells')")
    wait_cells_done(page, timeout=timeout)


def wait_cells_done(page, timeout: int = RUN_TIMEOUT) -> None:
    """Wait until every non-empty code cell has an execution count and the kernel is idle."""
    page.wait_for_function(_CELLS_DONE_JS, timeout=timeout, polling=100)


def notebook_errors(page) -> list[str]:
    """The error outputs (and stderr text) of the current notebook, as short strings.

    Cells tagged ``raises-exception`` fail on purpose (lesson 2 shows how to
    read an error) and are left out.
    """
    return page.evaluate(
        """() => {
          const out = [];
          const w = window.jupyterapp.shell.currentWidget;
          w.content.widgets.forEach((cell, i) => {
            if (cell.model.type !== 'code') return;
            if ((cell.model.getMetadata('tags') || []).includes('raises-exception')) return;
            for (const o of cell.model.outputs.toJSON()) {
              if (o.output_type === 'error') out.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
              else if (o.output_type === 'stream' && o.name === 'stderr') {
                const t = Array.isArray(o.text) ? o.text.join('') : o.text;
                out.push(`cell ${i} stderr: ${t.slice(0, 300)}`);
              }
            }
          });
          return out;
        }"""
    )


_counter = 0


def add_cell(page, code: str) -> str:
    """Append a code cell holding ``code`` at the end of the notebook; return a CSS selector for it."""
    global _counter
    _counter += 1
    tag = f"t{_counter}-{secrets.token_hex(3)}"
    page.evaluate(
        """async ([code, tag]) => {
          const app = window.jupyterapp;
          const nb = app.shell.currentWidget.content;
          nb.mode = 'command';
          nb.activeCellIndex = nb.widgets.length - 1;
          const last = nb.activeCell;
          // Shift+Enter on the last cell leaves an empty code cell behind: reuse it.
          const reuse = last.model.type === 'code' && !last.model.sharedModel.getSource().trim()
            && last.model.outputs.length === 0 && last.model.executionCount === null;
          if (!reuse) await app.commands.execute('notebook:insert-cell-below');
          if (nb.activeCell.model.type !== 'code') await app.commands.execute('notebook:change-cell-to-code');
          nb.activeCell.model.sharedModel.setSource(code);
          nb.activeCell.node.setAttribute('data-test-cell', tag);
        }""",
        [code, tag],
    )
    return f'[data-test-cell="{tag}"]'


def run_cell(page, selector: str, timeout: int = RUN_TIMEOUT) -> None:
    """Run the cell at ``selector`` the way a user does (click its editor, Shift+Enter) and wait."""
    cell = page.locator(selector)
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    page.wait_for_function(
        """(sel) => {
          const node = document.querySelector(sel);
          const w = window.jupyterapp.shell.currentWidget;
          const cell = w.content.widgets.find(c => c.node === node);
          const k = w.sessionContext.session && w.sessionContext.session.kernel;
          return !!cell && cell.model.executionCount !== null
            && !cell.node.querySelector('.jp-InputPrompt').textContent.includes('*')
            && !!k && k.status === 'idle';
        }""",
        arg=selector,
        timeout=timeout,
        polling=50,
    )


def cell_errors(page, selector: str) -> list[str]:
    return page.evaluate(
        """(sel) => {
          const node = document.querySelector(sel);
          const cell = window.jupyterapp.shell.currentWidget.content.widgets.find(c => c.node === node);
          return cell.model.outputs.toJSON().filter(o => o.output_type === 'error')
            .map(o => `${o.ename}: ${o.evalue}\\n${(o.traceback || []).join('\\n')}`);
        }""",
        selector,
    )


def run_python(page, code: str, timeout: int = RUN_TIMEOUT) -> str:
    """Run ``code`` in a new cell at the end of the notebook and return its output text.

    Raises ``AssertionError`` with the traceback if the cell raised.
    """
    selector = add_cell(page, code)
    run_cell(page, selector, timeout=timeout)
    errors = cell_errors(page, selector)
    if errors:
        raise AssertionError("the cell raised:\n" + "\n".join(errors))
    return "\n".join(page.locator(selector).locator(".jp-OutputArea-output").all_inner_texts())


def run_python_json(page, expr: str):
    """Evaluate the Python expression ``expr`` in the kernel and return it, through JSON."""
    marker = "@@JSON@@"
    text = run_python(page, f"import json as _json\nprint({marker!r} + _json.dumps({expr}, sort_keys=True))")
    for line in text.splitlines():
        if line.startswith(marker):
            return json.loads(line[len(marker) :])
    raise AssertionError(f"no JSON in the output of {expr!r}: {text!r}")


def set_theme(page, theme: str, timeout: int = 20_000) -> None:
    """Switch the JupyterLab theme and wait until it is applied."""
    page.evaluate("(t) => void window.jupyterapp.commands.execute('apputils:change-theme', {theme: t})", theme)
    page.wait_for_function("(t) => document.body.dataset.jpThemeName === t", arg=theme, timeout=timeout, polling=50)
    # The theme's stylesheet is in when the layout colour matches the theme's lightness.
    light = theme != DARK_THEME
    page.wait_for_function(
        """(light) => {
          const c = getComputedStyle(document.body).getPropertyValue('--jp-layout-color1').trim();
          const probe = document.createElement('div');
          probe.style.color = c; document.body.appendChild(probe);
          const rgb = getComputedStyle(probe).color.match(/\\d+/g).map(Number);
          probe.remove();
          const lum = (rgb[0] + rgb[1] + rgb[2]) / 3;
          return light ? lum > 128 : lum < 128;
        }""",
        arg=light,
        timeout=timeout,
        polling=50,
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def scratch_notebook(server: JupyterServer, name: str, cells=("from smlessons import SortingBoard",)) -> str:
    """Write a notebook of code ``cells`` into the server's root folder and return its path there.

    For tests and benchmarks that build their own boards without touching the lessons.
    """
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": f"cell-{i}",
                "metadata": {},
                "outputs": [],
                "source": source,
            }
            for i, source in enumerate(cells)
        ],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = server.root_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return name


def run_axe(page, selector: str = ".smb", rules: list[str] | None = None) -> dict:
    """Run axe-core on the element(s) at ``selector`` and return its raw response.

    axe only checks colour contrast for elements it considers visible on
    screen, and JupyterLab's ``<body>`` has zero height with ``overflow:
    hidden`` (the app is absolutely positioned), which makes axe treat
    everything inside the notebook as clipped away: the colour rules would
    silently pass. For the run, the body gets the viewport's height (it
    changes nothing on screen) and the viewport is made tall enough for the
    whole element to be scrolled into view.
    """
    from axe_playwright_python.sync_playwright import Axe

    size = page.viewport_size
    target = page.locator(selector).first
    height = max(size["height"], int(target.bounding_box()["height"]) + 400)
    page.set_viewport_size({"width": size["width"], "height": height})
    page.evaluate("() => { document.body.style.height = '100vh'; }")
    try:
        target.evaluate("n => n.scrollIntoView({block: 'start'})")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        options = {"resultTypes": ["violations", "incomplete"]}
        if rules:
            options["runOnly"] = rules
        return Axe().run(page, context={"include": [[selector]]}, options=options).response
    finally:
        page.evaluate("() => { document.body.style.height = ''; }")
        page.set_viewport_size(size)
