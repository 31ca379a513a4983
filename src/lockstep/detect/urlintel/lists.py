"""Domain and parameter lists: the shipped defaults plus the files a deployment adds.

Lists are plain text, one entry a line, ``#`` comments, so a trust-and-safety team can keep
its own denylist in version control or export it from another system without tooling. Each
list is the shipped file (``lockstep/data``) unless switched off, plus an optional extra file
given as a detector parameter; a line that cannot be an entry stops the run with the file and
line named rather than being skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from lockstep.detect.urlintel.parse import decode_host
from lockstep.errors import BadInputError

#: A domain entry: dot-separated labels of letters (any script), digits and hyphens.
_DOMAIN = re.compile(r"^(?:[^\W_]|-)+(?:\.(?:[^\W_]|-)+)*$")
_PARAM = re.compile(r"^[a-z0-9_.\-\[\]]+$")

#: The shipped files, by list name.
SHIPPED = {
    "allow": "popular_domains.txt",
    "deny": "url_denylist.txt",
    "shorteners": "url_shorteners.txt",
    "cloakers": "url_cloakers.txt",
    "affiliate_networks": "affiliate_networks.txt",
    "affiliate_params": "affiliate_params.txt",
    "risky_tlds": "risky_tlds.txt",
    "link_wrappers": "link_wrappers.txt",
}


def _lines(text: str, source: str) -> list[tuple[int, str, str]]:
    """(line number, entry, source) for each non-comment, non-blank line."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.split("#", 1)[0].strip().lower()
        if entry:
            out.append((number, entry, source))
    return out


def _read(name: str, extra: str, shipped: bool) -> list[tuple[int, str, str]]:
    lines: list[tuple[int, str, str]] = []
    if shipped:
        text = resources.files("lockstep").joinpath("data", SHIPPED[name]).read_text("utf-8")
        lines += _lines(text, f"lockstep/data/{SHIPPED[name]}")
    if extra:
        path = Path(extra)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInputError(f"cannot read the {name} list: {exc}", path) from exc
        lines += _lines(text, str(path))
    return lines


def _domain(entry: str) -> str:
    """The entry as Lockstep compares hosts: lower case, Unicode, no trailing dot."""
    return decode_host(entry.strip(".").lstrip("*."))


def _domains(lines: Iterable[tuple[int, str, str]], name: str) -> frozenset[str]:
    out = set()
    for number, entry, source in lines:
        domain = _domain(entry)
        if not domain or not _DOMAIN.match(domain):
            raise BadInputError(f"line {number}: {entry!r} is not a domain ({name} list)", source)
        out.add(domain)
    return frozenset(out)


@dataclass(frozen=True)
class DomainList:
    """A set of domains; an entry covers the domain and all its subdomains."""

    entries: frozenset[str]

    def match(self, host: str) -> str | None:
        """The most specific entry covering ``host``, or None."""
        labels = host.split(".")
        for i in range(len(labels)):
            candidate = ".".join(labels[i:])
            if candidate in self.entries:
                return candidate
        return None


@dataclass(frozen=True)
class AffiliateParam:
    """A query parameter that names an affiliate, optionally only on one brand's hosts."""

    name: str
    brand: str = ""


@dataclass(frozen=True)
class UrlLists:
    """Every list the URL intelligence layer reads."""

    allow: DomainList
    deny: DomainList
    shorteners: DomainList
    cloakers: DomainList
    affiliate_networks: DomainList
    affiliate_params: tuple[AffiliateParam, ...]
    risky_tlds: frozenset[str]
    link_wrappers: DomainList

    @classmethod
    def load(
        cls,
        *,
        shipped: bool = True,
        allow: str = "",
        deny: str = "",
        shorteners: str = "",
        cloakers: str = "",
        affiliate_networks: str = "",
        affiliate_params: str = "",
        risky_tlds: str = "",
        link_wrappers: str = "",
    ) -> UrlLists:
        """The shipped lists (unless ``shipped`` is false) plus the given extra files."""
        params = []
        for number, entry, source in _read("affiliate_params", affiliate_params, shipped):
            parts = entry.split()
            if len(parts) > 2 or not _PARAM.match(parts[0]):
                raise BadInputError(
                    f"line {number}: {entry!r} is not 'parameter [brand]' (affiliate_params list)",
                    source,
                )
            params.append(AffiliateParam(parts[0], parts[1] if len(parts) == 2 else ""))
        tlds = _domains(_read("risky_tlds", risky_tlds, shipped), "risky_tlds")
        return cls(
            allow=DomainList(_domains(_read("allow", allow, shipped), "allow")),
            deny=DomainList(_domains(_read("deny", deny, shipped), "deny")),
            shorteners=DomainList(_domains(_read("shorteners", shorteners, shipped), "shorteners")),
            cloakers=DomainList(_domains(_read("cloakers", cloakers, shipped), "cloakers")),
            affiliate_networks=DomainList(
                _domains(
                    _read("affiliate_networks", affiliate_networks, shipped), "affiliate_networks"
                )
            ),
            affiliate_params=tuple(sorted(set(params), key=lambda p: (p.name, p.brand))),
            risky_tlds=tlds,
            link_wrappers=DomainList(
                _domains(_read("link_wrappers", link_wrappers, shipped), "link_wrappers")
            ),
        )
