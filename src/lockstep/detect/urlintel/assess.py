"""Assess one URL: its signals, the behaviour they support, and the subject to act on.

Each distinct URL is assessed once (host-level work is cached per host), so this runs in
Python over a small table and the result is joined back to the posts in the engine.

Rules, in order:

1. A denylisted host (or parent domain) is malicious, whatever else holds.
2. An allowlisted host carries no signal except an executable download: popular domains host
   user content, and flagging them would bury the analyst; a lookalike *of* them is flagged.
   A more specific entry on another list beats the allowlist (``rover.ebay.com`` is an
   affiliate redirect although ``ebay.com`` is allowlisted).
3. A redirect's destination (a URL inside the query, as ``google.com/url?q=...`` or a
   tracker's ``?url=``) is assessed as well; if it carries signals, the link is also a cloaked
   redirect, and an affiliate parameter seen only there is a hidden affiliate.
4. A host deceptive enough to be misleading by itself (a lookalike, a disguise in the
   user-info part) with a login or personal-data path is phishing: malicious. A mere typo of
   a brand is not enough (``routers.com/login`` is a router vendor's sign-in page).
5. A link through an allowlisted site to another domain (``google.com/url?q=...``) shows one
   host and leads to another: a disguised redirect, misleading — unless the site is a
   platform's link wrapper (``l.facebook.com``), which every exported outbound link carries.
6. A URL is malicious when its malicious score reaches the threshold and misleading when its
   misleading score does — both for a phishing page on a lookalike host. Each verdict lists
   every signal of the URL, its own behaviour's first.

The subject is the *domain* when the host's own signals reach the threshold (the domain is
what a URL denylist blocks), else the URL itself (a bad file on an ordinary host); the
engine step also names the domain when it serves several flagged URLs (see ``engine``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lockstep.detect.urlintel.lists import UrlLists
from lockstep.detect.urlintel.lookalike import BrandIndex
from lockstep.detect.urlintel.parse import ParsedUrl, clean, nested_urls, parse_url
from lockstep.detect.urlintel.signals import (
    INFO,
    LURE_WORDS,
    MALICIOUS,
    MISLEADING,
    SUPPORT,
    Signal,
    combine,
    path_signals,
    words,
)

MALICIOUS_URL = "spam.malicious_url"
MISLEADING_URL = "spam.misleading_url"
BEHAVIOUR_OF = {MALICIOUS: MALICIOUS_URL, MISLEADING: MISLEADING_URL}

#: How deep redirect destinations are followed inside one URL.
MAX_DEPTH = 3


@dataclass(frozen=True)
class Assessment:
    """The verdict on one URL."""

    #: the URL exactly as stored in the lake (the join key back to the posts)
    url: str
    behaviour: str
    score: float
    subject_type: str
    subject_id: str
    signals: tuple[Signal, ...]
    #: the domain a finding may name instead of the URL when it serves many flagged URLs:
    #: the first host of the redirect chain that is neither allowlisted (shared) nor an IP
    #: address; empty when there is none
    domain: str


class UrlIntel:
    """The URL intelligence layer: lists, brand index and the rules above."""

    def __init__(self, lists: UrlLists, threshold: float = 0.5) -> None:
        self.lists = lists
        self.threshold = threshold
        self.brands = BrandIndex(lists.allow)
        self._host_cache = lru_cache(maxsize=65536)(self._host_signals)

    # -- host ------------------------------------------------------------------------------

    def _allowlisted(self, host: str) -> bool:
        allowed = self.lists.allow.match(host)
        if allowed is None:
            return False
        for other in (self.lists.deny, self.lists.cloakers, self.lists.affiliate_networks):
            entry = other.match(host)
            if entry is not None and len(entry) > len(allowed):
                return False
        return True

    def _host_signals(
        self, host: str, label: str, subdomain: str, suffix: str
    ) -> tuple[Signal, ...]:
        lists = self.lists
        denied = lists.deny.match(host)
        if denied is not None:
            return (
                Signal(
                    "denylisted", MALICIOUS, 1.0, f"{denied} is on the URL denylist", host, "host"
                ),
            )
        if self._allowlisted(host):
            return ()
        out: list[Signal] = []
        cloaker = lists.cloakers.match(host)
        if cloaker is not None:
            out.append(
                Signal(
                    "cloaker",
                    MISLEADING,
                    0.6,
                    f"{cloaker} is a link cloaker: an ad page hides the destination and pays "
                    "the poster per click",
                    host,
                    "host",
                )
            )
        network = lists.affiliate_networks.match(host)
        if network is not None:
            out.append(
                Signal(
                    "affiliate_network",
                    MISLEADING,
                    0.55,
                    f"{network} is an affiliate redirect: the reader cannot see that the poster "
                    "is paid for the click",
                    host,
                    "host",
                )
            )
        shortener = lists.shorteners.match(host)
        if shortener is not None:
            out.append(
                Signal("shortener", INFO, 0.0, f"{shortener} is a link shortener", host, "host")
            )
        if cloaker is None and network is None and shortener is None:
            out += self.brands.signals(host, label, subdomain, suffix)
        if suffix and suffix.rsplit(".", 1)[-1] in lists.risky_tlds:
            tld = suffix.rsplit(".", 1)[-1]
            out.append(
                Signal(
                    "risky_tld", SUPPORT, 0.2, f".{tld} is among the most abused TLDs", host, "host"
                )
            )
        lures = sorted(set(words(f"{subdomain} {label}")) & LURE_WORDS)
        if lures and not any(s.code == "combosquat" for s in out):
            out.append(
                Signal(
                    "lure_host",
                    SUPPORT,
                    0.2,
                    f"host {host} is made of lure words ({', '.join(lures[:3])})",
                    host,
                    "host",
                )
            )
        return tuple(out)

    def host_signals(self, p: ParsedUrl) -> list[Signal]:
        """Signals of ``p``'s host, plus the IP and user-info facts of this very URL."""
        if not p.host:
            return []
        out: list[Signal] = []
        if p.ip is not None:
            if self.lists.deny.match(p.host) is not None:
                return [
                    Signal(
                        "denylisted",
                        MALICIOUS,
                        1.0,
                        f"{p.host} is on the URL denylist",
                        p.host,
                        "host",
                    )
                ]
            if p.ip_obfuscated:
                out.append(
                    Signal(
                        "ip_obfuscated",
                        MALICIOUS,
                        0.7,
                        f"host {p.host} is the IP address {p.ip} written to hide it",
                        p.host,
                        "host",
                    )
                )
            else:
                out.append(
                    Signal(
                        "ip_literal",
                        MALICIOUS,
                        0.4,
                        f"the link goes to the bare IP address {p.ip}, not a domain",
                        p.host,
                        "host",
                    )
                )
        else:
            out += self._host_cache(p.host, p.label, p.subdomain, p.suffix)
        if p.userinfo and any(c.isalpha() for c in p.userinfo):
            out.append(
                Signal(
                    "userinfo",
                    MISLEADING,
                    0.6,
                    f"the link shows '{p.userinfo}@' before its real host {p.host}",
                    p.host,
                    "host",
                )
            )
        return out

    # -- the whole URL ---------------------------------------------------------------------

    def signals(self, url: str, depth: int = 0) -> tuple[ParsedUrl | None, list[Signal]]:
        """``url`` parsed, and every signal of it and of the destinations it carries."""
        p = parse_url(url)
        if p is None:
            return None, []
        allowed = bool(p.host) and p.ip is None and self._allowlisted(p.host)
        out = self.host_signals(p)
        own_path = path_signals(p, self.lists, trusted=allowed)
        out += own_path
        # A host deceptive enough to be flagged by itself, serving a sign-in page: phishing.
        deceptive = combine([s for s in out if s.level == "host"], MISLEADING) >= self.threshold
        if deceptive and any(s.code == "credential_path" for s in own_path):
            out.append(
                Signal(
                    "phishing",
                    MALICIOUS,
                    0.9,
                    f"a deceptive host ({p.host}) with a sign-in or personal-data page",
                    p.host,
                    "host",
                )
            )
        if depth >= MAX_DEPTH:
            return p, out
        for inner_url in nested_urls(p)[:2]:
            inner, inner_signals = self.signals(inner_url, depth + 1)
            if inner is None or inner.domain == p.domain or not inner.host:
                continue
            risky = [
                s
                for s in inner_signals
                if s.kind in (MALICIOUS, MISLEADING) or s.code == "affiliate_param"
            ]
            wrapper = self.lists.link_wrappers.match(p.host) is not None
            if allowed and not wrapper and not self._allowlisted(inner.host):
                out.append(
                    Signal(
                        "disguised_redirect",
                        MISLEADING,
                        0.5,
                        f"the link shows {p.host} but leads to {inner.host}",
                        inner.host,
                        "path",
                    )
                )
            if not risky:
                continue
            out += [_hidden(s, inner.host) for s in inner_signals]
            out.append(
                Signal(
                    "cloaked_redirect",
                    MISLEADING,
                    0.5,
                    f"the link passes through {p.host or p.scheme} to {inner.host}, "
                    "hiding a risky destination",
                    p.host,
                    "path",
                )
            )
        return p, out

    def assess(self, url: str) -> list[Assessment]:
        """The verdicts on ``url``: one per behaviour whose score reaches the threshold.

        A phishing page on a lookalike host is both malicious and misleading; each finding
        then names the subject its own signals point at.
        """
        p, signals = self.signals(url)
        if p is None:
            return []
        out = []
        ordered = tuple(_ordered(signals))
        for kind in (MALICIOUS, MISLEADING):
            score = combine(signals, kind)
            if score < self.threshold:
                continue
            subject_type, subject_id = self._subject(p, signals, kind)
            out.append(
                Assessment(
                    url=url,
                    behaviour=BEHAVIOUR_OF[kind],
                    score=round(score, 6),
                    subject_type=subject_type,
                    subject_id=subject_id,
                    # this behaviour's own signals first, then every other fact about the URL
                    signals=tuple(
                        sorted(ordered, key=lambda sig, k=kind: sig.kind != k)  # type: ignore[misc]
                    ),
                    domain=self._fold_domain(p, signals),
                )
            )
        return out

    def _fold_domain(self, p: ParsedUrl, signals: Sequence[Signal]) -> str:
        """The domain a finding may name instead of the URL: the first host along the link's
        redirect chain that is a domain of its own (not allowlisted, not an IP address)."""
        for host in [p.host, *(s.host for s in signals)]:
            if not host or host == p.scheme:
                continue
            parsed = parse_url(f"http://{host}/")
            if parsed is not None and parsed.ip is None and not self._allowlisted(host):
                return _domain_of(host, self.lists)
        return ""

    def _subject(self, p: ParsedUrl, signals: Sequence[Signal], kind: str) -> tuple[str, str]:
        """The domain whose own host signals carry the verdict, else the URL."""
        hosts = sorted({s.host for s in signals if s.level == "host" and s.host})
        for host in [p.host, *[h for h in hosts if h != p.host]]:
            own = [s for s in signals if s.host == host and s.level == "host"]
            if combine(own, kind) >= self.threshold:
                return "domain", _domain_of(host, self.lists)
        return "url", clean(p.url)


def _hidden(signal: Signal, host: str) -> Signal:
    """An affiliate parameter seen only behind a redirect is a hidden affiliate link."""
    if signal.code != "affiliate_param":
        return signal
    return Signal(
        "hidden_affiliate",
        MISLEADING,
        0.6,
        f"the redirect's destination {host} carries an affiliate parameter the reader does not see",
        signal.host,
        signal.level,
    )


def _domain_of(host: str, lists: UrlLists) -> str:
    """The domain to name (and block): the registered domain, or a more specific list entry
    (``rover.ebay.com``, ``sites.google.com``) so that blocking it spares the rest."""
    parsed = parse_url(f"http://{host}/")
    domain = parsed.domain if parsed is not None and parsed.domain else host
    for found in (lists.deny, lists.cloakers, lists.affiliate_networks):
        entry = found.match(host)
        if entry is not None and len(entry) > len(domain):
            return entry
    return domain


def _ordered(signals: Sequence[Signal]) -> list[Signal]:
    """Strongest first, then by code, without repeats."""
    seen: dict[tuple[str, str], Signal] = {}
    for s in signals:
        seen.setdefault((s.code, s.detail), s)
    return sorted(seen.values(), key=lambda s: (-s.weight, s.code, s.detail))
