"""Lesson 8: plan a campaign on a multiplex network, run it, and justify it.

A (synthetic) brand wants to reach one community of lesson 6's class. The
student picks **media** (each one carries its layer of ties: the message is
shared along the ties that live on a chosen medium) and **seeds** (people who
get the message first, through a chosen medium), within a budget of points.
The plan is then run many times with the Independent Cascade model of
:mod:`smlessons.diffusion`: a tie that lives on several chosen media gets one
chance per medium. :func:`check_plan` gives feedback on the reach and on the
written justification.

Points, costs and the brand are invented for practice: they are not prices
or statistics of real platforms.

Plain Python (plotly only for the figure)::

    from smlessons.campaign import Campaign, plan_campaign, check_plan
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from numbers import Real

import networkx as nx
import numpy as np

from . import diffusion
from .assessment import save_answer
from .grading import SYMBOLS
from .networks import PersonNotFoundError, _norm

__all__ = [
    "Campaign",
    "CampaignResult",
    "PlanFeedback",
    "plan_campaign",
    "check_plan",
    "CONCEPTS",
]

_TARGET_PERSON = "Uma"


def _and(items) -> str:
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass
class Campaign:
    """The scenario: a network on several media, a target community, a budget.

    Parameters
    ----------
    graph : networkx graph, optional
        A multiplex network (ties carry a ``platform``); by default lesson
        4's synthetic class (:func:`smlessons.multiplex.multiplex_class`).
    target : person, optional
        The target community is this person's friendship group (their
        ``group`` attribute; else their community). Default: Uma's group.
    budget : int, default 10
        Points to spend.
    medium_cost, seed_cost : int, default 3 and 2
        What one medium and one seed person cost (invented points).
    p : float, default 0.3
        The chance that a tie on one chosen medium passes the message on.
    runs : int, default 200
    rng : int, default 0

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
    members: list = field(init=False)

    def __post_init__(self):
        from . import multiplex, networks

        if self.graph is None:
            self.graph = multiplex.multiplex_class()
        for name in ("budget", "medium_cost", "seed_cost", "runs"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a whole number >= 1, got {value!r}")
        if not isinstance(self.p, Real) or isinstance(self.p, bool) or not 0 <= self.p <= 1:
            raise ValueError(f"p is a probability between 0 and 1, got {self.p!r}")
        self.media = multiplex.media_of(self.graph)
        if not self.media:
            raise ValueError("the network's ties live on no medium: a campaign needs a multiplex network")
        who = networks.person(self.graph, self.target)
        self.target = who
        group = self.graph.nodes[who].get("group")
        if group is not None:
            found = [u for u, g in self.graph.nodes(data="group") if g == group]
        else:
            found = next(c for c in networks.communities(self.graph) if who in c)
        self.members = networks._sorted(found)
        self._platforms = None

    @property
    def target_name(self) -> str:
        return f"{self.target}'s friendship group"

    def describe(self) -> str:
        """The brief, in words."""
        return (
            f"Target: {self.target_name} ({_and(self.members)}), {len(self.members)} of "
            f"{len(self.graph)} people. Budget: {self.budget} points; each medium costs "
            f"{self.medium_cost}, each seed person {self.seed_cost}. Media: {_and(self.media)}."
        )

    def media_table(self) -> list[dict]:
        """One row per medium: lesson 3's facts (ties, patterns) and its ties here.

        ``ties_in_target`` counts the ties *inside* the target community that
        live on the medium; ``people`` the people it reaches (those with a
        tie on it).
        """
        from . import media as media_data
        from .multiplex import layers

        rows = []
        inside = self.graph.subgraph(self.members)
        for m, layer in layers(self.graph).items():
            try:
                info = media_data.platform(m)
                ties, patterns = list(info.ties), list(info.patterns)
            except (KeyError, ValueError):
                ties, patterns = [], []
            rows.append({
                "medium": m,
                "ties (lesson 3)": ", ".join(ties),
                "patterns (lesson 3)": ", ".join(patterns),
                "ties here": layer.number_of_edges(),
                "ties_in_target": sum(1 for *_, ms in inside.edges(data="platform") if m in _platforms_of(ms)),
                "people": sum(1 for u in layer if layer.degree(u) > 0),
            })  # fmt: skip
        return rows

    def cost(self, media, seeds) -> int:
        """Points a plan costs."""
        return self.medium_cost * len(list(media)) + self.seed_cost * len(list(seeds))

    def _media(self, media) -> list[str]:
        if isinstance(media, str):
            media = [m.strip() for m in media.split(",") if m.strip()]
        media = list(media)
        if not media:
            raise ValueError(f"choose at least one medium, from {_and(self.media)}: the message needs a means to travel")
        known = {_norm(m): m for m in self.media}
        from . import media as media_data

        chosen = []
        for m in media:
            name = known.get(_norm(m))
            if name is None:
                try:
                    name = known.get(_norm(media_data.platform(str(m)).name))
                except (KeyError, ValueError):
                    name = None
            if name is None:
                raise ValueError(f"{m!r} is not one of the media of this class: choose from {_and(self.media)}")
            if name in chosen:
                raise ValueError(f"{name} is chosen twice: each medium is bought once")
            chosen.append(name)
        return chosen

    def plan(self, media, seeds) -> "CampaignResult":
        """Check a plan, run it `runs` times, and return the result.

        Parameters
        ----------
        media : list of str or str
            Media to buy (names or aliases; ``"Instagram, TikTok"`` works).
        seeds : list of people
            Who gets the message first. Each must have a tie on a chosen
            medium (a medium reaches only its own users).

        Raises
        ------
        ValueError
            If no medium or seed is chosen, a medium is unknown or repeated,
            a seed is repeated or not reached by a chosen medium, or the plan
            costs more than the budget.
        PersonNotFoundError
            If a seed is not in the network.
        """
        from . import networks

        chosen = self._media(media)
        if isinstance(seeds, str) or not hasattr(seeds, "__iter__"):
            seeds = [seeds]
        people = [networks.person(self.graph, s) for s in seeds]
        if not people:
            raise ValueError("choose at least one seed person: somebody has to get the message first")
        if len(set(people)) != len(people):
            twice = next(p for p in people if people.count(p) > 1)
            raise ValueError(f"{twice} is a seed twice: each person is paid for once")
        for s in people:
            on = {m for _, _, ms in self.graph.edges(s, data="platform") for m in _platforms_of(ms)}
            if not on & set(chosen):
                uses = f"their ties live on {_and(sorted(on))}" if on else "they have no tie on any medium"
                raise ValueError(
                    f"{s} has no tie on {_and(chosen)}, so the media you chose cannot reach them ({uses}): "
                    "choose another seed, or a medium they use"
                )
        cost = self.cost(chosen, people)
        if cost > self.budget:
            raise ValueError(
                f"this plan costs {cost} points ({len(chosen)} media x {self.medium_cost} + {len(people)} seeds x "
                f"{self.seed_cost}) but the budget is {self.budget}: drop a medium or a seed"
            )
        return self._run(chosen, people, cost)

    def _network(self, chosen):
        """The ties on the chosen media, each with its chance to pass the message on."""
        H = nx.Graph()
        H.add_nodes_from(self.graph)
        for u, v, ms in self.graph.edges(data="platform"):
            k = sum(1 for m in _platforms_of(ms) if m in chosen)
            if k:
                H.add_edge(u, v, p=1.0 - (1.0 - self.p) ** k)
        return H

    def _run(self, chosen, people, cost) -> "CampaignResult":
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

    Attributes
    ----------
    media, seeds : list
    cost : int
    in_target : numpy.ndarray
        People of the target community reached, per run.
    total : numpy.ndarray
        People reached in the whole class, per run.
    """

    campaign: Campaign = field(repr=False)
    media: list
    seeds: list
    cost: int
    in_target: np.ndarray = field(repr=False)
    total: np.ndarray = field(repr=False)

    @property
    def target_reach(self) -> float:
        """Average share of the target community reached, 0 to 1."""
        return float(self.in_target.mean()) / len(self.campaign.members)

    @property
    def reach(self) -> float:
        """Average share of the whole class reached, 0 to 1."""
        return float(self.total.mean()) / len(self.campaign.graph)

    def __str__(self) -> str:
        c = self.campaign
        return (
            f"Plan: media {_and(self.media)}; seeds {_and(self.seeds)}; cost {self.cost} of {c.budget} points.\n"
            f"Over {c.runs} runs: on average {self.in_target.mean():.1f} of the {len(c.members)} people of "
            f"{c.target_name} reached ({self.target_reach:.0%}); {self.total.mean():.1f} of {len(c.graph)} "
            f"in the whole class ({self.reach:.0%}). All {len(c.members)} of the target reached in "
            f"{np.mean(self.in_target == len(c.members)):.0%} of the runs."
        )

    def __repr__(self) -> str:
        return (
            f"CampaignResult(media={self.media!r}, seeds={self.seeds!r}, cost={self.cost}, "
            f"target_reach={self.target_reach:.2f})"
        )

    def figure(self):
        """A bar chart: in how many runs 0, 1, 2, ... people of the target were reached."""
        import plotly.graph_objects as go

        n = len(self.campaign.members)
        counts = np.bincount(self.in_target, minlength=n + 1)
        fig = go.Figure(go.Bar(x=list(range(n + 1)), y=counts.tolist(), marker=dict(color="#4477AA"),
                               hovertemplate="%{y} runs reached %{x} of the target<extra></extra>"))  # fmt: skip
        fig.update_layout(
            title=dict(text=f"People of {self.campaign.target_name} reached, over {self.campaign.runs} runs", x=0.01, xanchor="left"),
            template="none", height=320, margin=dict(l=60, r=20, t=60, b=50),
            xaxis=dict(title=dict(text="people of the target reached"), dtick=1),
            yaxis=dict(title=dict(text="runs")),
            meta={"target_reach": round(self.target_reach, 3)},
        )  # fmt: skip
        return fig


def plan_campaign(media, seeds, **scenario) -> CampaignResult:
    """Run a plan on the default scenario (see :class:`Campaign` for `scenario`).

    Examples
    --------
    >>> result = plan_campaign(["Instagram"], ["Uma", "Ben"])
    >>> result.cost, 0 < result.target_reach <= 1
    (7, True)
    """
    return Campaign(**scenario).plan(media, seeds)


# ---------------------------------------------------------------------------
# Feedback on a plan and its justification

#: Reasoning points looked for in a justification: ``{point: word patterns}``.
CONCEPTS = {
    "network": (r"\bnetwork", r"\bpeople\b", r"\bties?\b", r"\bfriends?\b", r"\bshar(e|es|ed|ing)\b",
                r"\bpass(es|ed|ing)? (it )?on\b", r"\bspread", r"word of mouth", r"\bcontacts?\b"),  # fmt: skip
    "target": (r"\btarget", r"\bcommunity\b", r"\bgroup\b", r"\baudience\b"),
    "seeds": (r"\bbridge", r"\bconnected\b", r"\bcentral", r"\bdegree\b", r"\bhubs?\b", r"\binfluenc",
              r"\bmost (ties|friends|contacts)\b", r"\bmany (ties|friends|contacts)\b", r"\bbetween (the )?groups\b",
              r"\bseeds?\b"),  # fmt: skip
    "overlap": (r"\boverlap", r"\bsame ties\b", r"\balready\b", r"\bredundan", r"\bboth media\b", r"\blayers?\b",
                r"\bseveral media\b", r"\bmore than one medium\b"),  # fmt: skip
}

_MEDIUM_WORDS = (r"\bbuy", r"\bbought\b", r"\bads?\b", r"\bplatform", r"\bmedi(a|um)\b", r"\bapp\b")

_GOOD, _FAIR = 0.6, 0.35


@dataclass(frozen=True)
class PlanFeedback:
    """Feedback on a plan: ``points`` ``{point: (met, message)}`` and a score."""

    result: CampaignResult
    points: dict

    @property
    def score(self) -> int:
        return sum(1 for met, _ in self.points.values() if met)

    def __str__(self) -> str:
        lines = [f"{SYMBOLS['right'] if met else SYMBOLS['unplaced']} {msg}" for met, msg in self.points.values()]
        lines.append(f"Score: {self.score} of {len(self.points)} points.")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)


def _mentions(text: str, patterns) -> bool:
    return any(re.search(p, text) for p in patterns)


PLAN_EXERCISE = "lesson06-campaign-plan"


def check_plan(plan: CampaignResult, justification: str, *, answers=None) -> PlanFeedback:
    """Feedback on a plan's reach and on the reasons given for it.

    The plan (media, seeds, cost, reach) and the justification are saved in
    the lesson's answer file under ``"lesson06-campaign-plan"``, like every
    other exercise, so an instructor can read them (``answers=False`` saves
    nothing; see :func:`smlessons.assessment.save_answer`).

    Looks for the reasoning points that matter (:data:`CONCEPTS`): reaching
    people and their ties, not only buying a medium; the target community;
    well-connected or bridging seeds; the overlap of media. Plain keyword
    matching: it encourages, it does not grade prose.

    Parameters
    ----------
    plan : CampaignResult
        From :meth:`Campaign.plan` or :func:`plan_campaign`.
    justification : str
        A few sentences saying why the plan should work.

    Returns
    -------
    PlanFeedback
        ``print`` it; ``.score`` counts the points met (out of 5).

    Raises
    ------
    TypeError
        If `plan` is not a CampaignResult or `justification` not a string.
    """
    feedback = _judge_plan(plan, justification)
    record = {
        "media": list(plan.media),
        "seeds": list(plan.seeds),
        "cost": plan.cost,
        "target_reach": round(float(plan.target_reach), 4),
        "justification": justification if isinstance(justification, str) else "",
        "points": feedback.score,
    }
    try:
        save_answer(PLAN_EXERCISE, record, "08-planning-a-campaign" if answers is None else answers)
    except OSError as exc:
        print(f"Your plan could not be saved ({exc}). Copy your justification somewhere safe.")
    return feedback


def _judge_plan(plan: CampaignResult, justification: str) -> PlanFeedback:
    if not isinstance(plan, CampaignResult):
        raise TypeError(f"plan must be the result of campaign.plan(...) or plan_campaign(...), not {type(plan).__name__}")
    if justification is Ellipsis or justification is None:
        justification = ""
    if not isinstance(justification, str):
        raise TypeError(f"the justification is a text (a string in quotes), not {type(justification).__name__}")
    c = plan.campaign
    text = justification.casefold()
    points = {}

    share = plan.target_reach
    if share >= _GOOD:
        msg = f"Reach: on average {share:.0%} of {c.target_name}. A strong plan."
    elif share >= _FAIR:
        msg = (f"Reach: on average {share:.0%} of {c.target_name}. Fair; can you do better? Look at which media carry "
               "the ties inside the target, and seed people who are in it or tied to it.")  # fmt: skip
    else:
        msg = (f"Reach: on average {share:.0%} of {c.target_name}. The message rarely gets there. Check that your media "
               "carry the ties that lead into the target community, and that some seeds are in it or next to it.")  # fmt: skip
    points["reach"] = (share >= _GOOD, msg)

    if len(text.split()) < 8:
        points["network"] = (False, "Write a few sentences (at least two) about why your plan should work: the checker reads them for the ideas below.")
        for key in ("target", "seeds", "overlap"):
            points[key] = (False, _MISSING[key])
        return PlanFeedback(plan, points)

    if _mentions(text, CONCEPTS["network"]):
        points["network"] = (True, "You explain how the message travels between people, along their ties: the network, not just the medium.")
    elif _mentions(text, _MEDIUM_WORDS):
        points["network"] = (False, "You explain which media you buy. Lesson 1's point: you buy space on a medium, but you want to reach a network of people. Say how the message gets from person to person.")
    else:
        points["network"] = (False, _MISSING["network"])

    names = [_norm(m) for m in c.members] + [_norm(c.target)]
    if _mentions(text, CONCEPTS["target"]) or any(re.search(rf"\b{re.escape(n)}\b", text) for n in names):
        points["target"] = (True, f"You keep the target in view: {c.target_name}, not the whole class.")
    else:
        points["target"] = (False, _MISSING["target"])

    if _mentions(text, CONCEPTS["seeds"]):
        points["seeds"] = (True, "You say why these seeds: where they sit in the network (well connected, in the target, or a bridge into it).")
    else:
        points["seeds"] = (False, _MISSING["seeds"])

    if _mentions(text, CONCEPTS["overlap"]):
        points["overlap"] = (True, "You think about overlap: a second medium that carries the same ties adds little for its cost.")
    else:
        extra = ""
        if len(plan.media) > 1:
            extra = f" You bought {len(plan.media)} media: do their ties overlap?"
        points["overlap"] = (False, _MISSING["overlap"] + extra)
    return PlanFeedback(plan, points)


_MISSING = {
    "network": "Say how the message travels from person to person along ties (sharing): that is what the simulation counts.",
    "target": "Name the target: which community the brand wants, and why your plan reaches it rather than the whole class.",
    "seeds": "Say why you chose these seed people: are they well connected, inside the target, or a bridge into it?",
    "overlap": "Think about overlap (lesson 6): do your media carry the same ties, or different ones?",
}
