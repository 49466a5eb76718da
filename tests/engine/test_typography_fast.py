"""`typeset`'s fast path (marks tried where they are) gives what the whole regular expression gives."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from cloudwizard.engine import typography

ROOT = Path(__file__).resolve().parents[2]


def _slow(text: str) -> str:
    return typography._FRENCH.sub(typography._space, text)


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def test_same_as_the_regular_expression_on_the_questionnaire() -> None:
    texts = _strings(yaml.safe_load((ROOT / "questionnaires" / "cloudwizard-be.yaml").read_text(encoding="utf-8")))
    marked = [t for t in texts if any(c in t for c in ";:?!«»")]
    assert len(marked) > 100
    for text in marked:
        assert typography.typeset(text, "fr") == _slow(text), text


def test_same_as_the_regular_expression_on_random_texts() -> None:
    # every character the expression looks at: marks, the four spaces, what no space follows, closers
    alphabet = [*"ab(){}[]<>«»\"'‘“/\\:;?!.,…)”’\n\t1é", " ", " ", "\u00a0", "\u202f", "\u2009"]
    rng = random.Random(11)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        assert typography.typeset(text, "fr") == _slow(text), repr(text)


def test_addresses_and_code_take_the_whole_expression() -> None:
    text = "Voir https://example.org/a?b=1 ; puis `a:b` : fini !"
    assert typography.typeset(text, "fr") == _slow(text)
    assert "https://example.org/a?b=1\u202f;" in typography.typeset(text, "fr")
