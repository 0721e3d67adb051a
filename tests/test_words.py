"""How lists are written: in the paper ('A, B and C') and in a check's choices ('A, B, C')."""

from __future__ import annotations

from icp_objectives.domain.wording import listing


def test_listing_joins_the_last_item_with_and() -> None:
    assert listing([]) == ""
    assert listing(["1.1"]) == "1.1"
    assert listing(["1.1", "1.2"]) == "1.1 and 1.2"
    assert listing(["1.1", "1.2", "1.3"]) == "1.1, 1.2 and 1.3"


def test_listing_as_checks_offer_choices() -> None:
    def choices(items: list[object]) -> str:
        return listing(items, last=", ", empty="(none yet)")

    assert choices([]) == "(none yet)"
    assert choices([2]) == "2"
    assert choices([1, 2]) == "1, 2"
    assert choices(["amber", "green", "red"]) == "amber, green, red"
