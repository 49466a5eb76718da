"""The case corpus (questionnaires/cases/): every case is complete, valid and split, and the corpus is big enough."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

CASES = Path(__file__).resolve().parents[2] / "questionnaires" / "cases"
FILES = sorted(CASES.glob("*.case.yaml"))

AUDIENCES = {"consumer", "self-employed", "sme", "non-profit", "large-company", "local-public", "regional-public",
             "federal-public", "health", "education"}
MODELS = {"public", "private", "community", "hybrid", "on-premises", "not-stated"}
LAYERS = {"iaas", "paas", "saas", "none", "not-stated"}
KEYS = {"id", "title", "titles", "audience", "country", "narrative", "source", "stated", "split"}
SOURCE_KEYS = {"title", "publisher", "url", "date"}
STATED_KEYS = {"model", "layer", "basis", "evidence"}
DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|undated \(consulted \d{4}-\d{2}-\d{2}\))$")


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_case_is_complete_and_valid(path: Path) -> None:
    case = _load(path)
    assert set(case) == KEYS, f"{path.name}: keys {sorted(set(case) ^ KEYS)} missing or unknown"
    assert case["id"] == path.name.removesuffix(".case.yaml")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case["id"])
    assert case["audience"] in AUDIENCES
    assert re.fullmatch(r"[A-Z]{2}", case["country"])
    assert isinstance(case["title"], str) and case["title"].strip()
    words = len(case["narrative"].split())
    assert 120 <= words <= 250, f"{path.name}: narrative has {words} words (120-250)"
    assert set(case["source"]) == SOURCE_KEYS
    assert re.match(r"^https?://\S+$", case["source"]["url"])
    assert all(isinstance(case["source"][k], str) and case["source"][k].strip() for k in ("title", "publisher"))
    assert DATE.match(str(case["source"]["date"])), f"{path.name}: date {case['source']['date']!r}"
    stated = case["stated"]
    assert set(stated) == STATED_KEYS
    assert stated["model"] in MODELS and stated["layer"] in LAYERS
    assert stated["basis"] in {"explicit", "implied"}
    assert isinstance(stated["evidence"], str) and stated["evidence"].strip()
    assert case["split"] in {"calibration", "validation"}, f"{path.name}: split not set (run split.py)"


def test_corpus_is_large_and_covers_every_model_and_layer() -> None:
    cases = [_load(p) for p in FILES]
    assert len(cases) >= 60
    assert len({c["id"] for c in cases}) == len(cases)
    models = Counter(c["stated"]["model"] for c in cases)
    layers = Counter(c["stated"]["layer"] for c in cases)
    for model in ("public", "private", "community", "hybrid"):
        assert models[model] >= 6, f"only {models[model]} cases state {model}"
    for layer in ("iaas", "paas", "saas"):
        assert layers[layer] >= 6, f"only {layers[layer]} cases state {layer}"


def test_split_halves_are_balanced() -> None:
    splits = Counter(_load(p)["split"] for p in FILES)
    assert abs(splits["calibration"] - splits["validation"]) <= max(2, len(FILES) // 10), splits
