"""``spam.malicious_url``: links to malware, phishing and data-grabbing landing pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from lockstep.detect.urlintel.assess import MALICIOUS_URL
from lockstep.detect.urlintel.detector import UrlDetector


@dataclass(frozen=True)
class MaliciousUrl(UrlDetector):
    """Links that harm the reader: malware, phishing, personal-data grabbing.

    Seed clause: 001 "publishing or linking to malicious content intended to damage or
    disrupt another person's browser (malware) or computer or to compromise a person's privacy
    (phishing)"; 000 landing pages "that require a user's personal information to proceed" and
    "that automatically download files to a person's computer".

    Signal: every distinct URL in the posts is assessed once by the URL intelligence layer and
    flagged when its malicious signals reach `threshold` (combined as independent evidence,
    1 − Π(1 − w)): the host is on the denylist (1.0); a host deceptive enough to be misleading
    by itself (a lookalike, a brand plus a lure word, a disguise before "@") serves a sign-in
    or personal-data page — phishing (0.9); the link runs code (`javascript:`/`data:`, 0.8); it
    downloads a file that installs or runs code (.apk, .exe, .scr, .msi, .jar, .dmg, ... 0.7);
    the host is an IP address written to hide it (0.7). A bare IP address (0.4), a container or
    macro document download (0.35) and a sign-in / personal-data path (0.3) count only together
    with more; an abused TLD (0.2) and lure words in the host (0.2) add support and never
    suffice. A redirect's destination carried in the URL (`?url=`, `/url?q=`) is assessed too.
    Allowlisted (popular) domains carry no signal except an executable download, so an account's
    news link is never flagged for the site it is on; a shortened link is not flagged for being
    short. A phishing page on a lookalike host is reported by `spam.misleading_url` as well.
    The verdicts are joined back to the posts in the engine.

    Evidence: one finding per flagged domain (when the host alone carries the verdict, or serves
    three or more flagged URLs — what a URL denylist blocks) or URL (a bad file on an ordinary or
    shared host) with every signal in words ("host paypa1-secure.com imitates paypal.com:
    'paypa1' looks like 'paypal' ('l'→'1')"), the URLs, the earliest posts with times and
    accounts, and counts; `account_ids` are every account that posted it. Plus one finding per
    account with flagged links in at least `min_account_posts` posts, for the account action;
    an account that shared such a link once is named by the link's finding only.

    Known limits: nothing is fetched, so a shortened or otherwise opaque link to a malicious
    page, and a phishing page on a host with a neutral name and an ordinary TLD, are invisible
    unless denylisted; user content on allowlisted platforms (a form on a popular site, a file
    share) is trusted unless it is an executable or its host is denylisted specifically; the
    shipped denylist holds only test sites — give your own with `denylist_path`.
    """

    name: ClassVar[str] = "spam.malicious_url"
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (MALICIOUS_URL,)
    behaviour: ClassVar[str] = MALICIOUS_URL
