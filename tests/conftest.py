"""Unit tests run in English whatever the machine's locale: boards and
grading follow the environment's language (see smlessons/i18n.py), and the
tests compare English text. Tests of the Italian side ask for it."""

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
