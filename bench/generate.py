"""Generate N realistic answer files for the benchmarks (both packs, mixed answers).

Usage: python bench/generate.py N OUT_DIR [--seed S]

Each file is a complete unit: every question answered (about 1 in 20 left blank),
options drawn towards the better answers as real units are, counts and survey
indexes in realistic ranges, a few long-form answers with evidence. Deterministic
for a given seed.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from zicli.engine.index import CriteriaIndex
from zicli.loading import load_criteria

KINDS = ["Kantor Kementerian Agama Kabupaten", "MAN", "MTsN", "MIN", "KUA Kecamatan"]
PLACES = ["Bengkulu", "Seluma", "Kaur", "Lebong", "Mukomuko", "Kepahiang", "Rejang Lebong"]


def _answer(index: CriteriaIndex, qid: str, rng: random.Random) -> str:
    q = index.nodes[qid]
    atype = index.answer_type(q)
    if atype.kind == "options":
        keys = [o.key for o in atype.options]
        weights = [2 ** (len(keys) - i) for i in range(len(keys))]
        return rng.choices(keys, weights)[0]
    if atype.kind == "scale":
        return f"{rng.uniform(3.0, 3.95):.2f}"
    assert q.computed is not None
    base = rng.randint(1, 40)
    counts = {}
    for field in q.computed.fields():
        counts[field] = rng.randint(max(0, base - 5), base)
    # real units report a part no larger than its whole (zi warns where one does); a
    # whole may be a derived field (a sum of counts)
    derived = dict(index.ratios[qid].derived)

    def value(name: str) -> int | None:
        if name in counts:
            return counts[name]
        terms = derived.get(name)
        if terms is None:
            return None
        parts = [value(term) for _, term in terms]
        if any(v is None for v in parts):
            return None
        return sum(sign * v for (sign, _), v in zip(terms, parts, strict=True) if v is not None)

    for part, whole in q.computed.at_most.items():
        limit = value(whole)
        if part in counts and limit is not None:
            counts[part] = max(0, min(counts[part], limit))
    return "{" + ", ".join(f"{k}: {v}" for k, v in counts.items()) + "}"


def unit_text(index: CriteriaIndex, n: int, rng: random.Random) -> str:
    """One answer file."""
    year = 2021 if index.id.endswith("2019") else 2026
    name = f"{rng.choice(KINDS)} {rng.choice(PLACES)} {n}"
    lines = [
        f"# Unit bench {n}",
        f"criteria: {index.id}",
        "unit:",
        f"  name: {name}",
        "  instansi: Kementerian Agama",
        f'  period: "{year}-Q{rng.randint(1, 4)}"',
    ]
    if rng.random() < 0.3:
        lines.append("  predicate_held: WBK")
    lines.append("answers:")
    for q in index.questions:
        if rng.random() < 0.05:
            lines.append(f"  {q.id}:")
            continue
        answer = _answer(index, q.id, rng)
        if rng.random() < 0.05 and not answer.startswith("{"):
            lines += [
                f"  {q.id}:",
                f"    answer: {answer}",
                f"    evidence: [bukti/{q.id}.pdf]",
                "    note: Dokumen pendukung tersedia",
            ]
        else:
            lines.append(f"  {q.id}: {answer}")
    return "\n".join(lines) + "\n"


def generate(n: int, out: Path, seed: int = 1) -> None:
    """Write ``n`` files into ``out`` (two packs, about half each)."""
    rng = random.Random(seed)
    packs = [load_criteria("permenpanrb-90-2021"), load_criteria("permenpanrb-10-2019")]
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        index = packs[0] if rng.random() < 0.6 else packs[1]
        folder = out / f"kanwil-{i % 10:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"unit-{i:05d}.yaml").write_text(unit_text(index, i, rng), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.n, args.out, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
