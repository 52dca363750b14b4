"""smlessons.instructor.roster: the roster nbgrader imports, read with errors that name
the file, the line and the field."""

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from smlessons.instructor.roster import ROSTER_COLUMNS, RosterError, Student, read_roster


def roster(tmp_path, text, name="roster.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_the_columns_are_those_of_nbgraders_student_table():
    nbgrader_api = pytest.importorskip("nbgrader.api")
    assert tuple(nbgrader_api.Student.__table__.c.keys()) == ROSTER_COLUMNS


def test_reads_every_column_in_file_order(tmp_path):
    path = roster(tmp_path, (
        "id,first_name,last_name,email,lms_user_id\r\n"
        "ada,Ada,Lovelace,ada@example.org,4711\r\n"
        "bo,Bo,\"Chen, Jr.\",bo@example.org,4712\r\n"
        "\r\n"
        "cy,,,,\r\n"
    ))  # fmt: skip
    students = read_roster(path)
    assert students == [
        Student("ada", "Ada", "Lovelace", "ada@example.org", "4711"),
        Student("bo", "Bo", "Chen, Jr.", "bo@example.org", "4712"),
        Student("cy"),
    ]
    assert [s.line for s in students] == [2, 3, 5]
    assert [s.name for s in students] == ["Ada Lovelace", "Bo Chen, Jr.", "cy"]
    assert students[0].sortable_name == "Lovelace, Ada"


def test_only_the_id_column_is_required_and_unknown_columns_are_ignored(tmp_path):
    path = roster(tmp_path, " id , section ,email\nada,A,ada@example.org\nbo,B\n")
    assert read_roster(path) == [Student("ada", email="ada@example.org"), Student("bo")]


def test_accented_names_are_read_as_utf8(tmp_path):
    path = roster(tmp_path, "id,first_name,last_name\nzoe,Zoë,Müller-Łukasz\n")
    assert read_roster(path)[0].name == "Zoë Müller-Łukasz"


def test_the_file_nbgrader_imports_is_the_file_we_read(tmp_path):
    """nbgrader db student import reads the same students from the same file."""
    nbgrader = Path(sys.executable).with_name("nbgrader")
    if not nbgrader.exists():
        pytest.skip("nbgrader is not installed beside this Python")
    path = roster(
        tmp_path, "id,first_name,last_name,email,lms_user_id\nada,Ada,Lovelace,ada@example.org,4711\nbo,Bo,Chen,,\n"
    )
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.root = '.'\n")
    env = {**os.environ, "PATH": f"{nbgrader.parent}{os.pathsep}{os.environ.get('PATH', '')}"}  # alembic
    subprocess.run(
        [str(nbgrader), "db", "student", "import", "roster.csv"], cwd=tmp_path, env=env, check=True, capture_output=True
    )
    listed = subprocess.run(
        [str(nbgrader), "db", "student", "list"], cwd=tmp_path, env=env, check=True, capture_output=True, text=True
    )
    ours = read_roster(path)
    for s in ours:
        assert re.search(rf"^{s.id} \({s.last_name or 'None'}, {s.first_name or 'None'}\) -- {s.email or 'None'}, {s.lms_user_id or 'None'}$",
                         listed.stdout + listed.stderr, re.M), listed.stdout  # fmt: skip


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"roster\.csv: the roster is empty"),
        ("first_name,email\nAda,ada@example.org\n", r"roster\.csv, line 1, field 'id': no 'id' column"),
        ("ID,Email\nada,a@x\n", r"line 1, field 'id': no 'id' column .*lower case"),
        ("id,email,email\nada,a,b\n", r"line 1, field 'email': the header names this column twice"),
        ("id,first_name\nada,Ada\n,Bo\n", r"roster\.csv, line 3, field 'id': the id is empty"),
        ("id,first_name\nada,Ada\n,,\n", r"line 3, field 'id': an empty row"),
        ("id,first_name\nada,Ada\nbo,Bo\nada,Ada again\n", r"line 4, field 'id': the id 'ada' is already on line 2"),
        ("id,first_name\n ada,Ada\n", r"line 2, field 'id': the id ' ada' has spaces around it"),
        ("id,first_name\n../ada,Ada\n", r"line 2, field 'id': .*cannot be a folder name"),
        ("id,first_name,last_name\nbo,Bo,Chen, Jr.\n", r"line 2: 4 fields, but the header has 3 .*double quotes"),
        ('id,first_name\nada,"Ada\n', r"roster\.csv, line \d+: not valid CSV"),
    ],
)
def test_errors_name_the_file_line_and_field(tmp_path, text, message):
    path = roster(tmp_path, text)
    with pytest.raises(RosterError, match=message):
        read_roster(path)


def test_a_file_saved_in_latin1_is_named_with_its_line(tmp_path):
    path = roster(tmp_path, "id,first_name\nada,Ada\nzoe,Zoë\n", encoding="latin-1")
    with pytest.raises(RosterError, match=r"roster\.csv, line 3: not UTF-8 text \(byte 0xeb\).*UTF-8"):
        read_roster(path)


def test_a_byte_order_mark_is_explained(tmp_path):
    path = roster(tmp_path, "\ufeffid,first_name\nada,Ada\n")
    with pytest.raises(RosterError, match=r"line 1: the file starts with a byte-order mark.*'id' column"):
        read_roster(path)


def test_a_missing_file_or_a_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="no roster file"):
        read_roster(tmp_path / "nope.csv")
    with pytest.raises(RosterError, match="a folder, not a roster file"):
        read_roster(tmp_path)


def test_a_roster_written_by_csv_reads_back(tmp_path):
    people = [
        Student(f"s{i:03d}", f"First{i}", f'Last "{i}", x', f"s{i}@example.org", str(1000 + i)) for i in range(50)
    ]
    path = tmp_path / "roster.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(ROSTER_COLUMNS)
        w.writerows([s.id, s.first_name, s.last_name, s.email, s.lms_user_id] for s in people)
    assert read_roster(path) == people


def test_a_semicolon_separated_line_is_refused_naming_the_line(tmp_path):
    path = roster(
        tmp_path, "id,first_name,last_name,email,lms_user_id\nada,Ada,L,a@x.org,1\nivy;Ivy;Green;ivy@x.org;9\n"
    )
    with pytest.raises(RosterError) as info:
        read_roster(path)
    message = str(info.value)
    assert message.startswith("roster.csv, line 3, field 'id'")
    assert "looks like a semicolon-separated file" in message and "save it as CSV with commas" in message


def test_a_whole_semicolon_separated_file_is_refused_too(tmp_path):
    path = roster(tmp_path, "id;first_name;last_name\nada;Ada;L\n")
    with pytest.raises(RosterError, match="no 'id' column"):
        read_roster(path)


@pytest.mark.parametrize("bad", ['"a,b"', "ada lovelace", '"ada\tl"', "a/b"])
def test_ids_with_a_comma_a_space_or_a_slash_are_refused(tmp_path, bad):
    path = roster(tmp_path, f"id,first_name\nbo,Bo\n{bad},X\n")
    with pytest.raises(RosterError, match="line 3, field 'id'"):
        read_roster(path)


def test_a_row_with_more_fields_than_the_header_is_refused(tmp_path):
    path = roster(tmp_path, "id,first_name\nbo,Bo,Chen\n")
    with pytest.raises(RosterError, match="line 2: 3 fields, but the header has 2"):
        read_roster(path)
