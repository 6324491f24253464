"""Rich output pinned at 80 columns without colour."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import EXAMPLES, Run
from .golden import check_golden

FILES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("name", FILES)
def test_score_table(name: str, zi: Callable[..., Run]) -> None:
    run = zi("score", str(EXAMPLES / name), "--width", "80")
    assert run.code == 0
    check_golden(f"score/{name.removesuffix('.yaml')}.txt", run.stdout)


def test_score_detail(zi: Callable[..., Run]) -> None:
    run = zi(
        "score", str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml"), "--detail", "--width", "80"
    )
    check_golden("score/man-2-kota-bengkulu-2026q1.detail.txt", run.stdout)


@pytest.mark.parametrize("pack", ["permenpanrb-90-2021", "permenpanrb-10-2019"])
def test_criteria_show(pack: str, zi: Callable[..., Run]) -> None:
    check_golden(f"criteria/{pack}.txt", zi("criteria", "show", pack, "--width", "80").stdout)


def test_criteria_list(zi: Callable[..., Run]) -> None:
    check_golden("criteria/list.txt", zi("criteria", "list", "--width", "80").stdout)
