"""Near-duplicate text machinery shared by the duplicate, copypasta and post-delete detectors."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

import ibis
import numpy as np
import pyarrow as pa
import pytest

from lockstep.detect.text import (
    NearDupParams,
    components,
    near_duplicate_groups,
    normalise,
    weighted_length,
)

T0 = datetime(2024, 3, 1, 10, 0)

BASE = "Huge sale today only: designer watches at half price, free shipping worldwide"
#: Edits a spammer makes to look new, and that must still match BASE.
EDITS = [
    BASE + " 🔥🔥",  # emoji added
    BASE.upper(),  # case
    BASE.replace(" ", "   ").replace(":", " -"),  # whitespace and punctuation
    BASE + ", hurry",  # word added at the end
    "Huge sale today: designer watches at half price, free shipping worldwide!!!",  # removed
    BASE + " https://shop.example/p?id=991",  # link added
    BASE.replace("designer", "luxury designer"),  # word added
    "@alice @bob " + BASE,  # addressed to others
]
UNRELATED = [
    "The council meets on Thursday to discuss the new cycle lanes downtown",
    "Lovely walk along the river this morning, the herons were out",
    "Does anyone have a good recipe for lentil soup with smoked paprika?",
]


def _run(rows: list[dict[str, object]], by: str | None = "account_id", **params: object):  # type: ignore[no-untyped-def]
    con = ibis.duckdb.connect()
    table = con.create_table("posts", pa.Table.from_pylist(rows))
    return near_duplicate_groups(table, NearDupParams(**params), by=by).to_pyarrow()  # type: ignore[arg-type]


def _posts(texts: list[str], account: str = "a1", start: int = 0) -> list[dict[str, object]]:
    return [
        {
            "post_id": f"{account}-{start + i:03d}",
            "account_id": account,
            "created_at": T0 + timedelta(minutes=start + i),
            "text": t,
        }
        for i, t in enumerate(texts)
    ]


def _clusters(result: pa.Table) -> list[set[str]]:
    """The clusters as sets of post ids, in a canonical order."""
    by_group: dict[str, set[str]] = defaultdict(set)
    for row in result.to_pylist():
        by_group[row["group_id"]].add(row["post_id"])
    return sorted(by_group.values(), key=min)


def _norm(text: str | None) -> str | None:
    t = ibis.memtable(pa.table({"text": pa.array([text], pa.string())}))
    return t.select(n=normalise(t.text)).to_pyarrow()["n"][0].as_py()  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Check THIS out!!! 😀😀 https://t.co/xYz?a=1 @Bob_99", "checkthisout"),
        ("#Deal of the #DAY www.shop.example/a", "dealofthe"),  # closing tag block dropped
        ("Spring sale on #shoes today! #fashion #sale 🔥 #spring", "springsaleonshoestoday"),
        ("  Ünïcödé\tWörds…  ", "ünïcödéwörds"),
        ("ПРИВЕТ, мир! @иван", "приветмир"),
        ("@ali.hassan_2 thanks, @bob.", "thanks"),  # handles with dots
        ("مرحبا بالعالم!", "مرحبابالعالم"),
        ("今天天气很好，我们去公园吧！", "今天天气很好我们去公园吧"),
        ("नमस्ते दुनिया", "नमस्तेदुनिया"),  # combining vowel signs are kept
        ("❤️❤️❤️ 1️⃣", "1"),
        (None, None),
    ],
)
def test_normalise_keeps_what_a_post_says_in_any_script(
    text: str | None, expected: str | None
) -> None:
    assert _norm(text) == expected


def test_dense_scripts_count_three_towards_the_minimum_length() -> None:
    t = ibis.memtable(pa.table({"n": ["今天天气很好", "abcdef", "abc今天"]}))
    out = t.select(w=weighted_length(t.n, 10)).to_pyarrow()["w"].to_pylist()
    assert out == [18, 6, 9]


def test_components_label_each_node_with_its_smallest_member() -> None:
    a = np.array([0, 5, 3, 7, 8], dtype=np.int64)
    b = np.array([4, 4, 6, 6, 9], dtype=np.int64)  # 0-4-5, 3-6-7, 8-9, 1, 2 alone
    assert components(a, b, 10).tolist() == [0, 1, 2, 3, 0, 0, 3, 3, 8, 8]


def test_components_of_a_long_chain_converge() -> None:
    n = 1000
    order = np.random.default_rng(7).permutation(n)
    label = components(order[:-1].astype(np.int64), order[1:].astype(np.int64), n)
    assert (label == 0).all()


def test_edited_copies_form_one_cluster_and_unrelated_posts_none() -> None:
    result = _run(_posts([BASE, *EDITS, *UNRELATED]))
    clusters = _clusters(result)
    assert len(clusters) == 1
    assert clusters[0] == {f"a1-{i:03d}" for i in range(len(EDITS) + 1)}
    assert set(result["group_id"].to_pylist()) == {"a1-000"}  # the cluster's smallest post id
    assert min(result["similarity"].to_pylist()) >= 0.7


def test_reordered_hashtags_still_match() -> None:
    texts = [
        "Our new spring collection is here, come and see it in store #fashion #sale #spring",
        "Our new spring collection is here, come and see it in store #spring #fashion #sale",
        "Our new spring collection is here, come and see it in store #sale #spring #fashion",
    ]
    assert len(_clusters(_run(_posts(texts)))) == 1


@pytest.mark.parametrize(
    "texts",
    [
        [  # Cyrillic
            "Покупайте дешёвые часы в нашем магазине, лучшие цены в городе",
            "покупайте ДЕШЁВЫЕ часы в нашем магазине!!! лучшие цены в городе 🔥",
            "Покупайте дешёвые часы в нашем новом магазине, лучшие цены в городе",
        ],
        [  # Arabic
            "اشتر الساعات الرخيصة من متجرنا اليوم بأفضل الأسعار في المدينة",
            "اشتر الساعات الرخيصة من متجرنا اليوم!! بأفضل الأسعار في المدينة 🔥",
            "اشتر الساعات الرخيصة من متجرنا اليوم بأفضل الأسعار في كل المدينة",
        ],
        [  # Chinese: punctuation differs, one copy has an extra clause
            "今天我们的商店所有手表半价出售欢迎大家光临选购",
            "今天，我们的商店所有手表半价出售！欢迎大家光临选购！",
            "今天我们的商店所有手表半价出售欢迎大家光临选购谢谢",
        ],
    ],
    ids=["cyrillic", "arabic", "chinese"],
)
def test_multilingual_near_duplicates_match(texts: list[str]) -> None:
    clusters = _clusters(_run(_posts(texts)))
    assert clusters == [{"a1-000", "a1-001", "a1-002"}]


def test_short_stock_phrases_never_match() -> None:
    texts = ["thanks!", "Thanks!!", "lol", "LOL 😂", "first", "❤️", "❤️", "thank you so much"]
    assert _run(_posts(texts)).num_rows == 0


def test_distinct_headlines_with_the_same_link_do_not_match() -> None:
    headlines = [
        "Parliament passes the budget after a late-night session https://news.example/live",
        "Storm warning for the coast as winds pick up tonight https://news.example/live",
        "Central bank holds interest rates and signals patience https://news.example/live",
        "Local council approves new cycle lanes downtown https://news.example/live",
    ]
    assert _run(_posts(headlines)).num_rows == 0


def test_a_template_with_different_content_is_not_a_near_duplicate() -> None:
    """A weather bot's posts share a template but say different things."""
    texts = [
        f"Weather for {city}: {t} degrees, {sky}, wind from the {wind}"
        for city, t, sky, wind in [
            ("Oslo", 4, "snow showers", "north"),
            ("Lisbon", 19, "clear skies", "west"),
            ("Cairo", 31, "hazy sunshine", "south"),
        ]
    ]
    assert _run(_posts(texts)).num_rows == 0


def test_by_account_keeps_accounts_apart_and_no_partition_joins_them() -> None:
    rows = _posts([BASE, EDITS[0]], "a1") + _posts([EDITS[1]], "a2", start=10)
    per_account = _clusters(_run(rows))
    assert per_account == [{"a1-000", "a1-001"}]  # a2 has a single copy: no cluster
    across = _clusters(_run(rows, by=None))
    assert across == [{"a1-000", "a1-001", "a2-010"}]


def test_other_accounts_cannot_chain_an_accounts_posts_together() -> None:
    """A2 bridges two texts of a1 that are not alike; per account they stay apart."""
    a = "Fresh bread every morning at the corner bakery, come early for croissants"
    b = "Fresh bread every morning at the corner bakery, come early for the best deals"
    c = "Fresh loaves daily at the corner bakery, come early for the best deals around"
    rows = [*_posts([a, c], "a1"), *_posts([b], "a2", start=10)]
    assert _run(rows).num_rows == 0


def test_exact_copies_are_grouped_with_similarity_one() -> None:
    result = _run(_posts([UNRELATED[0]] * 3 + [UNRELATED[1]]))
    assert _clusters(result) == [{"a1-000", "a1-001", "a1-002"}]
    assert result["similarity"].to_pylist() == [1.0, 1.0, 1.0]


def test_the_estimate_mode_finds_the_same_clear_clusters() -> None:
    rows = _posts([BASE, *EDITS, *UNRELATED])
    assert _clusters(_run(rows, exact=False)) == _clusters(_run(rows))


def test_the_threshold_decides() -> None:
    rows = _posts([BASE, BASE.replace("designer", "luxury designer")])
    first, second = _run(rows).sort_by("post_id")["similarity"].to_pylist()
    assert first == 1.0 and 0.7 < second < 1.0  # similarity to the group's first post
    sim = second
    assert _run(rows, threshold=sim + 0.01).num_rows == 0


def test_results_do_not_depend_on_row_order() -> None:
    rows = _posts([BASE, *EDITS, *UNRELATED, UNRELATED[0]])
    forward = _run(rows).sort_by("post_id")
    backward = _run(rows[::-1]).sort_by("post_id")
    assert forward.equals(backward)


@pytest.mark.parametrize(
    "bad",
    [
        {"min_chars": 2},  # below the shingle size
        {"threshold": 0.0},
        {"threshold": 1.5},
        {"bands": 0},
        {"max_chars": 5},
    ],
)
def test_invalid_parameters_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        NearDupParams(**bad)  # type: ignore[arg-type]


def test_generated_duckdb_sql_hashes_once_per_shingle_and_uses_no_lambdas() -> None:
    """The hot loop stays lean: plain HASH calls, one aggregation, no list lambdas."""
    from lockstep.detect.text import prepare, signatures

    con = ibis.duckdb.connect()
    table = con.create_table("posts", pa.Table.from_pylist(_posts([BASE])))
    params = NearDupParams()
    texts = prepare(table, params, ("account_id",)).select("tid", "norm")
    sql = ibis.to_sql(signatures(texts, params), dialect="duckdb")
    assert "->" not in sql and "LIST_APPLY" not in sql.upper()
    assert "AS BIT" not in sql.upper()  # Value.hash()'s costly cast is not used
    assert sql.upper().count("GROUP BY") == 1
    assert sql.upper().count("UNNEST") == 1
