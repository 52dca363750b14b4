"""Accessibility, measured: axe-core on every board of every lesson (English
and Italian) in the light and the dark theme; the lessons' other views
(plotly figures, the lesson text) checked in the light theme and reported;
every state of a board measured for contrast in both themes, disabled
buttons included (axe skips them); feedback never by colour alone.

A summary is written to ``test-artifacts/axe-lessons.json`` and
``test-artifacts/contrast.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import harness
import pytest
from boards import Board, contrast_of, focus_state, text_contrasts
from harness import (
    DARK_THEME,
    LIGHT_THEME,
    add_cell,
    notebook_errors,
    open_notebook,
    run_all,
    run_cell,
    run_python,
    set_theme,
)
from playwright.sync_api import expect

from smlessons.content.lessons import notebooks

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
#: Every notebook of the lessons manifest, in every language.
LESSONS = notebooks()
THEMES = (LIGHT_THEME, DARK_THEME)
SERIOUS = ("serious", "critical")
TEXT_MIN = 4.5  # WCAG 1.4.3 AA, normal-size text
RING_MIN = 3.0  # WCAG 1.4.11 / 2.4.13: a focus indicator against what is behind it

AXE_REPORT: dict = {}
CONTRAST_REPORT: dict = {}


def summary(response) -> dict:
    """{impact: [rule ids]} of an axe response, and whether colour contrast was really checked."""
    out: dict = {}
    for v in response["violations"]:
        out.setdefault(v.get("impact") or "unknown", []).append(f"{v['id']} ({len(v['nodes'])})")
    checked = {r["id"] for r in response["passes"] + response["violations"] + response["incomplete"]}
    return {
        "violations": out,
        "contrast_checked": "color-contrast" in checked,
        "incomplete": sorted({v["id"] for v in response["incomplete"]}),
    }


def describe(response) -> str:
    return "\n".join(
        f"  [{v.get('impact')}] {v['id']}: {v['help']}\n"
        + "\n".join(f"      {n['target']}: {n.get('failureSummary', '')}" for n in v["nodes"][:4])
        for v in response["violations"]
        if v.get("impact") in SERIOUS
    )


@pytest.fixture(scope="module", autouse=True)
def write_reports(artifacts):
    yield
    if AXE_REPORT:
        (artifacts / "axe-lessons.json").write_text(json.dumps(AXE_REPORT, indent=2, ensure_ascii=False) + "\n")
    if CONTRAST_REPORT:
        (artifacts / "contrast.json").write_text(json.dumps(CONTRAST_REPORT, indent=2, ensure_ascii=False) + "\n")


@pytest.fixture
def page(fresh_page):
    return fresh_page


def test_every_lesson_is_covered():
    assert "01-media-and-networks.ipynb" in LESSONS and "it/01-media-e-reti.ipynb" in LESSONS


@pytest.mark.parametrize("lesson", LESSONS)
def test_axe_on_every_board_and_view_of_every_lesson(page, lab_server, lesson):
    open_notebook(page, lab_server, lesson)
    run_all(page)
    assert notebook_errors(page) == [], f"{lesson} has error output"
    expected_boards = page.evaluate(
        """() => window.jupyterapp.shell.currentWidget.content.widgets
             .filter(c => c.model.type === 'code')
             .flatMap(c => c.model.outputs.toJSON())
             .filter(o => o.data && String(o.data['text/plain'] || '').startsWith('SortingBoard(')).length"""
    )
    boards = page.locator(".smb")
    expect(boards).to_have_count(expected_boards)
    figures = page.locator(".js-plotly-plot")
    if "go.Figure" in (ROOT / "notebooks" / lesson).read_text(encoding="utf-8") or figures.count():
        page.wait_for_timeout(500)  # plotly draws asynchronously
    n_figures = figures.count()
    for i in range(expected_boards):
        boards.nth(i).evaluate("(n, i) => n.setAttribute('data-axe-board', String(i))", i)
    for i in range(n_figures):
        figures.nth(i).evaluate("(n, i) => n.setAttribute('data-axe-figure', String(i))", i)

    report = {"boards": expected_boards, "figures": n_figures}
    failures = []
    try:
        for theme in THEMES:
            set_theme(page, theme)
            for i in range(expected_boards):
                response = harness.run_axe(page, f'[data-axe-board="{i}"]')
                s = summary(response)
                report[f"board {i}, {theme}"] = s
                if not s["contrast_checked"]:
                    failures.append(f"board {i} in {theme}: axe did not check colour contrast")
                if any(s["violations"].get(k) for k in SERIOUS):
                    failures.append(f"board {i} in {theme}:\n{describe(response)}")
            if theme != LIGHT_THEME:
                continue
            # Not ours (plotly draws the figures, JupyterLab styles the text), but reported.
            for i in range(n_figures):
                report[f"figure {i}, {theme}"] = summary(harness.run_axe(page, f'[data-axe-figure="{i}"]'))
            report[f"lesson text, {theme}"] = summary(harness.run_axe(page, ".jp-MarkdownOutput"))
    finally:
        set_theme(page, LIGHT_THEME)
    AXE_REPORT[lesson] = report
    print(f"\n{lesson}: {expected_boards} boards, {n_figures} figures")
    for key, value in report.items():
        if isinstance(value, dict):
            print(f"  {key}: {value['violations'] or 'no violations'}")
    assert not failures, "\n".join(failures)


# ------------------------------------------------------------ every state

STATES = """
from smlessons import SortingBoard
from smlessons.exercises.answers import AnswerStore
import pathlib, tempfile

ITEMS = [
    {"label": "TikTok", "answer": "Medium", "explanation": "An app for video clips."},
    {"label": "My classmates", "answer": "Network", "explanation": "People and their ties."},
    {"label": "Facebook", "answer": ["Medium", "Network"], "explanation": "Both readings hold."},
    {"label": "YouTube", "answer": "Medium", "explanation": "A platform."},
    {"label": "A fan club", "answer": "Network", "explanation": "People."},
]
checked = SortingBoard(items=ITEMS, bins=["Medium", "Network"], title="Checked", prompt="Right, wrong, picked.")
checked.placements = {"TikTok": "Medium", "My classmates": "Medium", "Facebook": "Network"}
checked.check()
fresh = SortingBoard(items=ITEMS, bins=["Medium", "Network"], title="Fresh", prompt="Nothing placed.")
italian = SortingBoard(items=ITEMS, bins=["Medium", "Network"], title="Italiano", language="it")
italian.placements = {"TikTok": "Medium", "My classmates": "Medium"}
italian.check()
assessed = SortingBoard(items=[i["label"] for i in ITEMS], bins=["Medium", "Network"], title="Assessed",
                        mode="assessment")
assessed.placements = {"TikTok": "Medium"}
assessed.check()
folder = pathlib.Path(tempfile.mkdtemp())
(folder / "states.answers.json").write_text("{damaged", encoding="utf-8")
noticed = SortingBoard(items=ITEMS, bins=["Medium", "Network"], title="Notice", exercise_id="states",
                       answers=AnswerStore("states", folder=folder))
"""
STATE_BOARDS = ("Checked", "Fresh", "Italiano", "Assessed", "Notice")


@pytest.fixture(scope="module")
def states_page(browser, lab_server):
    path = harness.scratch_notebook(lab_server, "states.ipynb", cells=["import smlessons"])
    ctx = harness.new_context(browser, viewport={"width": 1280, "height": 1400})
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    open_notebook(pg, lab_server, path)
    run_all(pg)
    cell = add_cell(
        pg,
        STATES + "\nfrom IPython.display import display\n"
        "for b in (checked, fresh, italian, assessed, noticed):\n    display(b)\n",
    )
    run_cell(pg, cell)
    expect(pg.locator(cell).locator(".smb")).to_have_count(len(STATE_BOARDS))
    pg.cell = cell
    yield pg
    ctx.close()


def state_board(page, title) -> Board:
    return Board.titled(page, title)


def test_contrast_of_every_state_in_both_themes(states_page):
    page = states_page
    checked, fresh = state_board(page, "Checked"), state_board(page, "Fresh")
    expect(checked.root.locator(".smb-wrong")).to_have_count(1)
    expect(checked.retry_button).to_be_enabled()
    expect(fresh.retry_button).to_be_disabled()
    expect(state_board(page, "Notice").root.locator(".smb-notice")).to_be_visible()
    expect(state_board(page, "Assessed").root.locator(".smb-mode-note")).to_be_visible()
    # a picked-up card (keyboard) and a hovered card (mouse) on the fresh board
    fresh.card("TikTok").focus()
    page.keyboard.press("Enter")
    expect(fresh.card("TikTok")).to_have_attribute("aria-pressed", "true")
    fresh.card("YouTube").hover()

    failures, table = [], {}
    try:
        for theme in THEMES:
            set_theme(page, theme)
            fresh.card("YouTube").hover()
            rows = []
            for title in STATE_BOARDS:
                for row in text_contrasts(state_board(page, title).root):
                    rows.append({"board": title, **row})
            disabled = contrast_of(fresh.retry_button)
            rows.append(
                {"board": "Fresh", "kind": "disabled 'Try again' (measured directly)", "text": "Try again", **disabled}
            )
            # the focus ring of a focused card and of a focused bin, and the picked card's outline
            ring = {}
            for name, target in (
                ("card", fresh.card("YouTube")),
                ("bin", fresh.bin("Network")),
                ("button", fresh.reset_button),
            ):
                target.focus()
                page.keyboard.press("Shift+Tab")
                page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
                state = focus_state(page)
                ring[name] = state["ringContrast"]
                if not (state["outline"] or state["shadow"]) or (state["ringContrast"] or 0) < RING_MIN:
                    failures.append(f"{theme}: focused {name} has no clear focus indicator: {state}")
            page.keyboard.press("Escape")
            fresh.card("TikTok").focus()
            page.keyboard.press("Enter")  # picked again for the next theme
            table[theme] = {"text": rows, "focus ring": ring}
            for row in rows:
                if row["ratio"] < TEXT_MIN:
                    failures.append(
                        f"{theme}: {row['board']} {row['kind']} {row['text']!r}: "
                        f"{row['ratio']:.2f}:1 ({row['fg']} on {row['bg']})"
                    )
    finally:
        page.keyboard.press("Escape")
        set_theme(page, LIGHT_THEME)
    CONTRAST_REPORT.update(table)
    for theme, t in table.items():
        worst = min(t["text"], key=lambda r: r["ratio"])
        disabled = next(r for r in t["text"] if r["kind"].startswith("disabled 'Try again'"))
        print(
            f"\n{theme}: {len(t['text'])} texts, lowest {worst['ratio']:.2f}:1 ({worst['board']} {worst['kind']}); "
            f"disabled Try again {disabled['ratio']:.2f}:1 ({disabled['fg']} on {disabled['bg']}); "
            f"focus rings {', '.join(f'{k} {v:.2f}:1' for k, v in t['focus ring'].items())}"
        )
    assert not failures, "\n".join(failures)


def test_axe_on_every_state_in_both_themes(states_page):
    page = states_page
    cell = page.locator(page.cell)
    failures = []
    try:
        for theme in THEMES:
            set_theme(page, theme)
            for i, title in enumerate(STATE_BOARDS):
                state_board(page, title).root.evaluate("(n, i) => n.setAttribute('data-axe-state', String(i))", i)
                response = harness.run_axe(page, f'[data-axe-state="{i}"]')
                s = summary(response)
                print(f"\naxe, {title} board, {theme}: {s['violations'] or 'no violations'}")
                if any(s["violations"].get(k) for k in SERIOUS) or not s["contrast_checked"]:
                    failures.append(f"{title} in {theme}:\n{describe(response)}")
    finally:
        set_theme(page, LIGHT_THEME)
    assert cell.count() == 1
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "title, right, wrong", [("Checked", "Right", "Not quite"), ("Italiano", "Giusta", "Non proprio")]
)
def test_feedback_is_never_colour_alone(states_page, title, right, wrong):
    """Every verdict has a symbol and a word, and right and wrong cards differ in shape too."""
    b = state_board(states_page, title)
    cards = b.root.evaluate(
        """(root) => [...root.querySelectorAll('.smb-item')].filter(n => !n.querySelector('.smb-feedback').hidden)
             .map(n => ({label: n.dataset.label, right: n.classList.contains('smb-right'),
                         wrong: n.classList.contains('smb-wrong'),
                         mark: n.querySelector('.smb-mark').textContent,
                         verdict: n.querySelector('.smb-verdict').textContent,
                         border: getComputedStyle(n.querySelector('.smb-card')).borderTopStyle,
                         described: document.getElementById(n.querySelector('.smb-card')
                                      .getAttribute('aria-describedby')).textContent}))"""
    )
    assert any(c["right"] for c in cards) and any(c["wrong"] for c in cards)
    for c in cards:
        if c["wrong"]:
            assert c["mark"] == "\u2717" and c["verdict"] == wrong and c["border"] == "dashed", c
        else:
            assert c["mark"] == "\u2713" and c["verdict"].startswith(right) and c["border"] == "solid", c
        # the words reach a screen reader: the card is described by its feedback
        assert c["verdict"] in c["described"], c


def test_the_italian_board_speaks_italian(states_page):
    b = state_board(states_page, "Italiano")
    expect(b.root).to_have_attribute("lang", "it")
    expect(b.check_button).to_have_text("Verifica")
    expect(b.retry_button).to_have_text("Riprova")
    expect(b.reset_button).to_have_text("Ricomincia")
    expect(b.pool.locator(".smb-target-label")).to_have_text("Schede da smistare")
    expect(b.score).to_have_text("1 giusta su 5 (1 sbagliata, 3 non ancora sistemate)")
    expect(b.bin("Medium")).to_have_attribute("aria-label", "Medium, 2 schede")
    expect(b.bin("Network")).to_have_attribute("aria-label", "Network, 0 schede")
    expect(b.pool).to_have_attribute("aria-label", "Schede da smistare, 3 schede")
    b.card("YouTube").focus()
    states_page.keyboard.press("Enter")
    expect(b.live).to_contain_text("Hai preso la scheda YouTube.")
    b.bin("Medium").focus()
    states_page.keyboard.press("Enter")
    expect(b.live).to_contain_text("Scheda YouTube messa in Medium. Schede sistemate: 3 su 5.")
    expect(b.bin("Medium")).to_have_attribute("aria-label", "Medium, 3 schede")
    b.card("A fan club").focus()
    states_page.keyboard.press("Enter")
    b.bin("Network").focus()
    states_page.keyboard.press("Enter")
    expect(b.bin("Network")).to_have_attribute("aria-label", "Network, 1 scheda")
    run_python(states_page, "italian.placements = {'TikTok': 'Medium', 'My classmates': 'Medium'}; italian.check()")
    expect(b.score).to_have_text("1 giusta su 5 (1 sbagliata, 3 non ancora sistemate)")
