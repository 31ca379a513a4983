"""What organic people say under a trending hashtag: mostly the trend's subject.

A trend has a subject (a final is sport, an awards night is movies or music; see
``World.trend_topic``), and most people who tag it talk about that subject in their own
words. Some do not: they tag whatever trends on a post about their lunch. That mix is what
a hijacking detector has to live with, so both are drawn here.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.text import compose, compose_reply
from lockstep.synth.world import World

#: Share of organic posts under a trend that talk about the trend's subject.
ON_TOPIC = 0.85


def trend_talk(
    world: World,
    rng: np.random.Generator,
    text: A.Arr,
    trend: A.I64,
    lang: A.I64,
    is_reply: A.Bool,
    keep: A.Bool,
) -> A.Arr:
    """``text`` with most posts under a trend (``trend >= 0``) rewritten on its subject.

    Rows in ``keep`` (product listings, say) are left as they are.
    """
    n = len(text)
    on = (trend >= 0) & ~keep & (rng.random(n) < ON_TOPIC)
    if not on.any():
        return text
    topic = world.trend_topic[np.where(on, trend, 0)]
    replies = np.flatnonzero(on & is_reply)
    roots = np.flatnonzero(on & ~is_reply)
    rest = np.flatnonzero(~on)
    return A.scatter(
        n,
        [
            (replies, compose_reply(rng, lang[replies], topic[replies])),
            (roots, compose(rng, lang[roots], topic[roots])),
            (rest, A.take(text, rest)),
        ],
    )
