"""Answer keys: the measures that compute a question's answer on one of the course's networks.

A question that says ``"compute": {"graph": ..., "measure": ...}`` has its
key computed here: each measure of :data:`MEASURES` (a *recipe*) takes the
network and the measure's arguments and returns a :class:`Key`: the answers
accepted, the facts its explanation may quote (``{value}``, ``{path}``...),
and a describer that says what is true of a wrong answer. The describer
returns :class:`~smlessons.exercises.messages.Message` objects (never
text), so a key computed once is shown in whatever language the student
reads (see :mod:`smlessons.exercises.messages`); a fact may be a message too.

Examples
--------
>>> key = compute_key(type("Q", (), {"compute": {"graph": "karate_club", "measure": "degree", "person": 33},
...                                  "kind": "number", "student": None})())
>>> key.accepted, key.facts["person"]
((17.0,), 33)
>>> print(key.describe(16.0))
16 is not how many people 33 is tied to: count 33's neighbours, each once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..content.loader import DataFileError
from ..engine.measures import fold
from ..i18n import N_, NP_
from .forms import NAME_PREFIX, answer_order, is_number, read_number, read_text, show_answer
from .messages import Message, and_list, number, say, say_n

__all__ = [
    "GRAPHS",
    "Key",
    "MEASURES",
    "NoStudentError",
    "OUTCOMES",
    "QuestionFileError",
    "STUDENT_GRAPHS",
    "compute_key",
]


class QuestionFileError(DataFileError):
    """A question (or its data file) is malformed; the message names the file, question and field."""


class NoStudentError(ValueError):
    """A question asked on each student's own network was not told whose network: use ``for_student``."""


@dataclass(frozen=True)
class Key:
    """What a question accepts, the facts its texts may quote, and a describer of wrong answers."""

    accepted: tuple  # canonical answers, any of which is right (for "people": one frozenset)
    facts: dict
    describe: Callable[[Any], Message | list | None] = lambda answer: None
    graph: Any = None  # the network answers are read against, if any


@lru_cache(maxsize=8)
def load_network(name: str, args: str):
    """The network `name` of :data:`GRAPHS`, built with the JSON-encoded keyword arguments `args` (kept: 8 at most)."""
    from .. import datasets

    return GRAPHS[name](datasets)(**json.loads(args))


def _multiplex():
    from ..engine import multilayer

    return multilayer


#: The networks a question may be asked on: each takes :mod:`smlessons.datasets`
#: and gives the function that builds the network.
GRAPHS = {
    "karate_club": lambda ds: ds.karate_club,
    "class_network": lambda ds: ds.class_network,
    "multiplex_class": lambda ds: ds.multiplex_class,
    "student_network": lambda ds: ds.student_network,
    "student_multiplex": lambda ds: ds.student_multiplex,
}


def _called(p, start: bool = False) -> str:
    """How a text names a person: by name, or "member 33" for a numbered member."""
    if is_number(p):
        return say(N_("Member {number}"), number=p) if start else say(N_("member {number}"), number=p)
    return str(p)


def who(G, name):
    from ..engine import measures

    return measures.person(G, name)


def _most_central(G, by="degree"):
    from ..engine import measures

    scores = measures.centrality(G, by)
    best = max(scores.values())
    top = tuple(p for p, s in scores.items() if math.isclose(s, best, rel_tol=1e-9))
    word = say(N_("ties")) if by == "degree" else say(N_("betweenness"))

    def fmt(s):
        return str(s) if by == "degree" else number(s, 3)

    def describe(p):
        if by == "degree":
            return say_n(
                NP_(
                    "{who} has {n} tie; the most anyone has is {best}.",
                    "{who} has {n} ties; the most anyone has is {best}.",
                ),
                scores[p],
                who=_called(p, True),
                best=best,
            )
        return say(
            N_("{who} has betweenness {score}; the highest in the network is {best}."),
            who=_called(p, True),
            score=fmt(scores[p]),
            best=fmt(best),
        )

    return Key(top, {"value": fmt(best), "measure": word}, describe, G)


def _degree(G, person):
    from ..engine import measures

    p = who(G, person)
    d = measures.degree(G, p)

    def describe(given):
        return say(
            N_("{given} is not how many people {person} is tied to: count {person}'s neighbours, each once."),
            given=number(given),
            person=p,
        )

    return Key(
        (float(d),), {"person": p, "value": d, "neighbours": show_answer(measures.neighbours(G, p))}, describe, G
    )


def _neighbours(G, person):
    from ..engine import measures

    p = who(G, person)
    nbrs = frozenset(measures.neighbours(G, p))

    def describe(given):
        extra = sorted(given - nbrs - {p}, key=answer_order)
        parts = [
            say_n(
                NP_(
                    "{person} has {n} neighbour; your answer has {mine} of them.",
                    "{person} has {n} neighbours; your answer has {mine} of them.",
                ),
                len(nbrs),
                person=p,
                mine=len(given & nbrs),
            )
        ]
        if extra:
            parts.append(say(N_("Not tied to {person}: {people}."), person=p, people=", ".join(map(str, extra))))
        if p in given:
            parts.append(say(N_("{person} is not their own neighbour."), person=p))
        return parts

    return Key((nbrs,), {"person": p, "value": len(nbrs)}, describe, G)


def _distance(G, source, target):
    from ..engine import measures

    s, t = who(G, source), who(G, target)
    path = measures.shortest_path(G, s, t)
    d = len(path) - 1

    def describe(x):
        if x == d + 1:
            return say(N_("That is the number of people on the path; count the ties (the steps) instead."))
        if x < d:
            return say(
                N_("No path from {source} to {target} is that short: check that each step is a tie in the network."),
                source=s,
                target=t,
            )
        return say(N_("There is a shorter path than {given} steps."), given=number(x))

    facts = {"source": s, "target": t, "value": d, "path": " \u2192 ".join(map(str, path))}
    return Key((float(d),), facts, describe, G)


def _community(G, person, seed=0):
    from ..engine import measures

    p = who(G, person)
    groups = measures.communities(G, seed=seed)
    k = next(i for i, ms in enumerate(groups, start=1) if p in ms)

    def describe(x):
        if not float(x).is_integer() or not 1 <= x <= len(groups):
            return say(N_("The communities are numbered 1 to {count}."), count=len(groups))
        members = groups[int(x) - 1]
        return say(
            N_("Community {number} is {members}: {person} is not among them."),
            number=int(x),
            members=", ".join(map(str, members)),
            person=p,
        )

    facts = {"person": p, "value": k, "members": show_answer(groups[k - 1]), "count": len(groups)}
    return Key((float(k),), facts, describe, G)


def _tie_describer(G, accepted_ties):
    from ..engine import measures

    spans = {frozenset(e[:2]): e[2] for e in measures.local_bridges(G, with_span=True)}

    def describe(tie):
        u, v = sorted(tie, key=answer_order)
        if not G.has_edge(u, v):
            return say(
                N_("{u} and {v} are not tied to each other, so {u}\u2013{v} is not a tie of this network."), u=u, v=v
            )
        common = sorted(set(G[u]) & set(G[v]) - {u, v}, key=answer_order)
        if common:
            return say(
                N_(
                    "{u} and {v} have a friend in common ({common}): cut {u}\u2013{v} and they are still two steps apart."
                ),
                u=u,
                v=v,
                common=", ".join(map(str, common)),
            )
        span = spans.get(frozenset((u, v)))
        if span == math.inf:
            return say(N_("Cut {u}\u2013{v} and the network falls apart: it is a bridge."), u=u, v=v)
        return say(
            N_("{u} and {v} have no friend in common, but cut {u}\u2013{v} and a detour of {span} steps remains."),
            u=u,
            v=v,
            span=span,
        )

    return describe


def _bridge(G):
    from ..engine import measures

    found = tuple(frozenset(e) for e in measures.bridges(G))
    facts = {"value": ", ".join(show_answer(t, "tie") for t in found), "count": len(found)}
    return Key(found, facts, _tie_describer(G, found), G)


def _local_bridge(G, exclude_bridges=False):
    from ..engine import measures

    found = measures.local_bridges(G, with_span=True)
    if exclude_bridges:
        found = [e for e in found if e[2] != math.inf]
    ties = tuple(frozenset(e[:2]) for e in found)
    facts = {"value": ", ".join(show_answer(t, "tie") for t in ties), "count": len(ties)}
    return Key(ties, facts, _tie_describer(G, ties), G)


def _best_medium(G, person):
    from ..engine import measures

    mx = _multiplex()
    p = who(G, person)
    by = mx.friends_by_medium(G, p)
    best = tuple(mx.best_media(G, p))
    friends = measures.degree(G, p)
    top = by[best[0]] if best else []

    def describe(m):
        on = by.get(m, [])
        if not on:
            return say(N_("None of {person}'s ties lives on {medium}."), person=p, medium=m)
        return say_n(
            NP_(
                "Of {person}'s {friends} friends, {n} is tied to {person} on {medium} ({people}). "
                "Another medium ties {person} to more of them.",
                "Of {person}'s {friends} friends, {n} are tied to {person} on {medium} ({people}). "
                "Another medium ties {person} to more of them.",
            ),
            len(on),
            friends=friends,
            person=p,
            medium=m,
            people=", ".join(map(str, on)),
        )

    facts = {
        "person": p,
        "value": len(top),
        "friends": friends,
        "friends_on": ", ".join(map(str, top)),
        "counts": ", ".join(f"{m} {len(f)}" for m, f in by.items()),
    }
    return Key(best, facts, describe, G)


def _most_cut_off(G):
    mx = _multiplex()
    H = mx.combined(G)
    counts = mx.cut_off_counts(H)  # a quick count; the full effect only where it is read
    most = max(counts.values())
    best = tuple(m for m, k in counts.items() if k == most)
    r = mx.removal_effect(H, best[0])

    def describe(m):
        e = mx.removal_effect(H, m)
        if not e.cut_off:
            return say(
                N_(
                    "Without {medium}, nobody is cut off: {kept} of {ties} ties are kept, "
                    "and everyone can still reach the rest through the other media."
                ),
                medium=m,
                kept=e.ties_kept,
                ties=e.ties,
            )
        return say_n(
            NP_(
                "Without {medium}, {n} person is cut off ({people}). Removing another medium cuts off more.",
                "Without {medium}, {n} people are cut off ({people}). Removing another medium cuts off more.",
            ),
            len(e.cut_off),
            medium=m,
            people=", ".join(map(str, e.cut_off)),
        )

    facts = {
        "value": most,
        "people": ", ".join(map(str, r.cut_off)),
        "parts": r.parts,
        "ties": r.ties,
        "kept": r.ties_kept,
        "lost": r.ties - r.ties_kept,
    }
    return Key(best, facts, describe, G)


def _most_overlap(G):
    mx = _multiplex()
    H = mx.combined(G)
    counts = mx.overlap_counts(H)
    values = {pair: shared / either for pair, (shared, either) in counts.items()}
    top = max(values.values())
    best = [pair for pair, v in values.items() if math.isclose(v, top)]
    order = {m: i for i, m in enumerate(H.graph["media"])}

    def describe(given):
        if len(given) != 2:
            if len(given) == 1:
                return say(N_("Overlap compares two media, but the answer names only one: name exactly two."))
            return say(
                N_("Overlap compares two media, but the answer names {count}: name exactly two."), count=len(given)
            )
        a, b = sorted(given, key=order.get)
        shared, either = counts[(a, b)]
        return say_n(
            NP_(
                "{a} and {b} share {n} of the {either} ties on either of them "
                "(overlap {overlap}). Another pair shares a larger part of its ties.",
                "{a} and {b} share {n} of the {either} ties on either of them "
                "(overlap {overlap}). Another pair shares a larger part of its ties.",
            ),
            shared,
            a=a,
            b=b,
            either=either,
            overlap=number(shared / either, 2),
        )

    shared, either = counts[best[0]]
    facts = {
        "value": number(top, 2),
        "shared": shared,
        "either": either,
        "pair": and_list(best[0]),
    }
    return Key(tuple(frozenset(pair) for pair in best), facts, describe, G)


# -- measures on a student's own network (the assessments of lessons 4 to 6) --


def _community_members(G, person):
    from ..engine import measures

    p = who(G, person)
    groups = G.graph.get("communities") or measures.communities(G)
    members = frozenset(next(ms for ms in groups if p in ms))
    others = members - {p}

    def describe(given):
        missing = sorted(others - given, key=answer_order)
        extra = sorted(given - members, key=answer_order)
        parts = []
        if extra:
            parts.append(say(N_("Not in {person}'s community: {people}."), person=p, people=", ".join(map(str, extra))))
        if missing:
            parts.append(
                say_n(
                    NP_("Your answer leaves out {n} of its members.", "Your answer leaves out {n} of its members."),
                    len(missing),
                )
            )
        return parts or None

    facts = {"person": p, "value": len(others), "members": show_answer(members)}
    return Key((others, members), facts, describe, G)


def _closer(G, source, first, second):
    from ..engine import measures

    s, a, b = who(G, source), who(G, first), who(G, second)
    da, db = measures.distance(G, s, a), measures.distance(G, s, b)
    outcome = 0 if da < db else 1 if db < da else 2

    def describe(given):
        if given == 2:
            return say(
                N_("{first} and {second} are not the same number of steps from {source}: count the steps to each."),
                first=a,
                second=b,
                source=s,
            )
        near, far = (a, b) if given == 0 else (b, a)
        return say(
            N_("{near} is not closer to {source} than {far}: count the ties on the shortest path to each."),
            near=near,
            far=far,
            source=s,
        )

    facts = {
        "source": s,
        "first": a,
        "second": b,
        "first_steps": say_n(NP_("{n} step", "{n} steps"), da),
        "second_steps": say_n(NP_("{n} step", "{n} steps"), db),
        "first_path": " \u2192 ".join(map(str, measures.shortest_path(G, s, a))),
        "second_path": " \u2192 ".join(map(str, measures.shortest_path(G, s, b))),
    }
    return Key((outcome,), facts, describe, G)


def _tie_facts(G, u, v) -> dict:
    from ..engine import measures

    H = G.copy()
    H.remove_edge(u, v)
    common = sorted(set(G[u]) & set(G[v]) - {u, v}, key=answer_order)
    try:
        path = measures.shortest_path(H, u, v)
        span, detour = len(path) - 1, " \u2192 ".join(map(str, path))
    except measures.NoPathError:
        span, detour = math.inf, ""
    return {"common": ", ".join(map(str, common)), "span": span, "detour": detour}


def _tie_type(G, tie):
    u, v = sorted((who(G, p) for p in tie), key=answer_order)
    if not G.has_edge(u, v):
        raise QuestionFileError(f"{u} and {v} are not tied in this network")
    facts = _tie_facts(G, u, v)
    outcome = 0 if facts["common"] else (2 if facts["span"] == math.inf else 1)
    words = {0: N_("neither"), 1: N_("a local bridge, not a bridge"), 2: N_("a bridge")}

    def describe(given):
        if given == 0:
            return say(N_("{u} and {v} have no friend in common: the tie is not 'neither'."), u=u, v=v)
        if given == 1 and outcome == 0:
            return say(
                N_("A local bridge joins two people with no friend in common; {u} and {v} share a friend."), u=u, v=v
            )
        if given == 1:
            return say(N_("Cut {u}\u2013{v} and no detour is left: more than a local bridge."), u=u, v=v)
        if outcome == 0:
            return say(N_("{u} and {v} share a friend, so cutting {u}\u2013{v} leaves them two steps apart."), u=u, v=v)
        return say(
            N_("Cut {u}\u2013{v} and a detour of {span} steps remains: the network does not fall apart."),
            u=u,
            v=v,
            span=facts["span"],
        )

    return Key((outcome,), {**facts, "value": say(words[outcome]), "tie": f"{u}\u2013{v}"}, describe, G)


def _span(G, tie):
    u, v = sorted((who(G, p) for p in tie), key=answer_order)
    if not G.has_edge(u, v):
        raise QuestionFileError(f"{u} and {v} are not tied in this network")
    facts = _tie_facts(G, u, v)
    if facts["span"] == math.inf:
        raise QuestionFileError(f"{u}\u2013{v} is a bridge: cut it and no path is left to count")

    def describe(x):
        if x == 1:
            return say(N_("Once {u}\u2013{v} is cut, {u} and {v} are no longer one step apart."), u=u, v=v)
        if x < facts["span"]:
            return say(N_("No detour from {u} to {v} that short is left once {u}\u2013{v} is cut."), u=u, v=v)
        return say(N_("There is a shorter detour."))

    return Key((float(facts["span"]),), {**facts, "value": facts["span"], "tie": f"{u}\u2013{v}"}, describe, G)


def _cut_off_by_bridge(G, person):
    from ..engine import measures

    p = who(G, person)
    found = measures.bridges(G)
    H = G.copy()
    H.remove_edges_from(found)
    import networkx as nx

    mine = nx.node_connected_component(H, p)
    cut = frozenset(q for q in G if q not in mine)

    def describe(given):
        extra = sorted(given & mine, key=answer_order)
        if extra:
            return say(
                N_("{people} can still reach {person} once the bridge is cut."),
                people=", ".join(map(str, extra)),
                person=p,
            )
        return say_n(
            NP_(
                "Your answer leaves out {n} of the people on the other side of the bridge.",
                "Your answer leaves out {n} of the people on the other side of the bridge.",
            ),
            len(cut - given),
        )

    facts = {
        "person": p,
        "value": len(cut),
        "count": say_n(NP_("{n} person", "{n} people"), len(cut)),
        "bridge": ", ".join(show_answer(frozenset(e), "tie") for e in found),
    }
    return Key((cut,), facts, describe, G)


def _tie_media(G, tie):
    mx = _multiplex()
    H = mx.combined(G)
    u, v = sorted((who(H, p) for p in tie), key=answer_order)
    if not H.has_edge(u, v):
        raise QuestionFileError(f"{u} and {v} are not tied in this network")
    media = frozenset(H.edges[u, v]["platform"])

    def describe(given):
        parts = []
        extra = sorted(given - media)
        if extra:
            parts.append(say(N_("The tie {u}\u2013{v} does not live on {media}."), u=u, v=v, media=", ".join(extra)))
        if media - given:
            parts.append(
                say_n(
                    NP_(
                        "It lives on {n} medium; your answer names {mine} of them.",
                        "It lives on {n} media; your answer names {mine} of them.",
                    ),
                    len(media),
                    mine=len(given & media),
                )
            )
        return parts

    facts = {"tie": f"{u}\u2013{v}", "value": len(media)}
    return Key((media,), facts, describe, G)


def _tie_after_closing(G, tie, medium):
    from ..datasets.platforms import find_medium

    mx = _multiplex()
    H = mx.combined(G)
    u, v = sorted((who(H, p) for p in tie), key=answer_order)
    m = find_medium(H, medium)
    if not H.edges[u, v]["platform"]:
        raise QuestionFileError(f"the tie {u}\u2013{v} lives on no medium")
    media = H.edges[u, v]["platform"]
    outcome = 2 if m not in media else (0 if media == (m,) else 1)
    others = [x for x in media if x != m]

    def describe(given):
        if outcome == 2:
            return say(
                N_("The tie {u}\u2013{v} never lived on {medium}: closing {medium} does not touch it."),
                u=u,
                v=v,
                medium=m,
            )
        if outcome == 0:
            return say(N_("{medium} is the only medium the tie {u}\u2013{v} lives on."), u=u, v=v, medium=m)
        return say(N_("The tie {u}\u2013{v} lives on {medium}, and on another medium too."), u=u, v=v, medium=m)

    facts = {"tie": f"{u}\u2013{v}", "medium": m, "media": ", ".join(media), "others": ", ".join(others)}
    return Key((outcome,), facts, describe, G)


def _cut_off_by_medium(G, medium):
    mx = _multiplex()
    r = mx.removal_effect(G, medium)
    cut = frozenset(r.cut_off)

    def describe(given):
        extra = sorted(given - cut, key=answer_order)
        if extra:
            return say(
                N_("{people} can still reach the rest without {medium}."),
                people=", ".join(map(str, extra)),
                medium=r.medium,
            )
        return say_n(
            NP_(
                "Your answer leaves out {n} of the people cut off.", "Your answer leaves out {n} of the people cut off."
            ),
            len(cut - given),
        )

    facts = {
        "medium": r.medium,
        "value": len(cut),
        "count": say_n(NP_("{n} person", "{n} people"), len(cut)),
        "kept": r.ties_kept,
        "ties": r.ties,
    }
    return Key((cut,), facts, describe, G)


def _degree_sum(G):
    ties = G.number_of_edges()
    total = sum(d for _, d in G.degree())

    def describe(x):
        if x == ties:
            return say(
                N_("{given} is the number of ties; each tie is written down by both of its ends."), given=number(x)
            )
        return None

    return Key((float(total),), {"value": total, "ties": ties, "people": len(G)}, describe, G)


#: The outcomes of the measures that answer a multiple-choice question, in
#: order: a question's options (a), (b), (c) stand for them in this order.
OUTCOMES = {
    "closer": (N_("the first person is closer"), N_("the second person is closer"), N_("both are as close")),
    "tie_type": (N_("neither"), N_("a local bridge but not a bridge"), N_("a bridge")),
    "tie_after_closing": (N_("lost"), N_("kept on another medium"), N_("untouched: never on that medium")),
}


#: The networks drawn for each student (see :func:`smlessons.datasets.networks.student_network`):
#: a question asked on one is bound to a student with :meth:`Question.for_student`.
STUDENT_GRAPHS = ("student_network", "student_multiplex")

#: The measures a question's ``compute`` may name, with the kind of answer each gives.
MEASURES = {
    "most_central": ("person", _most_central, {"by"}),
    "degree": ("number", _degree, {"person"}),
    "neighbours": ("people", _neighbours, {"person"}),
    "distance": ("number", _distance, {"source", "target"}),
    "community": ("number", _community, {"person", "seed"}),
    "bridge": ("tie", _bridge, set()),
    "local_bridge": ("tie", _local_bridge, {"exclude_bridges"}),
    "best_medium": ("platform", _best_medium, {"person"}),
    "most_cut_off": ("platform", _most_cut_off, set()),
    "most_overlap": ("platforms", _most_overlap, set()),
    "community_members": ("people", _community_members, {"person"}),
    "degree_sum": ("number", _degree_sum, set()),
    "closer": ("choice", _closer, {"source", "first", "second"}),
    "tie_type": ("choice", _tie_type, {"tie"}),
    "span": ("number", _span, {"tie"}),
    "cut_off_by_bridge": ("people", _cut_off_by_bridge, {"person"}),
    "tie_media": ("platforms", _tie_media, {"tie"}),
    "tie_after_closing": ("choice", _tie_after_closing, {"tie", "medium"}),
    "cut_off_by_medium": ("people", _cut_off_by_medium, {"medium"}),
}


def compute_key(q) -> Key:
    """The key of a question (a :class:`~smlessons.exercises.questions.Question`): computed, or its literal answer."""
    if q.compute is None:
        return literal_key(q)
    spec = dict(q.compute)
    graph, graph_args = spec.pop("graph"), dict(spec.pop("graph_args", {}))
    if graph in STUDENT_GRAPHS:
        graph_args["student"] = q.student
    G = load_network(graph, json.dumps(graph_args, sort_keys=True))
    platform = spec.pop("platform", None)
    if platform is not None:  # one medium's ties only (a multiplex network)
        from ..engine import measures

        G = measures.layer(G, platform)
    measure = spec.pop("measure")
    _, recipe, _ = MEASURES[measure]
    key = recipe(G, **spec)
    if q.kind == "choice":  # outcome i is option i: (a), (b), ...
        letters = list(q.options)
        inner = key.describe
        return Key(
            tuple(letters[i] for i in key.accepted),
            {**key.facts, "outcome": say(OUTCOMES[measure][key.accepted[0]])},
            lambda letter: inner(letters.index(letter)),
            key.graph,
        )
    return key


def literal_key(q) -> Key:
    """The key of a question that states its answer."""
    answer = q.answer
    if q.kind == "people":
        return Key((frozenset(read_person(p, None) for p in answer),), {})
    if q.kind == "choice":
        return Key(tuple(answer if isinstance(answer, (list, tuple)) else [answer]), {})
    options = answer if isinstance(answer, (list, tuple)) else [answer]
    if q.kind in ("tie", "platforms") and options and all(not isinstance(o, (list, tuple)) for o in options):
        options = [options]  # one pair
    accepted = []
    for option in options:
        if q.kind == "person":
            accepted.append(read_person(option, None))
        elif q.kind == "tie":
            accepted.append(frozenset(read_person(p, None) for p in option))
        elif q.kind == "number":
            accepted.append(read_number(option))
        elif q.kind == "platform":
            accepted.append(read_platform(option, None))
        elif q.kind == "platforms":
            accepted.append(frozenset(read_platform(m, None) for m in option))
        else:
            accepted.append(fold(read_text(option)) if isinstance(option, str) and option.strip() else fold(option))
    if q.kind == "text":  # a word answer with no feedback of its own: say so kindly (the hint follows)
        known = {fold(k) for k in q.feedback}

        def describe(given):
            if fold(given) in known:
                return None
            return say(N_("\u201c{given}\u201d is not the answer this question is looking for."), given=given)

        return Key(tuple(accepted), {}, describe)
    return Key(tuple(accepted), {})


def read_person(value, G):
    """A person an answer names: looked up in the network `G`, or folded when there is none (a literal key)."""
    if G is None:
        value = NAME_PREFIX.sub("", str(value).strip())
        return fold(value)
    if isinstance(value, str) and value.strip() not in map(str, G):
        value = NAME_PREFIX.sub("", value.strip())
    return who(G, value)


def read_platform(value, G):
    """A medium an answer names: one of `G`'s media, else a platform of lesson 3's table, else folded."""
    from ..datasets.platforms import UnknownPlatformError, find_medium, platform

    if G is not None:
        return find_medium(G, value)  # PlatformNotFoundError lists the network's media

    try:
        return platform(value).name
    except UnknownPlatformError:
        return fold(value)  # not in the course's data: compared ignoring case


def not_found(exc: KeyError, G) -> Message:
    """What to tell a student whose answer names a person or medium the network `G` does not have.

    `exc` is the :class:`~smlessons.engine.measures.PersonNotFoundError` or
    :class:`~smlessons.engine.measures.PlatformNotFoundError` the lookup raised.
    """
    import difflib

    from ..engine.measures import PlatformNotFoundError, sorted_nodes

    if isinstance(exc, PlatformNotFoundError):
        from ..datasets.platforms import platform_names
        from ..engine.multilayer import media_of

        name = exc.platform
        known = media_of(G) if G is not None else []
        if not known:
            return say(
                N_("{given} is not a medium of this network: no tie of this network has a medium."), given=repr(name)
            )
        listed = and_list(known)
        found = platform_names().get(fold(str(name)))
        if found is not None:  # a platform of lesson 3's table, but not in this network
            return say(
                N_("no tie in this network lives on {platform}; its media are: {media}"),
                platform=found[0],
                media=listed,
            )
        head = say(
            N_(
                "{given} is not a medium of this network, nor a platform of the course's data; "
                "the media of this network are: {media}."
            ),
            given=repr(name),
            media=listed,
        )
        close = difflib.get_close_matches(fold(str(name)), [fold(m) for m in known], n=1, cutoff=0.6)
        if close:
            return [head, say(N_("Did you mean {name}?"), name=repr(next(m for m in known if fold(m) == close[0])))]
        return head
    given = getattr(exc, "person", None)
    try:
        hash(given)
    except TypeError:
        return say(N_("{given} is not a person: give one person's name."), given=repr(given))
    if G is None or not len(G):
        return say(N_("{given} is not in this network."), given=repr(given))
    people = sorted_nodes(G)
    head = say_n(
        NP_("{given} is not in this network ({n} person).", "{given} is not in this network ({n} people)."),
        len(G),
        given=repr(given),
    )
    if all(isinstance(p, int) for p in people):
        return [head, say(N_("The people are numbered {first} to {last}."), first=people[0], last=people[-1])]
    close = difflib.get_close_matches(str(given), [str(p) for p in people], n=1, cutoff=0.6)
    return [head, say(N_("Did you mean {name}?"), name=repr(close[0]))] if close else head
