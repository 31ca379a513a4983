"""spam.malicious_url: phishing, malware and data-grabbing links — and the links that are fine."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lockstep.detect.spam.malicious_url import MaliciousUrl
from lockstep.detect.spam.misleading_url import MisleadingUrl
from tests.detect.urlintel.worlds import (
    CHAT,
    Posts,
    flagged_accounts,
    hard_negatives,
    ingested,
    lake,
    run,
)

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"

PHISH = [
    "https://paypa1-secure.com/login.php?session={i}",
    "http://xn--pypal-4ve.com/signin/verify?id={i}",  # Cyrillic а, as ingest stores it
    "https://www.paypal.com.account-check.net/webscr?cmd=login&u={i}",
    "https://netflix-billing-update.com/secure/update-billing?c={i}",
    "https://coinbase-wallet.top/wallet/connect?r={i}",
    "http://paypal.com@203.0.113.9/auth/session-expired?{i}",
]
LURES = [
    "Your account has been limited. Restore access now",
    "Unusual sign-in detected, confirm it was you",
    "Payment failed, update your details to keep watching",
    "Claim your bonus before midnight",
]


def _campaign(p: Posts) -> dict[str, list[str]]:
    """Phishers (several posts each), malware pushers, and one victim who asked once."""
    out: dict[str, list[str]] = {"phish": [], "malware": []}
    for a in range(6):
        account = f"phisher_{a}"
        out["phish"].append(account)
        for i in range(3):
            url = PHISH[(a + i) % len(PHISH)].format(i=a * 10 + i)
            p.add(account, f"{LURES[(a + i) % 4]} {url}", [url])
        p.add(account, CHAT[a % len(CHAT)])
    for a, host in enumerate(("dl-free.top", "45.9.1.2", "files-now.example")):
        account = f"pusher_{a}"
        out["malware"].append(account)
        for i, name in enumerate(("free_vpn_pro.apk", "setup.exe", "photo_album.scr", "x.msi")):
            url = f"http://{host}/d/{i}/{name}"
            p.add(account, f"free download 🔥 {url}", [url])
    p.add("victim", "is this real?? got this in my inbox", [PHISH[0].format(i=0)])
    return out


def test_phishing_and_malware_are_flagged_and_hard_negatives_are_not(tmp_path: Path) -> None:
    p = Posts()
    negatives = hard_negatives(p)
    planted = _campaign(p)
    found = run(MaliciousUrl(), lake(tmp_path, p))
    flagged = flagged_accounts(found)
    assert flagged == set(planted["phish"]) | set(planted["malware"]) | {"victim"}
    assert not flagged & set().union(*negatives.values())
    # account findings: the repeat posters only; the victim is named by the link's finding
    accounts = {f["subject_id"] for f in found if f["subject_type"] == "account"}
    assert accounts == set(planted["phish"]) | set(planted["malware"])
    # the lookalike domain is one subject, with every poster
    by_subject = {(f["subject_type"], f["subject_id"]): f for f in found}
    paypa1 = by_subject[("domain", "paypa1-secure.com")]
    assert "victim" in paypa1["account_ids"]
    assert paypa1["evidence"]["post_count"] == sum(
        1 for r in p.rows if any("paypa1-secure.com" in u for u in r["urls"])
    )
    # a throwaway host serving several malware files is named as a domain; an IP address is
    # not a domain, so its files stay URL subjects, scored higher for the bare IP
    assert ("domain", "files-now.example") in by_subject
    assert (
        by_subject[("url", "http://45.9.1.2/d/1/setup.exe")]["score"]
        > by_subject[("domain", "files-now.example")]["score"]
    )


def test_a_bad_file_on_an_ordinary_or_popular_host_is_a_url_subject(tmp_path: Path) -> None:
    p = Posts()
    for i, url in enumerate(
        [
            "https://github.com/a/b/releases/download/v1/crack_installer.exe",
            "https://github.com/c/d/raw/main/netflix_premium.apk",
            "https://github.com/e/f/raw/main/update_flash.exe",
            "https://small-blog.example/files/WhatsApp_Gold.apk",
            "https://small-blog.example/files/photo_album.scr",
        ]
    ):
        p.add(f"poster_{i}", "get it here " + url, [url])
    found = run(MaliciousUrl(), lake(tmp_path, p))
    assert {f["subject_type"] for f in found} == {"url"}  # github is shared; 2 files are few
    assert len(found) == 5


def test_evidence_says_why_and_shows_posts_times_and_accounts(tmp_path: Path) -> None:
    p = Posts()
    for i in range(30):
        url = f"https://paypa1-secure.com/login?s={i}"
        p.add(f"spreader_{i % 7}", "Account locked " + url, [url])
    found = run(MaliciousUrl(), lake(tmp_path, p))
    (domain,) = [f for f in found if f["subject_type"] == "domain"]
    ev = domain["evidence"]
    details = [s["detail"] for s in ev["signals"]]
    assert (
        "host paypa1-secure.com imitates paypal.com: 'paypa1' looks like 'paypal' ('l'→'1')"
        in details
    )
    assert ev["signals"][0]["code"] == "phishing"
    assert ev["post_count"] == 30 and ev["url_count"] == 30 and ev["account_count"] == 7
    assert len(ev["posts"]) == 20 and len(ev["urls"]) == 20  # capped, totals alongside
    assert ev["posts"][0] == {
        "post_id": p.rows[0]["post_id"],
        "account_id": "spreader_0",
        "created_at": p.rows[0]["created_at"].isoformat(),
        "url": "https://paypa1-secure.com/login?s=0",
    }
    assert domain["window_start"] == p.rows[0]["created_at"]
    assert domain["window_end"] == p.rows[-1]["created_at"]
    assert "30 post(s) by 7 account(s)" in ev["summary"]
    account = next(f for f in found if f["subject_id"] == "spreader_0")
    assert account["evidence"]["targets"] == ["paypa1-secure.com"]
    assert account["evidence"]["post_count"] == 5


def test_phishing_on_a_lookalike_is_also_misleading_malware_is_not(tmp_path: Path) -> None:
    p = Posts()
    planted = _campaign(p)
    lk = lake(tmp_path, p)
    malicious = {f["subject_id"] for f in run(MaliciousUrl(), lk)}
    misleading = {f["subject_id"] for f in run(MisleadingUrl(), lk)}
    lookalikes = {
        "paypa1-secure.com",
        "pаypal.com",
        "account-check.net",
        "netflix-billing-update.com",
    }
    assert lookalikes <= malicious & misleading
    assert not misleading & (set(planted["malware"]) | {"files-now.example", "dl-free.top"})


def test_min_account_posts_and_lists_are_parameters(tmp_path: Path) -> None:
    p = Posts()
    p.add("once", "look", ["https://ordinary-name.example/page"])
    p.add("once", "again", ["https://ordinary-name.example/other"])
    lk = lake(tmp_path, p)
    assert not run(MaliciousUrl(), lk)
    deny = tmp_path / "deny.txt"
    deny.write_text("ordinary-name.example\n")
    found = run(MaliciousUrl(denylist_path=str(deny)), lk)
    assert {(f["subject_type"], f["subject_id"]) for f in found} == {
        ("domain", "ordinary-name.example"),
        ("account", "once"),
    }
    found = run(MaliciousUrl(denylist_path=str(deny), min_account_posts=3), lk)
    assert [f["subject_type"] for f in found] == ["domain"]


def test_same_input_same_output(tmp_path: Path) -> None:
    p = Posts()
    _campaign(p)
    lk = lake(tmp_path, p)
    assert MaliciousUrl().detect(lk).findings.equals(MaliciousUrl().detect(lk).findings)


@pytest.mark.skipif(not (DATA / "youtube_spam_dev").exists(), reason="shared data not present")
def test_youtube_links_flagged_are_in_comments_labelled_spam(tmp_path: Path) -> None:
    lk = ingested(DATA / "youtube_spam_dev", tmp_path)
    with (DATA / "youtube_spam_dev" / "labels.csv").open() as f:
        spam = {r["post_id"] for r in csv.DictReader(f) if r["label"] == "1"}
    found = run(MaliciousUrl(), lk) + run(MisleadingUrl(), lk)
    assert found  # real spam links: an ad cloaker, an affiliate redirect
    posts = [x["post_id"] for f in found for x in f["evidence"]["posts"]]
    assert posts and set(posts) <= spam


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "coortweet_german").exists(), reason="shared data not present")
def test_anonymised_election_links_are_not_malicious(tmp_path: Path) -> None:
    """Every host there is ``domain-<n>.invalid``: no lookalike, download or denylisted host."""
    lk = ingested(DATA / "coortweet_german", tmp_path)
    assert not MaliciousUrl().missing(lk)
    assert not run(MaliciousUrl(), lk)
    assert not run(MisleadingUrl(), lk)
