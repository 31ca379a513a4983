"""The organic background: ordinary accounts and everything they do.

Ordinary people post in their own language about a couple of topics, in their local daily
rhythm; they reply to and like popular posts more than obscure ones, link now and then (a
few links without commentary are normal), tag trending topics, watch videos and shop. They
log in from their home network and one or two devices; a few use a VPN. All of it is drawn
column-wise: Poisson counts per account, then one array operation per attribute over the
repeated account rows. Campaign and hard-negative accounts get the same background at the
rates their generators set, so planted behaviour hides in ordinary-looking activity.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from lockstep.synth import arrow as A
from lockstep.synth.profiles import COUNTRY_TZ, people
from lockstep.synth.rand import DAY, HOUR, MINUTE, GroupedSampler, random_u64
from lockstep.synth.store import NULL_TIME
from lockstep.synth.text import attach, compose, compose_reply, one_at, tag_lists
from lockstep.synth.trends import trend_talk
from lockstep.synth.urls import organic_links
from lockstep.synth.vocab.books import PRODUCTS, book
from lockstep.synth.vocab.geo import HOUR_WEIGHTS, LANG_ID, LANGS
from lockstep.synth.vocab.posts import LOCAL_TAGS, TOPIC_TAGS, TOPICS
from lockstep.synth.world import ENG, POST_KIND_ID, OrganicPosts, World

_HOUR_P = np.array(HOUR_WEIGHTS) / np.sum(HOUR_WEIGHTS)
_EN = LANG_ID["en"]

#: Organic engagement mix: kind -> share.
ENGAGEMENT_MIX: dict[str, float] = {
    "like": 0.50,
    "view": 0.22,
    "repost": 0.07,
    "follow": 0.07,
    "save": 0.03,
    "share": 0.03,
    "unfollow": 0.015,
    "vote": 0.01,
    "list_add": 0.005,
    "block": 0.005,
    "order": 0.025,
    "review": 0.02,
}
ACCOUNT_TARGETED = frozenset({ENG["follow"], ENG["unfollow"], ENG["list_add"], ENG["block"]})
#: Engagements that count once per account and target (a second like undoes the first).
ONCE = frozenset({ENG["like"], ENG["repost"], ENG["save"], ENG["follow"], ENG["list_add"]})

#: Post classes engagement targets are drawn from.
TEXT, VIDEO, PRODUCT = 0, 1, 2


def diurnal(world: World, rng: np.random.Generator, tz: A.F64, lo: A.I64) -> A.I64:
    """Times in ``[lo, window end)`` following the local daily rhythm of UTC offset ``tz``."""
    n = len(tz)
    first_day = np.clip((lo - world.start) // DAY, 0, world.days - 1)
    day = first_day + (rng.random(n) * (world.days - first_day)).astype(np.int64)
    hour = rng.choice(24, n, p=_HOUR_P)
    t = world.start + day * DAY + ((hour - tz) * HOUR).astype(np.int64)
    t += (rng.random(n) * HOUR).astype(np.int64)
    bad = (t < lo) | (t >= world.end)
    t[bad] = lo[bad] + (rng.random(int(bad.sum())) * (world.end - lo[bad])).astype(np.int64)
    return t


def active_from(world: World, rows: A.I64) -> A.I64:
    """When each account can first act in the window (its creation or the window start)."""
    out: A.I64 = np.maximum(world.accounts.num("created_at")[rows], world.start)
    return out


def _live_days(world: World, rows: A.I64) -> tuple[A.I64, A.F64]:
    """Activity start and active days per account (zero for accounts suspended before)."""
    lo = active_from(world, rows)
    live = world.accounts.num("suspended_at")[rows] == NULL_TIME
    return lo, np.maximum(world.end - lo, 0) / DAY * live


def organic_accounts(world: World, n: int, stream: str = "accounts") -> A.I64:
    """Create ``n`` ordinary accounts: a few verified stars, a few renamed ones."""
    rng = world.rng("organic", stream)
    cols = people(world, rng, n)
    followers = cols["followers"]
    top = followers >= np.quantile(followers, 0.996) if n else np.zeros(0, dtype=bool)
    cols["verified"] = (top & (rng.random(n) < 0.75)) | (rng.random(n) < 0.001)
    # Ordinary renames: a previous handle, and no sale behind it.
    renamed = rng.random(n) < 0.004
    previous = A.join(cols["handle"], A.ints(rng.integers(1, 99, n)), sep="_")
    cols["previous_handle"] = A.null_where(~renamed, previous)
    return world.accounts.add(n, **cols)


def _flat_tags() -> tuple[A.Arr, A.I64, A.I64, A.Arr, A.I64, A.I64]:
    """Topic tags and local tags as flat arrays with offsets and sizes."""
    g_flat = [tag for tags in TOPIC_TAGS for tag in tags]
    g_size = np.array([len(t) for t in TOPIC_TAGS], dtype=np.int64)
    g_off = np.concatenate([[0], np.cumsum(g_size)[:-1]]).astype(np.int64)
    l_flat: list[str] = []
    l_off = np.zeros((len(LANGS), len(TOPICS)), dtype=np.int64)
    l_size = np.zeros((len(LANGS), len(TOPICS)), dtype=np.int64)
    for li, code in enumerate(LANGS):
        for ti, tags in enumerate(LOCAL_TAGS.get(code, ())):
            l_off[li, ti] = len(l_flat)
            l_size[li, ti] = len(tags)
            l_flat.extend(tags)
    return A.strings(g_flat), g_off, g_size, A.strings(l_flat or [""]), l_off, l_size


def hashtags(
    world: World,
    rng: np.random.Generator,
    lang: A.I64,
    topic: A.I64,
    t: A.I64,
    p: A.F64,
) -> tuple[A.ListArr, A.I64]:
    """Organic hashtags (topic tags, local tags, whatever trends at the time) and the
    trend each post tags (-1 for none)."""
    n = len(lang)
    has = rng.random(n) < p
    count = np.where(has, 1 + rng.binomial(2, 0.35, n), 0)
    trend = np.full(n, -1, dtype=np.int64)
    for i in range(len(world.trend_tags)):
        live = (t >= world.trend_t0[i]) & (t < world.trend_t1[i]) & (p > 0)
        if world.trend_lang[i] >= 0:
            live &= lang == world.trend_lang[i]
        trend[live & (rng.random(n) < np.where(has, 0.35, 0.05))] = i
    count = np.where((trend >= 0) & (count == 0), 1, count)
    row = np.repeat(np.arange(n, dtype=np.int64), count)
    slot = np.arange(len(row)) - np.repeat(np.cumsum(count) - count, count)
    r_lang, r_topic = lang[row], topic[row]
    g_flat, g_off, g_size, l_flat, l_off, l_size = _flat_tags()
    m = len(row)
    values = A.take(g_flat, g_off[r_topic] + (rng.random(m) * g_size[r_topic]).astype(np.int64))
    size = l_size[r_lang, r_topic]
    local = (size > 0) & (rng.random(m) < 0.45)
    local_idx = l_off[r_lang, r_topic] + (rng.random(m) * size).astype(np.int64)
    values = A.where(local, A.take(l_flat, np.where(local, local_idx, 0)), values)
    first = (slot == 0) & (trend[row] >= 0)
    trending = A.take(A.strings(world.trend_tags), np.where(first, trend[row], 0))
    return tag_lists(A.where(first, trending, values), count), trend


def _respond(
    world: World,
    rng: np.random.Generator,
    mask: A.Bool,
    sampler: GroupedSampler,
    ctx: tuple[A.I64, A.I64, A.I64, A.I64],
    median_minutes: float,
) -> tuple[A.I64, A.I64]:
    """Pick a same-language root for each masked post; move the post after its target.

    Returns the rows that got a target and the target (batch-local) rows.
    """
    a, t, lang, lo = ctx
    sel = np.flatnonzero(mask)
    target = sampler.pick(rng, lang[sel])
    ok = target >= 0
    safe = np.where(ok, target, 0)
    ok &= a[safe] != a[sel]
    delay = (rng.lognormal(np.log(median_minutes), 1.3, len(sel)) * MINUTE).astype(np.int64)
    t_new = t[safe] + delay
    ok &= (t_new < world.end) & (t_new >= lo[sel])
    t[sel[ok]] = t_new[ok]
    return sel[ok], target[ok]


def background_posts(
    world: World, rows: A.I64, rng: np.random.Generator, scale: float = 1.0
) -> None:
    """Organic posts of ``rows`` at ``scale`` times their posting rates: roots, replies,
    quotes, videos."""
    acc = world.accounts
    lo_acc, days = _live_days(world, rows)
    counts = rng.poisson(acc.num("post_rate")[rows] * days * scale)
    a = np.repeat(rows, counts)
    n = len(a)
    if n == 0:
        return
    lo = np.repeat(lo_acc, counts)
    t = diurnal(world, rng, COUNTRY_TZ[acc.num("country")[a]], lo)
    lang = acc.num("lang")[a].astype(np.int64)
    lang = np.where((lang != _EN) & (rng.random(n) < 0.07), _EN, lang)
    u = rng.random(n)
    topic = np.where(
        u < 0.5,
        acc.num("topic_a")[a],
        np.where(u < 0.88, acc.num("topic_b")[a], rng.integers(0, len(TOPICS), n)),
    ).astype(np.int64)

    kind = np.full(n, POST_KIND_ID["post"], dtype=np.int64)
    video = rng.random(n) < acc.num("video_p")[a]
    kind[video] = POST_KIND_ID["video"]
    kind[video & (rng.random(n) < 0.06)] = POST_KIND_ID["livestream"]
    kind[rng.random(n) < acc.num("product_p")[a]] = POST_KIND_ID["product"]

    plain = kind == POST_KIND_ID["post"]
    reply = plain & (rng.random(n) < acc.num("reply_p")[a])
    quote = plain & ~reply & (rng.random(n) < 0.03)
    followers = acc.num("followers")[a].astype(np.float64)
    root_weight = np.where(reply | quote, 0.0, np.sqrt(followers + 1))
    sampler = GroupedSampler(root_weight, lang, len(LANGS))
    base = len(world.posts)
    ctx = (a, t, lang, lo)
    reply_to = np.full(n, -1, dtype=np.int64)
    quote_of = np.full(n, -1, dtype=np.int64)
    got, target = _respond(world, rng, reply, sampler, ctx, 25.0)
    reply_to[got] = base + target
    kind[got] = POST_KIND_ID["comment"]
    lang[got] = lang[target]
    got, target = _respond(world, rng, quote, sampler, ctx, 90.0)
    quote_of[got] = base + target
    is_reply = reply_to >= 0

    replies, roots = np.flatnonzero(is_reply), np.flatnonzero(~is_reply)
    text = A.scatter(
        n,
        [
            (replies, compose_reply(rng, lang[replies], topic[replies])),
            (roots, compose(rng, lang[roots], topic[roots])),
        ],
    )
    is_product = kind == POST_KIND_ID["product"]
    if is_product.any():
        names = [p for code in LANGS for p in book(PRODUCTS, code)]
        shop = np.flatnonzero(is_product)
        price = A.ints(rng.integers(5, 300, len(shop)))
        listing = A.join("🛍️", A.pick(rng, names, len(shop)), "·", price, sep=" ")
        rest = np.flatnonzero(~is_product)
        text = A.scatter(n, [(shop, listing), (rest, A.take(text, rest))])
    link = ~is_reply & (rng.random(n) < acc.num("link_p")[a])
    bare = link & (rng.random(n) < 0.12)
    linked = np.flatnonzero(link)
    urls = one_at(n, linked, organic_links(rng, lang[linked]))
    tag_p = acc.num("tag_p")[a] * np.where(is_reply, 0.2, 1.0) * ~bare
    tags, trend = hashtags(world, rng, lang, topic, t, tag_p)
    text = trend_talk(world, rng, text, trend, lang, is_reply, is_product)
    text = attach(A.null_where(bare, text), urls, tags)

    # A few posts address someone popular in their language by @handle.
    mention = ~is_reply & ~bare & (rng.random(n) < 0.04)
    weight = np.sqrt(acc.num("followers").astype(np.float64) + 1)
    weight[acc.num("suspended_at") != NULL_TIME] = 0
    who = np.full(n, -1, dtype=np.int64)
    who[mention] = GroupedSampler(weight, acc.num("lang").astype(np.int64), len(LANGS)).pick(
        rng, lang[mention]
    )
    who[who == a] = -1
    has = who >= 0
    mentions = A.lists_from_counts(has.astype(np.int64), pa.array(who[has], type=pa.int64()))
    at = A.null_where(~has, A.join("@", A.take(acc.text("handle"), who), sep=""))
    text = A.join(at, text, sep=" ")

    with_media = (kind != POST_KIND_ID["post"]) & (kind != POST_KIND_ID["comment"])
    with_media |= plain & ~is_reply & (rng.random(n) < 0.12)
    shown = np.flatnonzero(with_media)
    media = one_at(n, shown, A.hex16(random_u64(rng, len(shown))))

    deleted_at = t + (rng.lognormal(np.log(6.0), 1.4, n) * HOUR).astype(np.int64)
    keep = (rng.random(n) < 0.007) & (deleted_at < world.end)
    world.posts.add(
        n,
        account=a,
        t=t,
        text=text,
        lang=lang,
        kind=kind,
        reply_to=reply_to,
        quote_of=quote_of,
        urls=urls,
        hashtags=tags,
        mentions=mentions,
        media=media,
        deleted_at=np.where(keep, deleted_at, NULL_TIME),
    )


def freeze_organic(world: World) -> None:
    """Remember the background posts so campaigns can reply to and amplify them."""
    posts = world.posts
    rows = np.arange(len(posts), dtype=np.int64)
    world.organic = OrganicPosts(
        rows=rows,
        account=posts.num("account").copy(),
        t=posts.num("t").copy(),
        lang=posts.num("lang").astype(np.int64),
        kind=posts.num("kind").astype(np.int64),
        reply_to=posts.num("reply_to").copy(),
        is_reply=posts.num("reply_to") >= 0,
    )


def background_engagements(
    world: World, rng: np.random.Generator, rows: A.I64 | None = None, scale: float = 1.0
) -> None:
    """Likes, views, reposts, follows and purchases of ``rows`` (every account by default)
    at ``scale`` times their own rates."""
    acc = world.accounts
    if rows is None:
        rows = np.arange(len(acc), dtype=np.int64)
    lo_acc, days = _live_days(world, rows)
    counts = rng.poisson(acc.num("eng_rate")[rows] * days * scale)
    a = np.repeat(rows, counts)
    n = len(a)
    if n == 0 or len(world.posts) == 0:
        return
    lo = np.repeat(lo_acc, counts)
    kinds = np.array([ENG[k] for k in ENGAGEMENT_MIX], dtype=np.int64)
    share = np.array(list(ENGAGEMENT_MIX.values()))
    kind = kinds[rng.choice(len(kinds), n, p=share / share.sum())]
    q_lang = acc.num("lang")[a].astype(np.int64)
    q_lang = np.where(rng.random(n) < 0.12, _EN, q_lang)
    on_account = np.isin(kind, list(ACCOUNT_TARGETED))

    # Post targets: same language, the right class of post, popular authors first.
    p_acc = world.posts.num("account")
    p_t = world.posts.num("t")
    p_kind = world.posts.num("kind").astype(np.int64)
    p_del = world.posts.num("deleted_at")
    cls = np.where(
        (p_kind == POST_KIND_ID["video"]) | (p_kind == POST_KIND_ID["livestream"]),
        VIDEO,
        np.where(p_kind == POST_KIND_ID["product"], PRODUCT, TEXT),
    )
    author_followers = acc.num("followers")[p_acc].astype(np.float64)
    weight = (author_followers + 1) ** 0.55 * np.where(world.posts.num("reply_to") >= 0, 0.25, 1.0)
    groups = world.posts.num("lang").astype(np.int64) * 3 + cls
    sampler = GroupedSampler(weight, groups, len(LANGS) * 3)
    q_cls = np.where(rng.random(n) < 0.25, VIDEO, TEXT)
    q_cls = np.where(kind == ENG["view"], np.where(rng.random(n) < 0.8, VIDEO, TEXT), q_cls)
    q_cls = np.where((kind == ENG["order"]) | (kind == ENG["review"]), PRODUCT, q_cls)
    sel = np.flatnonzero(~on_account)
    post = sampler.pick(rng, q_lang[sel] * 3 + q_cls[sel])
    missing = post < 0
    post[missing] = sampler.pick(rng, _EN * 3 + q_cls[sel][missing])
    safe = np.where(post >= 0, post, 0)
    delay = (rng.lognormal(np.log(45.0), 1.6, len(sel)) * MINUTE).astype(np.int64)
    t_post = p_t[safe] + delay
    ok = (post >= 0) & (t_post < world.end) & (t_post >= lo[sel]) & (p_acc[safe] != a[sel])
    ok &= (p_del[safe] == NULL_TIME) | (t_post < p_del[safe])

    # Account targets: same language, popular accounts first, never suspended ones.
    a_weight = (acc.num("followers").astype(np.float64) + 1) ** 0.7
    a_weight[acc.num("suspended_at") != NULL_TIME] = 0
    a_sampler = GroupedSampler(a_weight, acc.num("lang").astype(np.int64), len(LANGS))
    sel_a = np.flatnonzero(on_account)
    target = a_sampler.pick(rng, q_lang[sel_a])
    safe_a = np.where(target >= 0, target, 0)
    t_acc = diurnal(world, rng, COUNTRY_TZ[acc.num("country")[a[sel_a]]], lo[sel_a])
    t_acc = np.maximum(t_acc, acc.num("created_at")[safe_a] + HOUR)
    ok_a = (target >= 0) & (target != a[sel_a]) & (t_acc < world.end)
    ok_a &= ~np.isin((a[sel_a] << 32) | safe_a, world.no_follow)

    account = np.concatenate([a[sel][ok], a[sel_a][ok_a]])
    kind_out = np.concatenate([kind[sel][ok], kind[sel_a][ok_a]])
    t_out = np.concatenate([t_post[ok], t_acc[ok_a]])
    post_out = np.concatenate([post[ok], np.full(int(ok_a.sum()), -1, dtype=np.int64)])
    target_out = np.concatenate([np.full(int(ok.sum()), -1, dtype=np.int64), target[ok_a]])
    keep = _first_only(account, kind_out, np.maximum(post_out, target_out))
    value = np.full(len(account), np.nan)
    review = kind_out == ENG["review"]
    value[review] = rng.choice(5, int(review.sum()), p=[0.05, 0.04, 0.09, 0.27, 0.55]) + 1
    vote = kind_out == ENG["vote"]
    value[vote] = np.where(rng.random(int(vote.sum())) < 0.8, 1.0, -1.0)
    world.engagements.add(
        int(keep.sum()),
        account=account[keep],
        kind=kind_out[keep],
        t=t_out[keep],
        post=post_out[keep],
        target=target_out[keep],
        value=value[keep],
    )


def _first_only(account: A.I64, kind: A.I64, target: A.I64) -> A.Bool:
    """Mask keeping the first of repeated once-only engagements (same account, kind, target)."""
    once = np.isin(kind, list(ONCE))
    key = (account << 36) | (kind << 32) | (target & 0xFFFFFFFF)
    rows = np.flatnonzero(once)
    _, first = np.unique(key[rows], return_index=True)
    keep = ~once
    keep[rows[first]] = True
    return keep


def background_sessions(world: World, rng: np.random.Generator) -> None:
    """Logins and posting sessions from home networks and devices; sign-ups in the window."""
    acc = world.accounts
    rows = np.arange(len(acc), dtype=np.int64)
    lo_acc, days = _live_days(world, rows)
    counts = rng.poisson(acc.num("session_rate") * days)
    a = np.repeat(rows, counts)
    n = len(a)
    t = diurnal(world, rng, COUNTRY_TZ[acc.num("country")[a]], np.repeat(lo_acc, counts))
    event = np.where(rng.random(n) < 0.62, 1, 2)
    add_sessions(world, rng, a, t, event)
    created = acc.num("created_at")
    fresh = np.flatnonzero((created >= world.start) & (created < world.end))
    add_sessions(world, rng, fresh, created[fresh], np.zeros(len(fresh), dtype=np.int64), home=True)


def add_sessions(
    world: World,
    rng: np.random.Generator,
    a: A.I64,
    t: A.I64,
    event: A.I64,
    home: bool = False,
) -> None:
    """Sessions of accounts ``a`` at ``t`` from their own devices and networks.

    ``home`` forces the main device and home address (sign-ups); otherwise a session comes
    now and then from the second device, a mobile address or the account's VPN.
    """
    acc = world.accounts
    n = len(a)
    second = np.zeros(n, dtype=bool) if home else rng.random(n) < 0.15
    device = np.where(second, acc.num("device2")[a], acc.num("device1")[a])
    ua = np.where(second, acc.num("ua2")[a], acc.num("ua1")[a])
    vpn = np.zeros(n, dtype=bool) if home else rng.random(n) < acc.num("vpn_p")[a]
    mobile = ~vpn & (np.zeros(n, dtype=bool) if home else rng.random(n) < 0.3)
    asn = np.where(vpn, acc.num("vpn")[a], acc.num("asn")[a]).astype(np.int64)
    roaming = world.addresses(rng, asn) | rng.integers(1, 255, n).astype(np.uint64)
    home_ip = acc.num("ip24")[a].astype(np.uint64) | acc.num("ip_last")[a].astype(np.uint64)
    ip = np.where(vpn | mobile, roaming, home_ip)
    world.sessions.add(
        n,
        account=a,
        t=t,
        event=event,
        ip=ip,
        asn=asn,
        ip_country=world.network_country[asn],
        device=device,
        ua=ua,
        proxy=vpn & (rng.random(n) < 0.85),
    )
