"""The Italian lessons (notebooks/it/) and their exercise file: faithful to
the English ones and to the article's Italian, boards in Italian, links that
lead somewhere."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from smlessons import load_exercise

ROOT = Path(__file__).resolve().parents[1]
IT = ROOT / "notebooks" / "it"
START, LESSON = IT / "00-start-here.ipynb", IT / "01-media-e-reti.ipynb"

# The sentences of the source article that are still in Italian, as the article has them.
ARTICLE_ITALIAN = [
    "Social media e social network",
    "che possono essere elementi testuali, foto, videoclip ecc.",
    "Facebook, Instagram, Twitter, TikTok, Youtube, Whatsapp",
    "vedi determinati video games o enciclopedie online",
    "Non a caso “media” trae la sua derivazione dalla lingua latina, ovvero strumento.",
]


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(path, kind=None):
    return "\n".join("".join(c["source"]) for c in cells(path) if kind is None or c["cell_type"] == kind)


def test_the_italian_exercise_mirrors_the_english_one():
    en = load_exercise("lesson01_media_or_network")
    it = load_exercise("lesson01_media_or_network_it")
    assert it.id != en.id and it.id == en.id + "-it"
    assert it.notebook == "01-media-e-reti" and (IT / f"{it.notebook}.ipynb").is_file()
    assert len(it.items) == len(en.items) and len(it.bins) == len(en.bins)
    bin_map = dict(zip(en.bins, it.bins))
    for e, i in zip(en.items, it.items):
        assert tuple(bin_map[a] for a in e.answers) == i.answers, (e.label, i.label)
        assert e.source == i.source and i.explanation.strip()
    assert set(it.sources) == set(en.sources)
    labels = " ".join(i.label.lower() for i in it.items)
    for word in ("whatsapp", "facebook", "enciclopedia", "videogioco", "fan"):
        assert word in labels, word


def test_the_lesson_quotes_the_article_s_italian_as_it_is():
    prose = text(LESSON, "markdown")
    for sentence in ARTICLE_ITALIAN:
        assert sentence in prose, sentence
    exercise = (ROOT / "smlessons" / "content" / "exercises" / "lesson01_media_or_network_it.json").read_text(
        encoding="utf-8"
    )
    assert ARTICLE_ITALIAN[1] in exercise and ARTICLE_ITALIAN[3] in exercise
    # what is our translation says so
    assert "(trad.)" in prose


def test_the_italian_lessons_follow_the_lesson_skeleton():
    prose = text(LESSON, "markdown")
    for heading in ("**Domande**", "**Obiettivi**", "## Punti chiave", "## Bibliografia", "## Avanti"):
        assert heading in prose, heading
    assert prose.count("<details><summary>") >= 5  # solutions folded away
    start = text(START, "markdown")
    assert "01-media-e-reti.ipynb" in start and "../00-start-here.ipynb" in start


@pytest.mark.parametrize("path", [START, LESSON], ids=lambda p: p.name)
def test_every_board_speaks_italian(path):
    code = text(path, "code")
    boards = code.count("SortingBoard(") + code.count("SortingBoard.from_exercise(")
    assert boards >= 1 and code.count('language="it"') == boards, code
    outputs = [o for c in cells(path) if c["cell_type"] == "code" for o in c["outputs"]]
    shown = "\n".join("".join(o.get("data", {}).get("text/plain", "")) for o in outputs)
    # a check shows an Italian score, or (before any card is placed) the Italian sentence saying so
    assert ("giuste su" in shown or "Nessuna scheda ancora sistemata" in shown) and "right" not in shown


@pytest.mark.parametrize("path", [START, LESSON], ids=lambda p: p.name)
def test_links_lead_to_files_that_exist(path):
    for target in re.findall(r"\]\(([^)#]+\.ipynb)\)", text(path, "markdown")):
        assert (path.parent / target).resolve().is_file(), target
