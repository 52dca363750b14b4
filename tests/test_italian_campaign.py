"""Lesson 8's campaign in Italian.

The Italian texts live in ``smlessons/content/data/campaign_it.json``: the
same keys and the same placeholders as ``campaign.json``. The language is the
environment's (``LANG=it_IT.UTF-8``) unless ``Campaign(language=...)`` says.
"""

from __future__ import annotations

import json
import re
import string

import pytest

from smlessons.content import DATA_DIR
from smlessons.exercises.campaign import Campaign, check_plan, reasons, texts, verdict_word

LANG_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def italian(monkeypatch):
    """An Italian environment, as a student's machine set to Italian has."""
    for var in LANG_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "it_IT.UTF-8")


def _placeholders(text: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _leaves(d, path=()):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from _leaves(v, (*path, k))
        else:
            yield (*path, k), v


def test_the_italian_campaign_texts_match_the_english_ones():
    en = json.loads((DATA_DIR / "campaign.json").read_text(encoding="utf-8"))
    it = json.loads((DATA_DIR / "campaign_it.json").read_text(encoding="utf-8"))
    en_leaves, it_leaves = dict(_leaves(en)), dict(_leaves(it))
    assert set(it_leaves) - {("lang",)} == set(en_leaves), "campaign_it.json has other keys than campaign.json"
    assert it["lang"] == "it"
    for key, value in en_leaves.items():
        if isinstance(value, str):
            assert _placeholders(it_leaves[key]) == _placeholders(value), key
        else:
            assert it_leaves[key] == value, key  # "sound" flags and other data are the same
    translated = [k for k, v in en_leaves.items() if isinstance(v, str) and it_leaves[k] != v]
    assert len(translated) >= 80
    for key in ("problems", "feedback", "fragments"):
        for name, text in it[key].items():
            if len(text.split()) > 3:
                assert not re.search(r"\b(the|and|your|you|plan|not)\b", text), (key, name, text)


def test_a_campaign_speaks_italian_from_the_environment(italian):
    c = Campaign()
    assert c.language == "it" and c.target_name == "gruppo di amici di Uma"
    assert c.describe().startswith(
        "Target: il gruppo di amici di Uma (Carla, Jamal, Luca, Uma, Vera e Xavi), 6 persone"
    )
    problem = c.plan(["Instagram"], ["Uma", "Carla", "Jamal", "Luca"])
    assert str(problem) == (
        "\u2717 Questo piano costa 11 punti (mezzi: 1 × 3 + seed: 4 × 2) ma il budget è 10: togli un mezzo o un seed."
    )
    typo = c.plan(["Instagram"], ["Umma"])
    assert (
        str(typo)
        == "\u2717 'Umma' non fa parte di questa classe: controlla come l'hai scritto (forse intendevi 'Uma'?)."
    )
    none = c.plan([], ["Uma"])
    assert "Instagram, TikTok o Minecraft" in str(none)
    result = c.plan(["Instagram", "WhatsApp"], ["Carla", "Jamal"])
    assert "Persone raggiunte nel gruppo di amici di Uma, in media" in str(result)
    # Italian numbers take a decimal comma: "5,0 su 6", "p = 0,3"
    assert f"{result.in_target.mean():.1f} su 6".replace(".", ",") in str(result)
    assert "(p = 0,3;" in str(result) and "p = 0.3" not in str(result)
    assert "punti su 10" in str(result)
    fig = result.figure()
    assert fig.layout.title.text == "Persone del gruppo di amici di Uma raggiunte, su 200 simulazioni"
    assert fig.layout.yaxis.title.text == "simulazioni"


def test_a_campaign_verdict_in_italian(italian, tmp_path):
    from smlessons.exercises.answers import AnswerStore

    c = Campaign()
    hubs = c.plan(["Instagram"], ["Pia", "Ben"])
    fb = check_plan(hubs, ["c", "b"], "Una spiegazione.", answers=AnswerStore("nb", folder=tmp_path))
    lines = str(fb).splitlines()
    assert lines[0].startswith("Il tuo piano: Instagram; seed Pia e Ben; 7 punti su 10.")
    assert any(
        line.startswith(
            "\u2717 (b) Tutti i miei seed sono dentro il gruppo target. Non vero per il tuo piano: Pia e Ben non sono nel gruppo di amici di Uma"
        )
        for line in lines
    )
    assert "La tua spiegazione (2 parole) è salvata" in str(fb)
    assert "(1 parola)" in str(check_plan(hubs, ["c"], "Breve.", answers=False))
    assert verdict_word("c", True) == "! vero ma debole" and verdict_word("a", None) == "\u2022 non si applica"
    # saved in English, the words the instructor's export compares
    assert AnswerStore("nb", folder=tmp_path).load("lesson08-campaign-plan")["verdicts"] == {
        "c": "! true but weak",
        "b": "\u2717 not true",
    }
    assert repr(reasons()).startswith("(a) I miei mezzi portano")
    assert texts()["reasons"]["a"]["sound"] is True


def test_an_english_campaign_in_an_italian_environment_stays_english(italian):
    c = Campaign(language="en")
    assert c.target_name == "Uma's friendship group"
    assert str(c.plan(["Instagram"], ["Uma", "Carla", "Jamal", "Luca"])) == (
        "\u2717 This plan costs 11 points (1 media × 3 + 4 seeds × 2) but the budget is 10: drop a medium or a seed."
    )
    assert verdict_word("c", True, "en") == "! true but weak"


def test_an_unknown_language_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        Campaign(language="fr")


def test_reason_a_reads_well_in_italian_for_one_tie_and_for_many():
    """TikTok carries one tie inside Uma's group: no "1 legami", and no article before a count ("degli 8")."""
    from smlessons.exercises.campaign import judge_reason

    c = Campaign(language="it")
    one = judge_reason(c.plan(["TikTok"], ["Uma"]), "a")[1]
    many = judge_reason(c.plan(["Instagram", "WhatsApp"], ["Carla", "Jamal"]), "a")[1]
    assert one.startswith(
        "Non vero per il tuo piano: dei legami interni al gruppo di amici di Uma, TikTok ne porta 1 su 10."
    )
    assert (
        many
        == "Vero per il tuo piano: dei legami interni al gruppo di amici di Uma, Instagram e WhatsApp ne portano 9 su 10."
    )
    assert not re.search(r"\b1 legami\b|\bde[ig] \d", one + many)
