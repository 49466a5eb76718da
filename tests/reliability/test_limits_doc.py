"""The "Limits" table of docs/questionnaire-format.md says the code's own values, and lists every limit.

Each row names the constants it documents (`module.NAME`); the limit column must hold each one's
value (``33,554,432``, ``10^15``, ``about 1.8 × 10^308``). And every limit constant of the engine (a
module-level number whose name has MAX, LIMIT, BUDGET or WORK in it) must be in the table, so a new
limit cannot be added without saying so.
"""

from __future__ import annotations

import ast
import importlib
import re
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "questionnaire-format.md"
ENGINE = REPO / "cloudwizard" / "engine"

#: Constants with a limit-like name that do not limit input or work, and why.
NOT_LIMITS = {
    "decision.explanation.MAX_REASONS": "how many reasons a report shows",
    "decision.counterfactuals.MAX_COUNTERFACTUALS": "how many changes a report shows",
    "coercion._MAX_FLOAT": "a private copy of yamlsafe.MAX_NUMBER",
    "diagnostics.MAX_SHOWN": "how many problems are printed (the rest are counted)",
}
_MODULES = {"counterfactuals": "decision.counterfactuals"}


def _rows() -> list[tuple[str, str, list[str]]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 3 or cells[0] in ("What", "---"):
            continue
        rows.append((cells[0], cells[1], re.findall(r"`([a-z_.]+\.[A-Z_][A-Z0-9_]*)`", cells[2])))
    return rows


def _numbers(cell: str) -> list[Decimal]:
    """Every number a limit cell states: 32 MiB, 33,554,432, 10^15, 1.8 × 10^308, 1 to 100,000."""
    found: list[Decimal] = []
    for m in re.finditer(r"(\d+(?:\.\d+)?) × 10\^(\d+)", cell):
        found.append(Decimal(m.group(1)) * 10 ** int(m.group(2)))
    cell = re.sub(r"(\d+(?:\.\d+)?) × 10\^(\d+)", " ", cell)
    found += [Decimal(10) ** int(m) for m in re.findall(r"(?<![\d.])10\^(\d+)", cell)]
    cell = re.sub(r"10\^\d+", " ", cell)
    found += [Decimal(n) * 2**20 for n in re.findall(r"(\d+) MiB", cell)]
    found += [Decimal(n.replace(",", "")) for n in re.findall(r"\d{1,3}(?:,\d{3})+|\d+", cell)]
    return found


def _value(name: str) -> Decimal:
    module, attr = name.rsplit(".", 1)
    return Decimal(getattr(importlib.import_module(f"cloudwizard.engine.{_MODULES.get(module, module)}"), attr))


def test_the_table_is_there() -> None:
    assert len(_rows()) >= 15


@pytest.mark.parametrize(("what", "limit", "names"), _rows(), ids=lambda v: v if isinstance(v, str) else None)
def test_each_row_states_the_codes_value(what: str, limit: str, names: list[str]) -> None:
    assert names, f"the row '{what}' names no constant"
    stated = _numbers(limit)
    for name in names:
        value = _value(name)
        exact = any(n == value for n in stated)
        about = limit.startswith("about ") and any(abs(n - value) <= value / 100 for n in stated)
        assert exact or about, f"{name} is {value:,}; the doc says '{limit}'"


def _limit_constants() -> set[str]:
    found = set()
    for path in ENGINE.rglob("*.py"):
        module = ".".join(path.relative_to(ENGINE).with_suffix("").parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target = node.target if isinstance(node, ast.AnnAssign) else (
                node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
            if not isinstance(target, ast.Name) or not re.fullmatch(r"_?[A-Z][A-Z0-9_]*", target.id):
                continue
            if not re.search(r"MAX|LIMIT|BUDGET|WORK", target.id):
                continue
            value = getattr(importlib.import_module(f"cloudwizard.engine.{module}"), target.id)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                found.add(f"{module}.{target.id}")
    return found


def test_every_limit_of_the_engine_is_in_the_table() -> None:
    documented = {_MODULES.get(m, m) + "." + a for m, a in (n.rsplit(".", 1) for _, _, names in _rows() for n in names)}
    constants = _limit_constants()
    assert "yamlsafe.MAX_BYTES" in constants and "influence.INFLUENCE_WORK" in constants
    assert sorted(constants - documented - set(NOT_LIMITS)) == []
    assert sorted(set(NOT_LIMITS) - constants) == []  # no stale exceptions


def test_the_readme_points_to_the_limits() -> None:
    from cloudwizard.engine.answers import MAX_ANSWERS_BYTES
    from cloudwizard.engine.yamlsafe import MAX_BYTES, MAX_VALUES

    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "docs/questionnaire-format.md#limits" in readme
    assert f"the size of a file ({MAX_BYTES >> 20} MiB; answers files {MAX_ANSWERS_BYTES >> 20} MiB)" in readme
    assert f"the values in it ({MAX_VALUES // 1_000_000} million)" in readme
