"""Shared fixtures of the unit tests: English whatever the machine's locale
(boards and grading follow the environment's language, see smlessons/i18n.py,
and the tests compare English text), and an answer folder of each test's own."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _english_environment():
    # session-wide, so that module fixtures (and the kernels they start) see it too
    with pytest.MonkeyPatch.context() as mp:
        for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            mp.delenv(var, raising=False)
        mp.setenv("LANG", "C.UTF-8")
        yield


@pytest.fixture(autouse=True)
def _own_answer_folder(tmp_path, monkeypatch):
    """Every test saves answers in its own folder: a board a test fills in must
    never be restored by another test, nor by a notebook under nbval later in
    the same session."""
    monkeypatch.setenv("SMLESSONS_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
