"""No sentence a student reads is written in the package's Python code.

Every student-facing sentence lives in the gettext catalogs
(``smlessons/locale``, English and Italian) and is marked in the code with
``N_``/``NP_`` (a constant) or a translator's ``gettext``/``ngettext``
call; the lessons' own texts live in data files (``content/``). This test
reads every module of the package with :mod:`ast` and fails on a string
literal that looks like a sentence anywhere else, naming its file, line and
text.

What counts as a sentence (tuned on the package's real strings): three or
more words of letters separated by single spaces (``"is not tied to"``), a
capitalised word followed by a space and a word (``"Not quite"``), or a
capitalised label followed by a colon and a space (``"Score: "``). In an
f-string, each ``{...}`` counts as one word, so ``f"{u} and {v}"`` is a
sentence too.

Exempt:

- docstrings (the first statement of a module, class or function): they
  are written for programmers;
- the arguments of ``raise SomeError(...)`` (any exception class whose name
  ends in ``Error`` or ``Exception``), and of a data file validator's
  ``fail(...)`` callback (or ``fail_here(...)``...) (which raises the file's error): messages for
  programmers and the authors of data files. A student
  who calls a function with a wrong argument sees these too (a ``TypeError``
  naming the parameter); like Python's own errors they are about the code
  just written, and stay in English. An exception whose message is shown
  to a student as feedback must carry a marked message instead (its class
  name must not end in ``Error``, so it is scanned);
- the arguments of the marker calls: ``N_``, ``NP_``, ``NC_``, and any call of a
  function or method named ``gettext``, ``ngettext``, ``pgettext`` or
  ``npgettext`` (``t.gettext(...)``, ``translator(lang).gettext(...)``).

Not scanned: ``smlessons/instructor/`` (the teacher's tools: command line,
grader, reports, course template), which speaks English by design; and the
data files' validation (``smlessons/content/loader.py`` and ``checks.py``),
whose messages are for whoever edits a data file (the course's authors, an
instructor writing a bank), in English like the instructor's tools.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import pytest

import smlessons

PKG = Path(smlessons.__file__).parent
#: Folders of the package that are not scanned (see the module's docstring).
NOT_SCANNED = ("instructor", "content/loader.py", "content/checks.py")
MARKERS = {"N_", "NP_", "NC_", "gettext", "ngettext", "pgettext", "npgettext"}
#: Callables whose arguments are messages for programmers: a validator's callback that raises
#: (``fail``, ``fail_here``...).
PROGRAMMERS = re.compile(r"^fail(_\w+)?$")
#: A word for the patterns: letters (and an apostrophe inside); "\x00" stands for an f-string's {...}.
_WORD = r"(?:[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)?|\x00)"
SENTENCE = re.compile(
    rf"(?<![\w.\\/%$-]){_WORD}(?: {_WORD}){{2,}}(?![\w/\\(])"  # three words or more
    rf"|\b[A-Z][a-z]+ [a-z]+\b"  # "Not quite", "Right answer"
    rf"|\b[A-Z][a-z]+: "  # a label: "Score: ", "Hint: "
)


def _name_of(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _exempt_nodes(tree: ast.AST) -> set[int]:
    """The ids of the nodes whose strings are exempt (docstrings, raised errors, marker calls)."""
    exempt: set[int] = set()

    def mark(node):
        for sub in ast.walk(node):
            exempt.add(id(sub))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                if isinstance(body[0].value.value, str):
                    mark(body[0])
        elif isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc
            if isinstance(exc, ast.Call) and re.search(r"(Error|Exception)$", _name_of(exc.func)):
                mark(exc)
        elif isinstance(node, ast.Call) and (_name_of(node.func) in MARKERS or PROGRAMMERS.match(_name_of(node.func))):
            mark(node)
    return exempt


def _text(node: ast.AST) -> str | None:
    """The literal text of a string constant, or of an f-string with each {...} as "\\x00"."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "\x00" for v in node.values
        )
    return None


def findings(source: str, filename: str = "<source>") -> list[tuple[int, str]]:
    """``[(line, literal)]``: the sentence-like string literals of a module's source."""
    tree = ast.parse(source, filename)
    exempt = _exempt_nodes(tree)
    inner = set()  # the parts of f-strings, judged with their f-string
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for sub in ast.walk(node):
                if sub is not node:
                    inner.add(id(sub))
    found = []
    for node in ast.walk(tree):
        if id(node) in exempt or id(node) in inner:
            continue
        text = _text(node)
        if text and SENTENCE.search(text):
            found.append((node.lineno, text.replace("\x00", "{}")))
    return sorted(found)


def scanned_files() -> list[Path]:
    def scanned(rel: str) -> bool:
        return not any(rel == n or rel.startswith(n + "/") for n in NOT_SCANNED)

    return [p for p in sorted(PKG.rglob("*.py")) if scanned(p.relative_to(PKG).as_posix())]


def report(paths) -> dict[str, list[tuple[int, str]]]:
    """``{relative path: findings}`` for the files that have some."""
    out = {}
    for path in paths:
        found = findings(path.read_text(encoding="utf-8"), str(path))
        if found:
            out[str(path.relative_to(PKG.parent))] = found
    return out


# -- the scanner itself ------------------------------------------------------


def test_a_sentence_in_code_is_found():
    source = textwrap.dedent(
        '''
        """A module docstring is exempt, however long it is."""
        from smlessons.i18n import N_

        GREETING = "Welcome to the course"
        LABEL = N_("Marked messages are exempt")

        def f(x, t):
            """A function's docstring is exempt too."""
            if x is None:
                raise ValueError(f"x must be a number, not {x!r}")
            print(f"{x} is not tied to anybody")
            print(t.gettext("Right: {answer}.", answer=x))
            return "Not quite"
        '''
    )
    found = findings(source)
    assert found == [(5, "Welcome to the course"), (12, "{} is not tied to anybody"), (14, "Not quite")]


@pytest.mark.parametrize(
    "text",
    ["Score: ", "Hint: have a look", "the answer names nobody", "Right answer", "{} and {} are not tied"],
)
def test_what_counts_as_a_sentence(text):
    source = f"x = {text.replace('{}', '{y}')!r}" if "{}" not in text else f"x = f{text.replace('{}', '{y}')!r}"
    assert findings(source), text


@pytest.mark.parametrize(
    "text",
    [
        "lesson01-media-or-network",
        r"\s*(?:,|;|\band\b|&)\s*",
        "%Y%m%dT%H%M%S",
        "one_best_medium",
        "C.UTF-8",
        "{label}: {bin}",
        "rgba(0, 0, 0, 0.5)",
        "Arial, sans-serif",
        "TikTok",
    ],
)
def test_what_is_not_a_sentence(text):
    assert not findings(f"x = {text!r}"), text


def test_a_raised_error_is_exempt_but_a_student_facing_exception_is_not():
    source = 'raise QuestionFileError("the file has no questions")\nraise _Unreadable("the answer names nobody")\n'
    assert findings(source) == [(2, "the answer names nobody")]


# -- the package ---------------------------------------------------------------


def test_the_scan_covers_the_package():
    files = {str(p.relative_to(PKG)) for p in scanned_files()}
    assert "exercises/questions.py" in files and "widgets/sorting_board.py" in files
    assert not any(f.startswith("instructor") for f in files)


@pytest.mark.parametrize("path", scanned_files(), ids=lambda p: str(p.relative_to(PKG)))
def test_no_sentence_in_the_package_code(path):
    found = findings(path.read_text(encoding="utf-8"), str(path))
    where = path.relative_to(PKG.parent)
    lines = [f"{where}:{line}: {text!r}" for line, text in found]
    assert not lines, (
        f"{len(lines)} sentence-like string literal(s) outside the gettext catalogs "
        "(mark them with N_ / gettext and translate them, see smlessons/i18n.py):\n" + "\n".join(lines)
    )
