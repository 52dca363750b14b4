"""The course installs the same way everywhere: pip (pyproject.toml), Binder
(environment.yml), make (Makefile), CI (.ci/run)."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def name_of(requirement: str) -> str:
    return re.split(r"[<>=!~ ;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_runtime_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d for d in env["dependencies"] if isinstance(d, dict)]
    conda_names = {name_of(d) for d in conda} - {"python", "pip"}
    assert conda_names == {name_of(d) for d in project["dependencies"]}
    assert env["channels"] == ["conda-forge"]
    assert pip == [{"pip": ["-e ."]}], "Binder must install the package itself"
    python = [d for d in conda if name_of(d) == "python"]
    assert python and re.fullmatch(r"python=3\.\d+", python[0]), "pin Binder's Python"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make lab" in readme
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert ci[-1] == "make test"


def test_package_data_ships_the_widget_assets_and_exercises():
    import smlessons

    pkg = Path(smlessons.__file__).parent
    assert (pkg / "widgets" / "static" / "sorting_board.js").is_file()
    assert (pkg / "widgets" / "static" / "sorting_board.css").is_file()
    assert list((pkg / "content" / "exercises").glob("*.json"))


def test_import_is_light():
    code = (
        "import sys, smlessons; "
        "heavy = [m for m in ('plotly.express', 'pandas', 'scipy', 'networkx') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import smlessons pulls in {out.stdout.strip()}"


def test_notebooks_are_small_and_store_no_widget_state():
    import json

    notebooks = sorted((ROOT / "notebooks").rglob("*.ipynb"))
    assert notebooks
    for nb_path in notebooks:
        if ".ipynb_checkpoints" in nb_path.parts:
            continue
        assert nb_path.stat().st_size < 1_000_000, nb_path.name
        nb = json.loads(nb_path.read_text())
        assert "widgets" not in nb["metadata"], f"{nb_path.name} stores widget state"
        counts = [c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code" and c["source"]]
        assert None not in counts and counts == sorted(counts), f"{nb_path.name}: cells not executed in order"
        text = nb_path.read_text()
        assert "plotly.js v" not in text and "<script" not in text.lower(), f"{nb_path.name} embeds scripts"


# -- no instructor tooling in the student environment --------------------------

INSTRUCTOR_ONLY = {"nbgrader", "ngshare", "jupyterhub"}


def test_what_a_student_installs_brings_no_instructor_tooling():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {name_of(d) for d in project["dependencies"]}
    assert not runtime & INSTRUCTOR_ONLY, "pip install smlessons / make lab would bring instructor tooling"
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    binder = {name_of(d) for d in env["dependencies"] if isinstance(d, str)}
    binder |= {name_of(p) for d in env["dependencies"] if isinstance(d, dict) for p in d.get("pip", [])}
    assert not binder & INSTRUCTOR_ONLY, "Binder would bring instructor tooling"
    assert "nbgrader" in {name_of(d) for d in project["optional-dependencies"]["test"]}, "the tests still need nbgrader"


def _make(*args, **env):
    import os
    import shutil

    if shutil.which("make") is None:
        raise AssertionError("these checks need make (the course's install command)")
    venv = Path(sys.executable).resolve().parents[1]
    return subprocess.run(
        ["make", "-C", str(ROOT), f"VENV={venv}", *args], capture_output=True, text=True, check=True,
        env={**os.environ, **env},
    )  # fmt: skip


def test_make_lab_starts_jupyter_with_the_student_configuration():
    dry = _make("-n", "lab").stdout
    command = [line for line in dry.splitlines() if "JUPYTER_CONFIG_PATH=" in line]
    assert command, "make lab must start jupyter with the student configuration"
    assert "student-config" in command[0]
    assert "jupyter lab" in dry.replace("\\\n", " ").replace("  ", " ") or "jupyter lab" in dry


def test_a_lab_started_the_make_lab_way_has_no_nbgrader(tmp_path):
    """Start JupyterLab with the configuration make lab writes: the page loads
    no nbgrader extension and nbgrader's server pages do not exist."""
    import json
    import os
    import socket
    import time
    import urllib.error
    import urllib.request

    config = tmp_path / "student-config"
    _make(f"STUDENT_CONFIG={config}", f"{config}/.written")
    page = json.loads((config / "labconfig" / "page_config.json").read_text())
    assert page["disabledExtensions"]["@jupyter/nbgrader"] is True

    def start(env_extra):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
               "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws"), **env_extra}  # fmt: skip
        env.pop("JUPYTER_CONFIG_PATH", None) if not env_extra else None
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
             "--IdentityProvider.token=t", f"--ServerApp.root_dir={tmp_path}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token=t", timeout=2)
                return proc, base
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.25)
        proc.kill()
        raise AssertionError("jupyter lab did not start")

    def look(base):
        html = urllib.request.urlopen(f"{base}/lab?token=t", timeout=10).read().decode()
        start = html.index('id="jupyter-config-data"')
        data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
        try:
            formgrader = urllib.request.urlopen(f"{base}/formgrader?token=t", timeout=10).status
        except urllib.error.HTTPError as err:
            formgrader = err.code
        loaded = {e["name"] for e in data["federated_extensions"]}
        disabled = data.get("disabledExtensions", [])
        disabled = set(disabled) if isinstance(disabled, list) else {k for k, v in disabled.items() if v}
        return loaded, disabled, formgrader

    results = {}
    for name, env_extra in (("student", {"JUPYTER_CONFIG_PATH": str(config)}), ("plain", {})):
        proc, base = start(env_extra)
        try:
            results[name] = look(base)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    loaded, disabled, formgrader = results["student"]
    assert "@jupyter/nbgrader" in disabled, "nbgrader's JupyterLab extension must be disabled"
    assert formgrader == 404, "nbgrader's formgrader must not be served"
    # The check can fail: the same venv without the student configuration has nbgrader on.
    loaded, disabled, formgrader = results["plain"]
    assert "@jupyter/nbgrader" in loaded and "@jupyter/nbgrader" not in disabled
    assert formgrader != 404


def test_nbgrader_comes_with_the_instructor_extra_and_the_tests_have_it():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert {name_of(d) for d in extras["instructor"]} == {"nbgrader"}
    missing = set(extras["instructor"]) - set(extras["test"])
    assert not missing, f"the test extra must list the instructor extra's packages as they are: {missing}"


def _pip_installs(dry_run: str) -> list[str]:
    return [line for line in dry_run.splitlines() if "pip install" in line and "--upgrade pip" not in line]


def test_make_lab_installs_no_extra_and_make_instructor_installs_nbgrader(tmp_path):
    fresh = f"VENV={tmp_path / 'venv'}"  # as on a first run: everything would be installed
    lab = _pip_installs(_make("-n", "lab", fresh).stdout)
    assert lab and all(line.rstrip().endswith("pip install --quiet -e .") for line in lab), lab
    instructor = _pip_installs(_make("-n", "instructor", fresh).stdout)
    assert any(line.rstrip().endswith("-e '.[instructor]'") for line in instructor), instructor
    assert not any("[test]" in line for line in instructor), "teachers do not need the test tools"


def test_package_data_ships_the_course_template():
    import fnmatch

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"][
        "smlessons.instructor"
    ]
    template = ROOT / "smlessons" / "instructor" / "course_template"
    files = [p.relative_to(ROOT / "smlessons" / "instructor").as_posix() for p in template.iterdir() if p.is_file()]
    assert {"course_template/gitignore", "course_template/roster.csv", "course_template/README.md"} <= set(files)
    for name in files:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), f"{name} would not be installed"
