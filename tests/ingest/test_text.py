"""URLs, hashtags and mentions taken from post text when the input does not list them."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from tests.ingest.helpers import jsonl, run, write

ACCOUNTS = "account_id,handle\na1,Alice\na2,@bob\na3,dup\na4,DUP\n"


def _post(text: str, **extra: object) -> dict[str, object]:
    return {"post_id": "p1", "account_id": "a1", "created_at": "2024-03-01", "text": text, **extra}


def _ingest(tmp_path: Path, posts: list[dict[str, object]]) -> list[dict[str, object]]:
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS, "posts.jsonl": jsonl(posts)}))
    return done.rows("posts")


def test_urls_are_found_normalised_and_kept_as_written(tmp_path: Path) -> None:
    text = (
        "Read https://Example.com/a/?utm_source=tw&b=2#top, then www.other.example/x. "
        "(also http://third.example/path)"
    )
    [post] = _ingest(tmp_path, [_post(text)])
    assert post["urls_raw"] == [
        "https://Example.com/a/?utm_source=tw&b=2#top",
        "www.other.example/x",
        "http://third.example/path",
    ]
    assert post["urls"] == [
        "https://example.com/a?b=2",
        "http://www.other.example/x",
        "http://third.example/path",
    ]


def test_hashtags_in_many_scripts(tmp_path: Path) -> None:
    text = (
        "#Привет мир #مرحبا #東京 ＃ＦｕｌｌＷｉｄｔｈ #tag_1 #2024 x#notatag "
        "https://a.example/#frag #Ünïcode"
    )
    [post] = _ingest(tmp_path, [_post(text)])
    assert post["hashtags"] == ["привет", "مرحبا", "東京", "fullwidth", "tag_1", "ünïcode"]


def test_mentions_resolve_to_accounts_case_insensitively(tmp_path: Path) -> None:
    text = "hi @ALICE and @bob, cc @nobody and @dup; mail me at x@alice.example"
    [post] = _ingest(tmp_path, [_post(text)])
    # unknown handles, and handles shared by two accounts, stay as "@handle"
    assert post["mentions"] == ["a1", "a2", "@nobody", "@dup"]


def test_given_lists_win_and_text_fills_only_the_gaps(tmp_path: Path) -> None:
    posts = [
        _post("#fromtext http://t.example @alice", hashtags=["given"], urls=[], mentions=["a9"]),
        {**_post("#fromtext http://t.example @alice"), "post_id": "p2"},
        {"post_id": "p3", "account_id": "a1", "created_at": "2024-03-01"},
    ]
    rows = _ingest(tmp_path, posts)
    assert [(r["hashtags"], r["urls"], r["mentions"]) for r in rows] == [
        (["given"], [], ["a9"]),
        (["fromtext"], ["http://t.example"], ["a1"]),
        (None, None, None),
    ]


def test_report_names_the_derived_columns(tmp_path: Path) -> None:
    done = run(
        write(
            tmp_path / "d", {"accounts.csv": ACCOUNTS, "posts.jsonl": jsonl([_post("plain words")])}
        )
    )
    assert done.report.tables["posts"].derived_columns == ["hashtags", "mentions", "urls"]
    assert done.rows("posts")[0]["urls"] == []

    given = _post("plain", urls=["http://x.example"], hashtags=["a"], mentions=["a1"])
    done = run(write(tmp_path / "g", {"accounts.csv": ACCOUNTS, "posts.jsonl": jsonl([given])}))
    assert done.report.tables["posts"].derived_columns == []


def test_urls_table_has_one_row_per_distinct_url(tmp_path: Path) -> None:
    posts = pa.table(
        {
            "post_id": ["p1", "p2"],
            "account_id": ["a1", "a2"],
            "created_at": ["2024-03-01", "2024-03-01"],
            "urls": [
                [
                    "https://www.shop.example.co.uk/item?utm_medium=x",
                    "https://domain-7.invalid/url-1",
                ],
                ["HTTPS://WWW.SHOP.EXAMPLE.CO.UK/item/", "http://192.0.2.1:8080/a"],
            ],
        }
    )
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS, "posts.parquet": posts}))
    assert done.rows("urls") == [
        {
            "url": "http://192.0.2.1:8080/a",
            "scheme": "http",
            "host": "192.0.2.1",
            "registered_domain": "192.0.2.1",
            "suffix": "",
            "path": "/a",
            "query": "",
        },
        {
            "url": "https://domain-7.invalid/url-1",
            "scheme": "https",
            "host": "domain-7.invalid",
            "registered_domain": "domain-7.invalid",
            "suffix": "invalid",
            "path": "/url-1",
            "query": "",
        },
        {
            "url": "https://www.shop.example.co.uk/item",
            "scheme": "https",
            "host": "www.shop.example.co.uk",
            "registered_domain": "example.co.uk",
            "suffix": "co.uk",
            "path": "/item",
            "query": "",
        },
    ]
    assert done.column("posts", "urls_raw")[1] == [
        "HTTPS://WWW.SHOP.EXAMPLE.CO.UK/item/",
        "http://192.0.2.1:8080/a",
    ]
