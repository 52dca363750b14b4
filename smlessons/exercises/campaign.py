"""Lesson 8: plan a campaign on a multiplex network, run it, and give reasons.

A (synthetic) brand wants to reach one community of lesson 6's class. The
student picks **media** to buy (paid media: each one carries its layer of
ties, and the message is shared along the ties that live on a chosen
medium) and **seeds** (people who get the message first, through a chosen
medium), within a budget of points. The plan is then run many times with
the Independent Cascade model of :mod:`smlessons.engine.diffusion`: a tie that
lives on several chosen media gets one chance per medium (an assumption the
lesson states; ``Campaign(one_chance=True)`` gives every tie one chance).
People reached by sharing, beyond the seeds, are the campaign's *earned*
exposure (Corcoran 2009).

A plan that breaks a rule of the game (over budget, a seed the media cannot
reach, a misspelt name) is not an error: :meth:`Campaign.plan` returns a
:class:`PlanProblem` that prints one sentence saying what is wrong and what
to do. Programming errors (a wrong type from code) still raise.

:func:`check_plan` checks the *reasons* a student picks (from
``smlessons/content/data/campaign.json``) against the plan and its simulated runs,
and saves the student's written explanation for the instructor. It gives no
score and does not read the explanation.

Points, costs and the brand are invented for practice: they are not prices
or statistics of real platforms. Every text a student reads lives in
``smlessons/content/data/campaign.json`` (English) and ``campaign_it.json``
(Italian, the same keys and placeholders), except the verdict words and the
lists ("a, b and c"), which are messages of the gettext catalogs. The
language is the campaign's (``Campaign(language="it")``), by default the
environment's (:func:`smlessons.i18n.resolve_language`).

Plain Python (plotly only for the figure)::

    from smlessons.exercises.campaign import Campaign, plan_campaign, check_plan
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from numbers import Real

import networkx as nx
import numpy as np

from ..content import DATA_DIR
from ..content.loader import load
from ..engine import diffusion
from ..engine.measures import PersonNotFoundError, fold
from ..i18n import N_, format_number, join_and, join_or, resolve_language, translator
from .recorder import save_answer

__all__ = [
    "Campaign",
    "CampaignResult",
    "PlanProblem",
    "PlanError",
    "PlanFeedback",
    "Table",
    "plan_campaign",
    "check_plan",
    "reasons",
    "judge_reason",
    "texts",
    "PLAN_EXERCISE",
    "VERDICT_WORDS",
    "verdict_word",
]

_TARGET_PERSON = "Uma"
DATA_FILE = DATA_DIR / "campaign.json"
#: The lesson's texts in each language: the same keys and placeholders in every file.
DATA_FILES = {"en": DATA_FILE, "it": DATA_DIR / "campaign_it.json"}

#: The exercise id a checked plan is saved under, in the lesson's answer file.
PLAN_EXERCISE = "lesson08-campaign-plan"


def texts(language: str | None = None) -> dict:
    """The lesson's texts in `language` (default: the environment's).

    ``smlessons/content/data/campaign.json`` in English,
    ``campaign_it.json`` in Italian.
    """
    return _texts(resolve_language(language))


@lru_cache(maxsize=len(DATA_FILES))
def _texts(language: str) -> dict:
    return load(DATA_FILES[language], "campaign")  # checked against content/schemas/campaign.schema.json


def _say(language: str, section: str, key: str, **facts) -> str:
    return texts(language)[section][key].format(**facts)


def _and(items, language: str) -> str:
    """``"a, b and c"``; nobody named is "nobody" (in the campaign's words)."""
    return join_and(items, language) or texts(language)["fragments"]["nobody"]


def _plural(n: int, language: str) -> str:
    return _say(language, "fragments", "tie" if n == 1 else "ties")


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _num(x: float, language: str) -> str:
    """An average with one decimal: ``3.9`` in English, ``3,9`` in Italian (never grouped, as before)."""
    return format_number(x, language, decimals=1, grouping=False)


class PlanError(ValueError):
    """A plan breaks a rule of the game; the message says what to do.

    :meth:`Campaign.plan` turns it into a :class:`PlanProblem` (one sentence,
    no traceback); :meth:`Campaign.plan_or_raise` lets it propagate.
    """


# ---------------------------------------------------------------------------
# Tables that read well in JupyterLab (Markdown) and as plain text


class Table(list):
    """Rows (dicts) shown as a table: Markdown in JupyterLab, aligned text in print.

    It is a list of dicts, so ``table[0]["medium"]`` works as before.
    """

    def __init__(self, rows, columns: dict, *, note: str = ""):
        super().__init__(rows)
        self.columns = dict(columns)  # {key: header}
        self.note = note

    def _cells(self) -> list[list[str]]:
        return [[str(row.get(k, "")) for k in self.columns] for row in self]

    def _repr_markdown_(self) -> str:
        head = list(self.columns.values())
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in self._cells()]
        if self.note:
            lines += ["", self.note]
        return "\n".join(lines)

    def __str__(self) -> str:
        head = list(self.columns.values())
        rows = self._cells()
        widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]
        numeric = [all(r[i].replace(".", "", 1).isdigit() for r in rows) and rows for i in range(len(head))]

        def line(cells):
            return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric)).rstrip()

        out = [line(head), "  ".join("-" * w for w in widths)] + [line(r) for r in rows]
        if self.note:
            out += ["", self.note]
        return "\n".join(out)

    def __repr__(self) -> str:
        return str(self)


def _pairs_table(pairs: list[tuple[str, str]], note: str = "") -> str:
    """Two-column text (label, value), aligned."""
    width = max(len(k) for k, _ in pairs)
    out = [f"{k.ljust(width)}  {v}" for k, v in pairs]
    if note:
        out += ["", note]
    return "\n".join(out)


def _pairs_markdown(pairs: list[tuple[str, str]], note: str = "") -> str:
    lines = ["| | |", "|---|---|"] + [f"| {k} | {v.replace('|', '/')} |" for k, v in pairs]
    if note:
        lines += ["", note]
    return "\n".join(lines)


@dataclass
class Campaign:
    """The scenario: a network on several media, a target community, a budget.

    Parameters
    ----------
    graph : networkx graph, optional
        A multiplex network (ties carry a ``platform``); by default lesson
        4's synthetic class (:func:`smlessons.datasets.multiplex.multiplex_class`).
    target : person, optional
        The target community is this person's friendship group (their
        ``group`` attribute; else their community). Default: Uma's group.
    budget : int, default 10
        Points to spend.
    medium_cost, seed_cost : int, default 3 and 2
        What one medium and one seed person cost (invented points).
    p : float, default 0.3
        The chance that a tie on one chosen medium passes the message on
        (illustrative, and generous: real pass-along rates are far lower).
    runs : int, default 200
    rng : int, default 0
        Fixes the runs, so the same plan always gives the same numbers.
    one_chance : bool, default False
        The game's assumption is that a tie living on several chosen media
        gets one chance per medium (a friend who sees the message on two apps
        decides twice). With ``one_chance=True`` every tie gets one chance,
        ``p``, however many chosen media it lives on.
    language : str, optional
        The language of every text of the game (``"en"`` or ``"it"``); by
        default the environment's.

    Raises
    ------
    ValueError
        If the network has no media, or a number is out of range.
    PersonNotFoundError
        If `target` is not in the network.
    """

    graph: nx.Graph | None = None
    target: object = _TARGET_PERSON
    budget: int = 10
    medium_cost: int = 3
    seed_cost: int = 2
    p: float = 0.3
    runs: int = 200
    rng: int = 0
    one_chance: bool = False
    language: str | None = None
    members: list = field(init=False)

    def __post_init__(self):
        from ..datasets import multiplex
        from ..engine import measures, multilayer

        self.language = resolve_language(self.language)
        if self.graph is None:
            self.graph = multiplex.multiplex_class()
        for name in ("budget", "medium_cost", "seed_cost", "runs"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a whole number >= 1, got {value!r}")
        if not isinstance(self.p, Real) or isinstance(self.p, bool) or not 0 <= self.p <= 1:
            raise ValueError(f"p is a probability between 0 and 1, got {self.p!r}")
        self.media = multilayer.media_of(self.graph)
        if not self.media:
            raise ValueError("the network's ties live on no medium: a campaign needs a multiplex network")
        who = measures.person(self.graph, self.target)
        self.target = who
        group = self.graph.nodes[who].get("group")
        if group is not None:
            found = [u for u, g in self.graph.nodes(data="group") if g == group]
        else:
            found = next(c for c in measures.communities(self.graph) if who in c)
        self.members = measures.sorted_nodes(found)
        self._platforms = None

    @property
    def target_name(self) -> str:
        return _say(self.language, "fragments", "target", person=self.target)

    def describe(self) -> str:
        """The brief, in words."""
        return _say(
            self.language,
            "fragments",
            "brief",
            target=self.target_name,
            members=_and(self.members, self.language),
            n=len(self.members),
            people=len(self.graph),
            budget=self.budget,
            medium_cost=self.medium_cost,
            seed_cost=self.seed_cost,
            media=_and(self.media, self.language),
        )

    def media_table(self) -> Table:
        """One row per medium: lesson 3's kind of tie, and its ties in this class.

        ``ties_in_target`` counts the ties *inside* the target community that
        live on the medium; ``people`` the students it reaches (those with a
        tie on it). Shown as a table; it is also a list of dicts.
        """
        from ..datasets import platforms as platform_table
        from ..engine.multilayer import layers

        rows = []
        inside = self.graph.subgraph(self.members)
        for m, layer in layers(self.graph).items():
            try:
                ties = platform_table.platform(m).ties
                kind = ", ".join(platform_table.tie_word(tie, self.language) for tie in ties)
            except (KeyError, ValueError):
                kind = ""
            rows.append(
                {
                    "medium": m,
                    "tie_kind": kind,
                    "ties": layer.number_of_edges(),
                    "ties_in_target": sum(1 for *_, ms in inside.edges(data="platform") if m in _platforms_of(ms)),
                    "people": sum(1 for u in layer if layer.degree(u) > 0),
                }
            )
        columns = {k: v.format(target=self.target_name) for k, v in texts(self.language)["table"].items()}
        return Table(rows, columns)

    def cost(self, media, seeds) -> int:
        """Points a plan costs."""
        return self.medium_cost * len(list(media)) + self.seed_cost * len(list(seeds))

    def _media(self, media) -> list[str]:
        if isinstance(media, str):
            media = [m.strip() for m in media.split(",") if m.strip()]
        if not hasattr(media, "__iter__"):
            raise TypeError(f"media must be a list of medium names, e.g. ['Instagram'], not {type(media).__name__}")
        media = list(media)
        for m in media:
            if not isinstance(m, str):
                raise TypeError(f"a medium is named by a string, e.g. 'Instagram', not {type(m).__name__} ({m!r})")
        if not media:
            raise PlanError(_say(self.language, "problems", "no_medium", media=join_or(self.media, self.language)))
        known = {fold(m): m for m in self.media}
        from ..datasets import platforms as platform_table

        chosen = []
        for m in media:
            name = known.get(fold(m))
            if name is None:
                try:
                    name = known.get(fold(platform_table.platform(m).name))
                except (KeyError, ValueError):
                    name = None
            if name is None:
                raise PlanError(
                    _say(
                        self.language,
                        "problems",
                        "unknown_medium",
                        given=repr(m),
                        media=_and(self.media, self.language),
                    )
                )
            if name in chosen:
                raise PlanError(_say(self.language, "problems", "medium_twice", medium=name))
            chosen.append(name)
        return chosen

    def _person(self, who):
        from ..engine import measures

        try:
            return measures.person(self.graph, who)
        except PersonNotFoundError:
            close = difflib.get_close_matches(str(who), [str(n) for n in self.graph], n=1, cutoff=0.6)
            suggestion = _say(self.language, "fragments", "did_you_mean", name=repr(close[0])) if close else ""
            raise PlanError(
                _say(self.language, "problems", "unknown_person", given=repr(who), suggestion=suggestion)
            ) from None

    def _validate(self, media, seeds) -> tuple[list, list, int]:
        """The chosen media, the seed people and the cost; :class:`PlanError` if a rule is broken."""
        chosen = self._media(media)
        if isinstance(seeds, str):  # "Uma, Ben" works, as for media
            seeds = [s.strip() for s in seeds.split(",") if s.strip()]
        elif not hasattr(seeds, "__iter__"):
            seeds = [seeds]
        seeds = list(seeds)
        for s in seeds:
            try:
                hash(s)
            except TypeError:
                raise TypeError(f"a seed is one person's name, not a {type(s).__name__} ({s!r})") from None
        people = [self._person(s) for s in seeds]
        if not people:
            raise PlanError(_say(self.language, "problems", "no_seed"))
        if len(set(people)) != len(people):
            twice = next(p for p in people if people.count(p) > 1)
            raise PlanError(_say(self.language, "problems", "seed_twice", person=twice))
        lang = self.language
        for s in people:
            on = {m for _, _, ms in self.graph.edges(s, data="platform") for m in _platforms_of(ms)}
            if not on & set(chosen):
                uses = (
                    _say(lang, "fragments", "uses", media=_and(sorted(on), lang))
                    if on
                    else _say(lang, "fragments", "uses_none")
                )
                raise PlanError(
                    _say(lang, "problems", "unreachable_seed", person=s, media=join_or(chosen, lang), uses=uses)
                )
        cost = self.cost(chosen, people)
        if cost > self.budget:
            raise PlanError(
                _say(
                    lang,
                    "problems",
                    "over_budget",
                    cost=cost,
                    n_media=len(chosen),
                    medium_cost=self.medium_cost,
                    n_seeds=len(people),
                    seed_cost=self.seed_cost,
                    budget=self.budget,
                )
            )
        return chosen, people, cost

    def plan(self, media, seeds) -> CampaignResult | PlanProblem:
        """Check a plan, run it `runs` times, and return the result.

        Parameters
        ----------
        media : list of str or str
            Media to buy (names or aliases; ``"Instagram, TikTok"`` works).
        seeds : list of people
            Who gets the message first. Each must have a tie on a chosen
            medium (a medium reaches only its own users).

        Returns
        -------
        CampaignResult
            Or, when the plan breaks a rule of the game (no medium or seed,
            a medium unknown or repeated, a seed unknown, repeated or not
            reached by a chosen medium, over budget), a :class:`PlanProblem`
            that prints one sentence: what is wrong and what to do.

        Raises
        ------
        TypeError
            If `media` or `seeds` are not names (a programming error).
        """
        try:
            chosen, people, cost = self._validate(media, seeds)
        except PlanError as exc:
            return PlanProblem(str(exc), media=media, seeds=seeds, language=self.language)
        return self._run(chosen, people, cost)

    def plan_or_raise(self, media, seeds) -> CampaignResult:
        """As :meth:`plan`, but a broken rule raises :class:`PlanError` (for code, not for students)."""
        return self._run(*self._validate(media, seeds))

    def _network(self, chosen):
        """The ties on the chosen media, each with its chance to pass the message on.

        A tie on k chosen media gets k chances (1 - (1 - p)**k), unless
        ``one_chance``: then p. This is an assumption of the game, stated in
        the lesson, not a result.
        """
        H = nx.Graph()
        H.add_nodes_from(self.graph)
        for u, v, ms in self.graph.edges(data="platform"):
            k = sum(1 for m in _platforms_of(ms) if m in chosen)
            if k:
                H.add_edge(u, v, p=self.p if self.one_chance else 1.0 - (1.0 - self.p) ** k)
        return H

    def _run(self, chosen, people, cost) -> CampaignResult:
        H = self._network(chosen)
        net = diffusion.compact(H, weight="p")
        target_pos = np.array([net.index[u] for u in self.members])
        gen = np.random.default_rng(self.rng)
        in_target = np.empty(self.runs, dtype=int)
        total = np.empty(self.runs, dtype=int)
        for r in range(self.runs):
            c = diffusion.independent_cascade(net, people, "p", rng=gen)
            in_target[r] = np.count_nonzero(c.step[target_pos] >= 0)
            total[r] = c.size
        return CampaignResult(campaign=self, media=chosen, seeds=people, cost=cost, in_target=in_target, total=total)


def _platforms_of(ms) -> tuple:
    if ms is None:
        return ()
    if isinstance(ms, str):
        return (ms,)
    return tuple(ms)


@dataclass(frozen=True, eq=False)
class CampaignResult:
    """A plan and what it achieved over many runs.

    Shown as a table (the paid and earned parts of the campaign, its reach
    and its cost per person of the target reached); ``print`` gives the same
    as aligned text. The brand has no owned channel in this brief, so the
    table has no owned row.

    Attributes
    ----------
    media, seeds : list
    cost : int
    in_target : numpy.ndarray
        People of the target community reached, per run (seeds included).
    total : numpy.ndarray
        People reached in the whole class, per run (seeds included).
    """

    campaign: Campaign = field(repr=False)
    media: list
    seeds: list
    cost: int
    in_target: np.ndarray = field(repr=False)
    total: np.ndarray = field(repr=False)

    ok = True  # a plan that ran (a PlanProblem has ok = False)

    @property
    def target_reach(self) -> float:
        """Average share of the target community reached, 0 to 1."""
        return float(self.in_target.mean()) / len(self.campaign.members)

    @property
    def reach(self) -> float:
        """Average share of the whole class reached, 0 to 1."""
        return float(self.total.mean()) / len(self.campaign.graph)

    @property
    def seeds_in_target(self) -> int:
        """How many seeds are in the target community (each is reached in every run)."""
        return sum(1 for s in self.seeds if s in set(self.campaign.members))

    @property
    def earned_in_target(self) -> float:
        """People of the target reached by sharing, not as seeds (average per run)."""
        return float(self.in_target.mean()) - self.seeds_in_target

    @property
    def earned(self) -> float:
        """People of the whole class reached by sharing, not as seeds (average per run)."""
        return float(self.total.mean()) - len(self.seeds)

    @property
    def cost_per_target(self) -> float | None:
        """Points spent per person of the target reached (on average); None if nobody was."""
        reached = float(self.in_target.mean())
        return self.cost / reached if reached > 0 else None

    def _pairs(self) -> list[tuple[str, str]]:
        c, lang = self.campaign, self.campaign.language
        r = texts(lang)["result"]
        n = len(c.members)
        per = self.cost_per_target
        per = r["cost_per_target_none"] if per is None else r["cost_per_target_value"].format(value=_num(per, lang))
        spent = r["spent"]
        share = r["share"]
        return [
            (r["paid_media"], spent.format(who=_and(self.media, lang), points=len(self.media) * c.medium_cost)),
            (r["paid_seeds"], spent.format(who=_and(self.seeds, lang), points=len(self.seeds) * c.seed_cost)),
            (r["cost"], r["cost_value"].format(cost=self.cost, budget=c.budget)),
            (
                r["target"].format(target=c.target_name),
                share.format(part=_num(self.in_target.mean(), lang), whole=n, share=_pct(self.target_reach)),
            ),
            (r["earned_target"], _num(self.earned_in_target, lang)),
            (r["cost_per_target"], per),
            (r["class"], share.format(part=_num(self.total.mean(), lang), whole=len(c.graph), share=_pct(self.reach))),
            (r["earned_class"], _num(self.earned, lang)),
            (r["all"].format(n=n), _pct(float(np.mean(self.in_target == n)))),
        ]

    def _note(self) -> str:
        c = self.campaign
        r = texts(c.language)["result"]
        chances = r["one_chance"] if c.one_chance else r["two_chances"]
        return r["runs_note"].format(runs=c.runs, p=format_number(c.p, c.language), rng=c.rng, chances=chances)

    def _repr_markdown_(self) -> str:
        return _pairs_markdown(self._pairs(), self._note())

    def __str__(self) -> str:
        return _pairs_table(self._pairs(), self._note())

    def __repr__(self) -> str:
        return str(self)

    def figure(self):
        """A bar chart: in how many runs 0, 1, 2, ... people of the target were reached."""
        import plotly.graph_objects as go

        from ..figures.theme import COLOURWAY, template

        n = len(self.campaign.members)
        words = texts(self.campaign.language)["figure"]
        counts = np.bincount(self.in_target, minlength=n + 1)
        fig = go.Figure(
            go.Bar(
                x=list(range(n + 1)),
                y=counts.tolist(),
                marker=dict(color=COLOURWAY[0]),
                hovertemplate=words["hover"].format(runs="%{y}", people="%{x}") + "<extra></extra>",
            )
        )
        fig.update_layout(
            title=dict(
                text=words["title"].format(target=self.campaign.target_name, runs=self.campaign.runs),
                x=0.01,
                xanchor="left",
            ),
            template=template(),
            height=320,
            margin=dict(l=60, r=20, t=60, b=50),
            xaxis=dict(title=dict(text=words["x"]), dtick=1),
            yaxis=dict(title=dict(text=words["y"])),
            meta={"target_reach": round(self.target_reach, 3)},
        )
        return fig


@dataclass(frozen=True)
class PlanProblem:
    """A plan that breaks a rule of the game: one sentence, what is wrong and what to do.

    Returned by :meth:`Campaign.plan` instead of raising, so a student sees
    the sentence, not a traceback. ``ok`` is False.
    """

    message: str
    media: object = None
    seeds: object = None
    language: str | None = None

    ok = False

    def __str__(self) -> str:
        return f"\u2717 {self.message}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        return f"**\u2717** {self.message}"

    def figure(self):
        """Nothing to draw: prints the problem and returns None."""
        print(self)
        return None


def plan_campaign(media, seeds, **scenario) -> CampaignResult | PlanProblem:
    """Run a plan on the default scenario (see :class:`Campaign` for `scenario`).

    Examples
    --------
    >>> result = plan_campaign(["Instagram"], ["Uma", "Ben"])
    >>> result.cost, 0 < result.target_reach <= 1
    (7, True)
    >>> print(plan_campaign(["Instagram"], ["Uma", "Carla", "Jamal", "Luca"]))
    ✗ This plan costs 11 points (1 media × 3 + 4 seeds × 2) but the budget is 10: drop a medium or a seed.
    """
    return Campaign(**scenario).plan(media, seeds)


# ---------------------------------------------------------------------------
# Reasons for a plan, checked against the plan and its runs


class _Reasons:
    """The reasons a student can pick: Markdown in JupyterLab, text elsewhere."""

    def __init__(self, language: str | None = None):
        self.language = resolve_language(language)

    def _items(self):
        return [(k, r["text"]) for k, r in texts(self.language)["reasons"].items()]

    def _repr_markdown_(self) -> str:
        return "\n".join(f"- **({k})** {t}" for k, t in self._items())

    def __repr__(self) -> str:
        return "\n".join(f"({k}) {t}" for k, t in self._items())


def reasons(language: str | None = None) -> _Reasons:
    """The reasons to pick from in :func:`check_plan` (from ``data/campaign.json``), in `language`."""
    return _Reasons(language)


def _target_ties(c: Campaign) -> list[tuple]:
    inside = c.graph.subgraph(c.members)
    return [(u, v, _platforms_of(ms)) for u, v, ms in inside.edges(data="platform")]


def _tie(u, v) -> str:
    a, b = sorted((str(u), str(v)))
    return f"{a}\u2013{b}"


def _check_media_cover_target(r: CampaignResult) -> tuple[bool | None, dict]:
    ties = _target_ties(r.campaign)
    covered = sum(1 for *_, ms in ties if set(ms) & set(r.media))
    carry = _say(r.campaign.language, "fragments", "carries" if len(r.media) == 1 else "carry")
    return 2 * covered > len(ties), {"covered": covered, "total": len(ties), "carry": carry}


def _check_seeds_inside(r: CampaignResult):
    members = set(r.campaign.members)
    lang = r.campaign.language
    outside = [s for s in r.seeds if s not in members]
    facts = {
        "inside": _and([s for s in r.seeds if s in members], lang),
        "outside": _and(outside, lang),
        "are": _say(lang, "fragments", "is" if len(outside) == 1 else "are"),
        "members": _and(r.campaign.members, lang),
    }
    return not outside, facts


def _check_bridge_seed(r: CampaignResult):
    c = r.campaign
    members = set(c.members)
    H = c._network(r.media)
    ways = []
    for s in r.seeds:
        if s in members:
            continue
        for _, v, ms in c.graph.edges(s, data="platform"):
            on = [m for m in _platforms_of(ms) if m in r.media]
            if v in members and on:
                chance = _pct(H.edges[s, v]["p"])
                ways.append(
                    _say(c.language, "fragments", "way_in", seed=s, person=v, media=_and(on, c.language), chance=chance)
                )
    return bool(ways), {"ways": "; ".join(ways)}


def _check_no_redundant_medium(r: CampaignResult):
    if len(r.media) == 1:
        return None, {}
    ties = _target_ties(r.campaign)
    unique = {}
    for m in r.media:
        others = set(r.media) - {m}
        unique[m] = sorted(_tie(u, v) for u, v, ms in ties if m in ms and not set(ms) & others)
    lang = r.campaign.language
    shown = "; ".join(
        _say(lang, "fragments", "only_carries", medium=m, ties=_and(t, lang))
        if t
        else _say(lang, "fragments", "adds_nothing", medium=m)
        for m, t in unique.items()
    )
    redundant = [m for m, t in unique.items() if not t]
    return not redundant, {"unique": shown, "redundant": _and(redundant, lang)}


def _check_mostly_earned(r: CampaignResult):
    reached = float(r.in_target.mean())
    earned = r.earned_in_target
    n = r.seeds_in_target
    seeds_phrase = _say(r.campaign.language, "fragments", "seeds_one" if n == 1 else "seeds_many", n=n)
    lang = r.campaign.language
    return earned > reached / 2, {
        "reached": _num(reached, lang),
        "earned": _num(earned, lang),
        "seeds_phrase": seeds_phrase,
    }


def _check_seeds_most_connected(r: CampaignResult):
    from ..engine import measures

    c = r.campaign
    deg = measures.degrees(c.graph)
    top = sorted(deg.values(), reverse=True)[: len(r.seeds)]
    mine = sorted((deg[s] for s in r.seeds), reverse=True)
    members = set(c.members)
    into = sum(
        1
        for s in r.seeds
        for _, v, ms in c.graph.edges(s, data="platform")
        if v in members and set(_platforms_of(ms)) & set(r.media)
    )
    lang = c.language
    degrees = "; ".join(
        _say(lang, "fragments", "degree", person=s, n=deg[s], ties=_plural(deg[s], lang)) for s in r.seeds
    )
    into = f"{into} {_plural(into, lang)}"
    return mine == top, {"degrees": degrees, "top": max(deg.values()), "into": into}


def _check_biggest_medium(r: CampaignResult):
    rows = r.campaign.media_table()
    most = max(row["people"] for row in rows)
    biggest = [row["medium"] for row in rows if row["people"] == most]
    return bool(set(biggest) & set(r.media)), {"biggest": _and(biggest, r.campaign.language), "people": most}


def _check_everyone_on_medium(r: CampaignResult):
    c = r.campaign
    users = {u for u, _, ms in c.graph.edges(data="platform") if set(_platforms_of(ms)) & set(r.media)}
    users |= {v for _, v, ms in c.graph.edges(data="platform") if set(_platforms_of(ms)) & set(r.media)}
    reached = float(r.total.mean())
    return reached >= len(users) - 0.5, {"users": len(users), "reached": _num(reached, c.language)}


_CHECKS = {
    "media_cover_target": _check_media_cover_target,
    "seeds_inside": _check_seeds_inside,
    "bridge_seed": _check_bridge_seed,
    "no_redundant_medium": _check_no_redundant_medium,
    "mostly_earned": _check_mostly_earned,
    "seeds_most_connected": _check_seeds_most_connected,
    "biggest_medium": _check_biggest_medium,
    "everyone_on_medium": _check_everyone_on_medium,
}


def judge_reason(result: CampaignResult, letter: str) -> tuple[bool | None, str]:
    """Is reason `letter` true of this plan? ``(True/False/None, the sentence saying why)``.

    None means the reason does not apply (e.g. overlap with one medium).
    """
    c = result.campaign
    spec = texts(c.language)["reasons"][letter]
    verdict, facts = _CHECKS[spec["check"]](result)
    facts = {
        "media": _and(result.media, c.language),
        "media_or": join_or(result.media, c.language),
        "target": c.target_name,
        **facts,
    }
    key = "not_applicable" if verdict is None else ("true" if verdict else "false")
    return verdict, spec[key].format(**facts)


#: How a verdict is saved and exported: the mark the student saw, in words
#: (English, as saved; :func:`verdict_word` gives them in other languages).
VERDICT_WORDS = {
    "true": N_("\u2713 true"),
    "weak": N_("! true but weak"),
    "false": N_("\u2717 not true"),
    "none": N_("\u2022 does not apply"),
}


def verdict_word(letter: str, verdict: bool | None, language: str | None = None) -> str:
    """The verdict on reason `letter` in words: ``"✓ true"``, ``"! true but weak"``, ``"✗ not true"`` or ``"• does not apply"``.

    In `language` (default: the environment's); :func:`check_plan` saves them in English.

    Examples
    --------
    >>> verdict_word("a", True, "en"), verdict_word("c", True, "it")
    ('✓ true', '! vero ma debole')
    """
    t = translator(language)
    if verdict is None:
        return t.gettext(VERDICT_WORDS["none"])
    if not verdict:
        return t.gettext(VERDICT_WORDS["false"])
    sound = _texts("en")["reasons"][letter]["sound"]  # the same in every language (tests/test_campaign.py)
    return t.gettext(VERDICT_WORDS["true"] if sound else VERDICT_WORDS["weak"])


@dataclass(frozen=True)
class PlanFeedback:
    """What :func:`check_plan` found: ``lines`` to read, and ``verdicts``
    ``{letter: True/False/None}`` for the reasons picked. No score."""

    lines: tuple
    verdicts: dict = field(default_factory=dict)
    explanation_words: int = 0

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        # One paragraph per line: JupyterLab wraps Markdown between words, while
        # it breaks long plain-text lines in the middle of a word.
        return "\n\n".join(line.replace("\n", "  \n") for line in self.lines if line.strip())


def _read_letters(picked, language: str) -> tuple[list[str], str]:
    """The letters picked, and a sentence if one is not a reason (a student mistake)."""
    known = list(texts(language)["reasons"])
    if picked is Ellipsis or picked is None:
        return [], ""
    if isinstance(picked, str):
        parts = [p for p in picked.replace(",", " ").replace(";", " ").split() if p]
    elif isinstance(picked, (list, tuple, set, frozenset)):
        parts = list(picked)
    else:
        raise TypeError(f"reasons is a list of letters, e.g. ['a', 'e'], not {type(picked).__name__}")
    letters = []
    for p in parts:
        letter = str(p).strip().strip("()").strip().casefold()
        if letter not in known:
            letters = _say(language, "fragments", "letters", first=known[0], last=known[-1])
            return [], _say(language, "feedback", "unknown_reason", given=repr(p), letters=letters)
        if letter not in letters:
            letters.append(letter)
    return letters, ""


def check_plan(plan, reasons=..., explanation=..., *, answers=None) -> PlanFeedback:
    """Check the reasons picked for a plan, and save the plan and the explanation.

    Each reason picked (a letter of :func:`reasons`) is checked against the
    plan and its simulated runs: true of this plan, not true, or (for a
    tempting reason) true but weak. Sound reasons that are true of the plan
    and were not picked are named. The written explanation is **not** read:
    it is saved for the instructor, who marks it with the rubric in the
    instructor guide. There is no score.

    The plan (media, seeds, cost, reach), the reasons and their verdicts (as
    the student saw them: true, true but weak, not true, does not apply; see
    :func:`verdict_word`) and the explanation are saved in the lesson's answer file under
    :data:`PLAN_EXERCISE` (``answers=False`` saves nothing; see
    :func:`smlessons.exercises.recorder.save_answer`).

    Parameters
    ----------
    plan : CampaignResult or PlanProblem
        From :meth:`Campaign.plan` or :func:`plan_campaign`.
    reasons : list of str, or str
        Letters of the reasons picked, e.g. ``["a", "e"]`` or ``"a, e"``.
    explanation : str
        A few sentences, in the student's words.

    Returns
    -------
    PlanFeedback
        ``print`` it.

    Raises
    ------
    TypeError
        If `plan` is not a plan, `reasons` not letters, or `explanation`
        not a string (programming errors, not a student's mistake).
    """
    if isinstance(plan, PlanProblem):
        return PlanFeedback((str(plan), _say(plan.language, "problems", "fix_first")))
    if not isinstance(plan, CampaignResult):
        raise TypeError(
            f"plan must be the result of campaign.plan(...) or plan_campaign(...), not {type(plan).__name__}"
        )
    if explanation is Ellipsis or explanation is None:
        explanation = ""
    if not isinstance(explanation, str):
        raise TypeError(f"the explanation is a text (a string in quotes), not {type(explanation).__name__}")
    c = plan.campaign
    lang = c.language
    letters, problem = _read_letters(reasons, lang)
    fb = texts(lang)["feedback"]
    lines = [
        _say(
            lang,
            "feedback",
            "plan",
            media=_and(plan.media, lang),
            seeds=_and(plan.seeds, lang),
            cost=plan.cost,
            budget=c.budget,
            reached=_num(plan.in_target.mean(), lang),
            n=len(c.members),
            target=c.target_name,
            share=_pct(plan.target_reach),
            runs=c.runs,
        ),
        "",
    ]
    if problem:
        return PlanFeedback(tuple(lines + [f"{fb['false_mark']} {problem}"]))
    verdicts = {}
    if not letters:
        lines.append(f"{fb['none_mark']} {fb['no_reasons']}")
    else:
        lines.append(fb["picked"].format(runs=c.runs))
        for letter in letters:
            spec = texts(lang)["reasons"][letter]
            verdict, why = judge_reason(plan, letter)
            verdicts[letter] = verdict
            mark = (
                fb["none_mark"]
                if verdict is None
                else fb["false_mark"]
                if not verdict
                else (fb["true_mark"] if spec["sound"] else fb["weak_mark"])
            )
            lines.append(f"{mark} ({letter}) {spec['text']} {why}")
        if any(v and not texts(lang)["reasons"][k]["sound"] for k, v in verdicts.items()):
            lines.append(fb["weak_note"])
        lines.append(fb["judge_by_reach"])
        missed = [
            k
            for k, spec in texts(lang)["reasons"].items()
            if spec["sound"] and k not in letters and judge_reason(plan, k)[0]
        ]
        if missed:
            lines.append(fb["missed"].format(letters=_and([f"({k})" for k in missed], lang)))
    lines.append("")
    words = len(explanation.split())
    counted = _say(lang, "fragments", "word" if words == 1 else "words", n=words)
    lines.append(fb["explanation_saved"].format(words=counted) if words else fb["explanation_missing"])
    lines.append(fb["looks_at"])
    record = {
        "media": list(plan.media),
        "seeds": list(plan.seeds),
        "cost": plan.cost,
        "target_reach": round(float(plan.target_reach), 4),
        "reasons": letters,
        "verdicts": {k: verdict_word(k, v, "en") for k, v in verdicts.items()},  # saved in English, as exported
        "explanation": explanation,
    }
    if letters or words:  # an untouched cell (... and ...) saves nothing, as check() does
        try:
            save_answer(PLAN_EXERCISE, record, "08-planning-a-campaign" if answers is None else answers)
        except OSError as exc:
            lines.append(fb["not_saved"].format(error=exc))
    return PlanFeedback(tuple(lines), verdicts, words)
