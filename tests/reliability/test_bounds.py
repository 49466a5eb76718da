"""Commands whose cost the user sets stay within a bound (issue 14 §2)."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import pytest

from cloudwizard import cli
from cloudwizard.engine.influence import MAX_SAMPLES, influence
from cloudwizard.engine.loader import load_bundled


@pytest.mark.parametrize("samples", ["0", "-5", str(MAX_SAMPLES + 1), "99999999999999999999"])
def test_influence_refuses_samples_out_of_bounds(samples: str) -> None:
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        status = cli.main(["influence", "--samples", samples])
    assert status == 2
    assert err.getvalue() == f"cloudwizard: --samples must be from 1 to {MAX_SAMPLES:,} (got {int(samples):,})\n"


def test_the_engine_refuses_them_too() -> None:
    with pytest.raises(ValueError, match="samples must be from 1 to"):
        influence(load_bundled(), samples=MAX_SAMPLES + 1)
