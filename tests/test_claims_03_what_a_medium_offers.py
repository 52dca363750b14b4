"""Every quantitative or comparative sentence of lesson 3 (03-what-a-medium-offers),
and of its questions' feedback, checked against the platform table and the
course's code. One test per claim; each reads its sentence first."""

import json
import re
from itertools import combinations, permutations

import claims
import pytest
from claims import cell_output, cell_text, lesson_minutes

from smlessons.datasets.networks import class_network, follow_network
from smlessons.datasets.platforms import FORMATS, load_platforms, platform
from smlessons.engine.measures import audience, followers, following, mutual_ties
from smlessons.exercises import EXERCISES_DIR, load_questions, question

NB = "03-what-a-medium-offers"


@pytest.fixture(scope="module")
def platforms():
    return load_platforms()


def test_eight_platforms_six_named_by_the_article_one_encyclopedia_one_game(platforms):
    text = cell_text(NB, "l3-intro")
    assert (
        "We answer them for eight platforms: the six the article names (Facebook, Instagram, Twitter, TikTok, YouTube, WhatsApp), plus one online encyclopedia and one video game"
        in text
    )
    assert len(platforms) == 8
    named = {platform(n).name for n in ("Facebook", "Instagram", "Twitter", "TikTok", "YouTube", "WhatsApp")}
    assert len(named) == 6
    others = [p.kind for p in platforms.values() if p.name not in named]
    assert sorted(others) == ["online encyclopedia", "video game"]


def test_the_table_ships_launch_years_and_no_usage_numbers(platforms):
    assert "The table has launch years but **no usage numbers**" in cell_text(NB, "l3-timeline-intro")
    fields = set().union(*(vars(p) for p in platforms.values()))
    assert not {f for f in fields if "user" in f or "usage" in f}
    assert all(isinstance(p.launched, int) for p in platforms.values())


def test_tiktok_2017_outside_china_douyin_2016_minecraft_2009_test_2011_release():
    text = cell_text(NB, "l3-timeline-think")
    assert (
        "TikTok was launched for markets outside mainland China in 2017, but its Chinese counterpart, Douyin, launched in 2016"
        in text
    )
    assert "Minecraft's first public test version came out in 2009, its full release in 2011" in text
    tiktok, minecraft = platform("TikTok"), platform("Minecraft")
    assert (
        tiktok.launched == 2017
        and "outside mainland China in 2017" in tiktok.launched_what
        and "Douyin, had launched in 2016" in tiktok.launched_what
    )
    assert (
        minecraft.launched == 2009
        and "May 2009" in minecraft.launched_what
        and "November 2011" in minecraft.launched_what
    )


def test_only_whatsapp_has_voice_and_five_platforms_have_live(platforms):
    text = cell_text(NB, "l3-formats-solution")
    assert "Only WhatsApp has voice among its main formats" in text
    assert "With `\"live\"` you get `['Facebook', 'YouTube', 'X (Twitter)', 'Instagram', 'TikTok']`" in text
    assert [p.name for p in platforms.values() if "voice" in p.formats] == ["WhatsApp"]
    assert [p.name for p in platforms.values() if "live" in p.formats] == [
        "Facebook",
        "YouTube",
        "X (Twitter)",
        "Instagram",
        "TikTok",
    ]


def test_minecraft_shows_only_text():
    assert "Minecraft shows only *text*" in cell_text(NB, "l3-formats-solution")
    assert platform("Minecraft").formats == ("text",)


def test_facebook_sits_in_three_columns_of_the_tie_view():
    assert "Facebook sits in three columns" in cell_text(NB, "l3-ties-facebook")
    assert len(platform("Facebook").ties) == 3


def test_ben_s_audience_is_ana_and_carla_and_he_follows_back_only_carla():
    text = cell_text(NB, "l3-shape")
    assert "Ana → Ben" in text and "Carla → Ben" in text and "Ben → Carla" in text
    assert "Ben's audience is Ana and Carla, and he follows back only Carla" in text
    F = follow_network([("Ana", "Ben"), ("Carla", "Ben"), ("Ben", "Carla")])
    assert followers(F, "Ben") == ["Ana", "Carla"] and mutual_ties(F, "Ben") == ["Carla"]


def test_four_friends_make_6_lines_and_12_arrows():
    text = cell_text(NB, "l3-count-solution")
    assert "**6 lines** and **12 arrows**" in text
    people = ["Ana", "Ben", "Carla", "Dan"]
    assert len(list(combinations(people, 2))) == 6 and len(list(permutations(people, 2))) == 12
    assert "the group links the same 6 pairs" in text


def test_ana_following_three_who_do_not_follow_back_makes_3_arrows_and_no_audience():
    text = cell_text(NB, "l3-count-solution")
    assert (
        "there are 3 arrows, all pointing away from Ana: Ana has no audience, and each of the three has an audience of one"
        in text
    )
    F = follow_network([("Ana", "Ben"), ("Ana", "Carla"), ("Ana", "Dan")])
    assert F.number_of_edges() == 3 and audience(F, "Ana") == 0
    assert all(audience(F, p) == 1 for p in ("Ben", "Carla", "Dan"))


@pytest.mark.parametrize(
    "card_start, claim, bins",
    [
        (
            "Approving a follow request on your private Instagram account",
            "is a **one-way** tie",
            ["One-way tie (follow)"],
        ),
        (
            "Two TikTok accounts that follow each other",
            "are right as **mutual** and as **one-way**",
            ["Mutual tie (both ways)", "One-way tie (follow)"],
        ),
        (
            "Editing a Wikipedia article that others also edit",
            "is right as **no tie** and as **group membership**",
            ["No tie between people", "Group membership"],
        ),
        ("Watching a YouTube video without subscribing", "makes **no tie**", ["No tie between people"]),
        ("Adding a friend to a WhatsApp group you run", "gives your friend a **group** tie", ["Group membership"]),
    ],
)
def test_the_board_solution_says_what_the_board_accepts(card_start, claim, bins):
    """The folded solution repeats the board's key: if the key changes, this says where."""
    text = cell_text(NB, "l3-exercise-solution")
    assert claim in text
    items = json.loads((EXERCISES_DIR / "lesson03_tie_types.json").read_text(encoding="utf-8"))["items"]
    card = next(i for i in items if i["label"].startswith(card_start))
    accepted = card["answer"] if isinstance(card["answer"], list) else [card["answer"]]
    assert sorted(accepted) == sorted(bins), card_start


def test_reflection_channels_that_fit_are_one_to_many():
    text = cell_text(NB, "l3-reflection")
    assert "A WhatsApp channel, an Instagram account or a YouTube channel fit the pattern" in text
    for name in ("WhatsApp", "Instagram", "YouTube"):
        assert "one-to-many" in platform(name).patterns


def test_reflection_a_whatsapp_group_is_many_to_many():
    assert "A WhatsApp group would reach everyone too, but it is many-to-many" in cell_text(NB, "l3-reflection")
    assert "many-to-many" in platform("WhatsApp").patterns and "group" in platform("WhatsApp").ties


def test_kaplan_and_haenlein_six_types_named():
    """Quoted from Kaplan & Haenlein (2010); the test checks the sentence names six types."""
    text = cell_text(NB, "l3-intro")
    assert "Kaplan & Haenlein (2010) sort social media into six types" in text
    types = ["collaborative projects", "blogs", "content communities", "social networking sites",
             "virtual game worlds", "virtual social worlds"]  # fmt: skip
    assert all(t in text for t in types) and len(types) == 6


def test_instagram_group_chats_are_many_to_many_with_their_source():
    ig = platform("Instagram")
    assert "many-to-many" in ig.patterns and "group chats" in ig.note and "many-to-many" in ig.note
    assert "Instagram Help Center" in ig.source("patterns")


def test_whatsapp_note_explains_why_follow_is_not_a_main_tie():
    wa = platform("WhatsApp")
    assert "Following a channel is a one-way tie" in wa.note and "follow" not in wa.ties


# -- the questions' texts ------------------------------------------------------------


def test_voice_question_only_whatsapp_and_x_s_note_names_spaces(platforms):
    q = question("voice-platform")
    assert "it lists only WhatsApp" in q.prompt and "X has Spaces (live audio conversations)" in q.prompt
    assert q.answer == "b" and "named in X's note" in q.options["b"]
    assert "Every record is dated (as of 2024-12-31), and X's note of that date already names Spaces" in q.feedback["c"]
    assert [p.name for p in platforms.values() if "voice" in p.formats] == ["WhatsApp"]
    x = platform("X")
    assert "Spaces (live audio conversations)" in x.note and "voice" not in x.formats and str(x.as_of) == "2024-12-31"
    assert {str(p.as_of) for p in platforms.values()} == {"2024-12-31"}
    assert "Only WhatsApp has voice among its main formats" in cell_text(NB, "l3-formats-solution")


def test_lines_and_arrows_question_b_is_6_and_12():
    q = question("lines-and-arrows")
    assert q.answer == "b" and q.options["b"] == "6 lines and 12 arrows."
    assert "There are 6 pairs among 4 people, so 6 lines" in q.explanation and "12 arrows" in q.explanation
    assert "4 people make 6 pairs" in q.feedback["d"]
    assert len(list(combinations(range(4), 2))) == 6 and len(list(permutations(range(4), 2))) == 12


def test_on_mutual_ties_alone_ties_to_a_person_equal_ties_from_them():
    q = question("audience-needs-one-way-ties")
    assert "a person has exactly as many ties to them as from them" in q.options["a"]
    G = class_network()  # mutual ties only
    assert all(len(followers(G, p)) == len(following(G, p)) for p in G)


def test_facebook_has_one_way_ties_to_pages():
    q = question("audience-needs-one-way-ties")
    assert "Facebook has them too: following a Page is a one-way tie" in q.explanation
    fb = platform("Facebook")
    assert "follow" in fb.ties and "follows (of Pages" in fb.note


# -- the Italian lesson (it/03-cosa-offre-un-mezzo) ----------------------------------
# The same claims, read from the Italian cells and checked on the same data; the
# platforms' Italian texts (platforms.json's "it") say what their English ones say.

NB_IT = "it/03-cosa-offre-un-mezzo"


def _it(name):
    return platform(name, language="it")


def _asked(notebook):
    """The question ids the notebook's ``ask`` cells show, in order."""
    cells = claims._cells(notebook).values()
    found = (re.fullmatch(r'ask\("([^"]+)"\)', "".join(c["source"]).strip()) for c in cells if c["cell_type"] == "code")
    return [m.group(1) for m in found if m]


def test_italian_students_get_the_same_questions_checked_the_same_way():
    ids = _asked(NB_IT)
    assert ids == [f"{q}-it" for q in _asked(NB)]
    en, it = load_questions("lesson03_questions"), load_questions("lesson03_questions_it")
    assert set(ids) == set(it)
    for q_it in ids:
        e, i = en[q_it.removesuffix("-it")], it[q_it]
        assert (e.kind, e.level, e.answer, list(e.options)) == (i.kind, i.level, i.answer, list(i.options))
        assert i.language == "it"


def test_the_italian_board_is_the_english_board_in_italian():
    """Same cards in the same order, each accepted in the same bins (by position), with the same clause and source."""
    en, it = (json.loads((EXERCISES_DIR / f).read_text(encoding="utf-8")) for f in TIE_FILES)
    assert (en["id"], it["id"]) == ("lesson02-tie-types", "lesson02-tie-types-it")
    assert len(en["bins"]) == len(it["bins"]) == 4 and list(en["policy"]["bins"]) == list(it["policy"]["bins"])
    to_it = dict(zip(en["bins"], it["bins"]))
    assert [to_it[v] for v in en["policy"]["bins"].values()] == list(it["policy"]["bins"].values())
    assert len(en["items"]) == len(it["items"]) == 17
    for a, b in zip(en["items"], it["items"]):
        answers = a["answer"] if isinstance(a["answer"], list) else [a["answer"]]
        assert [to_it[x] for x in answers] == (b["answer"] if isinstance(b["answer"], list) else [b["answer"]])
        assert (a["clause"], a["source"]) == (b["clause"], b["source"]), a["label"]
    assert [(c["id"], c["right"], c["source"]) for c in en["policy"]["clauses"]] == [
        (c["id"], c["right"], c["source"]) for c in it["policy"]["clauses"]
    ]
    assert "le 17 schede" in cell_output(NB_IT, "it-l3-check")


TIE_FILES = ("lesson03_tie_types.json", "lesson03_tie_types_it.json")


def test_italian_eight_platforms_and_no_usage_numbers():
    text = cell_text(NB_IT, "it-l3-intro")
    assert (
        "Rispondiamo per otto piattaforme: le sei che l'articolo nomina (Facebook, Instagram, Twitter, TikTok, YouTube, WhatsApp), più un'enciclopedia online e un videogioco"
        in text
    )
    assert "Kaplan e Haenlein (2010) dividono i social media in sei tipi" in text
    platforms = load_platforms(language="it")
    assert len(platforms) == 8
    named = {_it(n).name for n in ("Facebook", "Instagram", "Twitter", "TikTok", "YouTube", "WhatsApp")}
    assert len(named) == 6
    assert sorted(p.kind for p in platforms.values() if p.name not in named) == ["enciclopedia online", "videogioco"]
    assert "**nessun numero di utenti**" in cell_text(NB_IT, "it-l3-timeline-intro")


def test_italian_tiktok_and_minecraft_years_are_the_tables():
    text = cell_text(NB_IT, "it-l3-timeline-think")
    assert "fuori dalla Cina continentale nel 2017, ma la sua controparte cinese, Douyin, è nata nel 2016" in text
    assert "Minecraft è uscita nel 2009, la versione completa nel 2011" in text
    tiktok, minecraft = _it("TikTok"), _it("Minecraft")
    assert (
        tiktok.launched == 2017
        and "nel 2017" in tiktok.launched_what
        and "Douyin, era stata lanciata nel 2016" in tiktok.launched_what
    )
    assert (
        minecraft.launched == 2009
        and "maggio 2009" in minecraft.launched_what
        and "novembre 2011" in minecraft.launched_what
    )


def test_italian_formats_voice_live_and_minecraft():
    text = cell_text(NB_IT, "it-l3-formats-solution")
    assert "Solo WhatsApp ha la voce tra i formati principali" in text and "Minecraft mostra solo il *testo*" in text
    live = [p.name for p in load_platforms(language="it").values() if "live" in p.formats]
    assert f'Con `"live"` ottieni `{live}`' in text
    assert "`['WhatsApp']`" in cell_text(NB_IT, "it-l3-live-try")
    assert cell_output(NB_IT, "it-l3-voice").strip() == "['WhatsApp']"
    # the five format words of the text are the data's five keys, in the figures' order
    keys = re.findall(r'^- \*\*[^*]+\*\* \(`"(\w+)"`\)', "".join(claims._cells(NB_IT)["it-l3-formats"]["source"]), re.M)
    assert tuple(keys) == FORMATS


def test_italian_facebook_three_columns_and_ben_s_audience():
    assert "Facebook sta in tre colonne" in cell_text(NB_IT, "it-l3-ties-facebook")
    assert len(_it("Facebook").ties) == 3
    text = cell_text(NB_IT, "it-l3-shape")
    assert "Ana → Ben" in text and "Carla → Ben" in text and "Ben → Carla" in text
    assert "il pubblico di Ben è formato da Ana e Carla, e lui ricambia il follow solo a Carla" in text
    F = follow_network([("Ana", "Ben"), ("Carla", "Ben"), ("Ben", "Carla")])
    assert followers(F, "Ben") == ["Ana", "Carla"] and mutual_ties(F, "Ben") == ["Carla"]


def test_italian_lines_and_arrows():
    text = cell_text(NB_IT, "it-l3-count-solution")
    people = ["Ana", "Ben", "Carla", "Dan"]
    lines, arrows = len(list(combinations(people, 2))), len(list(permutations(people, 2)))
    assert f"**{lines} linee** e **{arrows} frecce**" in text and f"le stesse {lines} coppie" in text
    F = follow_network([("Ana", "Ben"), ("Ana", "Carla"), ("Ana", "Dan")])
    assert F.number_of_edges() == 3 and audience(F, "Ana") == 0
    assert all(audience(F, p) == 1 for p in ("Ben", "Carla", "Dan"))
    assert "ci sono 3 frecce, tutte in partenza da Ana: Ana non ha pubblico" in text
    q = load_questions("lesson03_questions_it")["lines-and-arrows-it"]
    assert q.options[q.answer] == f"{lines} linee e {arrows} frecce."
    assert f"Tra 4 persone ci sono {lines} coppie, quindi {lines} linee" in q.explanation


MUTUAL_IT, ONE_WAY_IT = "Legame reciproco (in tutti e due i versi)", "Legame a senso unico (follow)"
GROUP_IT, NONE_IT = "Appartenenza a un gruppo", "Nessun legame tra persone"


@pytest.mark.parametrize(
    "card_start, claim, bins",
    [
        (
            "Approvare una richiesta di follow sul tuo account Instagram privato",
            "è un legame **a senso unico**",
            [ONE_WAY_IT],
        ),
        (
            "Due account TikTok che si seguono a vicenda",
            "sono giusti come **reciproco** e come **a senso unico**",
            [MUTUAL_IT, ONE_WAY_IT],
        ),
        (
            "Modificare una voce di Wikipedia che modificano anche altri",
            "è giusto come **nessun legame** e come **appartenenza a un gruppo**",
            [NONE_IT, GROUP_IT],
        ),
        ("Guardare un video su YouTube senza iscriverti", "non crea **nessun legame**", [NONE_IT]),
        ("Aggiungere un amico a un gruppo WhatsApp che amministri", "un legame **di gruppo**", [GROUP_IT]),
    ],
)
def test_the_italian_board_solution_says_what_the_italian_board_accepts(card_start, claim, bins):
    text = cell_text(NB_IT, "it-l3-exercise-solution")
    assert claim in text
    items = json.loads((EXERCISES_DIR / "lesson03_tie_types_it.json").read_text(encoding="utf-8"))["items"]
    card = next(i for i in items if i["label"].startswith(card_start))
    accepted = card["answer"] if isinstance(card["answer"], list) else [card["answer"]]
    assert sorted(accepted) == sorted(bins), card_start


def test_italian_reflection_channels_and_group():
    text = cell_text(NB_IT, "it-l3-reflection")
    assert "Un canale WhatsApp, un account Instagram o un canale YouTube sono adatti a questo modello" in text
    assert all("one-to-many" in platform(n).patterns for n in ("WhatsApp", "Instagram", "YouTube"))
    assert "Anche un gruppo WhatsApp raggiungerebbe tutti, ma è molti a molti" in text
    assert "many-to-many" in platform("WhatsApp").patterns and "group" in platform("WhatsApp").ties


def test_italian_questions_quote_the_italian_table():
    it = load_questions("lesson03_questions_it")
    q = it["voice-platform-it"]
    x = _it("X")
    assert (
        "X ha gli Spaces (conversazioni audio dal vivo)" in q.prompt
        and "Spaces (conversazioni audio dal vivo)" in x.note
    )
    assert f"Ogni record ha una data (aggiornato al {x.as_of})" in q.feedback["c"] and "voice" not in x.formats
    assert "seguire una Pagina è un legame a senso unico" in it["audience-needs-one-way-ties-it"].explanation
    fb = _it("Facebook")
    assert "follow" in fb.ties and "i follow (delle Pagine" in fb.note
    assert "1.000" in it["audience-needs-one-way-ties-it"].prompt


def test_the_platforms_italian_texts_match_their_english_facts():
    """Every year, month and name an English text gives, its Italian text gives too."""
    months = dict(zip(["January", "February", "March", "April", "May", "June", "July", "August", "September",
                       "October", "November", "December"],
                      ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
                       "settembre", "ottobre", "novembre", "dicembre"]))  # fmt: skip
    en, it = load_platforms(language="en"), load_platforms(language="it")
    assert list(en) == list(it)
    for name in en:
        e, i = en[name], it[name]
        assert (e.formats, e.ties, e.patterns, e.launched, e.as_of, e.source_keys) == (
            i.formats,
            i.ties,
            i.patterns,
            i.launched,
            i.as_of,
            i.source_keys,
        )
        for text_en, text_it in ((e.launched_what, i.launched_what), (e.note, i.note)):
            assert re.findall(r"\b(?:19|20)\d\d\b", text_en) == re.findall(r"\b(?:19|20)\d\d\b", text_it), name
            assert [months[m] for m in re.findall("|".join(months), text_en)] == re.findall(
                "|".join(months.values()), text_it
            ), name
            for proper in ("Harvard", "Douyin", "ByteDance", "Messenger", "Spaces", "Realm", "/msg", "Kaplan"):
                assert (proper in text_en) == (proper in text_it), (name, proper)


def test_the_stated_minutes_follow_one_rule_in_both_languages():
    """The header: Teaching = the words of the Markdown cells but the references / 140 (rounded),
    Exercises = the minutes in the headings."""
    for nb, refs in ((NB, "l3-references"), (NB_IT, "it-l3-references")):
        stated, reading, doing = lesson_minutes(nb, leave_out=(refs,))
        assert stated == (reading, doing), (nb, stated, reading, doing)
