"""What counts as repetition: one definition for synthetic truth and the detectors alike.

Two behaviours are about the same content posted again, and each is decided by a count of
copies inside a time window:

* ``spam.duplicate_posts`` (seed 001 "repeatedly posting identical or nearly identical
  Tweets"): one account posts at least :data:`DUPLICATE_COPIES` near-identical copies of one
  content within :data:`DUPLICATE_WINDOW_HOURS`. Two or three happen to ordinary people (one
  birthday wish to several friends); four in a week is a habit. The copies must also make
  up at least :data:`DUPLICATE_MIN_SHARE` of the account's posts from its first copy to
  its last: a talkative person's stock reply ("Totally agree", "Kesinlikle katılıyorum"),
  said daily among hundreds of posts, is how that person talks, not spam.
* ``spam.copypasta`` (seed 001 "Tweeting an existing phrase or content in a duplicative
  manner ... in concert with other accounts"; seed 002 networks "reposting duplicate
  content throughout its accounts"): at least :data:`COPYPASTA_ACCOUNTS` accounts take up
  one content within :data:`COPYPASTA_WINDOW_HOURS` of each other, counting each account
  from its first copy. A text a few friends share is conversation; five accounts posting it
  inside a day is a campaign's wave. An account's later copies do not start a new wave (that
  repetition is duplicate posting), so one account cannot make a wave alone.

The synthesiser labels truth with these functions over the copies it writes; the detectors
use the constants as defaults and :func:`wave_members` on the near-duplicate groups they
find, so a label and a finding mean the same thing.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

DUPLICATE_COPIES = 4
DUPLICATE_WINDOW_HOURS = 168.0
#: shortest text (normalised letters and digits; Han, kana, Hangul count three) that counts
DUPLICATE_MIN_CHARS = 20
#: least share of the account's posts, first copy to last, that the copies make up
DUPLICATE_MIN_SHARE = 0.1
#: Jaccard similarity of character 4-grams from which two texts are one text (detectors'
#: default; :mod:`lockstep.detect.text` measures it)
SIMILARITY = 0.7
COPYPASTA_ACCOUNTS = 5
COPYPASTA_WINDOW_HOURS = 24.0
#: about six words: stock phrases ("Couldn't have said it better") are shorter
COPYPASTA_MIN_CHARS = 32

I64 = npt.NDArray[np.int64]
Bool = npt.NDArray[np.bool_]


def repeated(owner: I64, content: I64, t: I64, copies: int, window: int) -> Bool:
    """Per post: is it one of ``copies`` posts of its (owner, content) within ``window``?

    ``t`` and ``window`` share one unit. A post counts when some run of ``copies``
    consecutive posts of its owner and content, itself included, spans at most ``window``.
    """
    n = len(t)
    out = np.zeros(n, dtype=bool)
    if n < copies:
        return out
    order = np.lexsort((t, content, owner))
    o, c, ts = owner[order], content[order], t[order]
    last = np.arange(n - copies + 1) + copies - 1
    first = np.arange(n - copies + 1)
    ok = (o[first] == o[last]) & (c[first] == c[last]) & (ts[last] - ts[first] <= window)
    cover = np.zeros(n + 1, dtype=np.int64)
    np.add.at(cover, first[ok], 1)
    np.add.at(cover, last[ok] + 1, -1)
    out[order] = np.cumsum(cover)[:n] > 0
    return out


def wave_members(
    content: I64,
    account: I64,
    t: I64,
    accounts: int,
    window: int,
    identity: I64 | None = None,
) -> Bool:
    """Per post: did its account take up its content in a wave of ``accounts`` accounts?

    Each account counts once per content, at its first copy; a wave is ``accounts`` such
    first copies within ``window``. True for every post of an account whose first copy of
    the content falls in a wave. ``t`` and ``window`` share one unit.

    With ``identity`` (one organisation's declared branches share one), identities are
    what a wave counts, each at its first copy, while membership stays the account's own:
    a branch is in a wave when its own first copy falls in one, not because another
    branch's did.
    """
    n = len(t)
    out = np.zeros(n, dtype=bool)
    if n < accounts:
        return out
    who = account if identity is None else identity
    key, inverse = _firsts(content, who, t, window)
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    end = np.searchsorted(sorted_key, sorted_key + window, side="right")
    ok = end - np.arange(len(order)) >= accounts
    if identity is None:
        cover = np.zeros(len(order) + 1, dtype=np.int64)
        np.add.at(cover, np.flatnonzero(ok), 1)
        np.add.at(cover, end[ok], -1)
        member = np.zeros(len(order), dtype=bool)
        member[order] = np.cumsum(cover)[:-1] > 0
        out[:] = member[inverse]
        return out
    # An account's first copy is in a wave when the latest wave start at or before it
    # reaches it (every wave spans ``window`` from its start).
    starts = sorted_key[ok]
    if len(starts) == 0:
        return out
    own_key, own_inverse = _firsts(content, account, t, window)
    at = np.searchsorted(starts, own_key, side="right") - 1
    reached = (at >= 0) & (own_key - starts[np.maximum(at, 0)] <= window)
    out[:] = reached[own_inverse]
    return out


def _firsts(content: I64, who: I64, t: I64, window: int) -> tuple[I64, I64]:
    """First copy per (content, who) as one key: the content's rank and the first copy's
    time, contents far enough apart that no window reaches the next one; and each post's
    pair. Keys of two calls on the same ``content``, ``t`` and ``window`` compare."""
    pairs, inverse = np.unique(np.stack([content, who]), axis=1, return_inverse=True)
    inverse = inverse.reshape(-1)
    first = np.full(pairs.shape[1], np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, inverse, t - t.min())
    contents = np.unique(content)
    pair_rank = np.searchsorted(contents, pairs[0])
    stride = int(t.max() - t.min()) + window + 1
    key = pair_rank.astype(np.int64) * stride + first
    return key, inverse
