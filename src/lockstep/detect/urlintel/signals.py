"""The risk signals one URL can carry, and the ones read from its path and query.

A signal is one observable fact with a sentence an analyst can check ("the path downloads
setup.exe"). Its ``kind`` says which behaviour it supports:

- ``malicious``: harm to the reader (malware, phishing, data grabbing) — ``spam.malicious_url``;
- ``misleading``: deception about where a link goes or who profits — ``spam.misleading_url``;
- ``support``: makes either more likely but proves nothing alone (an abused TLD, lure words);
- ``info``: context for the evidence only (the link was shortened).

Weights are combined per behaviour as independent evidence, 1 − Π(1 − w), over the primary
signals of that behaviour plus the support signals, and only when at least one primary signal
is present — so no pile of weak hints ever makes a URL malicious on its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lockstep.detect.urlintel.lists import UrlLists
from lockstep.detect.urlintel.parse import SCRIPT_SCHEMES, ParsedUrl

MALICIOUS = "malicious"
MISLEADING = "misleading"
SUPPORT = "support"
INFO = "info"


def _words_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: File types that install or run code when opened: the "automatic download" of seed 000 and
#: the malware of seed 001.
EXECUTABLE_EXTENSIONS = _words_set(
    "apk xapk ipa exe scr msi msix appx appxbundle bat cmd pif jar vbs vbe jse wsf hta ps1 "
    "lnk cpl dll reg dmg pkg"
)
#: Containers and macro documents that malware campaigns ship in; ordinary sites host them too.
RISKY_DOWNLOAD_EXTENSIONS = _words_set("zip rar 7z iso img vhd vhdx cab docm xlsm pptm xlam dotm")
#: Path or query words of pages that ask for credentials or personal data (phishing, and the
#: "landing pages that require a user's personal information" of seed 000).
CREDENTIAL_WORDS = _words_set(
    "login logon signin signon webscr verify verification validate validation unlock confirm "
    "auth authenticate authentication expired "
    "suspended password passwd credentials 2fa otp kyc ssn wallet seedphrase recovery billing "
    "claim prize winner giveaway reward rewards giftcard"
)
#: Substrings precise enough to count inside run-together words (``secure-signin2``).
CREDENTIAL_STEMS = ("login", "signin", "logon", "webscr", "password", "verify")
#: Words a deceptive host adds around a brand name (``paypal-secure-login``).
LURE_WORDS = _words_set(
    "login logon signin secure security verify verification account accounts update confirm "
    "billing payment wallet unlock recover recovery auth support helpdesk service services "
    "official gift gifts giftcard promo bonus reward rewards free claim prize winner refund "
    "suspended alert customer id password reset validate activate activation deals help"
)
#: The lure words specific enough to count when run together with a brand (``appleidverify``);
#: broader ones (``service``, ``help``) would catch brands' own domains (``googleadservices``).
RUN_TOGETHER_LURES = _words_set(
    "login logon signin secure security verify verification account accounts wallet billing "
    "unlock recover recovery password suspended refund giftcard claim prize winner confirm"
)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Signal:
    """One observed risk fact about a URL, for one behaviour."""

    code: str
    kind: str
    weight: float
    detail: str
    #: the host the signal is about (a redirect's destination has its own)
    host: str
    #: "host" when the host alone carries it, "path" when it needs the path or query
    level: str

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "weight": self.weight, "detail": self.detail}


def combine(signals: Iterable[Signal], kind: str) -> float:
    """The score of ``kind``: noisy-OR of its primary signals plus support, 0 without primary."""
    signals = list(signals)
    if not any(s.kind == kind for s in signals):
        return 0.0
    weights = [s.weight for s in signals if s.kind in (kind, SUPPORT)]
    return 1.0 - math.prod(1.0 - min(1.0, max(0.0, w)) for w in weights)


def words(text: str) -> list[str]:
    """Lower-case word tokens of a host, path or query (letters and digits of any script)."""
    return _WORD.findall(text.lower())


def path_signals(p: ParsedUrl, lists: UrlLists, *, trusted: bool) -> list[Signal]:
    """Signals read from the URL's scheme, path and query.

    ``trusted`` is set for allowlisted hosts, whose paths are trusted except for a file that
    installs code: their other path facts are kept as ``info`` only (an affiliate parameter
    there still matters when a redirect hides it).
    """
    out: list[Signal] = []
    host = p.host or p.scheme
    if p.scheme in SCRIPT_SCHEMES:
        out.append(
            Signal(
                "script_url",
                MALICIOUS,
                0.8,
                f"a {p.scheme}: link runs code or carries a page inside the link itself",
                host,
                "path",
            )
        )
        return out
    name = p.file_name
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    if ext in EXECUTABLE_EXTENSIONS:
        out.append(
            Signal(
                "executable_download",
                MALICIOUS,
                0.7,
                f"the link downloads {name}, a .{ext} file that installs or runs code",
                host,
                "path",
            )
        )
    if trusted:
        affiliate = _affiliate(p, lists)
        return out + ([_as_info(affiliate)] if affiliate is not None else [])
    if ext in RISKY_DOWNLOAD_EXTENSIONS:
        out.append(
            Signal(
                "risky_download",
                MALICIOUS,
                0.35,
                f"the link downloads {name}, a .{ext} container often used to ship malware",
                host,
                "path",
            )
        )
    text = p.path + " " + " ".join(f"{k} {v}" for k, v in p.params)
    tokens = set(words(text))
    hits = sorted(tokens & CREDENTIAL_WORDS)
    lowered = text.lower()
    hits += [s for s in CREDENTIAL_STEMS if s in lowered and s not in hits]
    if hits:
        out.append(
            Signal(
                "credential_path",
                MALICIOUS,
                0.3,
                "the page asks for sign-in or personal data (" + ", ".join(hits[:4]) + ")",
                host,
                "path",
            )
        )
    affiliate = _affiliate(p, lists)
    if affiliate is not None:
        out.append(affiliate)
    return out


def _affiliate(p: ParsedUrl, lists: UrlLists) -> Signal | None:
    names = {k.lower() for k, _ in p.params}
    for param in lists.affiliate_params:
        if param.name in names and (not param.brand or param.brand == p.label):
            return Signal(
                "affiliate_param",
                MISLEADING,
                0.3,
                f"the query names an affiliate ({param.name}=…), who is paid for the click",
                p.host,
                "path",
            )
    return None


def _as_info(signal: Signal) -> Signal:
    return Signal(signal.code, INFO, 0.0, signal.detail, signal.host, signal.level)
