"""Stable network ids: from members alone, and carried over from a previous run."""

from __future__ import annotations

from lockstep.networks.ids import anchor_id, assign_ids


def test_same_members_same_id_in_any_order() -> None:
    assert anchor_id(["a", "b", "c"]) == anchor_id(["c", "a", "b"])
    assert anchor_id(["a", "b", "c"]) != anchor_id(["a", "b", "d"])
    assert anchor_id(["a"]).startswith("net-")


def test_a_grown_network_keeps_its_previous_id() -> None:
    old = {"net-old": [f"u{i}" for i in range(10)]}
    grown = [f"u{i}" for i in range(14)]
    other = ["x1", "x2", "x3"]
    ids = assign_ids([other, grown], old)
    assert ids[1] == "net-old"
    assert ids[0] == anchor_id(other)


def test_a_split_network_hands_its_id_to_the_larger_part() -> None:
    old = {"net-old": [f"u{i}" for i in range(10)]}
    small, large = [f"u{i}" for i in range(3)], [f"u{i}" for i in range(3, 10)]
    ids = assign_ids([small, large], old)
    assert ids == [anchor_id(small), "net-old"]


def test_too_little_overlap_gets_no_inheritance() -> None:
    old = {"net-old": [f"u{i}" for i in range(10)]}
    new = ["u0", "u1", "v1", "v2", "v3"]
    assert assign_ids([new], old, min_overlap=0.5) == [anchor_id(new)]


def test_an_unmatched_network_never_reuses_a_previous_id() -> None:
    members = ["a", "b", "c"]
    taken = anchor_id(members)
    old = {taken: ["z1", "z2", "z3", "z4"]}
    (fresh,) = assign_ids([members], old)
    assert fresh != taken and fresh.startswith("net-")
