"""The course installs the same way everywhere: pip (pyproject.toml), Binder
(environment.yml), make (Makefile), CI (.ci/run)."""

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def name_of(requirement: str) -> str:
    return re.split(r"[<>=!~ ;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


# -- pinned versions: pyproject.toml, requirements/*.txt, environment.yml, Makefile --

LAB_LOCK = "requirements/lab.txt"
DEV_LOCK = "requirements/dev.txt"


def read_lock(text: str, label: str) -> tuple[dict, list[str]]:
    """A lock's pins as {name: [(version, marker or None), ...]} and the problems
    found reading it (a line that is not `name==version [; marker]`)."""
    pins, problems = {}, []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            req = Requirement(line)
        except InvalidRequirement:
            problems.append(f"{label} line {number}: {line!r} is not a pinned requirement")
            continue
        specs = list(req.specifier)
        if len(specs) != 1 or specs[0].operator != "==" or "*" in specs[0].version or req.url or req.extras:
            problems.append(f"{label} line {number}: {line!r} is not pinned to one exact version")
            continue
        marker = str(req.marker) if req.marker else None
        name = canonicalize_name(req.name)
        if name in pins:
            problems.append(f"{label} pins {name} twice: one version for every Python and platform (make lock)")
        pins.setdefault(name, []).append((specs[0].version, marker))
    return pins, problems


def pinned_here(pins: dict, name: str) -> list[str]:
    """The versions a lock installs for `name` on this platform and Python."""
    return [v for v, marker in pins.get(name, []) if marker is None or Marker(marker).evaluate()]


def lock_problems(project: dict, lab_text: str, dev_text: str) -> list[str]:
    """Everything that makes the two locks disagree with pyproject.toml or with each other."""
    lab, problems = read_lock(lab_text, LAB_LOCK)
    dev, dev_problems = read_lock(dev_text, DEV_LOCK)
    problems += dev_problems
    runtime = [Requirement(r) for r in project["dependencies"]]
    extras = project["optional-dependencies"]
    tools = [Requirement(r) for r in extras["test"] + extras["instructor"]]
    for lock_name, pins, wanted in ((LAB_LOCK, lab, runtime), (DEV_LOCK, dev, runtime + tools)):
        for req in wanted:
            if req.marker and not req.marker.evaluate():
                continue
            name = canonicalize_name(req.name)
            versions = pinned_here(pins, name)
            if not versions:
                problems.append(f"{lock_name} does not pin {req.name}, which pyproject.toml needs")
            for version in versions:
                if not req.specifier.contains(version, prereleases=True):
                    problems.append(f"{lock_name} pins {req.name}=={version}, outside pyproject.toml's {req}")
    for name in sorted(set(lab) & INSTRUCTOR_ONLY):
        problems.append(f"{LAB_LOCK} pins {name}: instructor tooling must never reach students")
    for name, entries in sorted(lab.items()):
        dev_versions = {v for v, _ in dev.get(name, [])}
        if not dev_versions:
            problems.append(f"{DEV_LOCK} lacks {name}, which {LAB_LOCK} pins: the tests would not run with it")
        for version, _ in entries:
            if dev_versions and version not in dev_versions:
                problems.append(f"{name}: {version} in {LAB_LOCK} but {sorted(dev_versions)} in {DEV_LOCK}")
    return problems


def makefile_setting(makefile: str, name: str) -> str:
    found = re.findall(rf"^{name} := (\S+)$", makefile, flags=re.MULTILINE)
    assert len(found) == 1, f"the Makefile must set {name} once"
    return found[0]


def binder_problems(env: dict, makefile: str) -> list[str]:
    """Everything that makes environment.yml install something else than make lab."""
    problems = []
    if env.get("channels") != ["conda-forge"]:
        problems.append(f"environment.yml: channels must be [conda-forge], not {env.get('channels')}")
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d for d in env["dependencies"] if isinstance(d, dict)]
    wanted = {
        "python": makefile_setting(makefile, "LOCK_PYTHON"),
        "pip": makefile_setting(makefile, "PIP_VERSION"),
    }
    pins = {}
    for entry in conda:
        name, _, version = entry.partition("=")
        if name.strip() not in wanted:
            problems.append(f"environment.yml: conda package {entry!r}: all but python and pip come from {LAB_LOCK}")
            continue
        pins[name.strip()] = version.strip() or None
        if pins[name.strip()] != wanted[name.strip()]:
            problems.append(f"environment.yml: {entry!r}, but the Makefile uses {name.strip()} {wanted[name.strip()]}")
    problems += [f"environment.yml lacks {name}={version}" for name, version in wanted.items() if name not in pins]
    if pip != [{"pip": [f"-r {LAB_LOCK}", "-e ."]}]:
        problems.append(f"environment.yml's pip list must be exactly ['-r {LAB_LOCK}', '-e .'], not {pip}")
    recipe = re.search(r"^\$\(VENV\)/\.installed:.*\n((?:\t.*\n)+)", makefile, flags=re.MULTILINE)
    installs = [
        line.split("pip install --quiet ", 1)[1]
        for line in (recipe[1] if recipe else "").splitlines()
        if "pip install" in line
    ]
    if installs != ["-r $(LAB_LOCK) -e ."] or makefile_setting(makefile, "LAB_LOCK") != LAB_LOCK:
        problems.append(
            "make lab no longer installs what environment.yml installs (pip install -r requirements/lab.txt -e .)"
        )
    return problems


def test_the_locks_pin_what_pyproject_asks_and_agree_with_each_other():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    problems = lock_problems(project, (ROOT / LAB_LOCK).read_text(), (ROOT / DEV_LOCK).read_text())
    assert problems == []


def test_environment_yml_installs_the_student_lock_as_make_lab_does():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert binder_problems(env, (ROOT / "Makefile").read_text()) == []


@pytest.mark.parametrize("lock, extras", [(LAB_LOCK, ()), (DEV_LOCK, ("test", "instructor"))])
def test_a_lock_is_complete(lock, extras):
    """Every package needed, however deep, is pinned in the lock, so pip never
    adds an unpinned one. Walked through the metadata of the packages installed
    here (make install-test installs the dev lock's versions), for this platform."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins, _ = read_lock((ROOT / lock).read_text(), lock)
    roots = project["dependencies"] + [r for extra in extras for r in project["optional-dependencies"][extra]]
    todo = [
        (req, tuple(sorted(req.extras))) for req in map(Requirement, roots) if not req.marker or req.marker.evaluate()
    ]
    seen, unpinned, walked = set(), set(), 0
    while todo:
        req, req_extras = todo.pop()
        name = canonicalize_name(req.name)
        if (name, req_extras) in seen:
            continue
        seen.add((name, req_extras))
        versions = pinned_here(pins, name)
        if not versions:
            unpinned.add(name)
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if dist.version not in versions:
            continue  # another version's dependencies would say nothing about the pinned one
        walked += 1
        for line in dist.requires or []:
            dep = Requirement(line)
            if dep.marker is None or any(dep.marker.evaluate({"extra": e}) for e in req_extras or ("",)):
                todo.append((dep, tuple(sorted(dep.extras))))
    assert not unpinned, f"{lock} lacks {sorted(unpinned)}: pip would install them unpinned; run make lock"
    assert walked > 50, "too few installed packages walked for the check to mean anything"


def _edit(text: str, pattern: str, new: str) -> str:
    edited, count = re.subn(pattern, new, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"the fixture expects {pattern!r} in the file"
    return edited


@pytest.mark.parametrize(
    "lock, old, new, expected",
    [
        ("lab", r"^numpy==\S+", "numpy==2.0.0", "numpy: 2.0.0 in requirements/lab.txt but"),
        ("lab", r"^numpy==", "numpy>=", "is not pinned to one exact version"),
        ("lab", r"^numpy==\S+", "-e ../numpy", "is not a pinned requirement"),
        ("lab", r"^plotly==", "not-plotly==", "does not pin plotly"),
        ("lab", r"^anyio==", "nbgrader==0.9.6\nanyio==", "instructor tooling must never reach students"),
        ("dev", r"^ruff==", "not-ruff==", "does not pin ruff"),
        ("dev", r"^anyio==", "not-anyio==", "lacks anyio"),
        (
            "lab",
            r"^numpy==\S+",
            "numpy==2.4.0 ; python_version < '3.12'\nnumpy==2.9.0 ; python_version >= '3.12'",
            "pins numpy twice",
        ),
        ("both", r"^numpy==\S+", "numpy==1.20.0", "outside pyproject.toml's numpy>=1.24"),
    ],
)
def test_a_disagreeing_lock_is_caught(lock, old, new, expected):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lab, dev = (ROOT / LAB_LOCK).read_text(), (ROOT / DEV_LOCK).read_text()
    if lock in ("lab", "both"):
        lab = _edit(lab, old, new)
    if lock in ("dev", "both"):
        dev = _edit(dev, old, new)
    problems = lock_problems(project, lab, dev)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (r"^  - pip=", "  - numpy>=1.24\n  - pip=", "conda package 'numpy>=1.24'"),
        (r"^  - pip=.*$", "  - pip=1.0", "'pip=1.0', but the Makefile uses pip"),
        (r"^  - pip=.*$", "  - pip", "'pip', but the Makefile uses pip"),
        (r"^  - python=.*$", "  - python=3.99", "'python=3.99', but the Makefile uses python"),
        (r"^  - python=.*\n", "", "lacks python="),
        (r"^      - -r .*\n", "", "pip list must be exactly"),
        (r"^      - -e \.$", "      - -e .[instructor]", "pip list must be exactly"),
    ],
)
def test_a_disagreeing_environment_yml_is_caught(old, new, expected):
    text = _edit((ROOT / "environment.yml").read_text(), old, new)
    problems = binder_problems(yaml.safe_load(text), (ROOT / "Makefile").read_text())
    assert any(expected in p for p in problems), problems


def test_a_makefile_installing_something_else_than_binder_is_caught():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    makefile = _edit((ROOT / "Makefile").read_text(), r"-r \$\(LAB_LOCK\) -e \.$", "-r $(DEV_LOCK) -e .")
    assert any("make lab no longer installs what environment.yml" in p for p in binder_problems(env, makefile))
    makefile = _edit((ROOT / "Makefile").read_text(), r"^PIP_VERSION := .*$", "PIP_VERSION := 1.0")
    assert any("but the Makefile uses pip 1.0" in p for p in binder_problems(env, makefile))


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
    assert not runtime & INSTRUCTOR_ONLY, "pip install smlessons would bring instructor tooling"
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    binder = {name_of(d) for d in env["dependencies"] if isinstance(d, str)}
    for line in (p for d in env["dependencies"] if isinstance(d, dict) for p in d.get("pip", [])):
        if line.startswith("-r "):
            binder |= set(read_lock((ROOT / line[3:]).read_text(), line[3:])[0])
        elif not line.startswith("-e "):
            binder.add(name_of(line))
    assert LAB_LOCK in str(env) and "anywidget" in binder, "the check must see what Binder installs"
    assert not binder & INSTRUCTOR_ONLY, "Binder / make lab would bring instructor tooling"
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
    """What each `pip install` of a dry run installs."""
    return [line.split("pip install --quiet ", 1)[1].strip() for line in dry_run.splitlines() if "pip install" in line]


def test_make_installs_the_locks_and_nothing_else(tmp_path):
    fresh = f"VENV={tmp_path / 'venv'}"  # as on a first run: everything would be installed
    pip = f"pip=={makefile_setting((ROOT / 'Makefile').read_text(), 'PIP_VERSION')}"
    lab = [pip, f"-r {LAB_LOCK} -e ."]
    assert _pip_installs(_make("-n", "lab", fresh).stdout) == lab
    assert _pip_installs(_make("-n", "install-test", fresh).stdout) == lab + [f"-r {DEV_LOCK} -e '.[test]'"]
    # Teachers get nbgrader at the version the tests ran with, without the test tools.
    assert _pip_installs(_make("-n", "instructor", fresh).stdout) == lab + [f"-c {DEV_LOCK} -e '.[instructor]'"]


def test_a_changed_lock_or_pyproject_reinstalls(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for stamp in ("bin/python", ".installed", ".installed-test", ".installed-instructor"):
        (venv / stamp).touch()
    targets = ("install", "install-test", "instructor", f"VENV={venv}")
    lab, dev, instructor = f"-r {LAB_LOCK} -e .", f"-r {DEV_LOCK} -e '.[test]'", f"-c {DEV_LOCK} -e '.[instructor]'"
    assert _pip_installs(_make("-n", *targets).stdout) == [], "an installed venv must not be installed again"
    assert _pip_installs(_make("-n", "-W", LAB_LOCK, *targets).stdout) == [lab, dev, instructor]
    assert _pip_installs(_make("-n", "-W", DEV_LOCK, *targets).stdout) == [dev, instructor]
    assert _pip_installs(_make("-n", "-W", "pyproject.toml", *targets).stdout) == [lab, dev, instructor]


def test_make_upgrade_installs_its_tool_and_repins_both_locks(tmp_path):
    makefile = (ROOT / "Makefile").read_text()
    dry = _make("-n", "upgrade", f"VENV={tmp_path / 'venv'}").stdout
    assert f"pip install --quiet uv=={makefile_setting(makefile, 'UV_VERSION')}" in dry, (
        "make upgrade installs uv itself"
    )
    compiles = [line for line in dry.replace("\\\n", " ").splitlines() if "uv pip compile" in line]
    assert len(compiles) == 2, compiles
    python = makefile_setting(makefile, "LOCK_PYTHON")
    for line in compiles:
        assert "--upgrade" in line and f"--python-version {python}" in line, line
        assert "--universal --fork-strategy fewest" in line, "one lock, one version of each package, for all"
    # dev first, then lab within it: every student pin is one the tests ran with
    assert "--extra test --extra instructor" in compiles[0] and compiles[0].endswith(f"-o {DEV_LOCK}")
    assert "--extra" not in compiles[1] and compiles[1].endswith(f"-c {DEV_LOCK} -o {LAB_LOCK}")
    lock = _make("-n", "lock", f"VENV={tmp_path / 'venv'}").stdout
    assert "uv pip compile" in lock and "--upgrade" not in lock, "make lock keeps the pins it can"


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
