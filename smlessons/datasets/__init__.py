"""The networks and tables the lessons use.

- :mod:`~smlessons.datasets.networks`: Zachary's karate club, the invented class, each student's own network, a follow network;
- :mod:`~smlessons.datasets.multiplex`: the class on several media, each student's own multiplex;
- :mod:`~smlessons.datasets.copenhagen_study`: the Copenhagen Networks Study (real data);
- :mod:`~smlessons.datasets.platforms`: lesson 3's table of platforms.

Invented networks say so in their ``name``; real ones carry their source.
"""

from __future__ import annotations

from ..lazy import attach

#: Where each public name lives (imported on first use, so that importing
#: the package stays light).
_EXPORTS = {
    "CopenhagenDataError": "copenhagen_study",
    "DATA_DIR": "copenhagen_study",
    "FOLLOWS": "networks",
    "FORMATS": "platforms",
    "LAYERS": "copenhagen_study",
    "NAMES": "networks",
    "PATTERNS": "platforms",
    "PATTERN_LABELS": "platforms",
    "PLATFORMS_FILE": "platforms",
    "PROFILES": "multiplex",
    "Platform": "platforms",
    "PlatformFileError": "platforms",
    "Profile": "multiplex",
    "STUDENT_MULTIPLEX_ID": "multiplex",
    "STUDENT_MULTIPLEX_NAME": "multiplex",
    "STUDENT_NETWORK_ID": "networks",
    "STUDENT_NETWORK_NAME": "networks",
    "TIES": "platforms",
    "TIE_LABELS": "platforms",
    "TIE_WORDS": "platforms",
    "UnknownLayerError": "copenhagen_study",
    "UnknownPlatformError": "platforms",
    "about": "copenhagen_study",
    "citation": "copenhagen_study",
    "class_network": "networks",
    "copenhagen": "copenhagen_study",
    "find_medium": "platforms",
    "follow_network": "networks",
    "karate_club": "networks",
    "load_platforms": "platforms",
    "multiplex_class": "multiplex",
    "my_multiplex": "multiplex",
    "my_network": "networks",
    "platform": "platforms",
    "platform_names": "platforms",
    "student_multiplex": "multiplex",
    "student_network": "networks",
    "tie_word": "platforms",
}

__getattr__, __dir__, __all__ = attach(__name__, _EXPORTS)
