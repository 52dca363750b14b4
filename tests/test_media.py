"""The platform table of lesson 3 (smlessons.datasets.platforms): the shipped data, its
validation, platform look-up, and the plotly views."""

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlessons.content.bibliography import reference
from smlessons.datasets.platforms import (
    FORMATS,
    PATTERNS,
    PLATFORMS_FILE,
    TIE_LABELS,
    TIES,
    Platform,
    PlatformFileError,
    UnknownPlatformError,
    load_platforms,
    platform,
)
from smlessons.figures.media import formats_matrix_figure, launch_timeline_figure, tie_types_figure

SHIPPED = json.loads(PLATFORMS_FILE.read_text(encoding="utf-8"))

# The launch years the lesson states (what each year refers to is in the file).
LAUNCH_YEARS = {
    "Wikipedia": 2001,
    "Facebook": 2004,
    "YouTube": 2005,
    "X (Twitter)": 2006,
    "WhatsApp": 2009,
    "Minecraft": 2009,
    "Instagram": 2010,
    "TikTok": 2017,
}


@pytest.fixture(scope="module")
def platforms():
    return load_platforms()


# --- the shipped data -------------------------------------------------------


def test_shipped_table_has_the_article_platforms_an_encyclopedia_and_a_game(platforms):
    for name in ("Facebook", "Instagram", "Twitter", "TikTok", "YouTube", "WhatsApp"):
        platform(name, platforms)
    kinds = {p.kind for p in platforms.values()}
    assert "online encyclopedia" in kinds and "video game" in kinds


def test_launch_years_and_what_they_refer_to(platforms):
    assert {name: p.launched for name, p in platforms.items()} == LAUNCH_YEARS
    for p in platforms.values():
        assert str(p.launched) in p.launched_what, p.name
    assert "Douyin" in platforms["TikTok"].launched_what and "2016" in platforms["TikTok"].launched_what
    assert "2023" in platforms["X (Twitter)"].launched_what  # renamed X


def test_every_fact_has_a_source_and_a_date(platforms):
    for p in platforms.values():
        assert set(p.source_keys) == {"kind", "launched", "formats", "ties", "patterns"}, p.name
        for fact in p.source_keys:
            assert p.source(fact).strip(), (p.name, fact)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.as_of), p.name
    # Every citation is used, and every one names its publisher or journal.
    used = {
        k for p in SHIPPED["platforms"] for ks in p["source"].values() for k in ([ks] if isinstance(ks, str) else ks)
    }
    assert used == {k if isinstance(k, str) else k["key"] for k in SHIPPED["sources"]}


def test_no_usage_statistics_in_the_data():
    text = PLATFORMS_FILE.read_text(encoding="utf-8").lower()
    for word in ("million", "billion", "users per", "monthly active", "daily active", "%"):
        assert word not in text, word
    # The only numbers are years, dates, a version and citation details: no counts.
    latest = max(int(p["as_of"][:4]) for p in SHIPPED["platforms"])
    years = {int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", text)}
    assert years <= set(range(1994, latest + 1)), years
    assert not re.search(r"\b\d{1,3}(,\d{3})+\b|\b\d{5,}\b", text), "a large number"


def test_judgement_calls_carry_a_note(platforms):
    fb = platforms["Facebook"]
    assert {"mutual", "follow", "group"} <= set(fb.ties) and "friend request" in fb.note
    assert platforms["Wikipedia"].ties == ("none",) and platforms["Wikipedia"].note
    assert "two one-way follows" in platforms["TikTok"].note
    for p in platforms.values():
        assert set(p.formats) <= set(FORMATS) and set(p.ties) <= set(TIES) and set(p.patterns) <= set(PATTERNS)
        if len(p.ties) > 1 or p.ties == ("none",):
            assert p.note, p.name


# --- looking platforms up ---------------------------------------------------


@pytest.mark.parametrize("name", ["Twitter", "twitter", "X", "Twitter / X", "  x (twitter) "])
def test_lookup_by_name_or_alias_ignores_case(name, platforms):
    assert platform(name, platforms).name == "X (Twitter)"


def test_lookup_loads_the_shipped_table_by_default():
    assert platform("WhatsApp").formats == ("text", "photo", "video", "voice")


def test_unknown_platform_is_a_clear_error_naming_it_and_the_known_ones(platforms):
    with pytest.raises(KeyError) as info:
        platform("MySpace", platforms)
    message = str(info.value)
    assert message.startswith("no platform 'MySpace' in the data; known platforms: Wikipedia, Facebook")
    assert all(name in message for name in platforms)
    with pytest.raises(ValueError, match="no platform 'Snapchat'"):
        platform("Snapchat", platforms)
    assert issubclass(UnknownPlatformError, KeyError) and issubclass(UnknownPlatformError, ValueError)


def test_platform_name_must_be_a_string():
    with pytest.raises(TypeError, match="must be a string, not int"):
        platform(3)


# --- malformed files --------------------------------------------------------


def write(tmp_path, data, name="platforms.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def broken(**changes):
    """A copy of the shipped data with changes; ``a__1__b`` is data["a"][1]["b"]."""
    data = json.loads(json.dumps(SHIPPED))
    for path, value in changes.items():
        *keys, last = path.split("__")
        target = data
        for k in keys:
            target = target[int(k)] if k.isdigit() else target[k]
        last = int(last) if last.isdigit() else last
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
    return data


@pytest.mark.parametrize(
    "data, words",
    [
        (
            broken(platforms__1__source__ties=KeyError),
            r"^platforms\.json: platforms\[1\]\.source \('Facebook'\): missing field 'ties'",
        ),
        (
            broken(platforms__1__source__launched="nowhere"),
            r"^platforms\.json: platforms\[1\]\.source\.launched \('Facebook'\): 'nowhere' is not a key of 'sources'",
        ),
        (
            broken(platforms__1__source__users="facebook-help"),
            r"^platforms\.json: platforms\[1\]\.source \('Facebook'\): unknown field 'users'",
        ),
        (
            broken(platforms__2__formats=["video", "audio"]),
            r"^platforms\.json: platforms\[2\]\.formats\[1\] \('YouTube'\): must be one of text, photo, video, voice, live, not 'audio'",
        ),
        (
            broken(platforms__2__ties=["subscribe"]),
            r"^platforms\.json: platforms\[2\]\.ties\[0\] \('YouTube'\): must be one of mutual, follow, group, none, not 'subscribe'",
        ),
        (
            broken(platforms__0__ties=["none", "group"]),
            r"^platforms\.json: platforms\[0\]\.ties \('Wikipedia'\): cannot list 'none' together with other ties",
        ),
        (
            broken(platforms__3__patterns=[]),
            r"^platforms\.json: platforms\[3\]\.patterns \('X \(Twitter\)'\): must be a non-empty list of patterns, not \[\]",
        ),
        (
            broken(platforms__3__patterns=["one-to-many", "one-to-many"]),
            r"^platforms\.json: platforms\[3\]\.patterns \('X \(Twitter\)'\): lists a value twice",
        ),
        (
            broken(platforms__4__launched__year="2009"),
            r"^platforms\.json: platforms\[4\]\.launched\.year \('WhatsApp'\): must be a whole number from 1970 on, not '2009'",
        ),
        (
            broken(platforms__4__launched__year=2031),
            r"^platforms\.json: platforms\[4\]\.launched\.year \('WhatsApp'\): must not be after the as_of year 2024, not 2031",
        ),
        (
            broken(platforms__4__launched=2009),
            r"^platforms\.json: platforms\[4\]\.launched \('WhatsApp'\): must be an object with exactly 'year' and 'what', not 2009",
        ),
        (
            broken(platforms__6__as_of="recently"),
            r"^platforms\.json: platforms\[6\]\.as_of \('Instagram'\): must be a date like '2024-12-31', not 'recently'",
        ),
        (broken(platforms__7__kind=KeyError), r"^platforms\.json: platforms\[7\] \('TikTok'\): missing field 'kind'"),
        (broken(platforms__7__users=1000), r"^platforms\.json: platforms\[7\] \('TikTok'\): unknown field 'users'"),
        (
            broken(platforms__7__aliases=["Douyin", ""]),
            r"^platforms\.json: platforms\[7\]\.aliases\[1\] \('TikTok'\): must be a non-empty string, not ''",
        ),
        (
            broken(platforms__7__aliases=["twitter"]),
            r"^platforms\.json: platforms\[7\] \('TikTok'\): the name 'twitter' is already used by 'X \(Twitter\)'",
        ),
        (broken(platforms__5__name=""), r"^platforms\.json: platforms\[5\]\.name: must be a non-empty string, not ''"),
        (broken(platforms__5="Minecraft"), r"^platforms\.json: platforms\[5\]: must be an object, not 'Minecraft'"),
        (
            broken(sources__3="no-such-key"),
            r"^platforms\.json: sources: 'no-such-key' is not a key of the bibliography",
        ),
        (broken(sources={"x-help": ""}), r"^platforms\.json: sources"),
        (broken(sources="x-help"), r"^platforms\.json: sources"),
        (broken(platforms=[]), r"^platforms\.json: platforms: must be a non-empty list of platforms, not \[\]"),
        (broken(sources=KeyError), r"^platforms.json: missing field 'sources'"),
        (broken(colour="red"), r"^platforms.json: unknown field 'colour'"),
        (
            broken(platforms__4__it=KeyError),
            r"^platforms\.json: platforms\[4\] \('WhatsApp'\): 'WhatsApp' has no Italian texts \('it'\), and other platforms have them",
        ),
        (
            broken(platforms__4__it__note=KeyError),
            r"^platforms\.json: platforms\[4\]\.it\.note \('WhatsApp'\): 'WhatsApp' has a note: its Italian texts need one too",
        ),
        (
            broken(platforms__4__note=KeyError),
            r"^platforms\.json: platforms\[4\]\.it\.note \('WhatsApp'\): 'WhatsApp' has no note to translate",
        ),
        (
            broken(platforms__4__it__kind=""),
            r"^platforms\.json: platforms\[4\]\.it\.kind \('WhatsApp'\): must be a non-empty string, not ''",
        ),
        (
            broken(platforms__4__it__what="2009"),
            r"^platforms\.json: platforms\[4\]\.it \('WhatsApp'\): unknown field 'what'",
        ),
        ([1, 2], r"^platforms\.json: the top level must be an object, not a list"),
        ("{not json", r"^platforms.json: not valid JSON"),
    ],
)
def test_malformed_file_is_rejected_naming_file_platform_and_field(tmp_path, data, words):
    with pytest.raises(PlatformFileError, match=words):
        load_platforms(write(tmp_path, data))


def test_the_unbroken_copy_loads(tmp_path):
    # Guards the test above: its failures must come from the changes alone.
    assert list(load_platforms(write(tmp_path, broken()))) == list(LAUNCH_YEARS)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no platform file .*nowhere.json"):
        load_platforms(tmp_path / "nowhere.json")


def test_citations_keep_their_keys_apart(tmp_path):
    data = broken(platforms__2__source__launched=["britannica-youtube", "kaplan-haenlein-2010"])
    youtube = load_platforms(write(tmp_path, data))["YouTube"]
    assert youtube.source_keys["launched"] == ("britannica-youtube", "kaplan-haenlein-2010")
    assert youtube.source("launched") == "; ".join(reference(k) for k in ("britannica-youtube", "kaplan-haenlein-2010"))
    with pytest.raises(KeyError, match="'users' is not a sourced fact"):
        youtube.source("users")


# --- the texts in Italian ----------------------------------------------------


def test_the_texts_a_student_reads_come_in_the_language_asked_for():
    en, it = load_platforms(language="en")["WhatsApp"], load_platforms(language="it")["WhatsApp"]
    assert (en.kind, it.kind) == ("messaging app", "app di messaggistica")
    assert it.launched_what.startswith("Nel 2009 è stata fondata") and it.note.startswith("WhatsApp è costruita")
    assert (it.formats, it.ties, it.launched, it.language) == (en.formats, en.ties, en.launched, "it")
    assert "(s.d.)" in it.source("launched") and "(n.d.)" in en.source("launched")
    assert platform("twitter", language="it").kind == "servizio di microblogging"
    for p in load_platforms(language="it").values():  # every platform translated, none left in English
        english = load_platforms(language="en")[p.name]
        assert p.launched_what != english.launched_what and p.note != english.note, p.name


def test_the_language_follows_the_environment(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    assert platform("Minecraft").kind == "videogioco"
    assert launch_timeline_figure().data[0].hovertext[0].startswith("<b>Wikipedia</b> (enciclopedia online): 2001")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert platform("Minecraft").kind == "video game"


def test_a_table_without_italian_texts_shows_its_english_ones(tmp_path):
    data = broken()
    for p in data["platforms"]:
        del p["it"]
    table = load_platforms(write(tmp_path, data), language="it")
    assert table["WhatsApp"].kind == "messaging app" and table["WhatsApp"].language == "it"


def test_a_language_and_a_table_together_are_refused(platforms):
    with pytest.raises(ValueError, match="give a language or a table of platforms, not both"):
        platform("WhatsApp", platforms, language="it")
    with pytest.raises(ValueError):
        load_platforms(language="fr")


def test_the_figures_hover_texts_are_italian():
    hover = tie_types_figure(language="it").data[0].hovertext[0]
    assert "Facebook ha tutti e tre i tipi di legame" in hover and "Aggiornato al 2024-12-31" in hover
    timeline = launch_timeline_figure(language="it").data[0].hovertext
    assert any("(app di messaggistica): 2009" in h for h in timeline)
    assert "Fonte: " in formats_matrix_figure(language="it").data[0].hovertext[0]


# --- the figures ------------------------------------------------------------


def test_formats_matrix_has_a_cell_per_platform_and_format(platforms):
    fig = formats_matrix_figure()
    assert [t.name for t in fig.data] == ["main format", "not a main format"]
    offered, not_offered = fig.data
    assert len(offered.x) + len(not_offered.x) == len(platforms) * len(FORMATS)
    assert len(offered.x) == sum(len(p.formats) for p in platforms.values())
    assert ("voice", "WhatsApp") in set(zip(offered.x, offered.y))
    assert ("voice", "TikTok") in set(zip(not_offered.x, not_offered.y))
    # Filled and hollow markers: the difference is not colour alone.
    assert offered.marker.symbol == "circle" and not_offered.marker.symbol == "circle-open"
    assert list(fig.layout.xaxis.categoryarray) == list(FORMATS)


def test_every_hover_names_the_source(platforms):
    figures = [formats_matrix_figure(), tie_types_figure(), tie_types_figure(by="patterns"), launch_timeline_figure()]
    facts = ["formats", "ties", "patterns", "launched"]
    for fig, fact in zip(figures, facts):
        for trace in fig.data:
            assert trace.hovertemplate == "%{hovertext}<extra></extra>"
            for text in trace.hovertext:
                name = re.match(r"<b>(.+?)</b>", text).group(1)
                citation = platforms[name].source(fact)
                assert "Source: " in text
                # Hover text is wrapped with <br>; compare without the breaks.
                assert citation in text.replace("<br>", " "), (fact, name)


def test_tie_types_figure_groups_platforms_by_tie(platforms):
    fig = tie_types_figure()
    assert [t.name for t in fig.data] == [TIE_LABELS[t] for t in TIES]
    columns = {t.name: list(t.text) for t in fig.data}
    assert columns["Mutual (both agree)"] == ["Facebook"]
    assert columns["No ties between people"] == ["Wikipedia"]
    assert "TikTok" in columns["One-way (follow)"] and "WhatsApp" in columns["Group membership"]
    assert sum(len(c) for c in columns.values()) == sum(len(p.ties) for p in platforms.values())
    assert "friend request" in fig.data[0].hovertext[0]  # the note is in the hover


def test_tie_types_figure_by_pattern(platforms):
    fig = tie_types_figure(platforms, by="patterns")
    assert [t.name for t in fig.data] == ["One-to-one", "One-to-many", "Many-to-many"]
    assert "YouTube" in fig.data[1].text and "YouTube" not in fig.data[0].text
    assert fig.data[2].text[0] == "Wikipedia"


def test_tie_types_figure_skips_empty_columns_and_rejects_bad_input(platforms):
    fig = tie_types_figure([platforms["YouTube"], platforms["Instagram"]])
    assert len(fig.data) == 1 and fig.data[0].text == ("YouTube", "Instagram")
    with pytest.raises(ValueError, match="by must be 'ties' or 'patterns', not 'formats'"):
        tie_types_figure(by="formats")
    with pytest.raises(ValueError, match="no platforms to draw"):
        tie_types_figure({})
    with pytest.raises(TypeError, match="expected Platform objects, got str"):
        formats_matrix_figure(["Facebook"])


def test_launch_timeline_is_in_order_and_explains_the_year(platforms):
    fig = launch_timeline_figure()
    assert len(fig.data) == 1
    years = list(fig.data[0].x)
    assert years == sorted(years) and years[0] == 2001 and years[-1] == 2017
    tiktok = fig.data[0].hovertext[list(fig.data[0].y).index("TikTok")]
    assert "Douyin" in tiktok.replace("<br>", " ")


def test_figures_are_small_and_deterministic():
    for make in (formats_matrix_figure, tie_types_figure, launch_timeline_figure):
        first, second = make().to_json(), make().to_json()
        assert first == second, make.__name__
        assert len(first) < 15_000, (make.__name__, len(first))
        assert "plotly.js" not in first


@settings(max_examples=25, deadline=None)
@given(st.sets(st.sampled_from(sorted(LAUNCH_YEARS)), min_size=1))
def test_any_subset_of_platforms_draws(names):
    table = load_platforms()
    chosen = [p for n, p in table.items() if n in names]
    fig = formats_matrix_figure(chosen)
    assert sum(len(t.x) for t in fig.data) == len(chosen) * len(FORMATS)
    assert {t for tr in tie_types_figure(chosen).data for t in tr.text} == {p.name for p in chosen}
    assert len(launch_timeline_figure(chosen).data[0].x) == len(chosen)


# --- packaging and the lesson's exercise ------------------------------------


def test_the_package_import_does_not_pull_in_media_or_plotly():
    code = "import sys, smlessons; print(sorted(m for m in ('smlessons.datasets.platforms', 'plotly') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_platform_repr_is_stable(platforms):
    assert repr(platforms["YouTube"]) == "Platform('YouTube', launched=2005, ties=['follow'])"
    assert isinstance(platforms["YouTube"], Platform)


def test_lesson2_exercise_sorts_ties_into_more_than_two_bins():
    from smlessons import SortingBoard
    from smlessons.exercises.loader import load_exercise

    ex = load_exercise("lesson03_tie_types")
    assert len(ex.bins) >= 3 and len(ex.items) >= 12
    per_bin = {b: sum(1 for i in ex.items if b in i.answers) for b in ex.bins}
    assert min(per_bin.values()) >= 3, per_bin
    assert any(i.contested for i in ex.items)
    labels = " ".join(i.label.lower() for i in ex.items)
    for phrase in (
        "friend request on facebook",
        "tiktok",
        "subscribing to a youtube channel",
        "whatsapp group",
        "instagram",
    ):
        assert phrase in labels, phrase
    board = SortingBoard.from_exercise("lesson03_tie_types")
    board.placements = {i.label: i.answers[0] for i in ex.items}
    assert board.check().right == len(ex.items)


def test_names_in_the_tie_columns_do_not_run_into_the_next_column():
    # At a plot 600 px wide (a narrow notebook), a name written right of its
    # marker must end before the next column starts.
    from smlessons.figures.media import tie_types_figure

    for by in ("ties", "patterns"):
        fig = tie_types_figure(by=by)
        lo, hi = fig.layout.xaxis.range
        px_per_column = 600 / (hi - lo)
        font = (fig.layout.template.layout.font.size or 12) if fig.layout.font.size is None else fig.layout.font.size
        for trace in fig.data:
            widest = max(0.6 * font * len(t) for t in trace.text)
            assert trace.marker.size / 2 + 3 + widest < px_per_column, (by, trace.name)


def test_media_figures_use_the_course_template():
    from smlessons.figures.media import (
        formats_matrix_figure,
        launch_timeline_figure,
        tie_types_figure,
    )
    from smlessons.figures.theme import TEMPLATE

    for fig in (formats_matrix_figure(), tie_types_figure(), launch_timeline_figure()):
        assert fig.layout.template == TEMPLATE
        assert fig.layout.plot_bgcolor is None and fig.layout.paper_bgcolor is None  # the template's: transparent
