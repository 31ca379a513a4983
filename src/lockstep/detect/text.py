"""Near-duplicate text in the engine: normalise, shingle, MinHash, LSH, verify, cluster.

Several detectors ask "which posts say the same thing, give or take an edit?": one account
repeating itself (``spam.duplicate_posts``), many accounts posting the same text
(``spam.copypasta``), posting and deleting the same content (``spam.post_delete``). They all
use :func:`near_duplicate_groups`, so they agree on what "near-identical" means and the
expensive part is written, tuned and tested once.

The method, and why each step is the way it is:

1. **Normalise** (:func:`normalise`): URLs and @mentions are removed, text is lower-cased
   (Unicode-aware), and everything that is not a letter, combining mark or digit
   (punctuation, emoji, symbols, whitespace) is dropped. Inline hashtags keep their word
   and lose the ``#``; a block of hashtags closing the post is dropped, because that is
   where stuffed, rotating tags go (hashtag abuse is the hashtag detectors' concern). So
   case, punctuation, emoji, spacing, a changed link, other tags or a different addressee
   do not make two posts different, and scripts written without spaces (Chinese, Japanese)
   are not split by punctuation that one copy has and another lacks. URLs are removed rather
   than replaced by a token because they are not what a post *says*: a news account posting
   different headlines with the same link must not look like repetition, and a spammer
   rotating links must not look new (link evidence comes from the ``urls`` column).
2. **Short text does not count.** Stock phrases ("thank you", "lol", "first", "❤️") are
   identical across millions of posts without being spam, so a normalised text shorter
   than ``min_chars`` is never matched. Han, kana and Hangul characters count three each
   towards that length, because one of them carries about as much as three Latin letters.
3. **Exact copies first.** Posts are reduced to their distinct normalised texts, so
   everything after this step costs per distinct text, not per post, and identical copies
   are grouped exactly, without any estimate.
4. **Character shingles** (``shingle_size``-grams of the normalised text). No word
   tokenisation, so Latin, Cyrillic, Arabic, CJK and mixed scripts work the same way; set
   semantics make word order changes (reordered hashtags) cost only the shingles at the
   seams.
5. **MinHash in the engine.** Each shingle is hashed once; the ``bands × rows`` MinHash
   values are minima of a cheap family of re-hashes of that one value, ``hash(h xor s_k)``
   with fixed seeds ``s_k``, all computed in one aggregation.
6. **LSH banding.** Texts agreeing on all ``rows`` values of a band share a bucket. A bucket
   links each member to its smallest text id (a star), never every member to every other,
   so one text posted in ten thousand variants costs linear, not quadratic, work; a pair
   the star misses is almost always joined through another band or a common neighbour.
7. **Verification.** MinHash only proposes. Every candidate pair gets the MinHash
   estimate of its similarity (the share of agreeing signature values, cheap). By default
   (``exact=True``) pairs whose estimate is not clearly below the threshold are then
   checked by the exact Jaccard similarity of their shingle sets, computed in the engine
   for those texts only, and the exact value decides. That keeps the reported similarity
   exact and the outcome nearly independent of the engine's hash function (DuckDB and
   Spark hash differently, so their candidates can differ). ``exact=False`` lets the
   estimate decide: several times cheaper when candidates run into millions (one text
   copied across many accounts), at a standard error of about 0.09 with 24 values.
8. **Clusters are connected components** of the verified pairs, computed on the driver
   with a vectorised union-find (NumPy). The verified pair set is derived output, much
   smaller than the activity data; label propagation in the engine would need one join per
   round and as many rounds as the longest chain of edits. A cluster is named by its
   smallest post id, and each post's reported similarity is to that first post's text:
   a value an analyst can recompute, which does not depend on which pairs happened to be
   candidates.

Comparing within one account (``by="account_id"``) is cheap: candidates stay few however
large the data. Comparing across accounts (``by=None``, copypasta) on spam-heavy data can
produce millions of candidates; there ``exact=False`` is the setting that keeps the stage
fast, and the exact check is best kept for the evidence of the clusters found.

Everything that touches activity data is backend-portable Ibis. Two engine functions that
DuckDB and Spark SQL share by name, ``hash`` and ``array_intersect``, are declared as Ibis
builtins: Ibis's own ``Value.hash()`` adds a bit-string cast on DuckDB that triples the
cost of the hot loop, and its array ``intersect``/``unique`` compile to lambdas that
DuckDB 2 rejects in Ibis's arrow syntax.

Known limits: characters used to obfuscate ("𝐁𝐮𝐲", look-alike Cyrillic letters) are
compared as they are (no NFKC or confusables folding); long texts are compared on their
first ``max_chars`` normalised characters; in short CJK text one changed character is a
large share of the shingles, so the tolerance to edits is lower there; a text made only of
a link, a mention or emoji has nothing to compare and is never matched.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

#: Links (with a scheme or starting with www.) and @mentions, whose handles may hold dots
#: (``@ali.hassan``): not part of what a post says.
URL_OR_MENTION = r"(?:https?://|www\.)\S+|@[\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*"
#: A block of hashtags ending the text (after links are removed): where hashtag stuffing
#: goes, and where copies of one message differ; inline hashtags stay as words.
TRAILING_TAGS = r"(?:[^\p{L}\p{N}_#]*#[\p{L}\p{N}_]+)+[^\p{L}\p{N}_#]*$"
#: Anything but letters, combining marks and digits is dropped, spaces included; so are
#: the emoji presentation selectors and the keycap mark, which Unicode files as marks.
NON_WORD = r"[^\p{L}\p{M}\p{N}]+|[" + "\ufe00-\ufe0f\u20e3" + "]+"
#: Han, kana and Hangul: characters that count three towards the minimum length.
DENSE_SCRIPT = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
DENSE_WEIGHT = 3
#: see NearDupParams.prefilter
PREFILTER_Z = 2.5

_MASK31 = 0x7FFFFFFF
_SHIFT31 = _MASK31 + 1


# Builtins take any input type, so their arguments carry no annotation; Ibis reads only the
# return annotation and never calls the body.
@ibis.udf.scalar.builtin(name="hash")  # type: ignore[untyped-decorator]
def _engine_hash(value) -> int:  # type: ignore[no-untyped-def,empty-body]
    """The engine's own fast hash (DuckDB ``hash``, Spark ``hash``); values differ by engine."""


@ibis.udf.scalar.builtin(name="array_intersect")  # type: ignore[untyped-decorator]
def _array_intersect(left, right) -> list[int]:  # type: ignore[no-untyped-def,empty-body]
    """The distinct elements two arrays share (DuckDB and Spark SQL both name it so)."""


def _hash31(value: ir.Value) -> ir.IntegerValue:
    """A non-negative 31-bit hash: products with 2**31 fit in 63 bits on every engine."""
    result: ir.IntegerValue = _engine_hash(value) & _MASK31
    return result


def _seed(k: int) -> int:
    """The ``k``-th re-hash seed: splitmix64 of ``k``, cut to 31 bits (fixed for ever)."""
    z = (k + 1) * 0x9E3779B97F4A7C15 % 2**64
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 % 2**64
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB % 2**64
    return (z ^ (z >> 31)) & _MASK31


@dataclass(frozen=True)
class NearDupParams:
    """How near is near-identical, and how hard the engine works to find out.

    A pair with Jaccard J becomes a candidate with probability 1 - (1 - J**rows)**bands:
    with the defaults 0.97 at J = 0.7, 0.997 at 0.8 and 0.06 at 0.2.
    """

    #: characters per shingle
    shingle_size: int = 4
    #: normalised texts shorter than this (Han/kana/Hangul count three) are never matched
    min_chars: int = 20
    #: only the first this many normalised characters are compared
    max_chars: int = 1000
    #: minimum Jaccard similarity of the shingle sets for two texts to be near-identical
    threshold: float = 0.7
    #: LSH bands
    bands: int = 8
    #: MinHash values per band (``bands * rows`` MinHash values per text)
    rows: int = 3
    #: verify candidates by exact Jaccard (True) or by the MinHash estimate (False)
    exact: bool = True

    def __post_init__(self) -> None:
        if self.shingle_size < 1:
            raise ValueError("shingle_size must be at least 1")
        if self.min_chars < self.shingle_size:
            raise ValueError("min_chars must be at least shingle_size")
        if self.max_chars < self.min_chars:
            raise ValueError("max_chars must be at least min_chars")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        if self.bands < 1 or self.rows < 1:
            raise ValueError("bands and rows must be at least 1")

    @property
    def hashes(self) -> int:
        """MinHash values per text."""
        return self.bands * self.rows

    @property
    def prefilter(self) -> float:
        """Estimate below which a candidate is rejected without the exact check.

        ``PREFILTER_Z`` standard errors of the MinHash estimate below the threshold: a pair
        right at the threshold is lost with probability under 1%, while unrelated texts
        that merely shared a bucket (estimates near zero) skip the costly exact check.
        """
        t = self.threshold
        return t - PREFILTER_Z * math.sqrt(t * (1 - t) / self.hashes)


def normalise(text: ir.StringValue) -> ir.StringValue:
    """Post text reduced to what it says: no links or mentions, lower case, letters only.

    This runs on every post, so the regular expressions only run where they can match
    (most posts have no link, mention or hashtag), and spaces, the commonest match of
    ``NON_WORD``, go by plain replacement first: engines replace a regular expression
    match by match, several times slower than they scan. The result is the same.
    """
    linked = text.contains("://") | text.contains("www.") | text.contains("@")
    bare = ibis.ifelse(linked, text.re_replace(URL_OR_MENTION, " "), text)
    bare = ibis.ifelse(bare.contains("#"), bare.re_replace(TRAILING_TAGS, ""), bare)
    return bare.lower().replace(" ", "").re_replace(NON_WORD, "")


def weighted_length(norm: ir.StringValue, floor: int) -> ir.IntegerValue:
    """Length of a normalised text with Han, kana and Hangul counting ``DENSE_WEIGHT``.

    Texts at least ``floor`` long pass anyway, so only shorter ones pay the regex pass.
    """
    length = norm.length()
    dense = length - norm.re_replace(DENSE_SCRIPT, "").length()
    return ibis.ifelse(length >= floor, length, length + (DENSE_WEIGHT - 1) * dense)


def text_id(norm: ir.StringValue) -> ir.IntegerValue:
    """A 62-bit id of a normalised text, from two 31-bit engine hashes.

    Two halves because Spark's ``hash`` has 32 bits; a collision among five million texts
    has probability about 3e-6 and would merely join two groups.
    """
    return _hash31(norm) * _SHIFT31 + _hash31(norm.concat("\x1f"))


def prepare(posts: ir.Table, params: NearDupParams, keep: tuple[str, ...] = ()) -> ir.Table:
    """``post_id``, the ``keep`` columns, ``norm`` and ``tid`` of posts long enough to match."""
    cols = {c: posts[c] for c in dict.fromkeys(("post_id", *keep))}
    out = posts.select(**cols, norm=normalise(posts.text).substr(0, params.max_chars))
    out = out.filter(weighted_length(out.norm, params.min_chars) >= params.min_chars)
    return out.mutate(tid=text_id(out.norm))


def shingles(texts: ir.Table, size: int) -> ir.Table:
    """``tid, h``: one row per shingle position of each text (``tid, norm``) in ``texts``."""
    pos = texts.select("tid", "norm", pos=ibis.range(0, texts.norm.length() - (size - 1)).unnest())
    return pos.select("tid", h=_hash31(pos.norm.substr(pos.pos, size)))


def signatures(texts: ir.Table, params: NearDupParams) -> ir.Table:
    """MinHash signature of each text: ``tid, m0 .. m{K-1}`` with K = bands × rows."""
    sh = shingles(texts, params.shingle_size)
    mins = {f"m{k}": _hash31(sh.h ^ _seed(k)).min() for k in range(params.hashes)}
    return sh.group_by("tid").aggregate(**mins)


def band_keys(sig: ir.Table, params: NearDupParams) -> ir.Table:
    """``tid, key``: one row per text and band, ``key`` a 62-bit hash of the band's values.

    One integer key instead of (band, v0, v1, ...) keeps the bucket grouping narrow; a key
    collision only adds a candidate, which verification then rejects.
    """
    keys = []
    for b in range(params.bands):
        key: ir.IntegerValue = ibis.literal(b, type="int64")
        for r in range(params.rows):
            key = _hash31(key) * _SHIFT31 + sig[f"m{b * params.rows + r}"]
        keys.append(key)
    return sig.select("tid", key=ibis.array(keys).unnest())


def candidate_pairs(nodes: ir.Table, bands: ir.Table, by: str | None) -> ir.Table:
    """Distinct ``(by, a, b)``: texts sharing an LSH bucket, ``a`` the bucket's smallest id.

    ``nodes`` holds the distinct (``by``, ``tid``) to compare; only texts with the same
    ``by`` value are paired. Grouping finds the buckets with two or more texts (most have
    one) and only their members are joined back: one aggregation and one join.
    """
    if by:
        # Buckets are per ``by`` value. Rather than group on (by, key), the key folds in a
        # dense number of the ``by`` value: grouping on one integer is several times
        # cheaper than on a string and an integer, and a fold collision can only join two
        # buckets of the same ``by`` value (an extra candidate that verification rejects).
        # It also keeps an optimiser from joining the bands to the buckets on the bands'
        # key alone, which would pair every account that posted a popular text with every
        # other: quadratic in its copies.
        ids = nodes.select(by).distinct()
        ids = ids.mutate(_bid=ibis.row_number().over(order_by=ids[by]))
        nodes = nodes.join(ids, by)
        keyed = nodes.join(bands, "tid")
        keyed = keyed.select(by, "tid", key=_hash31(keyed.key) * _SHIFT31 + keyed._bid)
    else:
        keyed = nodes.join(bands, "tid")
    shared = keyed.group_by("key").aggregate(a=keyed.tid.min(), n=keyed.count())
    shared = shared.filter(shared.n >= 2).drop("n")
    members = keyed.view().join(shared, "key")
    members = members.filter(members.tid != members.a)
    return members.select(*([by] if by else []), "a", b=members.tid).distinct()


def shingle_sets(cand: ir.Table, texts: ir.Table, params: NearDupParams) -> ir.Table:
    """``tid, hs``: the distinct shingle hashes of every text in a pair ``a, b`` of ``cand``.

    Only texts in a pair are shingled again, so the cost follows the candidates, not the
    data; the sets serve both the verification and the similarity to a cluster's first post.
    """
    involved = cand.select(tid=cand.a).union(cand.select(tid=cand.b)).distinct()
    sh = shingles(texts.semi_join(involved, "tid"), params.shingle_size)
    return sh.group_by("tid").aggregate(hs=sh.h.collect(distinct=True))


def set_similarity(cand: ir.Table, sets: ir.Table) -> ir.Table:
    """``a, b, jaccard``: exact Jaccard of the shingle sets (from ``sets``) of each pair.

    Sets are intersected per pair rather than joined on the shingle: a join on the
    shingle invites an optimiser to pair every text holding a common shingle with every
    other one first. The intersection is the costly part and appears twice in the ratio;
    engines share it within one projection but not once a filter on the ratio is pushed
    into a join, so filter on a materialised result.
    """
    scored = cand.join(sets.rename(a="tid", ha="hs"), "a").join(sets.rename(b="tid", hb="hs"), "b")
    common = _array_intersect(scored.ha, scored.hb).length()
    jaccard = common.cast("float64") / (scored.ha.length() + scored.hb.length() - common)
    return scored.select("a", "b", jaccard=jaccard)


def exact_similarity(cand: ir.Table, texts: ir.Table, params: NearDupParams) -> ir.Table:
    """``a, b, jaccard``: exact Jaccard of the shingle sets of each pair in ``cand``."""
    return set_similarity(cand, shingle_sets(cand, texts, params))


def estimated_similarity(cand: ir.Table, sig: ir.Table, params: NearDupParams) -> ir.Table:
    """``a, b, jaccard``: the MinHash estimate, the share of signature values that agree."""
    k = params.hashes
    left = sig.rename(a="tid", **{f"a{i}": f"m{i}" for i in range(k)})
    right = sig.rename(b="tid", **{f"b{i}": f"m{i}" for i in range(k)})
    both = cand.join(left, "a").join(right, "b")
    agree = sum(
        (ibis.ifelse(both[f"a{i}"] == both[f"b{i}"], 1, 0) for i in range(k)),
        ibis.literal(0),
    )
    return both.select("a", "b", jaccard=agree.cast("float64") / k)


def components(a: npt.NDArray[np.int64], b: npt.NDArray[np.int64], n: int) -> npt.NDArray[np.int64]:
    """Connected components of nodes ``0..n-1`` with edges ``a[i]-b[i]``.

    Returns each node's smallest member index. Vectorised hooking plus pointer jumping:
    a few rounds of whole-array NumPy work, never a loop over edges.
    """
    label = np.arange(n, dtype=np.int64)
    while True:
        la, lb = label[a], label[b]
        low = np.minimum(la, lb)
        new = label.copy()
        np.minimum.at(new, la, low)
        np.minimum.at(new, lb, low)
        while True:  # pointer jumping: every node points straight at its root
            jumped = new[new]
            if np.array_equal(jumped, new):
                break
            new = jumped
        if np.array_equal(new, label):
            return label
        label = new


def _node_table(edges: pa.Table, by: str | None, side: str, edge: bool = False) -> pa.Table:
    """``(by,) tid`` of one end of every edge, with the edge's row number if ``edge``."""
    names = [*([by] if by else []), "tid"]
    cols: list[pa.ChunkedArray[Any] | pa.Array[Any]] = [
        *([edges.column(by)] if by else []),
        edges.column(side),
    ]
    if edge:
        names.append("edge")
        cols.append(pa.array(np.arange(edges.num_rows, dtype=np.int64)))
    return pa.Table.from_arrays(cols, names=names)


def clusters(edges: pa.Table, by: str | None) -> pa.Table:
    """``(by,) tid, rep`` for every text in a verified pair ``(by,) a, b``.

    ``rep`` is the smallest ``tid`` of the text's connected component (within its ``by``
    value): a label, not a text anyone reads.
    """
    keys = [by, "tid"] if by else ["tid"]
    ends = [_node_table(edges, by, side) for side in ("a", "b")]
    nodes = (
        pa.concat_tables(ends)
        .group_by(keys)
        .aggregate([])
        .sort_by([(k, "ascending") for k in keys])
    )
    nodes = nodes.append_column("idx", pa.array(np.arange(nodes.num_rows, dtype=np.int64)))
    ends_idx = [
        _node_table(edges, by, side, edge=True).join(nodes, keys).sort_by("edge")
        for side in ("a", "b")
    ]
    label = components(
        ends_idx[0].column("idx").to_numpy(), ends_idx[1].column("idx").to_numpy(), nodes.num_rows
    )
    # nodes are sorted by (by, tid) and components never cross ``by``, so the smallest
    # index in a component is its smallest tid
    rep = pc.take(nodes.column("tid"), pa.array(label, type=pa.int64()))
    return nodes.drop_columns(["idx"]).append_column("rep", rep)


def near_duplicate_groups(
    posts: ir.Table, params: NearDupParams | None = None, by: str | None = None
) -> ir.Table:
    """Clusters of posts with identical or near-identical text.

    ``posts`` needs ``post_id, account_id, created_at, text`` (and the ``by`` column). With
    ``by`` (e.g. ``"account_id"``) only posts with the same value are compared: what "one
    account repeats itself" needs, and other accounts' texts cannot chain two of its posts
    together. Without it clusters span accounts (copypasta).

    Returns a materialised (cached) table ``post_id, account_id, created_at, group_id,
    similarity`` with one row per post that has at least one identical or near-identical
    partner. ``group_id`` is the smallest ``post_id`` in the cluster; ``similarity`` is the
    Jaccard similarity of the post's text to the text of that first post (1.0 for a copy;
    exact or estimated as ``params.exact`` says). Clusters chain, so a post can be below the
    threshold from the first post while it is above it from a neighbour. Posts without a
    partner are not returned. Release the table when done with it.
    """
    params = params or NearDupParams()
    keep = tuple(dict.fromkeys(("account_id", "created_at", *((by,) if by else ()))))
    prepared = prepare(posts, params, keep).cache()
    texts = prepared.select("tid", "norm").distinct(on="tid").cache()
    sig = signatures(texts, params).cache()
    held = [sig, texts, prepared]  # released at the end, most recent first
    try:
        nodes = prepared.select(*((by,) if by else ()), "tid").distinct()
        pairs = candidate_pairs(nodes, band_keys(sig, params), by).cache()
        try:
            scored, sets = _verify(pairs.select("a", "b").distinct(), texts, sig, params, held)
            verified = scored.filter(scored.jaccard >= params.threshold).select("a", "b")
            edges = pairs.join(verified, ["a", "b"]).to_pyarrow()
        finally:
            pairs.release()
        grouped = _groups(prepared, edges, by)
        firsts = grouped.filter(grouped.tid != grouped.first_tid)
        firsts = firsts.select(a="first_tid", b="tid").distinct()
        # every text of a cluster was in a verified pair, so its shingle set is at hand
        to_first = (
            estimated_similarity(firsts, sig, params)
            if sets is None
            else set_similarity(firsts, sets)
        )
        result = grouped.left_join(
            to_first, [grouped.first_tid == to_first.a, grouped.tid == to_first.b]
        ).select(
            "post_id",
            "account_id",
            "created_at",
            "group_id",
            similarity=ibis._.jaccard.fill_null(1.0),
        )
        result = result.cache()
        # Spark caches lazily: compute the result now, while its inputs are still cached.
        result.count().execute()
    finally:
        for table in held:
            table.release()
    return result


def _verify(
    cand: ir.Table, texts: ir.Table, sig: ir.Table, params: NearDupParams, held: list[ir.Table]
) -> tuple[ir.Table, ir.Table | None]:
    """``a, b, jaccard`` for the candidate pairs, and the shingle sets when exact.

    With ``params.exact`` the exact check is spared for pairs whose estimate is clearly
    below the threshold (they get no row); the shingle sets it builds are returned for the
    caller to reuse. Tables cached here are added to ``held`` for the caller to release.
    """
    scored = estimated_similarity(cand, sig, params)
    if not params.exact:
        return scored, None
    likely = scored.filter(scored.jaccard >= params.prefilter).select("a", "b").cache()
    sets = shingle_sets(likely, texts, params).cache()
    exact = set_similarity(likely, sets).cache()
    held[:0] = [exact, sets, likely]
    return exact, sets


def _groups(prepared: ir.Table, edges: pa.Table, by: str | None) -> ir.Table:
    """Posts in clusters of two or more: ``group_id``, ``tid`` and the first post's tid."""
    keys = [by, "tid"] if by else ["tid"]
    posts = prepared
    if edges.num_rows:
        mem = ibis.memtable(clusters(edges, by))
        # Ibis 12's PySpark cache() compiles without registering in-memory tables; any
        # execution on the backend registers them.
        prepared.get_backend().execute(mem.count())
        posts = prepared.left_join(mem, keys).select(*prepared.columns, rep=ibis._.rep)
        gkey = posts.rep.fill_null(posts.tid)
    else:
        gkey = posts.tid
    posts = posts.mutate(gkey=gkey)
    w = ibis.window(group_by=[posts[by], posts.gkey] if by else [posts.gkey])
    posts = posts.mutate(group_id=posts.post_id.min().over(w), size=posts.post_id.count().over(w))
    posts = posts.filter(posts.size >= 2)
    first = posts.select(group_id="post_id", first_tid="tid")
    return posts.join(first, "group_id").select(
        "post_id", "account_id", "created_at", "group_id", "tid", "first_tid"
    )


def repeated_within(copies: ir.Table, content: str, window_hours: float, least: int) -> ir.Table:
    """The rows of ``copies`` whose account repeated their content at least ``least`` times
    within one sliding window of ``window_hours``.

    ``copies`` holds ``post_id, account_id, created_at`` and the column ``content`` naming
    what counts as the same content (a near-duplicate group, or a group-or-media key).
    Repetition is a burst, not a lifetime total: a phrase someone uses once a month never
    adds up to a window's worth, whatever the period of the data.
    """
    timed = copies.mutate(sec=copies.created_at.epoch_seconds())
    keys = [timed.account_id, timed[content]]
    w = ibis.window(group_by=keys, order_by=timed.sec, range=(0, int(window_hours * 3600)))
    timed = timed.mutate(in_window=timed.post_id.count().over(w))
    peak = timed.group_by(["account_id", content]).aggregate(peak=timed.in_window.max())
    kept = peak.filter(peak.peak >= least).select("account_id", content)
    return copies.semi_join(kept, ["account_id", content])
