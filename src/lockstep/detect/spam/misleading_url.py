"""``spam.misleading_url``: deceptive links — lookalikes, cloaked redirects, hidden affiliates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from lockstep.detect.urlintel.assess import MISLEADING_URL
from lockstep.detect.urlintel.detector import UrlDetector


@dataclass(frozen=True)
class MisleadingUrl(UrlDetector):
    """Links that deceive about where they go or who profits from the click.

    Seed clause: 001 "posting misleading or deceptive links; e.g., affiliate links and
    clickjacking links"; 000 "any other attempt to direct users to non-authorized landing
    pages".

    Signal: every distinct URL is assessed once by the URL intelligence layer (shared with
    `spam.malicious_url`; a phishing page on a lookalike host is reported by both). It is
    misleading when its deceptive signals reach `threshold`: a lookalike of an allowlisted
    (popular) domain by confusable characters, punycode homoglyphs and leetspeak included
    (0.8); an allowlisted domain placed in front of another domain (`paypal.com.example.net`,
    0.7); a label mixing scripts (0.6); the brand name plus a lure word (`amazon-gift-card`,
    0.6); a link cloaker that shows an ad page and pays per click (0.6); a user name before "@"
    that disguises the real host (0.6); a hidden affiliate — an affiliate redirect network
    (0.55) or an affiliate parameter seen only inside a redirect (0.6); a typo of a brand of six
    or more letters (0.5; a plural `s` is not a typo); a link through an allowlisted site that
    leads elsewhere (`google.com/url?q=...`, 0.5; not through a platform's link wrapper such as
    `l.facebook.com`, which every outbound link there carries); a redirect whose destination is
    risky (0.5). The brand's name on another suffix (0.4) and a visible affiliate parameter
    (0.3) need one more hint, such as an abused TLD or lure words in the host (support, 0.2
    each). Ordinary shorteners are not deceptive by themselves, so news accounts sharing
    shortened links are left alone, and an affiliate tag visible on a shop's own link is not
    hidden.

    Evidence: as `spam.malicious_url` — one finding per flagged domain or URL with every
    signal in words, URLs, earliest posts, times and accounts, and one per account with
    flagged links in at least `min_account_posts` posts.

    Known limits: clickjacking itself (a page that tricks clicks) cannot be seen without
    loading the page; only what the URL shows is judged. Brands are the allowlist: a lookalike
    of a brand not on it is missed — add your platform's and your users' domains with
    `allowlist_path`, which also clears a real site that happens to be one edit from a brand
    (`routers` and `reuters`). A platform's link wrapper missing from the wrapper list reads as
    a disguised redirect when its destination is not allowlisted; add it with
    `link_wrappers_path`.
    """

    name: ClassVar[str] = "spam.misleading_url"
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (MISLEADING_URL,)
    behaviour: ClassVar[str] = MISLEADING_URL
