"""'Did you mean' hints stay within their budget on the largest files."""

from __future__ import annotations

from cloudwizard.engine import hints


def test_a_hint_is_found_among_many_names() -> None:
    names = [f"q{i:05d}" for i in range(20_000)]
    assert hints.close_match("q1234x", names) is not None
    assert hints.close_match("staf", ["staff", "people"]) == "staff"
    assert hints.close_match("zzzzzzzzzzzzzz", ["a", "b"]) is None


def test_a_load_spends_at_most_its_budget() -> None:
    names = [f"q{i:05d}" for i in range(20_000)]
    with hints.budget(10_000):
        found = [hints.close_match(f"x{i:05d}q", names) for i in range(100)]
    assert found[0] is not None
    assert found[-1] is None  # the budget ran out: no hint, but no cost either
