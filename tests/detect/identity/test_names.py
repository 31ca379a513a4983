"""Name skeletons: names a person reads as the same meet; distinct identities stay apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lockstep.detect.identity.names import analyse, skeleton, skeletons, weighted_length


@pytest.mark.parametrize(
    "variant",
    [
        "paypal",
        "PayPal",
        "paypa1",  # leetspeak digit
        "p@yp@l",  # leetspeak symbol
        "PaypaI",  # capital I for l
        "Pаypal",  # Cyrillic а
        "ΡΑΥΡΑΙ",  # Greek capitals
        "ＰａｙＰａｌ",  # full-width
        "𝐏𝐚𝐲𝐏𝐚𝐥",  # mathematical bold
        "pay.pal",
        "pay_pal",
        "Pay Pal ✅",  # separators and a badge
        "paypal_support",
        "the_real_paypal",
        "therealpaypal",
        "PayPal Official",
        "paypal2024",
        "paypal_2024",
        "pàypal",
    ],
)
def test_lookalikes_of_one_name_share_its_skeleton(variant: str) -> None:
    assert skeleton(variant) == skeleton("PayPal")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("rnicrosoft", "microsoft"),  # rn reads as m
        ("vvalmart", "Walmart"),  # vv reads as w
        ("Elon Musk", "elonmusk"),
        ("7-Eleven", "7eleven"),
        ("Cafe_N0rd", "Café Nord"),
    ],
)
def test_confusable_pairs_meet(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a business's branches: the same brand plus a distinct location word
        ("Café Nord Hamburg", "Café Nord Köln"),
        ("Café Nord Hamburg", "Café Nord"),
        ("cafenord_koeln", "cafenord"),
        # a personal and a hobby account of one person
        ("janedoe", "janedoe_knits"),
        ("Jane Doe", "Jane Doe Photography"),
        # unrelated names that share letters
        ("paypal", "paypals"),
    ],
)
def test_distinct_identities_keep_distinct_skeletons(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


@pytest.mark.parametrize("name", ["田中大輝", "김민준", "محمد", "Ёлка"])
def test_names_in_other_scripts_keep_their_letters(name: str) -> None:
    # folding must not turn ideographs into radicals or Hangul into loose jamo
    assert len(skeleton(name)) == len(name)
    assert skeleton(name) == skeleton(name.upper())


def test_dense_scripts_weigh_more_in_the_length_of_a_name() -> None:
    assert weighted_length("小林蓮") == 9 and weighted_length("김민준") == 9
    assert weighted_length("ebay") == 4


def test_techniques_name_the_tricks_that_were_undone() -> None:
    assert analyse("Pаypal").techniques == {"homoglyph"}
    assert analyse("PaypaI").techniques == {"homoglyph"}
    assert analyse("paypa1").techniques == {"leetspeak"}
    assert "authority_word" in analyse("paypal_support").techniques
    assert "badge" in analyse("PayPal ✅").techniques
    assert analyse("Zoë").techniques == {"accent"}
    assert analyse("Burak Yılmaz").techniques == {"accent", "separators"}  # Latin ı
    assert "digits" in analyse("paypal2024").techniques
    assert analyse("paypal").techniques == frozenset()


def test_a_trailing_single_digit_is_read_as_a_letter_but_a_counter_is_dropped() -> None:
    assert skeleton("paypa1") == "paypal"
    assert skeleton("paypal99") == "paypal"


def test_authority_words_alone_are_not_removed_to_nothing() -> None:
    assert skeleton("official") != ""
    assert skeleton("the_support_team") != ""


def test_column_helper_keeps_positions_and_nulls() -> None:
    out = skeletons(["PayPal", None, "  ", "paypa1", "PayPal"])
    assert [s.key if s else None for s in out] == ["paypal", None, None, "paypal", "paypal"]
    assert out[0] is out[4]  # each distinct name is analysed once


ASCII_WORD = st.text(alphabet="abcdefghjkmnopqrstuvwxyz", min_size=4, max_size=12)
#: Cyrillic letters that are drawn like Latin ones
CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у"}


@given(ASCII_WORD)
def test_case_never_changes_a_skeleton(word: str) -> None:
    assert skeleton(word.upper()) == skeleton(word) == skeleton(word.title())


@given(ASCII_WORD, st.data())
def test_swapping_latin_letters_for_cyrillic_twins_never_changes_a_skeleton(
    word: str, data: st.DataObject
) -> None:
    positions = [i for i, c in enumerate(word) if c in CYRILLIC]
    chosen = data.draw(st.sets(st.sampled_from(positions)) if positions else st.just(set()))
    disguised = "".join(CYRILLIC[c] if i in chosen else c for i, c in enumerate(word))
    assert skeleton(disguised) == skeleton(word)


def test_a_doubled_m_is_one_letter_more_not_two() -> None:
    """m folds through rn and back, so dimmas is one typo from dimas as it reads."""
    assert (skeleton("dimmas_neon"), skeleton("dimas_neon")) == ("dlmmasneon", "dlmasneon")
    assert skeleton("rnicrosoft") == skeleton("microsoft") == "mlcrosoft"
