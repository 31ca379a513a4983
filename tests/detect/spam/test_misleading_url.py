"""spam.misleading_url: lookalikes, cloaked redirects and hidden affiliates — not shorteners."""

from __future__ import annotations

from pathlib import Path

from lockstep.detect.spam.misleading_url import MisleadingUrl
from tests.detect.urlintel.worlds import (
    HEADLINES,
    Posts,
    flagged_accounts,
    hard_negatives,
    lake,
    run,
)

DECEPTIVE = {
    "lookalike": [
        "https://amaz0n-deals.shop/item/{i}",
        "https://rnicrosoft-store.com/offer/{i}",
        "http://xn--80ak6aa92e.com/p/{i}",  # аррӏе.com in Cyrillic
        "https://steamcommunlty.com/gift/{i}",
    ],
    "cloaker": ["https://ouo.io/x{i}", "https://adf.ly/{i}abc", "https://shorte.st/s{i}"],
    "affiliate": [
        "https://www.anrdoezrs.net/click-100-{i}",
        "https://www.awin1.com/cread.php?awinmid=1&p={i}",
        "https://go.example/r?to=https%3A%2F%2Fwww.amazon.de%2Fdp%2FB0{i}%3Ftag%3Dspam-21",
    ],
    "typo_on_abused_tld": ["https://instagran.xyz/p/{i}", "https://youtubee.top/v/{i}"],
}


def _campaign(p: Posts) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for kind, templates in DECEPTIVE.items():
        out[kind] = []
        for a in range(3):
            account = f"{kind}_{a}"
            out[kind].append(account)
            for i in range(4):
                url = templates[(a + i) % len(templates)].format(i=a * 10 + i)
                p.add(
                    account,
                    ["Deal of the day", "you won't believe this", "50% off"][i % 3] + " " + url,
                    [url],
                )
    return out


def test_deceptive_links_are_flagged_and_hard_negatives_are_not(tmp_path: Path) -> None:
    p = Posts()
    negatives = hard_negatives(p)
    planted = _campaign(p)
    found = run(MisleadingUrl(), lake(tmp_path, p))
    flagged = flagged_accounts(found)
    assert flagged == set().union(*planted.values())
    assert not flagged & set().union(*negatives.values())
    subjects = {f["subject_id"]: f for f in found if f["subject_type"] != "account"}
    assert {"amaz0n-deals.shop", "аррӏе.com", "ouo.io", "adf.ly", "anrdoezrs.net"} <= set(subjects)
    codes = {s["code"] for s in subjects["аррӏе.com"]["evidence"]["signals"]}
    assert "lookalike" in codes
    # the redirector serves many hidden-affiliate links: the finding names its domain
    hidden = subjects["go.example"]
    assert hidden["subject_type"] == "domain" and hidden["evidence"]["url_count"] == 4
    assert [s["code"] for s in hidden["evidence"]["signals"]][:2] == [
        "hidden_affiliate",
        "cloaked_redirect",
    ]


def test_news_accounts_using_shorteners_and_shops_with_visible_tags_are_fine(
    tmp_path: Path,
) -> None:
    p = Posts()
    for a in ("news_a", "news_b"):
        for i in range(40):
            url = f"https://{['bit.ly', 'buff.ly', 'ow.ly', 'tinyurl.com'][i % 4]}/n{i}"
            p.add(a, f"{HEADLINES[i % len(HEADLINES)]} {url}", [url])
    for i in range(20):  # a reviewer's own affiliate tag, visible on the shop's own link
        url = f"https://www.amazon.com/dp/B00{i}?tag=bookreviews-20"
        p.add("book_reviewer", f"My review of this week's novel, {i} stars {url}", [url])
    assert not run(MisleadingUrl(), lake(tmp_path, p))


def test_one_share_of_a_cloaked_link_names_the_account_without_an_account_finding(
    tmp_path: Path,
) -> None:
    p = Posts()
    p.add("someone", "free wallpapers https://adf.ly/abc", ["https://adf.ly/abc"])
    found = run(MisleadingUrl(), lake(tmp_path, p))
    assert [(f["subject_type"], f["account_ids"]) for f in found] == [("domain", ["someone"])]
