"""Synthetic truth measures near-identical text exactly as the detectors do."""

from __future__ import annotations

import ibis
import numpy as np
import pyarrow as pa

from lockstep.detect.text import NearDupParams, exact_similarity
from lockstep.detect.text import normalise as engine_normalise
from lockstep.detect.text import weighted_length as engine_weighted_length
from lockstep.synth.similar import jaccard, normalise, same_text, weighted_length

TEXTS = [
    "Share this before they delete it! https://x.example/a @bob #wakeup #truth",
    "SHARE this before they delete it 🔥 @ali.hassan_2",
    "नमस्ते दुनिया यह एक परीक्षण है कृपया साझा करें",
    "नमस्ते दुनिया यह परीक्षण है कृपया साझा करें दोस्तों",
    "東京で新しいカフェを見つけました。とても美味しいです！",
    "東京で新しいカフェを見つけた。とても美味しいです",
    "Привет мир, это тест. Пожалуйста поделитесь!",
    "مرحباً بالعالم هذا اختبار يرجى المشاركة الآن",
    "Ünïcödé ÇÀSE tèst Straße İstanbul ❤️ 1️⃣",
    "ab",
]


def test_normalised_text_and_length_match_the_engine() -> None:
    arr = pa.array(TEXTS)
    t = ibis.memtable(pa.table({"i": pa.array(range(len(TEXTS))), "text": arr}))
    norm = t.select("i", n=engine_normalise(t.text)).order_by("i")
    norm = norm.mutate(w=engine_weighted_length(norm.n, 10**6)).to_pyarrow()
    ours = normalise(arr)
    assert ours.to_pylist() == norm["n"].to_pylist()
    assert weighted_length(ours).tolist() == norm["w"].to_pylist()


def test_jaccard_matches_the_engines_exact_similarity() -> None:
    norm = normalise(pa.array(TEXTS))
    n = len(TEXTS)
    a, b = np.repeat(np.arange(n), n), np.tile(np.arange(n), n)
    texts = ibis.memtable(pa.table({"tid": pa.array(range(n), pa.int64()), "norm": norm}))
    cand = ibis.memtable(pa.table({"a": pa.array(a), "b": pa.array(b)}))
    engine = exact_similarity(cand, texts, NearDupParams()).to_pyarrow().to_pylist()
    ours = jaccard(norm, a, b).reshape(n, n)
    assert len(engine) > n  # the pairs of texts with shingles at all
    for row in engine:
        assert abs(ours[row["a"], row["b"]] - row["jaccard"]) < 1e-12
    assert ours[0, 1] > 0.9 and ours[2, 3] > 0.5 and ours[0, 2] == 0.0


def test_copies_chain_within_a_segment_only() -> None:
    base = "the water company is raising prices again next month share it"
    a = base
    b = base.replace("water", "power")  # like a
    c = b.replace("share", "spread")  # like b, not like a
    far = "completely different words about a bakery opening in town"
    norm = normalise(pa.array([a, b, c, far, a]))
    sims = jaccard(norm, np.array([0, 1, 0]), np.array([1, 2, 2]))
    assert sims[0] >= 0.7 and sims[1] >= 0.7 and sims[2] < 0.7
    label = same_text(norm, np.zeros(5, dtype=np.int64), 0.7)
    assert label[0] == label[1] == label[2] == label[4] != label[3]
    # The last copy is in a segment of its own (another account): never joined.
    label = same_text(norm, np.array([0, 0, 0, 0, 1]), 0.7)
    assert label[0] == label[2] != label[4]
