"""Tables shown in a notebook: who has an audience and who has friends.

:func:`audience_table` lists everybody's followers, following and mutual
ties (the measures of :mod:`smlessons.engine.measures`), as a table whose
column headers speak the student's language.
"""

from __future__ import annotations

from ..engine.measures import follow_arrows, followers, following, sort_key
from ..i18n import N_, resolve_language, translator

__all__ = ["AudienceTable", "audience_table"]


class AudienceTable(list):
    """Rows ``(person, followers, following, mutual, not followed back)``,
    shown as a table in a notebook (a list all the same).

    The column headers are catalog messages, shown in :attr:`language`:
    the table's own language if it was given one, else the environment's
    (see :func:`smlessons.i18n.resolve_language`).
    """

    columns = (N_("person"), N_("followers"), N_("following"), N_("mutual"), N_("not followed back"))

    def __init__(self, rows=(), *, language: str | None = None):
        super().__init__(rows)
        #: The headers' language code (``"en"``, ``"it"``), or None for the environment's.
        self.language = None if language is None else resolve_language(language)

    def _headers(self) -> tuple:
        t = translator(self.language)
        return tuple(t.gettext(c) for c in self.columns)

    def _repr_markdown_(self) -> str:
        head = "| " + " | ".join(self._headers()) + " |"
        rule = "|" + "|".join([":--"] + ["--:"] * (len(self.columns) - 1)) + "|"
        return "\n".join([head, rule] + ["| " + " | ".join(str(x) for x in row) + " |" for row in self])

    def __repr__(self) -> str:
        rows = [self._headers()] + [tuple(str(x) for x in row) for row in self]
        widths = [max(len(r[i]) for r in rows) for i in range(len(self.columns))]
        lines = [
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in rows
        ]
        return "\n".join(lines)


def audience_table(G, *, top: int | None = None, language: str | None = None) -> AudienceTable:
    """Everybody's followers, following and mutual ties, largest audience first.

    The last column, *not followed back*, is followers minus mutual ties: an
    audience that is not made of friends. Someone high in *followers* and
    low in *mutual* has an audience rather than friends.

    Parameters
    ----------
    G : networkx graph
    top : int, optional
        Only the first `top` rows.
    language : str, optional
        The language of the column headers (``"en"`` or ``"it"``); default
        the environment's (see :func:`smlessons.i18n.resolve_language`).

    Returns
    -------
    AudienceTable
        A list of ``(person, followers, following, mutual, not followed
        back)``, by followers (most first), then mutual ties, then name.

    Raises
    ------
    EmptyNetworkError
    ValueError
        If `top` is not a positive integer, or `language` is not supported.

    Examples
    --------
    >>> from smlessons.datasets import follow_network
    >>> audience_table(follow_network(), top=2)
    person  followers  following  mutual  not followed back
    Lea            10          1       1                  9
    Diego           4          5       4                  0
    >>> audience_table(follow_network(), top=1, language="it")
    persona  follower  seguiti  reciproci  non ricambiati
    Lea            10        1          1               9
    """
    if top is not None and (not isinstance(top, int) or isinstance(top, bool) or top < 1):
        raise ValueError(f"top must be a positive integer, got {top!r}")
    table = AudienceTable(language=language)  # an unsupported language fails here, before any work
    D = follow_arrows(G)
    rows = []
    for p in D:
        ins, outs = followers(D, p), following(D, p)
        mutual = len(set(ins) & set(outs))
        rows.append((p, len(ins), len(outs), mutual, len(ins) - mutual))
    rows.sort(key=lambda r: (-r[1], -r[3], sort_key(r[0])))
    table.extend(rows[:top] if top else rows)
    return table
