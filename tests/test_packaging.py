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
    assert (pkg / "static" / "sorting_board.js").is_file()
    assert (pkg / "static" / "sorting_board.css").is_file()
    assert list((pkg / "exercises").glob("*.json"))


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
