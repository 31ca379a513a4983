"""TAXII 2.1 transport for bundles: publish to a peer group's collection, pull from it.

``--server`` is the TAXII API root (``https://taxii.example.org/api1/``) and
``--collection`` the collection's id, as the group's TAXII server lists them. Publishing
posts the bundle's objects in a TAXII envelope and waits for the server's status; pulling
pages through the collection's objects (optionally only those added after a time), keeps
the newest version of each object and writes them as one bundle that ``lockstep share
import`` reads — a collection holds many peers' bundles, which the import tells apart by
their campaigns.

Credentials are a user and password (HTTP basic) or a bearer token, taken from options or
the environment, and are never printed: error messages name the server and the HTTP status,
and strip any user information from URLs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests

from lockstep.errors import BadInputError
from lockstep.share.ids import stix_id


class BearerAuth(requests.auth.AuthBase):
    """``Authorization: Bearer TOKEN``; ``repr`` hides the token."""

    def __init__(self, token: str) -> None:
        self._token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._token}"
        return request

    def __repr__(self) -> str:
        return "BearerAuth(***)"


@dataclass(frozen=True)
class Credentials:
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    def kwargs(self) -> dict[str, Any]:
        if self.token and (self.user or self.password):
            raise BadInputError("give either --user/--password or --token, not both")
        if self.token:
            return {"auth": BearerAuth(self.token)}
        if bool(self.user) != bool(self.password):
            raise BadInputError("--user and --password go together")
        return {"user": self.user, "password": self.password} if self.user else {}


def public_url(url: str) -> str:
    """``url`` without user information, for messages."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, ""))


def collection_url(server: str, collection: str) -> str:
    if not server.startswith(("http://", "https://")):
        raise BadInputError(f"--server must be an http(s) URL of a TAXII API root, not {server!r}")
    if not collection.strip() or "/" in collection:
        raise BadInputError(f"not a collection id: {collection!r}")
    return server.rstrip("/") + f"/collections/{collection}/"


def _collection(server: str, collection: str, creds: Credentials) -> Any:
    from taxii2client.v21 import Collection

    return Collection(collection_url(server, collection), **creds.kwargs())


def _failed(exc: Exception, server: str) -> BadInputError:
    where = public_url(server)
    response = getattr(exc, "response", None)
    if response is not None:
        return BadInputError(
            f"TAXII server {where} answered {response.status_code} {response.reason}"
        )
    if isinstance(exc, requests.ConnectionError):
        return BadInputError(f"cannot reach TAXII server {where}")
    return BadInputError(f"TAXII server {where}: {exc}")


@dataclass(frozen=True)
class Published:
    bundle_id: str
    objects: int
    status: str
    successes: int
    failures: int


def publish(text: str, server: str, collection: str, creds: Credentials) -> Published:
    """Add the bundle's objects to the collection; fails unless every object was accepted."""
    from taxii2client.exceptions import TAXIIServiceException

    try:
        bundle = json.loads(text)
    except ValueError as exc:
        raise BadInputError(f"the bundle is not JSON: {exc}") from exc
    if not isinstance(bundle, dict) or bundle.get("type") != "bundle":
        raise BadInputError("not a STIX bundle (no top-level type 'bundle')")
    objects = bundle.get("objects") or []
    try:
        status = _collection(server, collection, creds).add_objects(
            {"objects": objects}, wait_for_completion=True, poll_interval=1, timeout=60
        )
    except (requests.RequestException, TAXIIServiceException) as exc:
        raise _failed(exc, server) from exc
    failures = int(status.failure_count or 0)
    if failures or status.status != "complete":
        first = (status.failures or [{}])[0]
        why = f": {first.get('id', '')} {first.get('message', '')}".rstrip() if failures else ""
        raise BadInputError(
            f"TAXII server {public_url(server)} did not take every object "
            f"({status.status}, {failures} failed{why})"
        )
    return Published(
        str(bundle.get("id", "")), len(objects), str(status.status), int(status.success_count), 0
    )


def _pages(col: Any, added_after: str | None) -> Iterator[dict[str, Any]]:
    from taxii2client.v21 import as_pages

    kwargs = {"added_after": added_after} if added_after else {}
    yield from as_pages(col.get_objects, per_request=100, **kwargs)


def pull(server: str, collection: str, creds: Credentials, added_after: str | None) -> str:
    """The collection's objects (newest version of each) as one bundle, in a stable order."""
    from taxii2client.exceptions import TAXIIServiceException

    newest: dict[str, dict[str, Any]] = {}
    try:
        col = _collection(server, collection, creds)
        for envelope in _pages(col, added_after):
            for obj in envelope.get("objects") or []:
                oid = str(obj.get("id"))
                version = str(obj.get("modified") or obj.get("created") or "")
                held = newest.get(oid)
                if held is None or version > str(held.get("modified") or held.get("created") or ""):
                    newest[oid] = obj
    except (requests.RequestException, TAXIIServiceException) as exc:
        raise _failed(exc, server) from exc
    objects = [newest[k] for k in sorted(newest)]
    digest = hashlib.sha256(
        "\n".join(json.dumps(o, sort_keys=True) for o in objects).encode()
    ).hexdigest()
    bundle_id = stix_id("bundle", public_url(server), collection, digest)
    return (
        json.dumps(
            {"type": "bundle", "id": bundle_id, "objects": objects}, indent=2, ensure_ascii=False
        )
        + "\n"
    )
