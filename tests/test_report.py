"""smlessons.instructor.report: collected answer files become a CSV and an HTML page;
bad and foreign files are listed and skipped, never a crash."""

import csv
import json
import re
from pathlib import Path

import pytest

from smlessons.exercises.answers import AnswerStore
from smlessons.exercises.loader import load_exercise
from smlessons.instructor.autograde import load_keys
from smlessons.instructor.report import (
    CSV_COLUMNS,
    NO_HAND_IN,
    NOT_ON_ROSTER,
    PLOTLY_JS,
    SCORE_BINS,
    build,
    clip,
    collect,
    find_answer_files,
    write_csv,
    write_html,
    write_report,
)
from smlessons.instructor.roster import Student

ROOT = Path(__file__).resolve().parents[1]
LESSON1 = load_exercise("lesson01_media_or_network")
MEDIUM, NETWORK = LESSON1.bins
BOARD = "lesson01-media-or-network"


def answer(folder, notebook, as_student=None, **exercises):
    """Save as the student whose folder it is (the one under ``collected``), or `as_student`."""
    import os

    parts = Path(folder).parts
    student = as_student or (parts[parts.index("collected") + 1] if "collected" in parts[:-1] else Path(folder).name)
    before = os.environ.get("SMLESSONS_STUDENT")
    os.environ["SMLESSONS_STUDENT"] = student
    try:
        store = AnswerStore(notebook, folder=folder)
        for ex_id, value in exercises.items():
            store.save(ex_id.replace("_", "-"), value)
    finally:
        if before is None:
            os.environ.pop("SMLESSONS_STUDENT")
        else:
            os.environ["SMLESSONS_STUDENT"] = before
    return store.path


@pytest.fixture
def collected(tmp_path):
    top = tmp_path / "collected"
    answer(
        top / "ada",
        "01-media-and-networks",
        lesson01_media_or_network={"Instagram": MEDIUM, "WhatsApp": NETWORK, "Facebook": NETWORK},
    )
    answer(top / "ada" / "lesson3", "04-people-and-ties", class_community=4, class_distance=7)
    answer(top / "bo", "01-media-and-networks", lesson01_media_or_network={"Instagram": MEDIUM, "WhatsApp": MEDIUM})
    (top / "bo" / "notes.answers.json").write_text("{ not json")
    (top / "bo" / "other.answers.json").write_text(json.dumps({"format": "someone-else", "data": 1}))
    (top / "bo" / "01-media-and-networks.answers.corrupt-20261125T101010.json").write_text("{")
    (top / "bo" / "unrelated.json").write_text("[]")
    (top / "bo" / ".ipynb_checkpoints").mkdir()
    answer(top / "bo" / ".ipynb_checkpoints", "01-media-and-networks", lesson01_media_or_network={"Instagram": NETWORK})
    answer(top / "cy", "03-what-a-medium-offers", made_up_exercise={"x": "y"})
    return top


def test_find_answer_files_names_students_by_their_folder(collected):
    found, aside = find_answer_files(collected)
    students = sorted({s for s, _ in found})
    assert students == ["ada", "bo", "cy"]
    assert len(found) == 6  # checkpoints skipped
    assert [p.name for p, _ in aside] == ["01-media-and-networks.answers.corrupt-20261125T101010.json"]


def test_a_file_directly_in_the_folder_belongs_to_the_folder(tmp_path):
    answer(tmp_path / "dee", "01-media-and-networks", lesson01_media_or_network={})
    found, _ = find_answer_files(tmp_path / "dee")
    assert [s for s, _ in found] == ["dee"]


def test_collect_grades_and_skips(collected):
    report = collect([collected], load_keys())
    assert report.students == ["ada", "bo", "cy"]
    scores = report.scores()
    assert scores["ada", BOARD] == (2, 18)  # Instagram right, Facebook right (contested), WhatsApp wrong
    assert scores["bo", BOARD] == (2, 18)
    assert scores["ada", "lesson04-people-and-ties"] == (1, 6)
    skipped = dict(report.skipped)
    assert "not valid JSON" in skipped["collected/bo/notes.answers.json"]
    assert "not an smlessons answer file" in skipped["collected/bo/other.answers.json"]
    assert "kept aside" in skipped["collected/bo/01-media-and-networks.answers.corrupt-20261125T101010.json"]
    assert any("no key for exercise 'made-up-exercise'" in p for p in report.problems)
    ada = {r.item: r for r in report.rows if r.student == "ada"}
    assert ada["WhatsApp"].status == "wrong" and ada["WhatsApp"].answer == NETWORK
    assert ada["YouTube"].status == "unplaced" and ada["YouTube"].answer == ""
    assert ada["class-community"].file == "collected/ada/lesson3/04-people-and-ties.answers.json"
    assert ada["class-neighbours"].status == "unanswered" and ada["class-neighbours"].file.endswith(
        "04-people-and-ties.answers.json"
    )


def test_the_same_exercise_in_two_files_is_graded_once_from_the_latest(tmp_path):
    old = answer(tmp_path / "a" / "ada", "01-media-and-networks", lesson01_media_or_network={"Instagram": NETWORK})
    new = answer(tmp_path / "b" / "ada", "01-media-and-networks", lesson01_media_or_network={"Instagram": MEDIUM})
    for path, stamp in ((old, "2026-01-01T00:00:00+00:00"), (new, "2026-02-01T00:00:00+00:00")):
        doc = json.loads(path.read_text())
        doc["exercises"][BOARD]["saved"] = stamp
        path.write_text(json.dumps(doc))
    report = collect([tmp_path / "b", tmp_path / "a"], load_keys())
    assert report.scores()["ada", BOARD] == (1, 18)
    assert [name for name, _ in report.skipped] == ["a/ada/01-media-and-networks.answers.json"]


def test_odd_answers_do_not_stop_the_report(tmp_path):
    answer(tmp_path / "x", "01-media-and-networks", lesson01_media_or_network=["a", "list"])
    answer(tmp_path / "y", "04-people-and-ties", class_community={"deep": [[[1]]]}, class_distance=None)
    answer(tmp_path / "z", "01-media-and-networks", lesson01_media_or_network={"Nope": MEDIUM, "Instagram": "Nowhere"})
    report = collect([tmp_path], load_keys())
    assert report.scores()["x", BOARD] == (0, 18)
    assert report.scores()["y", "lesson04-people-and-ties"] == (0, 6)
    text = " ".join(report.problems)
    assert "not a board's answer" in text and "'Nope'" in text and "'Nowhere'" in text


def test_write_csv(collected, tmp_path):
    report = collect([collected], load_keys())
    path = write_csv(report, tmp_path / "out.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 18 * 2 + 6
    whatsapp = next(r for r in rows if r["student"] == "ada" and r["item"] == "WhatsApp")
    assert whatsapp == {
        "student": "ada",
        "exercise": BOARD,
        "item": "WhatsApp",
        "placed": NETWORK,
        "status": "wrong",
        "right_answer": MEDIUM,
        "kind": "board",
        "file": "collected/ada/01-media-and-networks.answers.json",
    }
    facebook = next(r for r in rows if r["student"] == "ada" and r["item"] == "Facebook")
    assert facebook["status"] == "right" and facebook["right_answer"] == f"{MEDIUM} | {NETWORK}"
    distance = next(r for r in rows if r["item"] == "class-distance")
    assert (distance["placed"], distance["status"], distance["kind"]) == ("7", "wrong", "question")


def test_write_html_works_offline_with_charts_and_lists_skipped_files(collected, tmp_path):
    report = collect([collected], load_keys())
    page = write_html(report, tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    scripts = re.findall(r"<script src=\"([^\"]*)\"", page)
    assert scripts == [PLOTLY_JS], "one script, loaded from beside the page: nothing from the internet"
    beside = (tmp_path / PLOTLY_JS).read_text(encoding="utf-8")
    assert re.search(r"\* plotly\.js v\d", beside[:2000]) and len(beside) > 1_000_000
    assert "plotly.js v" not in page, "plotly.js is not copied into the page"
    assert page.count("Plotly.newPlot") == 3  # scores, the board heatmap, the questions
    assert "Score distribution" in page and "where the class put each card" in page
    assert "notes.answers.json" in page and "other.answers.json" in page
    assert "&lt;" not in page.split("<body>")[0]


def test_html_escapes_what_students_wrote(tmp_path):
    answer(tmp_path / "<b>x</b>", "04-people-and-ties", class_community="<script>alert(1)</script>")
    report = collect([tmp_path], load_keys())
    page = write_html(report, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "<b>x</b>" not in page


def test_an_empty_report_is_still_a_page(tmp_path):
    (tmp_path / "bad.answers.json").write_text("nope")
    report = collect([tmp_path], load_keys())
    assert report.rows == [] and len(report.skipped) == 1
    page = write_html(report, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Plotly" not in page and "bad.answers.json" in page


# -- lesson 8's written plans: listed for the instructor, not graded ------------------


def test_lesson8_plans_are_listed_with_verdicts_and_explanation_not_graded(tmp_path):
    from smlessons.exercises.campaign import Campaign, check_plan
    from smlessons.instructor.report import PLAN_COLUMNS, write_plans_csv

    c = Campaign()
    check_plan(c.plan(["Instagram"], ["Pia", "Ben"]), ["c", "b"], "Ben, the broker, is our way in.",
               answers=AnswerStore("08-planning-a-campaign", folder=tmp_path / "ada"))  # fmt: skip
    check_plan(c.plan(["Instagram", "WhatsApp"], ["Carla", "Jamal"]), "a, d", "Two media, seeds inside.",
               answers=AnswerStore("08-planning-a-campaign", folder=tmp_path / "bo"))  # fmt: skip
    report = collect([tmp_path], load_keys())
    assert not any("lesson08-campaign-plan" in p for p in report.problems)  # not "no key": marked by hand
    assert report.rows == [] and report.students == ["ada", "bo"]
    rows = list(csv.DictReader(open(write_plans_csv(report, tmp_path / "plans.csv"), newline="", encoding="utf-8")))
    assert tuple(rows[0]) == PLAN_COLUMNS
    ada, bo = rows
    assert (ada["student"], ada["media"], ada["seeds"], ada["cost"], ada["target_reach"]) == (
        "ada",
        "Instagram",
        "Pia, Ben",
        "7",
        "10%",
    )
    assert ada["reasons"] == "(c) ! true but weak; (b) \u2717 not true"  # the "!" is kept, not a bool
    assert ada["explanation"] == "Ben, the broker, is our way in."
    assert ada["file"].endswith("ada/08-planning-a-campaign.answers.json")
    assert bo["reasons"] == "(a) \u2713 true; (d) \u2713 true" and bo["target_reach"] == "83%"
    page = write_html(report, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Lesson 8 plans" in page and "Ben, the broker, is our way in." in page


def test_an_older_or_odd_plan_does_not_stop_the_report(tmp_path):
    from smlessons.instructor.report import write_plans_csv

    answer(tmp_path / "cy", "08-planning-a-campaign", lesson08_campaign_plan={
        "media": ["Instagram"], "seeds": ["Uma"], "cost": 5, "target_reach": 0.5,
        "reasons": ["a", "f"], "reasons_true": {"a": True, "f": True}, "explanation": "old file",
    })  # fmt: skip
    answer(tmp_path / "dee", "08-planning-a-campaign", lesson08_campaign_plan=["not", "a", "plan"])
    report = collect([tmp_path], load_keys())
    rows = {
        r["student"]: r for r in csv.DictReader(open(write_plans_csv(report, tmp_path / "p.csv"), encoding="utf-8"))
    }
    assert rows["cy"]["reasons"] == "(a) \u2713 true; (f) ! true but weak"
    assert rows["dee"]["explanation"] == '["not", "a", "plan"]' and rows["dee"]["media"] == ""


# -- the score distribution: 100 % included, whole students ------------------------


def perfect():
    return {item.label: item.answers[0] for item in LESSON1.items}


def test_the_histogram_counts_perfect_scores_in_their_own_bar(tmp_path):
    from smlessons.instructor.report import _score_figure

    answer(tmp_path / "ada", "01-media-and-networks", lesson01_media_or_network=perfect())
    answer(tmp_path / "bo", "01-media-and-networks", lesson01_media_or_network=perfect())
    answer(tmp_path / "cy", "01-media-and-networks", lesson01_media_or_network={"Instagram": MEDIUM})
    report = collect([tmp_path], load_keys())
    assert report.scores()["ada", BOARD] == (18, 18)
    fig = _score_figure(report)
    (bar,) = fig.data
    assert list(bar.x) == list(SCORE_BINS) and SCORE_BINS[-1] == "100 %"
    assert dict(zip(bar.x, bar.y)) == {**dict.fromkeys(SCORE_BINS, 0), "100 %": 2, "0\u20139 %": 1}  # 1/18 = 5 %
    assert fig.layout.xaxis.type == "category"  # every bar is on the axis, 100 % too
    assert fig.layout.yaxis.tickformat == "d" and fig.layout.yaxis.dtick == 1 and fig.layout.yaxis.tick0 == 0


@pytest.mark.parametrize(
    ("right", "total", "bin_"), [(0, 18, 0), (1, 10, 1), (17, 18, 9), (179, 180, 9), (18, 18, 10), (5, 5, 10)]
)
def test_score_bins_round_down_and_keep_100_apart(right, total, bin_):
    from smlessons.instructor.report import _score_bin

    assert _score_bin(right, total) == bin_


@pytest.mark.parametrize(
    ("most", "step"), [(1, 1), (7, 1), (10, 1), (11, 2), (20, 2), (21, 5), (50, 5), (51, 10), (200, 20)]
)
def test_the_count_axis_steps_in_whole_students(most, step):
    from smlessons.instructor.report import _count_step

    assert _count_step(most) == step and most / step <= 10


# -- the roster: everyone appears -----------------------------------------------------


ROSTER = [Student("ada", "Ada", "Lovelace"), Student("bo", "Bo", "Chen"), Student("dee", "Dee", "Ng")]


def test_every_rostered_student_is_in_the_table_and_strangers_are_flagged(collected, tmp_path):
    report = collect([collected], load_keys(), roster=ROSTER)
    assert report.everyone() == ["ada", "bo", "dee", "cy"]
    assert [report.status(s) for s in report.everyone()] == ["", "", NO_HAND_IN, NOT_ON_ROSTER]
    assert report.not_handed_in() == ["dee"] and report.not_on_roster() == ["cy"]
    page = write_html(report, tmp_path / "r.html").read_text(encoding="utf-8")
    table = page.split("<h2>Scores</h2>")[1].split("</table>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table)
    cells = [re.findall(r"<t[hd]>(.*?)</t[hd]>", r) for r in rows]
    assert cells[0] == ["student", "name", BOARD, "lesson04-people-and-ties", "total", "status"]
    assert cells[1] == ["ada", "Ada Lovelace", "2 / 18", "1 / 6", "3 / 24", ""]
    assert cells[2] == ["bo", "Bo Chen", "2 / 18", "\u2013", "2 / 24", ""]
    assert cells[3] == ["dee", "Dee Ng", "\u2013", "\u2013", "0 / 24", NO_HAND_IN]
    assert cells[4] == ["cy", "", "\u2013", "\u2013", "0 / 24", NOT_ON_ROSTER]
    assert "3 student(s) on the roster, 1 with no hand-in, 1 who handed in but are not on the roster" in page


def test_the_csv_has_a_row_for_a_rostered_student_with_no_hand_in(collected, tmp_path):
    report = collect([collected], load_keys(), roster=ROSTER)
    rows = list(csv.DictReader(open(write_csv(report, tmp_path / "r.csv"), newline="", encoding="utf-8")))
    dee = [r for r in rows if r["student"] == "dee"]
    assert dee == [{**dict.fromkeys(CSV_COLUMNS, ""), "student": "dee", "status": NO_HAND_IN}]
    assert len(rows) == 18 * 2 + 6 + 1


def test_a_rostered_student_whose_files_are_all_unreadable_is_told_apart(tmp_path):
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "x.answers.json").write_text("{ broken")
    answer(tmp_path / "bo", "01-media-and-networks", lesson01_media_or_network={"Instagram": MEDIUM})
    report = collect([tmp_path], load_keys(), roster=[Student("ada"), Student("bo")])
    assert report.status("ada").startswith("no readable hand-in") and report.not_handed_in() == ["ada"]


def test_without_a_roster_nothing_is_flagged(collected, tmp_path):
    report = collect([collected], load_keys())
    assert report.everyone() == ["ada", "bo", "cy"] and report.not_on_roster() == []
    assert {report.status(s) for s in report.everyone()} == {""}
    page = write_html(report, tmp_path / "r.html").read_text(encoding="utf-8")
    header = page.split("<h2>Scores</h2>")[1].split("</thead>")[0]
    assert re.findall(r"<th>(.*?)</th>", header) == ["student", BOARD, "lesson04-people-and-ties", "total"]


def test_build_reads_the_course_keys_and_roster(tmp_path):
    course = tmp_path / "course"
    (course / "keys").mkdir(parents=True)
    key = json.loads(
        (ROOT / "smlessons" / "content" / "exercises" / "lesson01_media_or_network.json").read_text(encoding="utf-8")
    )
    key["id"] = "course-board"
    (course / "keys" / "course_board.json").write_text(json.dumps(key), encoding="utf-8")
    (course / "roster.csv").write_text("id,first_name\nada,Ada\nbo,Bo\n", encoding="utf-8")
    answer(course / "submitted" / "ada" / "lesson1", "a", course_board={"Instagram": MEDIUM})
    report = build([course / "submitted"], course=course, shipped=False)
    assert report.scores()["ada", "course-board"] == (1, 18)
    assert report.not_handed_in() == ["bo"]
    # --roster wins over the course's roster.csv
    (tmp_path / "other.csv").write_text("id\nada\n", encoding="utf-8")
    assert build([course / "submitted"], course=course, roster=tmp_path / "other.csv").not_handed_in() == []
    paths = write_report(report, tmp_path / "out")
    assert paths["plans"] is None and paths["html"].exists() and (tmp_path / "out" / PLOTLY_JS).exists()


def test_build_names_a_bad_roster(tmp_path):
    from smlessons.instructor.roster import RosterError

    (tmp_path / "roster.csv").write_text("name\nada\n", encoding="utf-8")
    with pytest.raises(RosterError, match="roster.csv, line 1, field 'id'"):
        build([tmp_path], roster=tmp_path / "roster.csv")


# -- long answers: cut, with their length noted ---------------------------------------

HUGE = "x" * 10_485_760


def test_clip_keeps_short_text_and_notes_the_length_of_long_text():
    assert clip("5 ties") == "5 ties" and clip(None) == "" and clip(12) == "12"
    assert clip("y" * 200) == "y" * 200
    assert clip(HUGE) == "x" * 200 + "\u2026 (10,485,760 characters)"


def test_a_10_mb_answer_is_cut_in_the_csv_and_the_page(tmp_path):
    from smlessons.instructor.report import write_plans_csv

    answer(tmp_path / "sub" / "ada", "04-people-and-ties", class_community=HUGE, class_distance=HUGE + "7")
    answer(tmp_path / "sub" / "bo", "04-people-and-ties", class_community=HUGE)
    answer(tmp_path / "sub" / "cy", "08-planning-a-campaign", lesson08_campaign_plan={  # a hand-edited file
        "media": ["Instagram"], "seeds": ["Pia"], "cost": 5, "reasons": ["c"], "explanation": "why " * 2_000_000,
    })  # fmt: skip
    report = collect([tmp_path / "sub"], load_keys())
    assert csv.field_size_limit() == 131072  # the default, untouched
    with open(write_csv(report, tmp_path / "r.csv"), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))  # would raise "field larger than field limit"
    community = next(r for r in rows if r["student"] == "ada" and r["item"] == "class-community")
    assert community["placed"] == clip(json.dumps(HUGE)) and community["placed"].endswith("(10,485,762 characters)")
    assert max(len(v) for r in rows for v in r.values()) <= 200 + len("\u2026 (10,485,762 characters)")
    with open(write_plans_csv(report, tmp_path / "p.csv"), newline="", encoding="utf-8") as fh:
        (plan,) = list(csv.DictReader(fh))
    assert plan["explanation"].startswith("why why") and plan["explanation"].endswith("(8,000,000 characters)")
    assert len(plan["explanation"]) < 5100

    page_path = write_html(report, tmp_path / "r.html")
    page = page_path.read_text(encoding="utf-8")
    assert page_path.stat().st_size < 200_000
    assert "x" * 200 + "\u2026 (10,485,760 characters)</td>" in page  # the most common wrong answer, cut
    # nothing in the page is a long unbreakable run: no cell can be wider than 200 characters...
    text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", page, flags=re.S)
    assert max(len(run) for run in text.split()) <= 205
    # ...and a table cell wraps even a run of 200 characters
    assert re.search(r"td \{[^}]*overflow-wrap: anywhere", page)


# -- a class of 200: the page stays small ---------------------------------------------


def test_the_page_for_a_class_of_200_stays_under_2_mb(tmp_path):
    import random
    import time

    rng = random.Random(10)
    questions = {"class_community": [4, 3, "four"], "class_distance": [2, 7, None], "class_neighbours": [["Ana"], []]}
    roster = [Student(f"s{i:03d}", f"First{i}", f"Last{i}") for i in range(205)]
    for s in roster[:200]:
        board = {
            item.label: rng.choice([*LESSON1.bins, *item.answers]) for item in LESSON1.items if rng.random() < 0.95
        }
        answer(tmp_path / "sub" / s.id, "01-media-and-networks", lesson01_media_or_network=board)
        answer(tmp_path / "sub" / s.id, "04-people-and-ties", **{q: rng.choice(v) for q, v in questions.items()})
    start = time.perf_counter()
    report = collect([tmp_path / "sub"], load_keys(), roster=roster)
    paths = write_report(report, tmp_path / "out")
    seconds = time.perf_counter() - start
    size = paths["html"].stat().st_size
    print(f"class of 200: report.html {size:,} bytes, {seconds:.1f} s to grade and write")
    assert size < 2_000_000
    assert len(report.students) == 200 and report.not_handed_in() == [s.id for s in roster[200:]]
    page = paths["html"].read_text(encoding="utf-8")
    assert page.count('<tr class="absent">') == 5
    assert page.count(">s123<") == 1, "a student is in the table once; the charts hold counts, not students"
    assert page.count("plotly.js v") == 0 and (tmp_path / "out" / PLOTLY_JS).exists()
    assert seconds < 60


def test_answers_given_as_another_student_are_an_error_at_the_top_of_the_page(collected, tmp_path):
    report = collect([collected], load_keys())
    assert report.errors() == []
    answer(
        collected / "dan", "01-media-and-networks", as_student="root", lesson01_media_or_network={"Instagram": MEDIUM}
    )
    report = collect([collected], load_keys())
    error = (
        "dan: ERROR: collected/dan/01-media-and-networks.answers.json: answered as 'root', handed in as 'dan': "
        "marked on dan's cards; the marks are not meaningful until this is resolved"
    )
    assert report.errors() == [error]
    page = write_html(report, tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.index("1 error(s)") < page.index("<h2>Scores</h2>")
    assert "answered as &#x27;root&#x27;, handed in as &#x27;dan&#x27;" in page


def test_write_report_names_plotly_beside_the_page(collected, tmp_path):
    paths = write_report(collect([collected], load_keys()), tmp_path / "out")
    assert paths["plotly"] == tmp_path / "out" / PLOTLY_JS and paths["plotly"].is_file()
    assert write_report(collect([tmp_path / "nothing"], load_keys()), tmp_path / "empty")["plotly"] is None
