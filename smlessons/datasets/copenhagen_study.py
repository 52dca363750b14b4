"""Real data: the Copenhagen Networks Study, about 800 students on three media.

The same first-year students of the Technical University of Denmark, tied by
**phone calls** and **text messages (SMS)** over four weeks, and on
**Facebook** (one list of friendships, not tied to those weeks), from the
Copenhagen Networks Study of around 2013 (Stopczynski et al., 2014, *PLoS ONE*
9(4), e95978; data: Sapiezynski et al., 2019, *Scientific Data* 6, 315;
see ``smlessons/content/data/copenhagen/README.md`` for the source, the licence and
what was changed). People are anonymous integer ids.

:func:`copenhagen` gives the multiplex network, in the shape of
:func:`smlessons.datasets.multiplex.multiplex_class`: one tie per pair of people, its
``platform`` the tuple of the media it lives on, so that the functions of
:mod:`smlessons.engine.multilayer` (``layers``, ``overlap``, ``removal_effect``,
``reach``, ...) work on it. ``copenhagen("calls")`` gives one layer as it was
recorded: calls and texts are directed (who phoned whom) with an ``events``
count; ``either_way=True`` makes them pairs who phoned (or texted) either way.

Nothing is read until a function is called, and this module is not imported
by ``import smlessons``::

    from smlessons.datasets.copenhagen_study import copenhagen
    G = copenhagen()

Bad input gets a clear error: an unknown layer name lists the known ones; a
missing or corrupt data file names the file (and the line).
"""

from __future__ import annotations

import copy
import csv
from functools import lru_cache
from pathlib import Path

import networkx as nx

from ..content import DATA_DIR as CONTENT_DATA
from ..content.bibliography import load_bibliography, reference, resolve_sources
from ..content.loader import DataFileError, load
from ..i18n import N_

__all__ = ["LAYERS", "MEDIA", "DATA_DIR", "CopenhagenDataError", "UnknownLayerError", "about", "copenhagen", "citation"]

DATA_DIR = CONTENT_DATA / "copenhagen"

#: The layers, by the names :func:`copenhagen` accepts.
LAYERS = ("facebook", "calls", "sms")
#: The media names written on the ties of the multiplex network, in the order of :data:`LAYERS`.
MEDIA = ("Facebook", "Calls", "SMS")


class CopenhagenDataError(DataFileError):
    """A data file of the Copenhagen network is missing or malformed; the message names the file and line."""


class UnknownLayerError(ValueError):
    """No layer has this name; the message lists the known ones."""


def _norm(name) -> str:
    return " ".join(str(name).casefold().replace("_", " ").replace("-", " ").split())


@lru_cache(maxsize=4)
def _about(folder: str) -> dict:
    path = Path(folder) / "about.json"
    try:
        info = load(path, "copenhagen", CopenhagenDataError)  # content/schemas/copenhagen.schema.json
    except FileNotFoundError:
        raise CopenhagenDataError(f"{path}: file not found (the package's Copenhagen data is incomplete)") from None
    # The references are the bibliography's: about.json names their keys.
    try:
        resolve_sources(info.get("sources", []))
        info["citation"] = reference(info["source"])
        info["doi"] = load_bibliography()[info["source"]]["DOI"]
        info["data_doi"] = load_bibliography()[info["data_source"]]["DOI"]
    except KeyError as exc:
        raise CopenhagenDataError(f"{path}: missing field {exc.args[0]!r} (or its entry has no DOI)") from None
    except ValueError as exc:  # BibliographyError included
        raise CopenhagenDataError(f"{path}: {exc}") from None
    return info


def about(folder=None) -> dict:
    """What the data are and where they come from: citation, doi, licence, changes, layers.

    ``citation`` is the full reference of the bibliography entry ``source``
    names, ``doi`` its DOI and ``data_doi`` the DOI of the data set
    (``data_source``); ``sources`` lists every source of the data's README.

    Examples
    --------
    >>> about()["doi"]
    '10.1038/s41597-019-0325-x'
    """
    return copy.deepcopy(_about(str(folder or DATA_DIR)))  # a copy the caller may change


def citation() -> str:
    """The reference to cite wherever the data are shown.

    Examples
    --------
    >>> citation().startswith("Sapiezynski, P.")
    True
    """
    return about()["citation"]


def _layer_name(layer, folder) -> str:
    info = _about(folder)["layers"]
    if not isinstance(layer, str):
        raise TypeError(f"a layer is named by a string, e.g. 'calls', not {type(layer).__name__} ({layer!r})")
    wanted = _norm(layer)
    for key, spec in info.items():
        if wanted in {_norm(key), _norm(spec["medium"]), *(_norm(a) for a in spec.get("aliases", ()))}:
            return key
    known = ", ".join(f"{k!r}" for k in info)
    raise UnknownLayerError(
        f"the Copenhagen network has no layer {layer!r}; its layers are {known} (or None for all three)"
    )


def _read(path: Path, columns: list[str], directed: bool) -> tuple:
    """The rows of one file as ``((a, b, events), ...)``, checked line by line."""
    stat = path.stat() if path.exists() else None
    if stat is None:
        raise CopenhagenDataError(f"{path}: file not found (the package's Copenhagen data is incomplete)")
    return _read_cached(str(path), stat.st_mtime_ns, stat.st_size, tuple(columns), directed)


@lru_cache(maxsize=8)
def _read_cached(path: str, _mtime: int, _size: int, columns: tuple, directed: bool) -> tuple:
    rows, seen = [], {}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None or [h.strip() for h in header] != list(columns):
            raise CopenhagenDataError(
                f"{path}, line 1: the header should be {','.join(columns)}, not {','.join(header or []) or 'empty'}"
            )
        for row in reader:
            line = reader.line_num
            if not row or all(not x.strip() for x in row):
                continue
            if len(row) != len(columns):
                raise CopenhagenDataError(
                    f"{path}, line {line}: expected {len(columns)} values ({','.join(columns)}), found {len(row)}: {','.join(row)}"
                )
            try:
                values = [int(x) for x in row]
            except ValueError:
                raise CopenhagenDataError(
                    f"{path}, line {line}: every value should be a whole number: {','.join(row)}"
                ) from None
            a, b = values[0], values[1]
            events = values[2] if len(values) > 2 else 1
            if a < 1 or b < 1:
                raise CopenhagenDataError(f"{path}, line {line}: ids are positive whole numbers: {','.join(row)}")
            if a == b:
                raise CopenhagenDataError(f"{path}, line {line}: person {a} is paired with themselves")
            if events < 1:
                raise CopenhagenDataError(
                    f"{path}, line {line}: the number of events should be at least 1, not {events}"
                )
            key = (a, b) if directed else (min(a, b), max(a, b))
            if key in seen:
                raise CopenhagenDataError(f"{path}, line {line}: the pair {a},{b} is already on line {seen[key]}")
            seen[key] = line
            rows.append((a, b, events))
    return tuple(rows)


def _source_attrs(info: dict) -> dict:
    return {
        "real": True,
        "synthetic": False,
        "source": info["citation"],
        "citation": info["short_citation"],
        "doi": info["doi"],
    }


def copenhagen(layer=None, *, either_way: bool = False, folder=None) -> nx.Graph:
    """The Copenhagen Networks Study (real data): all three media, or one layer.

    Parameters
    ----------
    layer : {None, "facebook", "calls", "sms"}
        ``None`` (default): the multiplex network of the three media. A name
        (any case; ``"phone"``, ``"texts"``, ``"SMS"`` ... work too): that
        layer only, with the people who appear in its file.
    either_way : bool, default False
        For ``"calls"`` and ``"sms"``: one undirected tie per pair who phoned
        (texted) either way, its ``events`` the calls (texts) both ways.
        Facebook friendships have no direction, so it changes nothing there.
    folder : path, optional
        Read the files from another folder (default: the package's copy).

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        * multiplex (``layer=None``): a ``Graph`` of the 833 people; each tie's
          ``platform`` is a tuple of ``"Facebook"``, ``"Calls"``, ``"SMS"`` (in
          that order), ``calls`` and ``sms`` the number of calls and texts
          between the two, either way (0 if none).
        * ``"facebook"``: a ``Graph`` of friendships.
        * ``"calls"``, ``"sms"``: a ``DiGraph``, an edge u -> v when u phoned
          (texted) v, ``events`` how many times; with ``either_way=True``, a
          ``Graph``.

        ``graph`` says where the data come from: ``real`` True,
        ``synthetic`` False, ``source`` (the full reference), ``citation``
        (short), ``doi``, ``name``; the multiplex also ``media``.

    Raises
    ------
    UnknownLayerError
        For a layer name that is not one of :data:`LAYERS` (the message lists them).
    CopenhagenDataError
        If a data file is missing or malformed (the message names the file and line).
    TypeError
        If `layer` is not a string or None.

    Examples
    --------
    >>> G = copenhagen()
    >>> G.number_of_nodes(), G.graph["media"], G.graph["real"]
    (833, ['Facebook', 'Calls', 'SMS'], True)
    >>> calls = copenhagen("calls")
    >>> calls.is_directed(), calls.number_of_edges(), sum(e for *_, e in calls.edges(data="events"))
    (True, 924, 3600)
    >>> copenhagen("calls", either_way=True).number_of_edges()
    621
    """
    folder = str(folder or DATA_DIR)
    info = _about(folder)
    attrs = _source_attrs(info)
    if layer is not None:
        key = _layer_name(layer, folder)
        spec = info["layers"][key]
        rows = _read(Path(folder) / spec["file"], spec["columns"], spec["directed"])
        return _layer_graph(rows, spec, either_way, attrs)

    G = nx.Graph()
    media = [info["layers"][k]["medium"] for k in LAYERS]
    G.graph.update(name=info["name"], media=media, **attrs)
    found: dict[tuple, dict] = {}
    for key in LAYERS:
        spec = info["layers"][key]
        rows = _read(Path(folder) / spec["file"], spec["columns"], spec["directed"])
        for a, b, events in rows:
            tie = found.setdefault((min(a, b), max(a, b)), {"on": set(), "calls": 0, "sms": 0})
            tie["on"].add(spec["medium"])
            if key != "facebook":
                tie[key] += events
    G.add_nodes_from(sorted({p for tie in found for p in tie}))
    for (a, b), tie in sorted(found.items()):
        G.add_edge(a, b, platform=tuple(m for m in media if m in tie["on"]), calls=tie["calls"], sms=tie["sms"])
    return G


def _layer_graph(rows, spec, either_way, attrs) -> nx.Graph:
    directed = spec["directed"] and not either_way
    G = nx.DiGraph() if directed else nx.Graph()
    if spec["directed"] == directed:
        template = N_("Copenhagen Networks Study: {medium}")
    else:
        template = N_("Copenhagen Networks Study: {medium}, either way")
    name = template.format(medium=spec["medium"])
    G.graph.update(name=name, name_message=(template, {"medium": spec["medium"]}), medium=spec["medium"], **attrs)
    for a, b, events in rows:
        if not spec["directed"]:
            G.add_edge(a, b)
        elif directed:
            G.add_edge(a, b, events=events)
        elif G.has_edge(a, b):
            G.edges[a, b]["events"] += events
        else:
            G.add_edge(a, b, events=events)
    H = G.__class__()  # people in id order, for a stable order everywhere
    H.graph.update(G.graph)
    H.add_nodes_from(sorted(G))
    H.add_edges_from(sorted(G.edges(data=True)))
    return H
