"""The input data contract (DESIGN §3) as code.

Ingest validates against these specs and the lake stores exactly these columns, so every
later stage can rely on one canonical shape: ids are strings, times are naive UTC
timestamps (microseconds), lists are lists of strings, unknown columns live in ``attrs``.
Keeping the contract in one module means the docs, the validator and the synthetic world
cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pyarrow as pa


class ColType(StrEnum):
    """Logical column types of the contract; each maps to one Arrow type in the lake."""

    ID = "id"
    STRING = "string"
    TIMESTAMP = "timestamp"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    LIST = "list"


ARROW_TYPES: dict[ColType, pa.DataType] = {
    ColType.ID: pa.string(),
    ColType.STRING: pa.string(),
    ColType.TIMESTAMP: pa.timestamp("us"),
    ColType.INT: pa.int64(),
    ColType.FLOAT: pa.float64(),
    ColType.BOOL: pa.bool_(),
    ColType.LIST: pa.list_(pa.string()),
}

ATTRS_TYPE = pa.map_(pa.string(), pa.string())


@dataclass(frozen=True)
class Column:
    """One column of a contract table."""

    name: str
    type: ColType
    required: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""


@dataclass(frozen=True)
class TableSpec:
    """One table of the contract: its columns, its key and its references."""

    name: str
    columns: tuple[Column, ...]
    key: str | None
    doc: str
    #: at least one of these columns must be non-null on every row
    one_of: tuple[str, ...] = ()
    #: column -> (table, column) that it refers to
    references: tuple[tuple[str, str, str], ...] = ()

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def arrow_schema(self) -> pa.Schema:
        """The lake schema: contract columns, plus ``attrs`` for unknown input columns."""
        fields = [pa.field(c.name, ARROW_TYPES[c.type]) for c in self.columns]
        fields.append(pa.field("attrs", ATTRS_TYPE))
        return pa.schema(fields)


POST_KINDS = ("post", "comment", "video", "livestream", "product")
ENGAGEMENT_KINDS = (
    "like",
    "repost",
    "follow",
    "unfollow",
    "view",
    "share",
    "save",
    "vote",
    "order",
    "review",
    "list_add",
    "block",
)
SESSION_EVENTS = ("signup", "login", "post")
REPORT_TARGETS = ("account", "post", "url")

C = Column
T = ColType

ACCOUNTS = TableSpec(
    name="accounts",
    key="account_id",
    doc="One row per account on the platform.",
    columns=(
        C("account_id", T.ID, required=True),
        C("handle", T.STRING, doc="@-name, without the @"),
        C("display_name", T.STRING),
        C("created_at", T.TIMESTAMP),
        C("bio", T.STRING),
        C("avatar_hash", T.STRING, doc="hex perceptual hash of the avatar"),
        C("followers_count", T.INT),
        C("following_count", T.INT),
        C("verified", T.BOOL),
        C("declared_automated", T.BOOL, doc="self-labelled bot"),
        C("lang", T.STRING),
        C("country", T.STRING, doc="declared, ISO 3166-1 alpha-2"),
        C("suspended_at", T.TIMESTAMP, doc="suspended before this data"),
        C(
            "is_stub",
            T.BOOL,
            doc="set by ingest: the account was referenced by activity but absent from accounts",
        ),
    ),
)

POSTS = TableSpec(
    name="posts",
    key="post_id",
    doc="Posts, comments, replies and quotes.",
    columns=(
        C("post_id", T.ID, required=True),
        C("account_id", T.ID, required=True),
        C("created_at", T.TIMESTAMP, required=True),
        C("text", T.STRING),
        C("lang", T.STRING),
        C("kind", T.STRING, choices=POST_KINDS, doc="default post"),
        C("reply_to", T.ID, doc="post_id"),
        C("quote_of", T.ID, doc="post_id"),
        C("urls", T.LIST, doc="normalised URLs (extracted from text when absent)"),
        C("urls_raw", T.LIST, doc="set by ingest: the URLs as written"),
        C("hashtags", T.LIST, doc="without #, lower-cased"),
        C("mentions", T.LIST, doc="account_ids"),
        C("media_hashes", T.LIST),
        C("deleted_at", T.TIMESTAMP),
    ),
    references=(("account_id", "accounts", "account_id"),),
)

ENGAGEMENTS = TableSpec(
    name="engagements",
    key="engagement_id",
    doc="Likes, reposts without text, follows, views, orders and other engagement.",
    columns=(
        C("engagement_id", T.ID, doc="derived from the row's content when absent"),
        C("account_id", T.ID, required=True),
        C("kind", T.STRING, required=True, choices=ENGAGEMENT_KINDS),
        C("created_at", T.TIMESTAMP, required=True),
        C("target_post_id", T.ID),
        C("target_account_id", T.ID),
        C("value", T.FLOAT, doc="rating or vote"),
    ),
    one_of=("target_post_id", "target_account_id"),
    references=(("account_id", "accounts", "account_id"),),
)

SESSIONS = TableSpec(
    name="sessions",
    key=None,
    doc="Sign-ups, logins and posting sessions with network signals.",
    columns=(
        C("account_id", T.ID, required=True),
        C("created_at", T.TIMESTAMP, required=True),
        C("event", T.STRING, choices=SESSION_EVENTS),
        C("ip", T.STRING, doc="address, prefix or keyed hash"),
        C("asn", T.STRING),
        C("ip_country", T.STRING),
        C("device_id", T.STRING),
        C("user_agent", T.STRING),
        C("via_proxy", T.BOOL),
    ),
    references=(("account_id", "accounts", "account_id"),),
)

REPORTS = TableSpec(
    name="reports",
    key="report_id",
    doc="User reports of accounts, posts or URLs.",
    columns=(
        C("report_id", T.ID, doc="derived from the row's content when absent"),
        C("reporter_id", T.ID, required=True),
        C("target_type", T.STRING, required=True, choices=REPORT_TARGETS),
        C("target_id", T.ID, required=True),
        C("created_at", T.TIMESTAMP, required=True),
        C("reason", T.STRING),
        C("text", T.STRING),
    ),
)

TABLES: dict[str, TableSpec] = {
    t.name: t for t in (ACCOUNTS, POSTS, ENGAGEMENTS, SESSIONS, REPORTS)
}

#: Tables a dataset must have; posts or engagements (at least one) are also required.
REQUIRED_TABLES = ("accounts",)
ACTIVITY_TABLES = ("posts", "engagements")

#: File endings ingest reads, in order of preference when a table has several.
FILE_SUFFIXES = (".parquet", ".csv", ".csv.gz", ".jsonl", ".jsonl.gz")
