"""URL intelligence: what a link is (a lookalike, a download, a cloaked redirect, ...).

Shared by the ``spam.malicious_url`` and ``spam.misleading_url`` detectors: the lists
(``lists``), URL parsing (``parse``), confusable skeletons (``skeleton``), lookalike brands
(``lookalike``), the signals (``signals``), the verdict on one URL (``assess``) and the join
back to posts in the engine (``engine``, ``detector``). No network access: the public-suffix
list and the confusables table come bundled with their packages.
"""

from lockstep.detect.urlintel.assess import Assessment, UrlIntel
from lockstep.detect.urlintel.lists import UrlLists

__all__ = ["Assessment", "UrlIntel", "UrlLists"]
