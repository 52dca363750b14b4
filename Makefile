# One command for students (make lab), one for teachers (make instructor), one for
# contributors (make test).
# Everything is installed into .venv beside this file; run again, it reuses it.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
# Jupyter refuses to run as root unless told to (containers often run as root).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab instructor test unit notebooks browser bench outputs install install-test chromium clean help

help:
	@echo "make lab     install the course (first time only) and open it in JupyterLab"
	@echo "make instructor  install the teacher's tools (nbgrader) beside it; see instructors/README.md"
	@echo "make test    install everything and run unit, notebook (nbval) and browser tests"
	@echo "make bench   run the benchmarks in benchmarks/"
	@echo "make clean   remove the virtual environment"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "smlessons needs Python 3.10 or newer; this is " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamps depend on pyproject.toml: change the dependencies and the next
# make reinstalls; otherwise nothing is installed twice.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# The teacher's tools (the instructor extra: nbgrader). make lab never installs them.
$(VENV)/.installed-instructor: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[instructor]'
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

unit: install-test
	$(BIN)/python -m pytest tests --ignore=tests/browser
	$(BIN)/python -m pytest --doctest-modules smlessons --ignore=smlessons/instructor/course_template

notebooks: install-test
	$(BIN)/python -m pytest --nbval --nbval-current-env notebooks

browser: install-test chromium
	$(BIN)/python -m pytest tests/browser

test: install-test chromium
	$(BIN)/python -m pytest tests notebooks --nbval --nbval-current-env
	$(BIN)/python -m pytest --doctest-modules smlessons --ignore=smlessons/instructor/course_template

# Regenerate stored outputs after changing a notebook: make outputs NB="notebooks/01-media-and-networks.ipynb"
outputs: install-test
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.store_widget_state=False $(NB)
	$(BIN)/python tests/notebook_outputs.py $(NB)

bench: install-test chromium
	$(BIN)/python -m pip install --quiet -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV)
