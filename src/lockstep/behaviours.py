"""The behaviour codes of DESIGN §4, each tied to the seed clause it enforces.

Every finding names exactly one of these codes; evaluation, reports and (later) the policy
catalogue all read this one table instead of keeping their own lists.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Behaviour:
    code: str
    summary: str
    #: policy the behaviour falls under (the enforcement catalogue refines this)
    policy: str
    #: the seed clause, quoted short enough to cite in evidence
    clause: str


_B = Behaviour

BEHAVIOURS: dict[str, Behaviour] = {
    b.code: b
    for b in (
        _B(
            "spam.duplicate_posts",
            "one account repeatedly posting identical or near-identical content",
            "platform-manipulation.spam",
            "001: repeatedly posting identical or nearly identical Tweets; "
            "000: near-identical product videos",
        ),
        _B(
            "spam.copypasta",
            "the same or near-same text posted across many accounts",
            "platform-manipulation.spam",
            "001: Tweeting an existing phrase or content in a duplicative manner, "
            "individually or in concert with other accounts",
        ),
        _B(
            "spam.post_delete",
            "posting and deleting the same content repeatedly",
            "platform-manipulation.spam",
            "001: posting and deleting the same content repeatedly",
        ),
        _B(
            "spam.link_only",
            "links without commentary as the bulk of an account's activity",
            "platform-manipulation.spam",
            "001: links shared without commentary, so that this comprises the bulk of activity",
        ),
        _B(
            "spam.bulk_mentions",
            "bulk, aggressive unsolicited replies, mentions or DMs",
            "platform-manipulation.spam",
            "001: sending bulk, aggressive, high-volume unsolicited replies, mentions, or DMs",
        ),
        _B(
            "spam.hashtag_stuffing",
            "excessive, unrelated hashtags in one post or across posts",
            "platform-manipulation.spam",
            "001: Tweeting with excessive, unrelated hashtags in a single Tweet or across Tweets",
        ),
        _B(
            "spam.hashtag_hijack",
            "trending hashtags used to drive attention to unrelated content",
            "platform-manipulation.spam",
            "001: using a trending or popular hashtag to drive traffic or attention",
        ),
        _B(
            "spam.malicious_url",
            "phishing, malware, auto-download or data-harvesting landing pages",
            "platform-manipulation.urls",
            "001: linking to malware or phishing; 000: landing pages that grab personal data",
        ),
        _B(
            "spam.misleading_url",
            "deceptive links: lookalike domains, cloaked redirects, affiliate, clickjacking",
            "platform-manipulation.urls",
            "001: posting misleading or deceptive links, e.g. affiliate and clickjacking links",
        ),
        _B(
            "spam.impersonation",
            "posing as another person or organisation",
            "platform-manipulation.impersonation",
            "000: impersonating another person or organisation; 001: mimicking accounts",
        ),
        _B(
            "engagement.lockstep",
            "accounts repeatedly engaging with the same targets together",
            "platform-manipulation.engagement",
            "001: engaging repeatedly with the same Tweets or accounts from multiple accounts",
        ),
        _B(
            "engagement.reciprocal",
            "engagement pods, follow trains, like-for-like rings",
            "platform-manipulation.engagement",
            "001: reciprocal inflation, follow trains, decks, Retweet for Retweet; "
            "000: like-for-like",
        ),
        _B(
            "engagement.purchased",
            "bought followers, likes, views or orders",
            "platform-manipulation.engagement",
            "001: selling/purchasing metric inflation; 000: fake orders, views, likes, follows",
        ),
        _B(
            "engagement.follow_churn",
            "following then unfollowing many accounts to inflate one's count",
            "platform-manipulation.engagement",
            "001: follow churn",
        ),
        _B(
            "engagement.indiscriminate_follow",
            "following many unrelated accounts fast, or copying another's followers",
            "platform-manipulation.engagement",
            "001: indiscriminate following; duplicating another account's followers",
        ),
        _B(
            "engagement.incentivised",
            "content promising engagement in return, or selling engagement services",
            "platform-manipulation.engagement",
            "000: promising engagement in return, selling engagement services; "
            "001: apps that claim to add followers",
        ),
        _B(
            "coord.mass_registration",
            "many accounts created in bulk or by automation",
            "platform-manipulation.coordination",
            "001: You can't mass-register accounts or use automation to create accounts",
        ),
        _B(
            "coord.overlapping_accounts",
            "one operator running several accounts with the same persona or content",
            "platform-manipulation.coordination",
            "001: overlapping accounts with identical or similar personas or content",
        ),
        _B(
            "coord.multi_account_livestream",
            "the same livestream or video distributed through several accounts",
            "platform-manipulation.coordination",
            "000: using multiple accounts to stream the same livestream",
        ),
        _B(
            "coord.network",
            "a coordinated inauthentic network / covert influence operation",
            "platform-manipulation.coordination",
            "001: coordination; 002: covert influence operations",
        ),
        _B(
            "coord.recidivism",
            "accounts replacing suspended accounts or re-establishing a disrupted network",
            "platform-manipulation.coordination",
            "001: creating accounts to replace or mimic a suspended account; "
            "002: networks attempting to re-establish their presence",
        ),
        _B(
            "coord.account_trade",
            "buying, selling or transferring accounts",
            "platform-manipulation.coordination",
            "001: selling, purchasing, trading accounts, usernames or access",
        ),
    )
}
