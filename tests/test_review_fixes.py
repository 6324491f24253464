"""Regression tests for problems found in review (each names what it guards)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from zicli.batch.options import BatchOptions
from zicli.batch.run import run_batch
from zicli.engine.assess import assess
from zicli.engine.plan import candidate_moves
from zicli.engine.unit import BoundUnit
from zicli.loading import load_criteria
from zicli.loading.discover import discover
from zicli.models.answers import AnswerRecord, CountsAnswer, NumberAnswer, Period, Unit
from zicli.render.options import RenderOptions
from zicli.render.registry import load
from zicli.render.score.json import assessment_json

from .conftest import EXAMPLES, ROOT, Run
from .test_engine import _tiny_pack
from .test_packs import _findings, _minimal

Zi = Callable[..., Run]


def test_min_fraction_needs_a_weighted_node() -> None:
    pack = _minimal()
    rule = (
        {
            "id": "WBK",
            "name": "W",
            "conditions": (
                {"id": "q", "description": "q", "node": "A.1.a", "min_fraction": Decimal("0.9")},
            ),
        },
    )
    assert any("tidak memiliki bobot" in m for m in _findings(_minimal(predicates=rule)))
    assert pack  # the base pack stays sound


def test_group_members_need_weights_and_questions_need_a_parent() -> None:
    groups = (
        {"id": "g", "name": "G", "members": ({"id": "m", "name": "M", "nodes": ("A.1.a",)},)},
    )
    assert any("tidak memiliki bobot sendiri" in m for m in _findings(_minimal(groups=groups)))
    top = ({"id": "Q", "kind": "butir", "type": "yt", "text": "q", "weight": 5},)
    assert any("berada di puncak pohon" in m for m in _findings(_minimal(nodes=top)))


def test_init_for_a_pack_of_ones_own_names_its_path(zi: Zi, tmp_path: Path) -> None:
    shutil.copy(ROOT / "tests" / "data" / "valid" / "packs" / "ids-1-10.yaml", tmp_path / "p.yaml")
    (tmp_path / "sub").mkdir()
    out = str(tmp_path / "sub" / "u.yaml")
    # '../p.yaml' is outside the answer file's folder (no git repository here): a pack
    # from there is read only when the command line allows its folder, and zi init
    # never writes a file that zi validate would then refuse
    refused = zi("init", "-c", str(tmp_path / "p.yaml"), "-o", out)
    assert refused.code == 2 and "--criteria-root" in refused.stderr
    assert not (tmp_path / "sub" / "u.yaml").exists()
    run = zi("init", "-c", str(tmp_path / "p.yaml"), "-o", out, "--criteria-root", str(tmp_path))
    assert run.code == 0, run.stderr
    assert "../p.yaml" in (tmp_path / "sub" / "u.yaml").read_text(encoding="utf-8")
    assert zi("validate", str(tmp_path / "sub" / "u.yaml")).code == 2
    allowed = zi("validate", str(tmp_path / "sub" / "u.yaml"), "--criteria-root", str(tmp_path))
    assert allowed.code == 0, allowed.stderr


def test_json_keeps_the_sign_of_a_tiny_shortfall() -> None:
    index = _tiny_pack()
    unit = Unit(name="U", period="2026")
    result = assess(
        BoundUnit(index, unit, {"A.a": AnswerRecord(NumberAnswer(Decimal("2.9998")))}, source="t")
    )
    cond = json.loads(assessment_json(result))["verdict"]["conditions"][0]
    assert cond["met"] is False
    assert cond["margin_exact"] == "-0.005"


def test_stdin_cannot_be_overwritten_through_output(tmp_path: Path) -> None:
    target = tmp_path / "unit.yaml"
    shutil.copy(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml", target)
    before = target.read_bytes()
    with target.open("rb") as handle:
        run = subprocess.run(
            [sys.executable, "-m", "zicli", "score", "-", "-o", str(target)],
            stdin=handle,
            capture_output=True,
            text=True,
            check=False,
        )
    assert run.returncode == 2
    assert "tidak pernah menimpa masukannya" in run.stderr
    assert target.read_bytes() == before


def test_output_mode_follows_umask_and_links_stay(zi: Zi, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    old = os.umask(0o022)
    try:
        assert (
            zi(
                "score",
                str(EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml"),
                "-f",
                "json",
                "-o",
                str(out),
            ).code
            == 0
        )
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
    link = tmp_path / "link.json"
    link.symlink_to(out)
    assert (
        zi(
            "score",
            str(EXAMPLES / "man-2-kota-bengkulu-2026q1.yaml"),
            "-f",
            "json",
            "-o",
            str(link),
        ).code
        == 0
    )
    assert link.is_symlink()
    assert json.loads(out.read_text(encoding="utf-8"))["unit"]["name"] == "MAN 2 Kota Bengkulu"


def test_two_outputs_naming_one_file_are_refused(zi: Zi, tmp_path: Path) -> None:
    out = str(tmp_path / "o.json")
    run = zi("score", str(EXAMPLES), "-f", "json", "-o", out, "-f", "csv", "-o", out)
    assert run.code == 2
    assert "menyebut berkas yang sama" in run.stderr


def test_stdin_keeps_its_place_in_a_parallel_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    files = discover([str(EXAMPLES)])
    paths = [*files[:5], "-", *files[5:]]
    data = (EXAMPLES / "kua-kecamatan-selebar-2026q1.yaml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    chunks: list[str] = []
    run_batch(
        paths, BatchOptions(), [(load("batch", "csv"), chunks.append)], RenderOptions(), jobs=2
    )
    rows = "".join(chunks).splitlines()[1:]
    assert [r.split(",")[0] for r in rows] == paths


def test_require_matches_pack_predicates_in_any_case(zi: Zi) -> None:
    assert zi("score", str(EXAMPLES), "-f", "csv", "--require", "wbbm").code == 1
    run = zi("score", str(EXAMPLES), "-f", "csv", "--require", "XYZ")
    assert run.code == 1
    assert "XYZ bukan predikat dari" in run.stdout


def test_plan_can_raise_a_zero_denominator() -> None:
    index = load_criteria("permenpanrb-90-2021")
    record = AnswerRecord(CountsAnswer({"jumlah_agen_perubahan": 0, "jumlah_perubahan_dibuat": 0}))
    moves: Any = candidate_moves(index, index.nodes["A.II.1.i.a"], record)
    assert moves
    assert moves[-1].value == 1


@pytest.mark.parametrize("text", ["٢٠٢٦", "0000", "2026-Q0", "2026-S3"])
def test_periods_outside_the_form_are_refused(text: str) -> None:
    assert Period.parse(text) is None


def test_a_bad_set_is_one_usage_error(zi: Zi) -> None:
    run = zi("score", str(EXAMPLES), "-f", "csv", "--set", "nonsense")
    assert run.code == 2
    assert run.stderr.count("seharusnya ID=NILAI") == 1
    assert run.stdout == ""
