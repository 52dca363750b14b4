"""smlessons.report: collected answer files become a CSV and an HTML page;
bad and foreign files are listed and skipped, never a crash."""

import csv
import json
import re
from pathlib import Path

import pytest

from smlessons.answers import AnswerStore
from smlessons.autograde import load_keys
from smlessons.datafiles import load_exercise
from smlessons.report import CSV_COLUMNS, collect, find_answer_files, write_csv, write_html

ROOT = Path(__file__).resolve().parents[1]
LESSON1 = load_exercise("lesson01_media_or_network")
MEDIUM, NETWORK = LESSON1.bins
BOARD = "lesson01-media-or-network"


def answer(folder, notebook, **exercises):
    store = AnswerStore(notebook, folder=folder)
    for ex_id, value in exercises.items():
        store.save(ex_id.replace("_", "-"), value)
    return store.path


@pytest.fixture
def collected(tmp_path):
    top = tmp_path / "collected"
    answer(top / "ada", "01-media-and-networks", lesson01_media_or_network={"Instagram": MEDIUM, "WhatsApp": NETWORK, "Facebook": NETWORK})
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
    assert ada["class-neighbours"].status == "unanswered" and ada["class-neighbours"].file.endswith("04-people-and-ties.answers.json")


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
        "student": "ada", "exercise": BOARD, "item": "WhatsApp", "placed": NETWORK, "status": "wrong",
        "right_answer": MEDIUM, "kind": "board", "file": "collected/ada/01-media-and-networks.answers.json",
    }
    facebook = next(r for r in rows if r["student"] == "ada" and r["item"] == "Facebook")
    assert facebook["status"] == "right" and facebook["right_answer"] == f"{MEDIUM} | {NETWORK}"
    distance = next(r for r in rows if r["item"] == "class-distance")
    assert (distance["placed"], distance["status"], distance["kind"]) == ("7", "wrong", "question")


def test_write_html_works_offline_with_charts_and_lists_skipped_files(collected, tmp_path):
    report = collect([collected], load_keys())
    page = write_html(report, tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script src=" not in page, "no script from the internet: plotly.js is in the page"
    assert page.count("Plotly.newPlot") == 3  # scores, the board heatmap, the questions
    assert len(re.findall(r"\* plotly\.js v\d", page)) == 1, "plotly.js is embedded once"
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
    from smlessons.campaign import Campaign, check_plan
    from smlessons.report import PLAN_COLUMNS, write_plans_csv

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
    assert (ada["student"], ada["media"], ada["seeds"], ada["cost"], ada["target_reach"]) == ("ada", "Instagram", "Pia, Ben", "7", "10%")
    assert ada["reasons"] == "(c) ! true but weak; (b) \u2717 not true"  # the "!" is kept, not a bool
    assert ada["explanation"] == "Ben, the broker, is our way in."
    assert ada["file"].endswith("ada/08-planning-a-campaign.answers.json")
    assert bo["reasons"] == "(a) \u2713 true; (d) \u2713 true" and bo["target_reach"] == "83%"
    page = write_html(report, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Lesson 8 plans" in page and "Ben, the broker, is our way in." in page


def test_an_older_or_odd_plan_does_not_stop_the_report(tmp_path):
    from smlessons.report import write_plans_csv

    answer(tmp_path / "cy", "08-planning-a-campaign", lesson08_campaign_plan={
        "media": ["Instagram"], "seeds": ["Uma"], "cost": 5, "target_reach": 0.5,
        "reasons": ["a", "f"], "reasons_true": {"a": True, "f": True}, "explanation": "old file",
    })  # fmt: skip
    answer(tmp_path / "dee", "08-planning-a-campaign", lesson08_campaign_plan=["not", "a", "plan"])
    report = collect([tmp_path], load_keys())
    rows = {r["student"]: r for r in csv.DictReader(open(write_plans_csv(report, tmp_path / "p.csv"), encoding="utf-8"))}
    assert rows["cy"]["reasons"] == "(a) \u2713 true; (f) ! true but weak"
    assert rows["dee"]["explanation"] == '["not", "a", "plan"]' and rows["dee"]["media"] == ""
