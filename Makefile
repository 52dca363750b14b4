# One command for students (make lab), one for teachers (make instructor), one for
# contributors (make test).
# Everything is installed into .venv beside this file; run again, it reuses it.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
# Jupyter refuses to run as root unless told to (containers often run as root).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

# Pinned versions (README, "Pinned versions"). Every install below takes its
# versions from a lock made by `make upgrade`; tests/test_packaging.py checks
# that the locks, pyproject.toml and environment.yml agree.
LAB_LOCK := requirements/lab.txt
DEV_LOCK := requirements/dev.txt
# pip itself: the same version as environment.yml's pip=.
PIP_VERSION := 26.3
# The lock tool, in a venv of its own (never in the course's venv).
UV_VERSION := 0.13.9
LOCK_PYTHON := 3.11
TOOLS := $(VENV)/lock-tools

.PHONY: lab instructor test unit lint format notebooks browser bench outputs it-sync it-sync-guide install install-test lock upgrade chromium clean help

help:
	@echo "make lab     install the course (first time only) and open it in JupyterLab"
	@echo "make instructor  install the teacher's tools (nbgrader) beside it; see instructors/README.md"
	@echo "make test    install everything and run unit, notebook (nbval) and browser tests"
	@echo "make bench   run the benchmarks in benchmarks/"
	@echo "make upgrade move every pin in requirements/ to the newest release (then make test)"
	@echo "make lock    re-pin after changing pyproject.toml's dependencies, keeping the other pins"
	@echo "make clean   remove the virtual environment"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= tuple(map(int, "$(LOCK_PYTHON)".split("."))) else "smlessons pins its packages (requirements/) for Python $(LOCK_PYTHON) or newer; this is " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==$(PIP_VERSION)

# The stamps depend on pyproject.toml and the locks: change either and the next
# make reinstalls; otherwise nothing is installed twice.
# make lab installs exactly what Binder installs (environment.yml's pip list).
$(VENV)/.installed: pyproject.toml $(LAB_LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r $(LAB_LOCK) -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(DEV_LOCK) $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r $(DEV_LOCK) -e '.[test]'
	@touch $@

# The teacher's tools (the instructor extra: nbgrader) at the versions the tests
# ran with; without the test tools. make lab never installs them.
$(VENV)/.installed-instructor: pyproject.toml $(DEV_LOCK) $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c $(DEV_LOCK) -e '.[instructor]'
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

instructor: $(VENV)/.installed-instructor
	@echo "nbgrader is installed in $(VENV). In every new terminal, first: source $(VENV)/bin/activate"
	@echo "Then make your private course outside this clone: smlessons course init ../my-course"
	@echo "The walkthrough: instructors/README.md, 'Grading with nbgrader'."

# Students never see the instructor tooling. The test extras (make test)
# install nbgrader into the same .venv, and nbgrader switches itself on for
# every Jupyter started from it; so the lab runs with a configuration that
# switches nbgrader's server extensions off and disables its JupyterLab
# extension (no nbgrader menu, no Validate button, no Create Assignment panel).
STUDENT_CONFIG := $(VENV)/student-config
NBGRADER_SERVER := formgrader validate_assignment assignment_list course_list

$(STUDENT_CONFIG)/.written: Makefile | $(BIN)/python
	mkdir -p $(STUDENT_CONFIG)/labconfig
	printf '{"disabledExtensions": {"@jupyter/nbgrader": true}}\n' > $(STUDENT_CONFIG)/labconfig/page_config.json
	printf '{"ServerApp": {"jpserver_extensions": {%s}}}\n' \
	  "$$(printf '"nbgrader.server_extensions.%s": false, ' $(NBGRADER_SERVER) | sed 's/, $$//')" \
	  > $(STUDENT_CONFIG)/jupyter_server_config.json
	@touch $@

lab: install $(STUDENT_CONFIG)/.written
	JUPYTER_CONFIG_PATH=$(abspath $(STUDENT_CONFIG)) \
	  $(BIN)/jupyter lab --port=$(PORT) --ServerApp.root_dir=. $(ROOT_FLAG) \
	  --LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb $(LAB_ARGS)

# Debian's chromium for the browser tests (never Playwright's own download).
chromium:
	@if [ -x /usr/bin/chromium ]; then \
	  echo "chromium: $$(/usr/bin/chromium --version 2>/dev/null)"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core fonts-noto-color-emoji >/dev/null && \
	  echo "installed: $$(/usr/bin/chromium --version)"; \
	else \
	  echo "The browser tests need Debian's chromium at /usr/bin/chromium."; \
	  echo "Install it with: sudo apt-get install chromium"; \
	  if [ "$$CI" = "true" ]; then exit 1; fi; \
	fi

# The linter and the formatter (configured in pyproject.toml): make format rewrites.
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

unit: install-test lint
	$(BIN)/python -m pytest tests --ignore=tests/browser
	$(BIN)/python -m pytest --doctest-modules smlessons --ignore=smlessons/instructor/course_template

notebooks: install-test
	$(BIN)/python -m pytest --nbval --nbval-current-env notebooks

browser: install-test chromium
	$(BIN)/python -m pytest tests/browser

test: install-test chromium lint
	$(BIN)/python -m pytest tests notebooks --nbval --nbval-current-env
	$(BIN)/python -m pytest --doctest-modules smlessons --ignore=smlessons/instructor/course_template

# Regenerate stored outputs after changing a notebook: make outputs NB="notebooks/01-media-and-networks.ipynb"
outputs: install-test
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.store_widget_state=False $(NB)
	$(BIN)/python tests/notebook_outputs.py $(NB)

# After updating an Italian notebook to match a changed English cell (and having it
# reviewed), record that it is up to date: make it-sync NB="notebooks/it/01-media-e-reti.ipynb"
# (every paired cell) or add CELLS="it-05 it-07" (only those). tests/italian_pairs.py explains.
it-sync: install-test
	$(BIN)/python tests/italian_pairs.py refresh $(NB) $(CELLS)

# After bringing instructors/README.it.md up to date with a changed instructors/README.md,
# record which English it now translates (refuses while the two differ in headings, code,
# links or numbers; tests/test_italian_guide.py explains).
it-sync-guide: install-test
	$(BIN)/python tests/test_italian_guide.py refresh

bench: install-test chromium
	$(BIN)/python -m pip install --quiet -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/run.py

# The locks. requirements/dev.txt (what make test installs: the test and
# instructor extras) is resolved first; requirements/lab.txt (what students get:
# the runtime dependencies) is resolved within it, so every version a student
# gets is one the tests ran with. Universal resolution with the fewest versions:
# one lock for Linux, macOS and Windows, Python $(LOCK_PYTHON) and newer, with one
# version of each package for all of them (what CI tests is what everyone gets).
# make lock keeps every pin it can; make upgrade moves all to the newest.
$(TOOLS)/.uv-$(UV_VERSION):
	rm -rf $(TOOLS)
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet uv==$(UV_VERSION)
	@touch $@

UV_COMPILE = $(TOOLS)/bin/uv pip compile --quiet --universal --fork-strategy fewest --python-version $(LOCK_PYTHON) \
  --custom-compile-command 'make lock' $(UV_ARGS) pyproject.toml

define LAB_NOTE
# What students get: the runtime dependencies of pyproject.toml, every version
# pinned. make lab and Binder (environment.yml) install it with:
#    pip install -r requirements/lab.txt -e .
# Resolved within requirements/dev.txt, so every pin here is one the tests ran
# with. Valid for Python $(LOCK_PYTHON) and newer on Linux, macOS and Windows
# (one version of each package for all); checked on Linux x86_64 with Python
# $(LOCK_PYTHON) (CI and Binder).
# Made with uv $(UV_VERSION) (uv pip compile --universal). Do not edit by hand:
# make upgrade (newest versions) or make lock (after editing pyproject.toml).
endef

define DEV_NOTE
# What contributors and CI get: the test and instructor extras of
# pyproject.toml, every version pinned. make test installs it with:
#    pip install -r requirements/dev.txt -e '.[test]'
# (make instructor takes nbgrader's versions from it too). Valid for Python
# $(LOCK_PYTHON) and newer on Linux, macOS and Windows (one version of each
# package for all); checked on Linux x86_64 with Python $(LOCK_PYTHON) (CI and
# Binder).
# Made with uv $(UV_VERSION) (uv pip compile --universal). Do not edit by hand:
# make upgrade (newest versions) or make lock (after editing pyproject.toml).
endef
export LAB_NOTE DEV_NOTE

lock: $(TOOLS)/.uv-$(UV_VERSION)
	$(UV_COMPILE) --extra test --extra instructor -o $(DEV_LOCK)
	$(UV_COMPILE) -c $(DEV_LOCK) -o $(LAB_LOCK)
	@{ echo "$$DEV_NOTE"; cat $(DEV_LOCK); } > $(DEV_LOCK).tmp
	@{ echo "$$LAB_NOTE"; cat $(LAB_LOCK); } > $(LAB_LOCK).tmp
	@mv $(DEV_LOCK).tmp $(DEV_LOCK) && mv $(LAB_LOCK).tmp $(LAB_LOCK)

upgrade:
	$(MAKE) lock UV_ARGS=--upgrade
	@echo "Pins moved to the newest releases: run make test, then commit requirements/."

clean:
	rm -rf $(VENV)
