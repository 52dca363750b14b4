"""smlessons.instructor.gradebook: the plain grades table and the files Moodle and Canvas
import, read back with csv; exact header rows; absent and unknown students."""

import csv
import warnings

import pytest

from smlessons.instructor.gradebook import (
    GradebookError,
    GradebookWarning,
    not_on_roster,
    write_canvas,
    write_grades,
    write_moodle,
)
from smlessons.instructor.roster import Student

ROSTER = [
    Student("ada", "Ada", "Lovelace", "ada@example.org", "4711", line=2),
    Student("bo", "Bo", "Chen, Jr.", "Bo.Chen@example.org", "4712", line=3),
    Student("cy", "Cy", "Young", "cy@example.org", "4713", line=4),  # hands in nothing
]
TOTALS = {
    "ada": {"lesson1": (7, 8), "lesson3": (4.5, 5)},
    "bo": {"lesson1": (2, 8)},  # no lesson3
}
ASSIGNMENTS = ["lesson1", "lesson3"]


def read(path):
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


# -- grades.csv ---------------------------------------------------------------------


def test_grades_has_every_rostered_student_and_marks_who_handed_in_nothing(tmp_path):
    rows = read(write_grades(TOTALS, tmp_path / "grades.csv", ROSTER, ASSIGNMENTS))
    assert rows[0] == ["student", "first_name", "last_name", "lesson1", "lesson3", "total", "out_of", "note"]
    assert rows[1:] == [
        ["ada", "Ada", "Lovelace", "7", "4.5", "11.5", "13", ""],
        ["bo", "Bo", "Chen, Jr.", "2", "0", "2", "13", "no hand-in: lesson3"],
        ["cy", "Cy", "Young", "0", "0", "0", "13", "no hand-in"],
    ]


def test_grades_lists_students_not_on_the_roster_after_the_others(tmp_path):
    totals = {**TOTALS, "zed": {"lesson1": (8, 8)}, "eve": {"lesson3": (1, 5)}}
    rows = read(write_grades(totals, tmp_path / "g.csv", ROSTER, ASSIGNMENTS))
    assert [r[0] for r in rows[1:]] == ["ada", "bo", "cy", "eve", "zed"]
    assert rows[-1] == ["zed", "", "", "8", "0", "8", "13", "not on the roster; no hand-in: lesson3"]


def test_grades_without_a_roster_or_assignments_uses_the_marks(tmp_path):
    totals = {"b": {"lesson10": (1, 2), "lesson2": (2, 2)}, "a": {"lesson2": (0, 2)}}
    rows = read(write_grades(totals, tmp_path / "g.csv"))
    assert rows[0] == ["student", "first_name", "last_name", "lesson2", "lesson10", "total", "out_of", "note"]
    assert [r[0] for r in rows[1:]] == ["a", "b"]
    assert rows[1][3:] == ["0", "0", "0", "4", "no hand-in: lesson10"]


def test_grades_reads_a_roster_file(tmp_path):
    (tmp_path / "roster.csv").write_text("id,first_name\nada,Ada\ncy,Cy\n", encoding="utf-8")
    rows = read(write_grades(TOTALS, tmp_path / "g.csv", tmp_path / "roster.csv", ASSIGNMENTS))
    assert [r[:2] for r in rows[1:]] == [["ada", "Ada"], ["cy", "Cy"], ["bo", ""]]


def test_points_are_written_with_a_dot_and_two_decimals_at_most(tmp_path):
    totals = {"ada": {"a": (1 / 3, 1), "b": (2.0, 2), "c": (1e-7, 1)}}
    rows = read(write_grades(totals, tmp_path / "g.csv", None, {"a": 1, "b": 2, "c": 1}))
    assert rows[1][3:7] == ["0.33", "2", "0", "2.33"]


# -- Moodle ----------------------------------------------------------------------------


def test_moodle_header_and_rows_identify_students_by_email(tmp_path):
    rows = read(write_moodle(TOTALS, tmp_path / "moodle.csv", ROSTER, ASSIGNMENTS))
    assert rows[0] == ["First name", "Last name", "Email address", "lesson1", "lesson3"]
    assert rows[1:] == [
        ["Ada", "Lovelace", "ada@example.org", "7", "4.5"],
        ["Bo", "Chen, Jr.", "Bo.Chen@example.org", "2", "0"],  # e-mail as written: Moodle matches it case-sensitively
        ["Cy", "Young", "cy@example.org", "0", "0"],
    ]


def test_moodle_can_leave_a_missing_hand_in_ungraded(tmp_path):
    rows = read(write_moodle(TOTALS, tmp_path / "m.csv", ROSTER, ASSIGNMENTS, no_hand_in="empty"))
    assert [r[3:] for r in rows[1:]] == [["7", "4.5"], ["2", "-"], ["-", "-"]]


def test_moodle_refuses_a_roster_without_email_naming_the_students(tmp_path):
    roster = [*ROSTER[:2], Student("cy", "Cy", line=4), Student("dee", line=5)]
    with pytest.raises(
        GradebookError, match=r"Moodle needs the e-mail address .* 2 student\(s\): cy \(line 4\), dee \(line 5\)"
    ):
        write_moodle(TOTALS, tmp_path / "m.csv", roster, ASSIGNMENTS)
    assert not (tmp_path / "m.csv").exists()


def test_moodle_refuses_two_students_with_one_email(tmp_path):
    roster = [*ROSTER, Student("ann", email="ada@example.org")]
    with pytest.raises(GradebookError, match="ada and ann have the same email 'ada@example.org'"):
        write_moodle(TOTALS, tmp_path / "m.csv", roster, ASSIGNMENTS)


# -- Canvas ----------------------------------------------------------------------------


def test_canvas_header_points_possible_and_rows_by_canvas_user_id(tmp_path):
    rows = read(write_canvas(TOTALS, tmp_path / "canvas.csv", ROSTER, ASSIGNMENTS))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "lesson1", "lesson3"]
    assert rows[1] == ["Points Possible", "", "", "", "", "8", "5"]
    assert rows[2:] == [
        ["Lovelace, Ada", "4711", "", "", "", "7", "4.5"],
        ["Chen, Jr., Bo", "4712", "", "", "", "2", "0"],
        ["Young, Cy", "4713", "", "", "", "0", "0"],
    ]


def test_canvas_by_login_email_and_ungraded_when_asked(tmp_path):
    rows = read(write_canvas(TOTALS, tmp_path / "c.csv", ROSTER, ASSIGNMENTS, identify_by="email", no_hand_in="empty"))
    assert rows[2] == ["Lovelace, Ada", "", "", "ada@example.org", "", "7", "4.5"]
    assert rows[4] == ["Young, Cy", "", "", "cy@example.org", "", "", ""]


def test_canvas_points_possible_come_from_the_assignments_when_nobody_handed_in(tmp_path):
    rows = read(write_canvas(TOTALS, tmp_path / "c.csv", ROSTER, {"lesson1": 8, "lesson3": 5, "lesson4": 6}))
    assert rows[1] == ["Points Possible", "", "", "", "", "8", "5", "6"]
    with pytest.warns(GradebookWarning, match="nobody handed in lesson4"):
        rows = read(write_canvas(TOTALS, tmp_path / "c.csv", ROSTER, [*ASSIGNMENTS, "lesson4"]))
    assert rows[1][-1] == ""


@pytest.mark.parametrize(
    ("roster", "message"),
    [
        (
            [Student("ada", lms_user_id="4711"), Student("bo", line=3)],
            r"Canvas needs the Canvas user ID .* bo \(line 3\)",
        ),
        ([Student("ada", lms_user_id="ada@x", line=2)], r"user ID is a number .* ada 'ada@x' \(line 2\)"),
        ([Student("ada", lms_user_id="1"), Student("bo", lms_user_id="1")], "ada and bo have the same lms_user_id '1'"),
    ],
)
def test_canvas_refuses_a_roster_without_usable_ids(tmp_path, roster, message):
    with pytest.raises(GradebookError, match=message):
        write_canvas(TOTALS, tmp_path / "c.csv", roster, ASSIGNMENTS)


def test_canvas_by_email_needs_emails(tmp_path):
    with pytest.raises(GradebookError, match=r"Canvas needs the login .* ada"):
        write_canvas(TOTALS, tmp_path / "c.csv", [Student("ada", lms_user_id="1")], ASSIGNMENTS, identify_by="email")


# -- shared rules ----------------------------------------------------------------------


@pytest.mark.parametrize("writer", [write_moodle, write_canvas])
def test_students_not_on_the_roster_are_left_out_with_a_warning(tmp_path, writer):
    totals = {**TOTALS, "zed": {"lesson1": (8, 8)}}
    assert not_on_roster(totals, ROSTER) == ["zed"]
    with pytest.warns(GradebookWarning, match=r"not on the roster.*left out: zed"):
        rows = read(writer(totals, tmp_path / "x.csv", ROSTER, ASSIGNMENTS))
    assert not any("zed" in cell or cell == "8" for row in rows for cell in row[:4])
    assert len(rows) == (1 if writer is write_moodle else 2) + len(ROSTER)


@pytest.mark.parametrize("writer", [write_grades, write_moodle, write_canvas])
def test_no_warning_when_everything_fits(tmp_path, writer):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        writer(TOTALS, tmp_path / "x.csv", ROSTER, ASSIGNMENTS)


@pytest.mark.parametrize(
    ("totals", "assignments", "message"),
    [
        (
            {"ada": {"lesson1": (7, 8)}, "bo": {"lesson1": (2, 10)}},
            None,
            r"lesson1: the hand-ins are not all marked out of the same points: 8 \(1",
        ),
        (
            {"ada": {"lesson1": (7, 8)}},
            {"lesson1": 10},
            "lesson1 is out of 10 points, but some hand-ins are marked out of 8",
        ),
        ({"ada": {"lesson1": 7}}, None, r"totals\['ada'\]\['lesson1'\] must be \(points, out_of\)"),
        ({"ada": {"lesson1": (True, 8)}}, None, "must be"),
        ({"ada": {"lesson1": (float("nan"), 8)}}, None, "must be"),
        ({"ada": {"lesson1": (-1, 8)}}, None, "negative points"),
        ({"": {}}, None, "a student id must be a non-empty string"),
        (["ada"], None, "totals must be"),
        (TOTALS, "lesson1", "not one string"),
        (TOTALS, ["lesson1", "lesson1"], "listed twice"),
    ],
)
def test_bad_marks_are_refused_with_the_reason(tmp_path, totals, assignments, message):
    with pytest.raises(GradebookError, match=message):
        write_grades(totals, tmp_path / "g.csv", ROSTER, assignments)


def test_a_mark_for_an_assignment_not_asked_for_is_reported(tmp_path):
    with pytest.warns(GradebookWarning, match="left out: lesson9"):
        rows = read(
            write_grades({"ada": {"lesson1": (1, 8), "lesson9": (1, 1)}}, tmp_path / "g.csv", None, ["lesson1"])
        )
    assert rows[0][3:-3] == ["lesson1"]


@pytest.mark.parametrize(("writer", "lms"), [(write_moodle, "Moodle"), (write_canvas, "Canvas")])
def test_the_lms_files_need_a_roster(tmp_path, writer, lms):
    with pytest.raises(GradebookError, match=f"{lms} knows students by their .*only the roster gives"):
        writer(TOTALS, tmp_path / "x.csv", None, ASSIGNMENTS)


def test_bad_options_are_refused(tmp_path):
    with pytest.raises(GradebookError, match="no_hand_in must be 'zero' or 'empty'"):
        write_moodle(TOTALS, tmp_path / "m.csv", ROSTER, ASSIGNMENTS, no_hand_in="blank")
    with pytest.raises(GradebookError, match="identify_by must be"):
        write_canvas(TOTALS, tmp_path / "c.csv", ROSTER, ASSIGNMENTS, identify_by="name")
    with pytest.raises(GradebookError, match="Student records"):
        write_grades(TOTALS, tmp_path / "g.csv", [{"id": "ada"}], ASSIGNMENTS)


def test_a_class_of_200_round_trips(tmp_path):
    roster = [Student(f"s{i:03d}", f"F{i}", f"L{i}", f"s{i}@example.org", str(10_000 + i)) for i in range(200)]
    totals = {s.id: {"lesson1": (i % 9, 8), "lesson2": (i % 3, 2)} for i, s in enumerate(roster) if i % 7}
    grades = read(write_grades(totals, tmp_path / "g.csv", roster, ["lesson1", "lesson2"]))
    moodle = read(write_moodle(totals, tmp_path / "m.csv", roster, ["lesson1", "lesson2"]))
    canvas = read(write_canvas(totals, tmp_path / "c.csv", roster, ["lesson1", "lesson2"]))
    assert len(grades) == len(moodle) == len(canvas) - 1 == 201
    for i, (g, m, c) in enumerate(zip(grades[1:], moodle[1:], canvas[2:])):
        expected = [str(i % 9), str(i % 3)] if i % 7 else ["0", "0"]
        assert g[3:5] == m[3:5] == c[5:7] == expected
        assert (g[-1] == "no hand-in") == (i % 7 == 0)


def test_grades_notes_start_with_the_graders_errors(tmp_path):
    import csv as _csv

    from smlessons.instructor.gradebook import write_grades

    path = write_grades(
        {"ada": {"l1": (1, 2)}, "bo": {}},
        tmp_path / "g.csv",
        assignments={"l1": 2},
        notes={"ada": ["ERROR: answered as 'root', handed in as 'ada'"]},
    )
    rows = {r["student"]: r["note"] for r in _csv.DictReader(open(path, encoding="utf-8"))}
    assert rows == {"ada": "ERROR: answered as 'root', handed in as 'ada'", "bo": "no hand-in"}
