"""Per-partner keys for pseudonymised account ids.

An exported account id is ``HMAC-SHA256(key, account_id)`` in hex, with one key per sharing
partner: a partner that holds the key can compute the same pseudonym for an id it knows (a
federated handle, an id we shared with it before) and so recognise the account, but cannot
reverse it, and two partners cannot join what we gave each of them. Keys live in a TOML file
the operator keeps secret::

    # lockstep sharing keys: one per partner, 32 random bytes in hex. Keep this file private.
    [partners]
    "peer-platform" = "9c1f...e07a"

Keys are never printed, logged or written anywhere but this file; error messages name the
partner and the file, never a key. What a bundle carries is the key's *fingerprint* (a hash
of the key under a fixed label), so two parties can check they hold the same key without
revealing it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from lockstep.errors import BadInputError

#: Shortest key accepted, in bytes (a shorter HMAC key can be brute-forced).
MIN_KEY_BYTES = 16
NEW_KEY_BYTES = 32
_FINGERPRINT_LABEL = b"lockstep-sharing-key-fingerprint\x00"


@dataclass(frozen=True)
class PartnerKey:
    """One partner's key. ``repr`` hides the key so it cannot leak into logs or tracebacks."""

    partner: str
    key: bytes = field(repr=False)

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(_FINGERPRINT_LABEL + self.key).hexdigest()[:16]

    def pseudonym(self, account_id: str) -> str:
        """The account id as this partner sees it: HMAC-SHA256 in hex."""
        return hmac.new(self.key, account_id.encode("utf-8"), hashlib.sha256).hexdigest()


def _read(path: Path) -> dict[str, str]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BadInputError("key file not found", path) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        # the decoder's message may quote the offending line, which may hold a key
        raise BadInputError("key file is not valid TOML", path) from exc
    partners = raw.get("partners", {})
    if set(raw) - {"partners"} or not isinstance(partners, dict):
        raise BadInputError("key file must hold only a [partners] table", path)
    for name, value in partners.items():
        if not isinstance(value, str):
            raise BadInputError(f"the key of partner {name!r} must be a hex string", path)
    return dict(partners)


def load_key(path: Path, partner: str) -> PartnerKey:
    """``partner``'s key from the key file at ``path``."""
    keys = _read(path)
    if partner not in keys:
        known = ", ".join(sorted(keys)) or "none"
        raise BadInputError(f"no key for partner {partner!r} (partners: {known})", path)
    try:
        key = bytes.fromhex(keys[partner])
    except ValueError as exc:
        raise BadInputError(f"the key of partner {partner!r} is not hex", path) from exc
    if len(key) < MIN_KEY_BYTES:
        raise BadInputError(
            f"the key of partner {partner!r} is shorter than {MIN_KEY_BYTES} bytes", path
        )
    return PartnerKey(partner, key)


def new_key(path: Path, partner: str) -> PartnerKey:
    """Add a fresh random key for ``partner`` to the key file (created private if absent)."""
    if not partner.strip():
        raise BadInputError("a partner name is required")
    keys = _read(path) if path.exists() else {}
    if partner in keys:
        raise BadInputError(f"partner {partner!r} already has a key; remove it to replace it", path)
    key = secrets.token_bytes(NEW_KEY_BYTES)
    keys[partner] = key.hex()
    lines = [
        "# lockstep sharing keys: one per partner, 32 random bytes in hex. Keep this file private.",
        "[partners]",
        *(f"{json.dumps(name)} = {json.dumps(value)}" for name, value in sorted(keys.items())),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    tmp.replace(path)
    return PartnerKey(partner, key)
