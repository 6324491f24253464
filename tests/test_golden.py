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


# Narrow widths (README: 40..1000 is valid and numbers are never cut): at 40 columns
# `zi score FILE --detail` cut numbers ('60…'), `zi score examples` folded unit names
# one character a line.

KANKEMENAG = str(EXAMPLES / "kankemenag-kota-bengkulu-2026q1.yaml")
NARROW: dict[str, list[str]] = {
    "score": ["score", str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml")],
    "score --detail": ["score", str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml"), "--detail"],
    "score folder": ["score", str(EXAMPLES)],
    "diff": ["diff", KANKEMENAG, str(EXAMPLES / "kankemenag-kota-bengkulu-2026q2.yaml")],
    "trend": ["trend", KANKEMENAG, str(EXAMPLES / "kankemenag-kota-bengkulu-2026q2.yaml")],
    "plan": ["plan", str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml"), "--target", "WBBM"],
    "evidence": ["evidence", KANKEMENAG, "--detail"],
    "review": [
        "review",
        KANKEMENAG,
        str(EXAMPLES.parent / "examples-review" / "kankemenag-kota-bengkulu-2026q1-tpi.yaml"),
        "--today",
        "2026-05-01",
    ],
}
NUMBER = r"[-+]?\d+\.\d\d\b"


@pytest.mark.parametrize("width", ["40", "50", "60"])
@pytest.mark.parametrize("command", list(NARROW))
def test_narrow_tables_never_cut_numbers(zi: Callable[..., Run], command: str, width: str) -> None:
    import re

    wide = zi(*NARROW[command], "--width", "300")
    narrow = zi(*NARROW[command], "--width", width)
    assert narrow.code == wide.code
    # every number of the report, whole, as often as at 300 columns
    assert sorted(re.findall(NUMBER, narrow.stdout)) == sorted(re.findall(NUMBER, wide.stdout))
    assert not re.search(r"\d…", narrow.stdout)
    needs = re.search(r"memerlukan\s+(\d+)\s+kolom,\s+lebih\s+dari\s+(\d+)", narrow.stdout)
    lines = narrow.stdout.split("\n")
    widest = max(len(line.rstrip()) for line in lines)
    if needs is None:  # drawn at the width asked for
        assert widest <= int(width)
    else:  # drawn wider, and the report says so
        assert int(needs.group(2)) == int(width) < int(needs.group(1))
        assert widest <= int(needs.group(1))


def test_narrow_batch_keeps_names_readable(zi: Callable[..., Run]) -> None:
    out = zi("score", str(EXAMPLES), "--width", "40").stdout
    assert "Kankemenag" in out and "Bengkulu" in out  # never folded a character a line
    detail = zi(
        "score", str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml"), "--detail", "--width", "60"
    )
    assert "MANAJEMEN" in detail.stdout and "PEMENUHAN" in detail.stdout  # not one letter wide
