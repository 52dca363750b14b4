"""Tests of smlessons.exercises.campaign: lesson 8's plans, tables, reasons and feedback."""

from __future__ import annotations

import json

import numpy as np
import pytest

from smlessons.engine.measures import PersonNotFoundError
from smlessons.exercises import campaign as module
from smlessons.exercises.campaign import (
    PLAN_EXERCISE,
    Campaign,
    CampaignResult,
    PlanError,
    PlanFeedback,
    PlanProblem,
    Table,
    check_plan,
    judge_reason,
    plan_campaign,
    reasons,
    texts,
)

EXPLANATION = "We seed Carla and Jamal inside Uma's group and buy the two media that carry its ties."


@pytest.fixture(scope="module")
def campaign():
    return Campaign()


@pytest.fixture(scope="module")
def model(campaign):
    return campaign.plan(["Instagram", "WhatsApp"], ["Carla", "Jamal"])


@pytest.fixture(scope="module")
def hubs(campaign):
    return campaign.plan(["Instagram"], ["Pia", "Ben"])


def test_the_default_brief(campaign):
    assert campaign.members == ["Carla", "Jamal", "Luca", "Uma", "Vera", "Xavi"]
    assert campaign.media == ["WhatsApp", "Instagram", "TikTok", "Minecraft"]
    assert "10 points" in campaign.describe()
    rows = {r["medium"]: r for r in campaign.media_table()}
    assert rows["WhatsApp"]["ties_in_target"] == 8 and rows["Minecraft"]["people"] == 7
    assert campaign.cost(["A", "B"], ["x"]) == 8


def test_media_table_is_a_table_not_a_wrapped_dict(campaign):
    table = campaign.media_table()
    assert isinstance(table, Table) and isinstance(table, list)
    md = table._repr_markdown_().splitlines()
    assert md[0].startswith("| medium | kind of tie (lesson 3) |") and "ties inside Uma's friendship group" in md[0]
    assert md[1] == "|---|---|---|---|---|"
    assert md[2] == "| WhatsApp | group | 39 | 8 | 24 |"
    text = repr(table)
    assert "{" not in text and "'" not in text.replace("Uma's", "")
    lines = text.splitlines()
    assert lines[0].split()[0] == "medium" and set(lines[1]) <= {"-", " "}
    assert lines[2].split()[:2] == ["WhatsApp", "group"] and lines[2].split()[-3:] == ["39", "8", "24"]
    assert str(table) == text


def test_a_plan_runs_many_times_and_is_reproducible(campaign, model):
    b = campaign.plan(["instagram", "whatsapp"], ["carla", "jamal"])
    assert isinstance(model, CampaignResult) and model.ok
    assert np.array_equal(model.in_target, b.in_target)
    assert model.in_target.shape == (200,) and model.cost == 10
    assert 0.6 < model.target_reach <= 1 and 0 < model.reach <= 1
    assert model.figure().layout.meta["target_reach"] == round(model.target_reach, 3)


def test_a_plan_shows_paid_and_earned_and_the_cost_per_target_person_as_a_table(model):
    text = str(model)
    assert repr(model) == text and "{" not in text
    rows = dict(line.split("  ", 1) for line in text.splitlines()[:9])
    rows = {k.strip(): v.strip() for k, v in rows.items()}
    assert rows["Paid: media bought"] == "Instagram and WhatsApp: 6 points"
    assert rows["Paid: seeds (the people your paid placement is shown to)"] == "Carla and Jamal: 4 points"
    assert not any(k.startswith("Owned") for k in rows), "no row that never changes: the brief has no owned channel"
    assert rows["Cost per person of the target reached"] == f"{10 / model.in_target.mean():.1f} points"
    assert model.cost_per_target == pytest.approx(10 / model.in_target.mean())
    assert rows["Cost"] == "10 of 10 points"
    assert rows["Reached in Uma's friendship group, on average"] == f"{model.in_target.mean():.1f} of 6 (83%)"
    assert "Averages over 200 runs" in text and "a tie on two of your media gets two chances" in text
    assert "random seed" not in text, "'seed' means a person in this lesson"
    md = model._repr_markdown_()
    assert md.startswith("| | |\n|---|---|\n| Paid: media bought | Instagram and WhatsApp: 6 points |")


def test_earned_is_the_reach_beyond_the_seeds(model, hubs):
    assert model.seeds_in_target == 2 and hubs.seeds_in_target == 0
    assert model.earned_in_target == pytest.approx(model.in_target.mean() - 2)
    assert model.earned == pytest.approx(model.total.mean() - 2)
    assert hubs.earned_in_target == pytest.approx(hubs.in_target.mean())


def test_only_the_chosen_media_carry_the_message(campaign):
    # Uma's group is tied to the rest of the class by Ben-Uma (Instagram only): without
    # Instagram, a message seeded outside never gets in.
    outside = campaign.plan(["WhatsApp"], ["Pia", "Ana", "Ben"])
    assert outside.in_target.max() == 0


STUDENT_MISTAKES = [
    ([], ["Uma"], "Your plan buys no medium: put at least one of WhatsApp, Instagram, TikTok or Minecraft"),
    (["Snapchat"], ["Uma"], "'Snapchat' is not one of the media of this class: check the spelling"),
    (["Instagram", "instagram"], ["Uma"], "Instagram is in your list of media twice"),
    (["Instagram"], [], "Your plan has no seed"),
    (["Instagram"], ["Uma", "Uma"], "Uma is in your list of seeds twice"),
    (["Instagram"], ["Zed"], "'Zed' is not a student of this class: check the spelling."),
    (["Instagram"], ["Jamall"], "'Jamall' is not a student of this class: check the spelling (did you mean 'Jamal'?)."),
    (["TikTok"], ["Pia"], "Pia has no tie on TikTok, so the media you bought cannot reach them"),
    (
        ["Instagram", "WhatsApp"],
        ["Uma", "Carla", "Jamal"],
        "This plan costs 12 points (2 media × 3 + 3 seeds × 2) but the budget is 10: drop a medium or a seed.",
    ),
]


@pytest.mark.parametrize("media, seeds, sentence", STUDENT_MISTAKES)
def test_a_student_mistake_is_one_sentence_not_a_traceback(campaign, capsys, media, seeds, sentence):
    result = campaign.plan(media, seeds)  # no exception escapes
    assert isinstance(result, PlanProblem) and not result.ok
    print(result)
    out = capsys.readouterr().out
    assert out.startswith("\u2717 ") and sentence in out
    assert out.count("\n") == 1, "one line"
    assert "Traceback" not in out and "campaign.py" not in out
    assert result._repr_markdown_().endswith(result.message)
    assert result.figure() is None


@pytest.mark.parametrize("media, seeds, sentence", STUDENT_MISTAKES[:3] + STUDENT_MISTAKES[-1:])
def test_code_can_ask_for_the_error_instead(campaign, media, seeds, sentence):
    import re

    with pytest.raises(PlanError, match=re.escape(sentence.split(":")[0])):
        campaign.plan_or_raise(media, seeds)


@pytest.mark.parametrize(
    "media, seeds",
    [(42, ["Uma"]), ([42], ["Uma"]), (["Instagram"], [["Uma", "Ben"]]), (None, ["Uma"])],
)
def test_programming_errors_still_raise(campaign, media, seeds):
    with pytest.raises(TypeError):
        campaign.plan(media, seeds)


def test_a_scenario_rejects_bad_numbers():
    with pytest.raises(ValueError, match="budget must be a whole number"):
        Campaign(budget=0)
    with pytest.raises(ValueError, match="p is a probability"):
        Campaign(p=1.5)
    with pytest.raises(PersonNotFoundError):
        Campaign(target="Nobody")


def test_seeds_may_be_one_string_with_commas(campaign):
    r = campaign.plan("Instagram", "Carla, Jamal")
    assert r.ok and r.seeds == ["Carla", "Jamal"]


def test_plan_campaign_uses_the_default_scenario():
    r = plan_campaign("Instagram, WhatsApp", ["Carla", "Jamal"], runs=20)
    assert r.media == ["Instagram", "WhatsApp"] and r.in_target.shape == (20,)


# -- reasons ---------------------------------------------------------------


def test_reasons_come_from_the_data_file_sound_and_tempting():
    data = json.loads(module.DATA_FILE.read_text(encoding="utf-8"))
    assert data["reasons"] == texts()["reasons"]
    sound = [k for k, r in data["reasons"].items() if r["sound"]]
    tempting = [k for k, r in data["reasons"].items() if not r["sound"]]
    assert len(sound) >= 3 and len(tempting) >= 3
    # (c) and (e) are weak: (e) is an outcome, true of every plan whose seeds are all outside the target;
    # (c) is one tie crossed with a chance p
    assert not data["reasons"]["c"]["sound"] and not data["reasons"]["e"]["sound"]
    for r in data["reasons"].values():
        assert r["check"] in module._CHECKS and r["true"] and r["false"]
    shown = repr(reasons())
    assert shown.splitlines()[0] == "(a) " + data["reasons"]["a"]["text"]
    assert reasons()._repr_markdown_().startswith("- **(a)** ")


def test_the_tempting_reasons_are_the_ones_the_issue_names():
    texts_ = {r["text"] for r in texts()["reasons"].values() if not r["sound"]}
    assert any("most connected" in t for t in texts_) and any("most users" in t for t in texts_)


def test_reasons_are_checked_against_the_data(model, hubs, campaign):
    # (a) media carry most ties inside the target: 9 of 10 for Instagram + WhatsApp; TikTok alone carries 1.
    assert judge_reason(model, "a") == (
        True,
        "True of your plan: Instagram and WhatsApp carry 9 of the 10 ties inside Uma's friendship group.",
    )
    tiktok = campaign.plan(["TikTok"], ["Carla"])
    verdict, why = judge_reason(tiktok, "a")
    assert verdict is False and "TikTok carries 1 of the 10 ties" in why
    # (b) seeds inside, (c) a way in
    assert judge_reason(model, "b")[0] is True and judge_reason(hubs, "b")[0] is False
    verdict, why = judge_reason(hubs, "c")
    assert verdict is True and why.startswith(
        "True of your plan (Ben\u2013Uma on Instagram, which passes it on in about 30% of runs), but a weak reason"
    )
    assert judge_reason(model, "c")[0] is False
    # (d) overlap: each medium adds ties of its own; one medium: does not apply
    verdict, why = judge_reason(model, "d")
    assert verdict is True and "only WhatsApp carries Jamal\u2013Uma and Luca\u2013Vera" in why
    assert judge_reason(hubs, "d")[0] is None
    minecraft = campaign.plan(["WhatsApp", "Minecraft"], ["Carla", "Jamal"])
    assert judge_reason(minecraft, "d")[0] is True  # Minecraft carries Carla-Jamal, WhatsApp does not
    tiktok_wa = campaign.plan(["WhatsApp", "TikTok"], ["Carla", "Jamal"])
    verdict, why = judge_reason(tiktok_wa, "d")
    assert verdict is False and "TikTok carries no tie" in why  # Carla-Uma is also on WhatsApp
    # (e) mostly earned, from the simulation
    assert judge_reason(model, "e")[0] is True and model.earned_in_target > model.in_target.mean() / 2
    three = campaign.plan(["WhatsApp"], ["Uma", "Vera", "Xavi"])
    assert judge_reason(three, "e")[0] is False
    # (e) is true of every plan whose seeds are all outside the target, however little it reaches
    assert judge_reason(hubs, "e")[0] is True and hubs.target_reach < 0.2
    assert "1 was your seed" in judge_reason(campaign.plan(["Instagram"], ["Uma", "Ben"]), "e")[1]
    # (f) most connected: Pia (6) and Ben (5) are the top two
    assert judge_reason(hubs, "f")[0] is True and "1 tie to people in it" in judge_reason(hubs, "f")[1]
    assert judge_reason(model, "f")[0] is False
    # (g) biggest medium: WhatsApp (24 students)
    assert judge_reason(model, "g")[0] is True and judge_reason(hubs, "g")[0] is False
    # (h) everyone on the media sees it: not what the runs show
    verdict, why = judge_reason(hubs, "h")
    assert verdict is False and "21 students have a tie on Instagram" in why


def test_check_plan_reports_each_reason_and_gives_no_score(model, capsys):
    fb = check_plan(model, ["a", "b", "f", "g"], EXPLANATION, answers=False)
    assert isinstance(fb, PlanFeedback)
    text = str(fb)
    assert "score" not in text.lower().replace("it gives no score", "")
    assert fb.verdicts == {"a": True, "b": True, "f": False, "g": True}
    lines = text.splitlines()
    assert any(line.startswith("\u2713 (a) ") for line in lines)
    assert any(line.startswith("\u2717 (f) ") for line in lines)
    assert any(line.startswith("! (g) ") for line in lines), "a tempting reason that is true is marked weak"
    assert "Also true of your plan, and not picked: (d)." in text  # (e) is an outcome, not a sound reason
    assert texts()["feedback"]["judge_by_reach"] in text
    assert texts()["feedback"]["looks_at"] in text
    assert f"Your explanation ({len(EXPLANATION.split())} words) is saved for your instructor" in text


def test_keywords_earn_nothing(model):
    """The issue's example: keyword soup and a sound text get the same feedback on the same reasons."""
    soup = check_plan(model, ["a"], "people group seeds overlap banana banana banana banana", answers=False)
    sound = check_plan(model, ["a"], "We picked the clique's own apps so friends pass it on.", answers=False)
    strip = lambda fb: [line for line in str(fb).splitlines() if "words) is saved" not in line]  # noqa: E731
    assert strip(soup) == strip(sound)
    assert not hasattr(soup, "score")


def test_check_plan_with_nothing_picked_or_a_wrong_letter(model, capsys):
    fb = check_plan(model, ..., ..., answers=False)
    assert texts()["feedback"]["no_reasons"] in str(fb)
    assert texts()["feedback"]["explanation_missing"] in str(fb)
    bad = check_plan(model, ["a", "z"], EXPLANATION, answers=False)
    assert "\u2717 'z' is not one of the reasons: pick letters from a to h." in str(bad)
    assert check_plan(model, "a, b", EXPLANATION, answers=False).verdicts == {"a": True, "b": True}
    assert check_plan(model, "(A)", EXPLANATION, answers=False).verdicts == {"a": True}


def test_check_plan_on_a_broken_plan_is_one_sentence(campaign):
    broken = campaign.plan(["Instagram"], ["Zed"])
    fb = check_plan(broken, ["a"], EXPLANATION, answers=False)
    assert str(fb).splitlines() == [str(broken), texts()["problems"]["fix_first"]]


def test_check_plan_rejects_programming_errors(model):
    with pytest.raises(TypeError, match="plan must be the result of campaign.plan"):
        check_plan({"media": ["Instagram"]}, ["a"], EXPLANATION)
    with pytest.raises(TypeError, match="the explanation is a text"):
        check_plan(model, ["a"], 42)
    with pytest.raises(TypeError, match="reasons is a list of letters"):
        check_plan(model, 3, EXPLANATION)


def test_every_text_is_filled_in(model, hubs, campaign):
    plans = [
        model,
        hubs,
        campaign.plan(["WhatsApp", "TikTok"], ["Carla", "Jamal"]),
        campaign.plan(["TikTok"], ["Carla"]),
    ]
    for plan in plans:
        for letter in texts()["reasons"]:
            _, why = judge_reason(plan, letter)
            assert "{" not in why and "}" not in why and why.endswith(".")
        assert "{" not in str(plan)


def test_the_worst_plan_gets_no_sound_tick_for_c_or_e_and_is_told_to_judge_by_reach():
    """The marketing review's case: Instagram; Pia, Ben reaches 10% and used to get two sound ticks."""
    hubs = Campaign().plan(["Instagram"], ["Pia", "Ben"])
    fb = check_plan(hubs, ["c", "e"], "x", answers=False)
    lines = str(fb).splitlines()
    assert any(line.startswith("! (c) ") for line in lines) and any(line.startswith("! (e) ") for line in lines)
    assert not any(line.startswith("\u2713") for line in lines)
    assert texts()["feedback"]["judge_by_reach"] in lines


def test_one_chance_per_tie_is_an_option_and_two_chances_the_stated_default():
    two, one = Campaign(), Campaign(one_chance=True)
    for c, expected in ((two, 1 - 0.7**2), (one, 0.3)):
        H = c._network(["Instagram", "WhatsApp"])
        assert H.edges["Carla", "Xavi"]["p"] == pytest.approx(expected)  # on both media
        assert H.edges["Jamal", "Uma"]["p"] == pytest.approx(0.3)  # WhatsApp only
    assert "one chance" in str(one.plan(["Instagram"], ["Uma"]))


def test_check_plan_saves_the_plan_reasons_and_explanation(tmp_path):
    from smlessons.exercises.answers import AnswerStore

    store = AnswerStore("08-planning-a-campaign", folder=tmp_path)
    c = Campaign()
    result = c.plan(["Instagram"], [c.members[0]])
    check_plan(result, ["a", "g"], EXPLANATION, answers=store)
    saved = store.load(PLAN_EXERCISE)
    assert saved["media"] == ["Instagram"] and saved["seeds"] == [c.members[0]]
    assert saved["explanation"] == EXPLANATION and saved["reasons"] == ["a", "g"]
    assert saved["verdicts"] == {"a": "\u2713 true", "g": "\u2717 not true"}
    assert "reasons_true" not in saved
    assert "points" not in saved and "score" not in saved
    assert 0 <= saved["target_reach"] <= 1


def test_an_untouched_check_saves_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLESSONS_ANSWERS_DIR", str(tmp_path))
    c = Campaign()
    check_plan(c.plan(["WhatsApp"], [c.members[0]]), ..., ...)
    assert list(tmp_path.iterdir()) == []


def test_check_plan_in_a_lesson_saves_to_the_lesson_answer_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLESSONS_ANSWERS_DIR", str(tmp_path))
    c = Campaign()
    check_plan(c.plan(["WhatsApp"], [c.members[0]]), ["a"], "short")
    assert (tmp_path / "08-planning-a-campaign.answers.json").is_file()


def test_plan_feedback_shows_as_paragraphs_in_jupyterlab():
    from smlessons.exercises.campaign import PlanFeedback

    fb = PlanFeedback(("First line of feedback.", "", "Second line."))
    assert fb._repr_markdown_() == "First line of feedback.\n\nSecond line."
    assert str(fb) == "First line of feedback.\n\nSecond line."
