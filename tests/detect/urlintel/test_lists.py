"""The URL lists: shipped defaults, a deployment's own files, and bad lines that stop the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from lockstep.detect.urlintel.lists import SHIPPED, DomainList, UrlLists
from lockstep.errors import BadInputError


def test_shipped_lists_load_and_cover_what_the_docs_promise() -> None:
    lists = UrlLists.load()
    assert lists.allow.match("www.paypal.com") == "paypal.com"
    assert lists.allow.match("news.bbc.co.uk") == "bbc.co.uk"
    assert lists.shorteners.match("bit.ly") == "bit.ly"
    assert lists.cloakers.match("adf.ly") == "adf.ly"
    assert lists.affiliate_networks.match("www.anrdoezrs.net") == "anrdoezrs.net"
    assert "xyz" in lists.risky_tlds and "com" not in lists.risky_tlds
    assert any(p.name == "tag" and p.brand == "amazon" for p in lists.affiliate_params)
    assert lists.deny.entries  # only public test sites, but not empty


def test_an_entry_covers_subdomains_not_lookalike_suffixes() -> None:
    lst = DomainList(frozenset({"paypal.com"}))
    assert lst.match("paypal.com") == "paypal.com"
    assert lst.match("a.b.paypal.com") == "paypal.com"
    assert lst.match("notpaypal.com") is None
    assert lst.match("paypal.com.evil.net") is None


def test_extra_files_add_to_the_shipped_lists(tmp_path: Path) -> None:
    deny = tmp_path / "deny.txt"
    deny.write_text(
        "# from last month's takedowns\nEVIL.example  # upper case is fine\n\n*.bad.example\n"
    )
    lists = UrlLists.load(deny=str(deny))
    assert lists.deny.match("www.evil.example") == "evil.example"
    assert lists.deny.match("x.bad.example") == "bad.example"
    assert lists.deny.match("testsafebrowsing.appspot.com")  # shipped entries stay


def test_shipped_lists_can_be_switched_off(tmp_path: Path) -> None:
    allow = tmp_path / "allow.txt"
    allow.write_text("ourplatform.example\n")
    lists = UrlLists.load(shipped=False, allow=str(allow))
    assert lists.allow.entries == frozenset({"ourplatform.example"})
    assert not lists.deny.entries and not lists.risky_tlds


def test_international_entries_are_compared_in_unicode(tmp_path: Path) -> None:
    allow = tmp_path / "allow.txt"
    allow.write_text("xn--bcher-kva.example\n")
    assert UrlLists.load(allow=str(allow)).allow.match("bücher.example") == "bücher.example"


@pytest.mark.parametrize(
    ("name", "line"),
    [("deny", "not a domain"), ("allow", "http://x.example/path"), ("affiliate_params", "a b c")],
)
def test_a_bad_line_names_file_and_line(tmp_path: Path, name: str, line: str) -> None:
    path = tmp_path / "list.txt"
    path.write_text("ok.example\n" + line + "\n" if name != "affiliate_params" else "aff\n" + line)
    with pytest.raises(BadInputError, match=r"list\.txt: line 2"):
        UrlLists.load(**{name: str(path)})


def test_a_missing_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="cannot read the deny list"):
        UrlLists.load(deny=str(tmp_path / "nope.txt"))


def test_every_shipped_file_exists_and_documents_itself() -> None:
    from importlib import resources

    for file in SHIPPED.values():
        text = resources.files("lockstep").joinpath("data", file).read_text("utf-8")
        assert text.startswith("# ") and "One " in text
