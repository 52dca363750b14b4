"""Tests of smlessons.campaign: lesson 8's plans and feedback."""

from __future__ import annotations

import numpy as np
import pytest

from smlessons.campaign import CONCEPTS, Campaign, CampaignResult, PlanFeedback, check_plan, plan_campaign
from smlessons.networks import PersonNotFoundError

GOOD_TEXT = (
    "The brand wants Uma's group, so we seed Carla and Jamal, well connected people inside that community. "
    "We buy Instagram and WhatsApp because the message is shared from person to person along the ties "
    "inside the group; the two media overlap only in part."
)


@pytest.fixture(scope="module")
def campaign():
    return Campaign()


def test_the_default_brief(campaign):
    assert campaign.members == ["Carla", "Jamal", "Luca", "Uma", "Vera", "Xavi"]
    assert campaign.media == ["WhatsApp", "Instagram", "TikTok", "Minecraft"]
    assert "10 points" in campaign.describe()
    rows = {r["medium"]: r for r in campaign.media_table()}
    assert rows["WhatsApp"]["ties_in_target"] == 8 and rows["Minecraft"]["people"] == 7
    assert campaign.cost(["A", "B"], ["x"]) == 8


def test_a_plan_runs_many_times_and_is_reproducible(campaign):
    a = campaign.plan(["Instagram", "WhatsApp"], ["Carla", "Jamal"])
    b = campaign.plan(["instagram", "whatsapp"], ["carla", "jamal"])
    assert isinstance(a, CampaignResult)
    assert np.array_equal(a.in_target, b.in_target)
    assert a.in_target.shape == (200,) and a.cost == 10
    assert 0.6 < a.target_reach <= 1 and 0 < a.reach <= 1
    assert "cost 10 of 10 points" in str(a) and "Uma's friendship group" in str(a)
    assert repr(a).startswith("CampaignResult(media=['Instagram', 'WhatsApp']")
    assert a.figure().layout.meta["target_reach"] == round(a.target_reach, 3)


def test_the_most_connected_people_are_not_the_best_seeds_for_a_community(campaign):
    hubs = campaign.plan(["Instagram"], ["Pia", "Ben"])
    inside = campaign.plan(["Instagram", "WhatsApp"], ["Carla", "Jamal"])
    assert hubs.reach > hubs.target_reach
    assert inside.target_reach > 3 * hubs.target_reach


def test_only_the_chosen_media_carry_the_message(campaign):
    # Uma's group is tied to the rest of the class by Ben-Uma (Instagram only): without
    # Instagram, a message seeded outside never gets in.
    outside = campaign.plan(["WhatsApp"], ["Pia", "Ana", "Ben"])
    assert outside.in_target.max() == 0


@pytest.mark.parametrize(
    "media, seeds, error, message",
    [
        ([], ["Uma"], ValueError, "choose at least one medium"),
        (["Snapchat"], ["Uma"], ValueError, "not one of the media of this class"),
        (["Instagram", "instagram"], ["Uma"], ValueError, "chosen twice"),
        (["Instagram"], [], ValueError, "choose at least one seed"),
        (["Instagram"], ["Uma", "Uma"], ValueError, "a seed twice"),
        (["Instagram"], ["Zed"], PersonNotFoundError, "Zed"),
        (["TikTok"], ["Pia"], ValueError, "Pia has no tie on TikTok"),
        (["Instagram", "WhatsApp"], ["Uma", "Carla", "Jamal"], ValueError, "costs 12 points .* budget is 10"),
    ],
)
def test_bad_plans_are_refused_with_a_reason(campaign, media, seeds, error, message):
    with pytest.raises(error, match=message):
        campaign.plan(media, seeds)


def test_a_scenario_rejects_bad_numbers():
    with pytest.raises(ValueError, match="budget must be a whole number"):
        Campaign(budget=0)
    with pytest.raises(ValueError, match="p is a probability"):
        Campaign(p=1.5)
    with pytest.raises(PersonNotFoundError):
        Campaign(target="Nobody")


def test_plan_campaign_uses_the_default_scenario():
    r = plan_campaign("Instagram, WhatsApp", ["Carla", "Jamal"], runs=20)
    assert r.media == ["Instagram", "WhatsApp"] and r.in_target.shape == (20,)


def test_check_plan_rewards_network_reasoning(campaign):
    plan = campaign.plan(["Instagram", "WhatsApp"], ["Carla", "Jamal"])
    fb = check_plan(plan, GOOD_TEXT)
    assert isinstance(fb, PlanFeedback)
    assert fb.score == 5
    assert str(fb).endswith("Score: 5 of 5 points.")
    assert all(msg for _, msg in fb.points.values())


def test_check_plan_explains_what_a_medium_only_answer_misses(campaign):
    plan = campaign.plan(["Instagram", "WhatsApp"], ["Carla", "Jamal"])
    fb = check_plan(plan, "We buy ads on Instagram and WhatsApp because those platforms are the biggest apps.")
    met, msg = fb.points["network"]
    assert not met and "you buy space on a medium, but you want to reach a network of people" in msg
    assert "You bought 2 media" in fb.points["overlap"][1]
    assert "wrong" not in str(fb).lower()


def test_check_plan_on_a_weak_plan_and_an_empty_text(campaign):
    weak = campaign.plan(["Instagram"], ["Pia", "Ben"])
    fb = check_plan(weak, ...)
    assert fb.score == 0
    assert "rarely gets there" in fb.points["reach"][1]
    assert "Write a few sentences" in fb.points["network"][1]


def test_check_plan_rejects_bad_input(campaign):
    plan = campaign.plan(["Instagram"], ["Uma"])
    with pytest.raises(TypeError, match="plan must be the result of campaign.plan"):
        check_plan({"media": ["Instagram"]}, GOOD_TEXT)
    with pytest.raises(TypeError, match="the justification is a text"):
        check_plan(plan, 42)


def test_concepts_are_patterns():
    assert set(CONCEPTS) == {"network", "target", "seeds", "overlap"}


def test_docstring_examples_run():
    import doctest

    import smlessons.campaign as module

    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0


def test_check_plan_saves_the_plan_and_its_justification(tmp_path):
    from smlessons.answers import AnswerStore

    store = AnswerStore("08-planning-a-campaign", folder=tmp_path)
    c = Campaign()
    result = c.plan(["Instagram"], [c.members[0]])
    why = "We seed people inside the target group so the message travels along their ties to friends."
    feedback = check_plan(result, why, answers=store)
    saved = store.load("lesson06-campaign-plan")
    assert saved["media"] == ["Instagram"] and saved["seeds"] == [c.members[0]]
    assert saved["justification"] == why and saved["points"] == feedback.score
    assert 0 <= saved["target_reach"] <= 1


def test_check_plan_in_a_lesson_saves_to_the_lesson_answer_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLESSONS_ANSWERS_DIR", str(tmp_path))
    c = Campaign()
    check_plan(c.plan(["WhatsApp"], [c.members[0]]), "short")
    assert (tmp_path / "08-planning-a-campaign.answers.json").is_file()
