"""The class roster: who should hand in, read from the file nbgrader imports.

The roster is the CSV file that ``nbgrader db student import roster.csv``
reads, so one file feeds nbgrader's gradebook, the report and the grade
exports. Its first line is the header; only ``id`` is required::

    id,first_name,last_name,email,lms_user_id
    ada,Ada,Lovelace,ada@example.org,4711
    bo,Bo,Chen,bo@example.org,4712

``id`` is the student's nbgrader id: the name of their folder in
``submitted/`` (on a hub, their user name). ``email`` identifies the
student in Moodle's grade import; ``lms_user_id`` is the LMS's own user id
(Canvas's numeric user ID). Columns nbgrader does not know are ignored, as
nbgrader ignores them.

:func:`read_roster` is stricter than nbgrader where nbgrader would fail or
silently do something else: a file that is not UTF-8, a byte-order mark
(nbgrader would not find the ``id`` column), a missing ``id`` column, an
empty or duplicated id, an id with a ``;`` (a semicolon-separated file, as
spreadsheets save "CSV" in some languages), a ``,``, a space or a ``/``, or
a row with more fields than the header is an error that names the file, the
line and the field. ``smlessons roster check roster.csv`` runs these checks
before ``nbgrader db student import``.

Plain Python: nothing here imports nbgrader.
"""

from __future__ import annotations

import csv
import errno
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..exercises.answers import shorten

__all__ = ["ROSTER_COLUMNS", "RosterError", "Student", "natural_key", "read_roster"]

#: The columns of nbgrader's student table, in the order nbgrader lists them.
ROSTER_COLUMNS = ("id", "first_name", "last_name", "email", "lms_user_id")
_BOM = "\ufeff"


def natural_key(name: str) -> list:
    """Sort key of student ids, folders and assignment names: numbers by value.

    Examples
    --------
    >>> sorted(["lesson10", "lesson2", "ada"], key=natural_key)
    ['ada', 'lesson2', 'lesson10']
    """
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


class RosterError(ValueError):
    """A roster file that cannot be used; the message names file, line and field."""


@dataclass(frozen=True)
class Student:
    """One student of the roster.

    Attributes
    ----------
    id : str
        nbgrader's student id (the folder name in ``submitted/``).
    first_name, last_name, email, lms_user_id : str
        ``""`` when the roster leaves them empty or has no such column.
    line : int
        The line of the roster file the student is on (0 if not read from a
        file); not compared.
    """

    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    lms_user_id: str = ""
    line: int = field(default=0, compare=False, repr=False)

    @property
    def name(self) -> str:
        """``"First Last"``, or the id when the roster gives no name."""
        return " ".join(p for p in (self.first_name, self.last_name) if p) or self.id

    @property
    def sortable_name(self) -> str:
        """``"Last, First"`` (as Canvas lists students), or the id when the roster gives no name."""
        if self.last_name and self.first_name:
            return f"{self.last_name}, {self.first_name}"
        return self.last_name or self.first_name or self.id


def _where(path: Path, line: int, column: str | None = None) -> str:
    return f"{path.name}, line {line}" + (f", field {column!r}" if column else "")


def _decode(raw: bytes, path: Path) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RosterError(
            f"{_where(path, line)}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
            "save the roster as CSV in UTF-8 (in a spreadsheet: 'CSV UTF-8' or 'Text CSV, Unicode (UTF-8)')"
        ) from None
    if text.startswith(_BOM):
        raise RosterError(
            f"{_where(path, 1)}: the file starts with a byte-order mark (as some spreadsheets save "
            "'CSV UTF-8'); nbgrader db student import would not find the 'id' column. Save it as "
            "plain CSV in UTF-8, or delete the invisible first character"
        )
    return text


def _check_id(value: str, path: Path, line: int) -> None:
    where = _where(path, line, "id")
    if not value.strip():
        raise RosterError(f"{where}: the id is empty; every student needs one (their nbgrader id)")
    if value != value.strip():
        raise RosterError(f"{where}: the id {value!r} has spaces around it; nbgrader would keep them")
    if ";" in value:
        raise RosterError(
            f"{where}: the id {shorten(value, 60)!r} has a ';' in it: the file looks like a semicolon-separated file: save it as CSV "
            "with commas (in some languages spreadsheets save 'CSV' with semicolons)"
        )
    if "," in value:
        raise RosterError(
            f"{where}: the id {shorten(value, 60)!r} has a ',' in it; an id is one word, like ada or s1234567"
        )
    if any(c.isspace() for c in value):
        raise RosterError(
            f"{where}: the id {shorten(value, 60)!r} has a space (or a tab) in it; an id is one word, like ada or s1234567"
        )
    if "/" in value or "\\" in value or value in (".", ".."):
        raise RosterError(f"{where}: the id {value!r} cannot be a folder name in submitted/")


def read_roster(path) -> list[Student]:
    """Read a roster file (the CSV ``nbgrader db student import`` reads).

    Parameters
    ----------
    path : path
        A CSV file in UTF-8 whose header names the columns; ``id`` is
        required, ``first_name``, ``last_name``, ``email`` and
        ``lms_user_id`` are optional, other columns are ignored. Spaces
        around the names in the header and around the other fields'
        values are ignored; blank lines are skipped.

    Returns
    -------
    list of Student
        In the order of the file.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    RosterError
        If the file cannot be used; the message names the file, the line
        and the field.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "roster.csv"
    >>> _ = p.write_text("id,first_name,last_name,email\\nada,Ada,Lovelace,ada@example.org\\n")
    >>> [(s.id, s.name, s.email) for s in read_roster(p)]
    [('ada', 'Ada Lovelace', 'ada@example.org')]
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, "no roster file", str(path)) from None
    except IsADirectoryError:
        raise RosterError(f"{path}: a folder, not a roster file") from None
    except OSError as exc:
        raise RosterError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    text = _decode(raw, path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    students: list[Student] = []
    seen: dict = {}
    try:
        header = next(reader, None)
        while header is not None and not any(h.strip() for h in header):  # blank lines before the header
            header = next(reader, None)
        if header is None:
            raise RosterError(
                f"{path.name}: the roster is empty; its first line must be the header {','.join(ROSTER_COLUMNS)}"
            )
        header_line = reader.line_num
        names = [h.strip() for h in header]
        doubled = sorted({n for n in names if n and names.count(n) > 1})
        if doubled:
            raise RosterError(f"{_where(path, header_line, doubled[0])}: the header names this column twice")
        if "id" not in names:
            hint = ""
            if any(n.lower() == "id" for n in names):
                hint = "; the column names are lower case, as nbgrader expects: " + ",".join(ROSTER_COLUMNS)
            raise RosterError(
                f"{_where(path, header_line, 'id')}: no 'id' column (the header is {','.join(names)!r}){hint}"
            )
        index = {n: i for i, n in enumerate(names) if n}
        for row in reader:
            line = reader.line_num
            if not row:
                continue
            if not any(v.strip() for v in row):
                raise RosterError(
                    f"{_where(path, line, 'id')}: an empty row (only commas); delete it, "
                    "nbgrader db student import fails on it too"
                )
            if len(row) > len(names):
                raise RosterError(
                    f"{_where(path, line)}: {len(row)} fields, but the header has {len(names)} "
                    "(a comma inside a name? put that field in double quotes)"
                )

            def value(column: str) -> str:
                i = index.get(column)
                return row[i] if i is not None and i < len(row) else ""

            sid = value("id")
            _check_id(sid, path, line)
            if sid in seen:
                raise RosterError(f"{_where(path, line, 'id')}: the id {sid!r} is already on line {seen[sid]}")
            seen[sid] = line
            students.append(
                Student(
                    id=sid,
                    first_name=value("first_name").strip(),
                    last_name=value("last_name").strip(),
                    email=value("email").strip(),
                    lms_user_id=value("lms_user_id").strip(),
                    line=line,
                )
            )
    except csv.Error as exc:
        raise RosterError(f"{_where(path, reader.line_num)}: not valid CSV ({exc})") from None
    return students
