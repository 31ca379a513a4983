"""The planted behaviour is really in the data: every code leaves the trace a detector would
look for, in every world of SEEDS. Each test reads only the files (what a detector sees) and
uses truth only to know whom to look at."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import timedelta
from itertools import combinations
from typing import Any

from lockstep.repetition import DUPLICATE_COPIES, DUPLICATE_WINDOW_HOURS
from tests.synth.conftest import Dataset

MINUTES = timedelta(minutes=1)


CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def words(text: str | None) -> set[str]:
    """The words of a text, without its links, mentions and hashtags (they vary by design);
    runs of Chinese or Japanese, written without spaces, count by character triples."""
    body = re.sub(r"https?://\S+|[@#]\S+", " ", (text or "").lower())
    out: set[str] = set()
    for token in re.findall(r"\w+", body):
        if CJK.search(token):
            out |= {token[i : i + 3] for i in range(max(1, len(token) - 2))}
        else:
            out.add(token)
    return out


def jaccard(a: str | None, b: str | None) -> float:
    x, y = words(a), words(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def hamming(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def near_copies(texts: list[str], threshold: float = 0.5) -> int:
    """How many texts have a near-identical twin among the others."""
    found = 0
    for i, t in enumerate(texts):
        if any(jaccard(t, u) >= threshold for j, u in enumerate(texts) if j != i):
            found += 1
    return found


def posts_of(world: Dataset, accounts: list[str], where: str = "true") -> list[tuple]:
    return world.rows(
        f"SELECT account_id, text, created_at, urls, hashtags, deleted_at, kind, reply_to,"
        f" mentions, media_hashes FROM posts WHERE list_contains(?, account_id) AND {where}"
        " ORDER BY created_at",
        accounts,
    )


def campaign_members(world: Dataset, code: str) -> dict[str, list[str]]:
    """Accounts committing ``code``, per campaign."""
    out: dict[str, list[str]] = defaultdict(list)
    for cid, account in world.rows(
        "SELECT campaign_id, account_id FROM truth WHERE list_contains(behaviours, ?)", code
    ):
        out[cid].append(account)
    return out


# -- content spam ----------------------------------------------------------------------------


def test_whoever_repeats_a_text_is_labelled_a_duplicate_poster(world: Dataset) -> None:
    """Truth lists what the data shows: a campaign account that posts one substantial text
    clearly more often than ``lockstep.repetition`` allows within its window commits duplicate
    posting, whatever its campaign was about."""
    window = timedelta(hours=DUPLICATE_WINDOW_HOURS)
    accounts = world.rows(
        "SELECT account_id, list_contains(behaviours, 'spam.duplicate_posts') FROM truth"
        " WHERE role IN ('member', 'operator', 'buyer', 'source')"
    )
    for account, labelled in accounts:
        posts = [
            (at, text)
            for at, text in world.rows(
                "SELECT created_at, text FROM posts WHERE account_id = ?", account
            )
            if len(words(text)) >= 6
        ]
        twins = max(
            (
                sum(
                    at <= later < at + window and jaccard(text, other) >= 0.8
                    for later, other in posts
                )
                for at, text in posts
            ),
            default=0,
        )
        if twins > DUPLICATE_COPIES:
            assert labelled, account


def test_duplicate_posters_repeat_themselves(world: Dataset) -> None:
    for account, kind in world.rows(
        "SELECT account_id, kind FROM truth WHERE list_contains(behaviours, ?)",
        "spam.duplicate_posts",
    ):
        texts = [r[1] for r in posts_of(world, [account])]
        # Dedicated duplicate spammers repeat a lot; others crossed the line on the way.
        assert near_copies(texts) >= (10 if kind == "spam.duplicate_posts" else 3), account


def test_copypasta_crosses_accounts(world: Dataset) -> None:
    for cid, members in campaign_members(world, "spam.copypasta").items():
        rows = posts_of(world, members)
        by_account: dict[str, list[str]] = defaultdict(list)
        for account, text, *_ in rows:
            by_account[account].append(text)
        shared = set()
        for a, b in combinations(by_account, 2):
            if any(jaccard(x, y) >= 0.5 for x in by_account[a] for y in by_account[b]):
                shared |= {a, b}
        assert len(shared) >= 3, cid


def test_post_and_delete(world: Dataset) -> None:
    # fast campaigns cycle many times within minutes, slow ones 3-5 times over hours
    for account in world.members("spam.post_delete"):
        cycles = world.value(
            "SELECT count(*) FROM posts WHERE account_id = ? AND deleted_at IS NOT NULL"
            " AND deleted_at - created_at < INTERVAL 2 DAY",
            account,
        )
        assert cycles >= 3, account


def test_link_only_accounts_post_mostly_bare_links(world: Dataset) -> None:
    bare = (
        "SELECT account_id, avg((len(urls) > 0 AND text = urls[1])::INT) AS share, count(*) AS n"
        " FROM posts GROUP BY account_id"
    )
    for account in world.members("spam.link_only"):
        share = world.value(f"SELECT share FROM ({bare}) WHERE account_id = ?", account)
        assert share > 0.4, account  # near misses post about half bare links
    # Ordinary people post a bare link now and then, never as the bulk of their activity.
    organic = world.value(
        f"SELECT count(*) FROM ({bare}) b JOIN truth t USING (account_id)"
        " WHERE t.role = 'organic' AND n >= 10 AND share > 0.5"
    )
    assert organic == 0
    assert world.value("SELECT count(*) FROM posts WHERE len(urls) > 0 AND text = urls[1]") > 0


def test_bulk_mentions_hit_many_strangers_fast(world: Dataset) -> None:
    for account in world.members("spam.bulk_mentions"):
        best = world.value(
            "SELECT max(n) FROM (SELECT count(DISTINCT m) OVER (ORDER BY created_at RANGE BETWEEN"
            " INTERVAL 6 HOUR PRECEDING AND CURRENT ROW) AS n FROM (SELECT created_at,"
            " unnest(mentions) AS m FROM posts WHERE account_id = ?))",
            account,
        )
        assert best is not None and best >= 20, account


def test_hashtag_stuffing(world: Dataset) -> None:
    for account in world.members("spam.hashtag_stuffing"):
        stuffed = world.value(
            "SELECT count(*) FROM posts WHERE account_id = ? AND len(hashtags) >= 8", account
        )
        assert stuffed >= 5, account
    assert (
        world.value(
            "SELECT max(len(hashtags)) FROM posts JOIN truth USING (account_id)"
            " WHERE role = 'organic'"
        )
        <= 3
    )


def test_hashtag_hijack_rides_trending_tags_with_links(world: Dataset) -> None:
    trending = {
        r[0]
        for r in world.rows(
            "SELECT tag FROM (SELECT unnest(hashtags) AS tag FROM posts JOIN truth USING"
            " (account_id) WHERE role = 'organic') GROUP BY tag HAVING count(*) >= 20"
        )
    }
    for account in world.members("spam.hashtag_hijack"):
        rows = posts_of(world, [account], "len(urls) > 0")
        riding = [r for r in rows if set(r[4]) & trending]
        assert len(riding) >= 3, account


def test_malicious_links(world: Dataset) -> None:
    pattern = re.compile(
        r"^http://\d+\.\d+\.\d+\.\d+/|\.(exe|apk|scr)$|"
        r"/(login\.php|signin|account/verify|secure/|webscr|auth/|wallet/|claim/)"
    )
    for account in world.members("spam.malicious_url"):
        urls = [u for r in posts_of(world, [account]) for u in r[3]]
        assert urls and sum(bool(pattern.search(u)) for u in urls) >= len(urls) // 2, account


def test_misleading_links_imitate_or_hide(world: Dataset) -> None:
    brands = (
        "paypal",
        "amazon",
        "netflix",
        "apple",
        "microsoft",
        "instagram",
        "facebook",
        "google",
        "whatsapp",
        "binance",
        "coinbase",
        "dhl",
        "steamcommunity",
        "roblox",
        "spotify",
        "youtube",
    )
    official = {f"{b}.com" for b in brands} | {"www.amazon.com", "www.google.com"}
    tricks = re.compile(
        r"xn--|[?&]tag=|/click-|google\.com/url\?q=|adf\.ly|ouo\.io|shorte\.st|"
        r"bc\.vc|exe\.io|bit\.ly|tinyurl\.com|buff\.ly|ow\.ly|rb\.gy|cutt\.ly"
    )
    for account, kind in world.rows(
        "SELECT account_id, kind FROM truth WHERE list_contains(behaviours, ?)",
        "spam.misleading_url",
    ):
        hosts_and_urls = [
            (re.sub(r"^https?://([^/]+).*$", r"\1", u), u)
            for r in posts_of(world, [account])
            for u in r[3]
        ]
        assert hosts_and_urls, account
        deceptive = 0
        for host, url in hosts_and_urls:
            squat = host not in official and any(
                b in re.sub(r"[0-9]", "o", host) or len(set(b) ^ set(host.split(".")[0])) <= 2
                for b in brands
            )
            deceptive += bool(squat or tricks.search(url))
        # Phishers that dress a host up as a brand mix it with their other links.
        least = len(hosts_and_urls) // 2 if kind == "spam.misleading_url" else 1
        assert deceptive >= least, account


def skeleton(text: str) -> str:
    """A handle or name with look-alike letters, separators and decorations folded away."""
    folded = text.lower()
    for a, b in {
        "0": "o",
        "1": "l",
        "3": "e",
        "4": "a",
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "х": "x",
        "у": "y",
        "м": "m",
        "т": "t",
        "н": "h",
        "к": "k",
    }.items():
        folded = folded.replace(a, b)
    for decoration in ("official", "support", "backup", "_real", "_hq", "_tv", "✓", "✔️"):
        folded = folded.replace(decoration, "")
    folded = re.sub(r"[\W_]+", "", folded)
    return re.sub(r"(.)\1+", r"\1", folded)


def test_impersonators_look_like_a_famous_account(world: Dataset) -> None:
    famous = world.rows(
        "SELECT account_id, handle, display_name, avatar_hash FROM accounts"
        " WHERE avatar_hash IS NOT NULL AND (verified OR followers_count >= (SELECT"
        " quantile_cont(followers_count, 0.97) FROM accounts))"
    )
    for account in world.members("spam.impersonation"):
        handle, name = world.rows(
            "SELECT handle, display_name FROM accounts WHERE account_id = ?",
            account,
        )[0]
        twins = [
            f
            for f in famous
            if f[0] != account
            and (skeleton(f[1]) == skeleton(handle) or skeleton(f[2] or "") == skeleton(name))
        ]
        # the picture is copied by most, not all: some rely on the name and the bio
        assert twins, (account, handle, name)
        assert handle.lower() != twins[0][1].lower()


# -- artificial engagement -------------------------------------------------------------------


def test_lockstep_groups_hit_the_same_posts_together(world: Dataset) -> None:
    """Every account labelled with lockstep engagement liked at least five of the same posts
    within 15 minutes of each of two or more other labelled accounts of its campaign."""
    for cid, members in campaign_members(world, "engagement.lockstep").items():
        in_step = world.value(
            "WITH l AS (SELECT account_id AS a, target_post_id AS p, epoch(created_at) AS t"
            " FROM engagements WHERE kind = 'like' AND list_contains(?, account_id)),"
            " pairs AS (SELECT x.a, y.a AS b FROM l x JOIN l y ON x.p = y.p AND x.a <> y.a"
            " AND abs(x.t - y.t) <= 900 GROUP BY x.a, y.a HAVING count(DISTINCT x.p) >= 5)"
            " SELECT count(*) FROM (SELECT a FROM pairs GROUP BY a HAVING count(*) >= 2)",
            members,
        )
        assert in_step == len(members), cid


def test_reciprocal_rings_are_dense(world: Dataset) -> None:
    for cid, members in campaign_members(world, "engagement.reciprocal").items():
        n = len(members)
        follows = world.value(
            "SELECT count(DISTINCT (account_id, target_account_id)) FROM engagements"
            " WHERE kind = 'follow' AND list_contains(?, account_id)"
            " AND list_contains(?, target_account_id)",
            members,
            members,
        )
        likes = world.value(
            "SELECT count(*) FROM engagements e JOIN posts p ON e.target_post_id = p.post_id"
            " WHERE e.kind = 'like' AND list_contains(?, e.account_id)"
            " AND list_contains(?, p.account_id)",
            members,
            members,
        )
        assert follows >= 0.3 * n * (n - 1) or likes >= 2 * n, cid


def test_purchased_engagement_arrives_in_bursts_from_fresh_accounts(world: Dataset) -> None:
    for cid, members in campaign_members(world, "engagement.purchased").items():
        buyers = [
            r[0]
            for r in world.rows(
                "SELECT account_id FROM truth WHERE campaign_id = ? AND role = 'buyer'", cid
            )
        ]
        sources = [m for m in members if m not in buyers]
        assert buyers and len(sources) >= 10
        burst = world.value(
            "SELECT max(n) FROM (SELECT count(*) OVER (PARTITION BY target ORDER BY created_at"
            " RANGE BETWEEN INTERVAL 8 HOUR PRECEDING AND CURRENT ROW) AS n FROM (SELECT"
            " e.created_at, coalesce(e.target_account_id, p.account_id) AS target FROM"
            " engagements e LEFT JOIN posts p ON e.target_post_id = p.post_id WHERE"
            " list_contains(?, e.account_id)) WHERE list_contains(?, target))",
            sources,
            buyers,
        )
        assert burst >= 8, cid
        fresh = world.value(
            "SELECT avg((a.created_at > (SELECT min(created_at) FROM posts) - INTERVAL 200 DAY)"
            "::INT) FROM accounts a WHERE list_contains(?, account_id)",
            sources,
        )
        assert fresh == 1.0, cid


def test_follow_churn_unfollows_what_it_followed(world: Dataset) -> None:
    for account in world.members("engagement.follow_churn"):
        churned = world.value(
            "SELECT count(*) FROM engagements f JOIN engagements u ON u.account_id ="
            " f.account_id AND u.target_account_id = f.target_account_id AND u.kind = 'unfollow'"
            " AND u.created_at > f.created_at WHERE f.kind = 'follow' AND f.account_id = ?",
            account,
        )
        assert churned >= 50, account


def test_indiscriminate_following(world: Dataset) -> None:
    for account in world.members("engagement.indiscriminate_follow"):
        best = world.value(
            "SELECT max(n) FROM (SELECT count(*) OVER (ORDER BY created_at RANGE BETWEEN"
            " INTERVAL 6 HOUR PRECEDING AND CURRENT ROW) AS n FROM engagements"
            " WHERE kind = 'follow' AND account_id = ?)",
            account,
        )
        assert best >= 100, account


def test_incentivised_posts_in_many_languages(world: Dataset) -> None:
    phrases = re.compile(
        r"f4f|follow|sub4sub|like4like|l4l|sigo|segue|folg|abonn|подпиш|تابع|takip|相互|关注|"
        r"seguimi|giveaway|sorteo|sorteio|gewinnspiel|concours|розыгрыш|çekiliş|抽奖|プレゼント|"
        r"follower|seguidores|abonnés|лайк|لايك|beğeni|粉丝|suivez|siga|sigue"
    )
    langs: set[str] = set()
    for account, kind in world.rows(
        "SELECT account_id, kind FROM truth WHERE list_contains(behaviours, ?)",
        "engagement.incentivised",
    ):
        rows = world.rows("SELECT text, lang FROM posts WHERE account_id = ?", account)
        hits = [(t, lang) for t, lang in rows if phrases.search((t or "").lower())]
        # Follow-train conductors announce a train or two; incentive spammers keep at it.
        assert len(hits) >= (3 if kind == "engagement.incentivised" else 1), account
        langs |= {lang for _, lang in hits}
    assert len(langs) >= 6


# -- coordination ----------------------------------------------------------------------------


def test_mass_registered_accounts_share_signup_signals(world: Dataset) -> None:
    for cid, members in campaign_members(world, "coord.mass_registration").items():
        signups = world.rows(
            "SELECT account_id, device_id, regexp_replace(ip, '\\.\\d+$', ''), asn, user_agent,"
            " created_at FROM sessions WHERE event = 'signup' AND list_contains(?, account_id)",
            members,
        )
        assert len(signups) == len(members), cid
        devices = defaultdict(set)
        for account, device, *_ in signups:
            devices[device].add(account)
        assert max(len(a) for a in devices.values()) >= 2, cid
        assert len({s[4] for s in signups}) == 1, cid
        network = world.value("SELECT params->>'network' FROM campaigns WHERE campaign_id = ?", cid)
        # one address block or one hosting network, unless spread over residential proxies
        assert network == "proxies" or len({s[3] for s in signups}) == 1, cid
        span = max(s[5] for s in signups) - min(s[5] for s in signups)
        assert span <= timedelta(hours=8), cid
        # names come from a generator: no two accounts of a batch share one
        names = world.rows(
            "SELECT display_name FROM accounts WHERE list_contains(?, account_id)", members
        )
        assert len({n for (n,) in names}) == len(members), cid


def test_overlapping_accounts_share_a_persona_and_content(world: Dataset) -> None:
    for cid, members in campaign_members(world, "coord.overlapping_accounts").items():
        profiles = world.rows(
            "SELECT account_id, display_name, avatar_hash, bio FROM accounts WHERE"
            " list_contains(?, account_id)",
            members,
        )
        # Each copy is its persona's avatar with at most two bits flipped (two personas'
        # pictures are much further apart).
        personas: list[list[tuple[Any, ...]]] = []
        for p in profiles:
            home = next((g for g in personas if hamming(g[0][2], p[2]) <= 4), None)
            if home is None:
                personas.append([p])
            else:
                home.append(p)
        assert len(personas) == len(
            world.value("SELECT params->'personas' FROM campaigns WHERE campaign_id = ?", cid)
            .strip("[]")
            .split(",")
        ), cid
        for persona in personas:
            assert len(persona) >= 2, cid
            first_names = {name.split(" ")[0] for _, name, _, _ in persona}
            assert len(first_names) == 1 and len({bio for *_, bio in persona}) == 1, cid
            texts = [(r[0], r[1]) for r in posts_of(world, [p[0] for p in persona])]
            across = sum(
                1 for (a, x), (b, y) in combinations(texts, 2) if a != b and jaccard(x, y) >= 0.6
            )
            assert across >= 3, cid


def test_livestreams_share_media_across_accounts(world: Dataset) -> None:
    for cid, members in campaign_members(world, "coord.multi_account_livestream").items():
        streams = world.rows(
            "SELECT account_id, created_at, media_hashes[1] FROM posts WHERE kind = 'livestream'"
            " AND list_contains(?, account_id)",
            members,
        )
        together = sum(
            1
            for (a, t, h), (b, u, g) in combinations(streams, 2)
            if a != b and abs(t - u) <= 15 * MINUTES and hamming(h, g) <= 8
        )
        assert together >= 1, cid


def test_networks_coordinate_and_carry_their_tactics(world: Dataset) -> None:
    networks = world.rows(
        "SELECT campaign_id, tactics, params->>'hashtag', json_extract_string(targets,"
        " '$.countries[0]'), params->>'operated_from' FROM campaigns WHERE kind = 'coord.network'"
    )
    assert networks
    for cid, tactics, hashtag, target, operated_from in networks:
        members = [
            r[0] for r in world.rows("SELECT account_id FROM truth WHERE campaign_id = ?", cid)
        ]
        assert "T0143.002" in tactics
        declared = {
            r[0]
            for r in world.rows(
                "SELECT DISTINCT country FROM accounts WHERE list_contains(?, account_id)", members
            )
        }
        assert declared == {target}, cid
        # Members co-post the network's hashtag.
        posters = world.value(
            "SELECT count(DISTINCT account_id) FROM posts WHERE list_contains(hashtags, ?)"
            " AND list_contains(?, account_id)",
            hashtag,
            members,
        )
        assert posters >= 2, cid
        # Where it hides or sits abroad, its sessions come from elsewhere than it claims.
        elsewhere = world.value(
            "SELECT avg((ip_country <> ?)::INT) FROM sessions WHERE list_contains(?, account_id)",
            target,
            members,
        )
        if "T0128" in tactics or operated_from != target:
            assert elsewhere > 0.5, cid
        # Several personas run on one phone.
        shared = world.value(
            "SELECT max(n) FROM (SELECT count(DISTINCT account_id) AS n FROM sessions"
            " WHERE list_contains(?, account_id) GROUP BY device_id)",
            members,
        )
        assert shared >= 2, cid
        # Copypasta is a tactic exactly when the members' copies show as copypasta.
        copiers = world.value(
            "SELECT count(*) FROM truth WHERE campaign_id = ?"
            " AND list_contains(behaviours, 'spam.copypasta')",
            cid,
        )
        assert ("T0084.001" in tactics) == (copiers >= 2), cid


def test_recidivists_mimic_suspended_accounts(world: Dataset) -> None:
    suspended = world.rows(
        "SELECT account_id, display_name, avatar_hash, suspended_at FROM accounts"
        " WHERE suspended_at IS NOT NULL"
    )
    assert suspended
    for account in world.members("coord.recidivism"):
        name, avatar, created = world.rows(
            "SELECT display_name, avatar_hash, created_at FROM accounts WHERE account_id = ?",
            account,
        )[0]
        assert any(
            name.replace(" 🔁", "") == s[1] and hamming(avatar, s[2]) <= 3 and created > s[3]
            for s in suspended
        ), account
    # The suspended ones are members with nothing to show in the window.
    assert (
        world.value(
            "SELECT count(*) FROM accounts a JOIN truth t USING (account_id)"
            " WHERE a.suspended_at IS NOT NULL AND (t.role <> 'member' OR len(t.behaviours) > 0)"
        )
        == 0
    )


def test_traded_accounts_change_hands(world: Dataset) -> None:
    sale = re.compile(
        r"sell|sale|vend|venta|verkauf|прода|للبيع|jual|satılık|satın|buy|compro|kaufe|"
        r"куплю|beli"
    )
    for account in world.members("coord.account_trade"):
        texts = [
            r[0] or "" for r in world.rows("SELECT text FROM posts WHERE account_id = ?", account)
        ]
        assert any(sale.search(t.lower()) for t in texts), account
        previous = world.value("SELECT previous_handle FROM accounts WHERE account_id = ?", account)
        if previous is None:
            continue  # an account that advertises buying accounts
        langs = world.rows(
            "SELECT lang FROM posts WHERE account_id = ? ORDER BY created_at", account
        )
        assert langs[0][0] != langs[-1][0], account
        devices = world.value(
            "SELECT count(DISTINCT device_id) FROM sessions WHERE account_id = ?", account
        )
        assert devices >= 2, account


# -- the seeds' non-violations ---------------------------------------------------------------


def test_activists_share_a_hashtag_in_their_own_words(world: Dataset) -> None:
    for (cid,) in world.rows("SELECT campaign_id FROM campaigns WHERE kind = 'organic_activism'"):
        tag = world.value("SELECT params->>'hashtag' FROM campaigns WHERE campaign_id = ?", cid)
        texts = [
            r[0]
            for r in world.rows(
                "SELECT text FROM posts JOIN truth USING (account_id) WHERE campaign_id = ?"
                " AND list_contains(hashtags, ?)",
                cid,
                tag,
            )
        ]
        assert len(texts) >= 10, cid
        assert len(set(texts)) >= 0.8 * len(texts), cid
        created = world.rows(
            "SELECT date_trunc('year', created_at) FROM accounts JOIN truth USING (account_id)"
            " WHERE campaign_id = ?",
            cid,
        )
        assert len(set(created)) >= 3, cid


def test_hobby_bots_declare_themselves(world: Dataset) -> None:
    bots = world.rows(
        "SELECT a.account_id FROM accounts a JOIN truth t USING (account_id)"
        " WHERE t.kind = 'hobby_bot' AND a.declared_automated"
    )
    assert bots
    for (bot,) in bots:
        assert world.value("SELECT count(*) FROM posts WHERE account_id = ?", bot) >= 20
    assert (
        world.value(
            "SELECT count(*) FROM accounts a JOIN truth t USING (account_id)"
            " WHERE a.declared_automated AND t.kind <> 'hobby_bot'"
        )
        == 0
    )


def test_branches_share_a_brand_not_an_identity(world: Dataset) -> None:
    for (cid,) in world.rows("SELECT campaign_id FROM campaigns WHERE kind = 'branch_accounts'"):
        rows = world.rows(
            "SELECT display_name, bio, handle FROM accounts JOIN truth USING (account_id)"
            " WHERE campaign_id = ?",
            cid,
        )
        assert len(rows) >= 2
        assert len({r[0] for r in rows}) == len(rows)
        assert len({r[1] for r in rows}) == len(rows)


def test_news_outlets_link_with_headlines(world: Dataset) -> None:
    for (account,) in world.rows(
        "SELECT account_id FROM truth WHERE kind = 'news_links' AND role = 'hard_negative'"
    ):
        linked, bare, total = world.rows(
            "SELECT count(*) FILTER (len(urls) > 0), count(*) FILTER (text = urls[1]),"
            " count(*) FROM posts WHERE account_id = ?",
            account,
        )[0]
        assert total >= 50 and linked == total and bare < 0.3 * total, account


def test_personal_and_hobby_accounts_share_a_phone(world: Dataset) -> None:
    for (cid,) in world.rows("SELECT campaign_id FROM campaigns WHERE kind = 'personal_hobby'"):
        accounts = [
            r[0] for r in world.rows("SELECT account_id FROM truth WHERE campaign_id = ?", cid)
        ]
        assert len(accounts) == 2
        shared = world.value(
            "SELECT count(*) FROM (SELECT device_id FROM sessions WHERE list_contains(?,"
            " account_id) GROUP BY device_id HAVING count(DISTINCT account_id) = 2)",
            accounts,
        )
        assert shared >= 1, cid


def test_fans_swarm_a_verified_star(world: Dataset) -> None:
    for (cid,) in world.rows("SELECT campaign_id FROM campaigns WHERE kind = 'fan_swarm'"):
        replies = world.value(
            "SELECT max(n) FROM (SELECT count(*) AS n FROM posts r JOIN posts s ON r.reply_to ="
            " s.post_id JOIN truth t ON t.account_id = s.account_id JOIN accounts a ON"
            " a.account_id = s.account_id WHERE t.campaign_id = ? AND a.verified"
            " AND r.created_at - s.created_at <= INTERVAL 1 HOUR GROUP BY s.post_id)",
            cid,
        )
        assert replies is not None and replies >= 3, cid


def test_viral_items_spread_fast(world: Dataset) -> None:
    for (cid,) in world.rows("SELECT campaign_id FROM campaigns WHERE kind = 'viral_sharing'"):
        shares = world.value(
            "SELECT max(n) FROM (SELECT count(*) AS n FROM engagements e JOIN posts p ON"
            " e.target_post_id = p.post_id JOIN truth t ON t.account_id = p.account_id"
            " WHERE t.campaign_id = ? AND e.kind = 'repost' GROUP BY p.post_id)",
            cid,
        )
        assert shares is not None and shares >= 10, cid


def test_organic_avatars_are_distinct(world: Dataset) -> None:
    hashes = [
        int(r[0], 16)
        for r in world.rows(
            "SELECT avatar_hash FROM accounts JOIN truth USING (account_id)"
            " WHERE role = 'organic' AND avatar_hash IS NOT NULL"
        )
    ]
    assert len(hashes) > 600
    closest = min((a ^ b).bit_count() for a, b in combinations(hashes[:600], 2))
    assert closest > 8
