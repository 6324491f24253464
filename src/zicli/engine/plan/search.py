"""The exact search for the optimal moves (see :mod:`zicli.engine.plan`).

The method, and why it is exact
    All gains and shortfalls are scaled by one common denominator to integers, and the
    objective is folded into one integer cost ``changes x M1 + levels x M2 - gain``
    with ``M2`` above any total gain and ``M1`` above any ``levels x M2``, so comparing
    costs is comparing the lexicographic objective. Questions that lie under the same
    short conditions form an *atom*; within an atom only the sum of the gains matters,
    so a knapsack over its questions gives its Pareto frontier of (cost, gain). A
    dynamic programme then adds the atoms in pack order, keeping for every state the
    gain towards each condition still open (capped at the condition's shortfall, as
    more never changes feasibility; the margin lives in the cost; conditions that have
    seen the same atoms share one value, capped at their largest shortfall) and checking a
    condition when its last atom has been added. A state is dropped only when another
    has no higher cost and no lower capped gain on every open condition (any completion
    of the first is then at least as good for the second), or when a bound proves it
    cannot finish: its remaining changes cannot cover a shortfall even with the largest
    gains left, or its cost plus an admissible lower bound of the rest exceeds an
    incumbent plan's cost. A first pass with only the largest candidate per question
    finds the fewest changes ``k*`` exactly (and that incumbent); the second pass,
    limited to ``k*`` changes, finds the optimum. Nothing else is pruned, so the
    result is an optimum over the move set; the tests compare it with exhaustive
    enumeration on small packs, and every plan is rescored with :func:`score` before
    it is returned.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeAlias

from zicli.models.criteria import Condition, Node, Predicate

from ..conditions import levers
from ..exact import ZERO
from ..index import CriteriaIndex
from ..verdict import ConditionResult, PredicateResult
from .moves import Move
from .result import Blocker


@dataclass(frozen=True)
class Need:
    """A score or input condition of the target, as the optimiser sees it."""

    result: ConditionResult
    support: frozenset[str]
    input: str | None = None
    """For a survey input condition: the question; ``required`` is then an index."""

    @property
    def shortfall(self) -> Fraction:
        assert self.result.required is not None
        actual = self.result.actual if self.result.actual is not None else ZERO
        return self.result.required - actual


def split_conditions(
    index: CriteriaIndex, predicate: Predicate, result: PredicateResult
) -> tuple[list[Need], list[tuple[Condition, list[ConditionResult]]]]:
    """The target's plannable conditions, and the others with their results."""
    by_id = {r.id: r for r in result.conditions}
    needs: list[Need] = []
    fixed: list[tuple[Condition, list[ConditionResult]]] = []
    for cond in predicate.conditions:
        moved = levers(index, cond)
        if moved is None:
            mine = [
                r for r in result.conditions if r.id == cond.id or r.id.startswith(cond.id + ".")
            ]
            fixed.append((cond, mine))
            continue
        needs += [Need(by_id[lever.result_id], lever.support, input=lever.input) for lever in moved]
    return needs, fixed


# --- the optimiser ----------------------------------------------------------------------------

_Local: TypeAlias = "tuple[tuple[_Item, int], _Local] | None"
"""The choices inside one atom, newest first (a linked list)."""
_Trail: TypeAlias = "tuple[_Local, _Trail] | None"
"""The atoms' choices, newest first."""
_Point = tuple[int, int, int, _Local]
"""(cost, changes, capped gain, choices) of an atom's frontier."""
_State = tuple[int, int, tuple[int, ...], _Trail]
"""(cost, changes, capped gain per open class, choices) of the search."""


@dataclass
class _Item:
    """A question that may change, with its candidates as integers."""

    order: int
    qid: str
    moves: tuple[Move, ...]
    gains: tuple[int, ...]
    mandatory: bool
    conds: frozenset[int]


@dataclass
class _Atom:
    conds: frozenset[int]
    items: list[_Item]


class _Search:
    """The exact search over one problem (see the module docstring)."""

    def __init__(self, items: list[_Item], shortfalls: list[int]) -> None:
        self.items = items
        self.short = shortfalls
        groups: dict[frozenset[int], list[_Item]] = {}
        for item in items:
            groups.setdefault(item.conds, []).append(item)
        self.atoms = sorted(
            (_Atom(c, sorted(g, key=lambda i: i.order)) for c, g in groups.items()),
            key=lambda a: a.items[0].order,
        )
        self.last_atom: dict[int, int] = {}
        self.first_atom: dict[int, int] = {}
        for pos, atom in enumerate(self.atoms):
            for c in atom.conds:
                self.last_atom[c] = pos
                self.first_atom.setdefault(c, pos)
        all_gain = sum(max(i.gains) for i in items)
        all_levels = sum(max(m.levels for m in i.moves) for i in items)
        self.m2 = all_gain + 1
        self.m1 = self.m2 * (all_levels + 1)
        # For each atom position: per condition, the largest gains still to come, as
        # prefix sums (the bound on what k more changes can add).
        self.suffix: list[dict[int, list[int]]] = []
        self.rest_gain: list[int] = []
        for pos in range(len(self.atoms) + 1):
            later = [i for a in self.atoms[pos:] for i in a.items]
            per: dict[int, list[int]] = {}
            for c in range(len(shortfalls)):
                best = sorted((max(i.gains) for i in later if c in i.conds), reverse=True)
                sums = [0]
                for g in best:
                    sums.append(sums[-1] + g)
                per[c] = sums
            self.suffix.append(per)
            self.rest_gain.append(sum(max(i.gains) for i in later))

    def cost_of(self, chosen: Iterable[tuple[_Item, int]]) -> int:
        """The folded cost of a set of (item, move index) choices."""
        return sum(self.m1 + i.moves[k].levels * self.m2 - i.gains[k] for i, k in chosen)

    def _needed(self, pos: int, cond: int, residual: int) -> int | None:
        """The fewest later changes that can cover ``residual`` on ``cond`` (None: none can)."""
        if residual <= 0:
            return 0
        sums = self.suffix[pos][cond]
        if sums[-1] < residual:
            return None
        lo, hi = 1, len(sums) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if sums[mid] >= residual:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def solve(
        self, limit: int, *, largest_only: bool, incumbent: int | None = None
    ) -> list[tuple[_Item, int]] | None:
        """The cheapest choice with at most ``limit`` changes; ``largest_only`` keeps one
        candidate per question and counts changes only (the first pass)."""
        open_classes: list[frozenset[int]] = []
        # state: (cost, changes, capped gains per open class, trail)
        states: list[_State] = [(0, 0, (), None)]
        opened: set[int] = set()
        for pos, atom in enumerate(self.atoms):
            closing = [c for c in atom.conds if self.last_atom[c] == pos]
            inner = {c for c in closing if self.first_atom[c] == pos}
            frontier = self._frontier(atom, limit, largest_only, inner)
            # The class layout after this atom: open classes split by membership; new
            # conditions form one class; closed conditions leave.
            layout: list[tuple[int | None, bool, frozenset[int]]] = []
            for k, cls in enumerate(open_classes):
                inside, outside = cls & atom.conds, cls - atom.conds
                if inside:
                    layout.append((k, True, inside))
                if outside:
                    layout.append((k, False, outside))
            fresh = frozenset(atom.conds - opened - inner)
            if fresh:
                layout.append((None, True, fresh))
            opened |= atom.conds
            checks = [
                (j, self.short[c])
                for j, (_, _, members) in enumerate(layout)
                for c in members
                if c in closing
            ]
            kept: list[tuple[int, int, frozenset[int]]] = []
            for j, (_, _, members) in enumerate(layout):
                left = members - set(closing)
                if left:
                    kept.append((j, max(self.short[c] for c in left), left))
            unopened = [c for c in range(len(self.short)) if c not in opened]
            new: list[_State] = []
            rest = self.rest_gain[pos + 1]
            for cost, changes, vec, trail in states:
                for f_cost, f_changes, f_gain, f_trail in frontier:
                    total_changes = changes + f_changes
                    if total_changes > limit:
                        break
                    raw = []
                    for src, add, _ in layout:
                        base = vec[src] if src is not None else 0
                        raw.append(base + f_gain if add else base)
                    if any(raw[j] < need for j, need in checks):
                        continue
                    new_vec = tuple(min(raw[j], cap) for (j, cap, _) in kept)
                    budget = limit - total_changes
                    more = 0
                    dead = False
                    for j, _, left in kept:
                        for c in left:
                            n = self._needed(pos + 1, c, self.short[c] - raw[j])
                            if n is None or n > budget:
                                dead = True
                                break
                            more = max(more, n)
                        if dead:
                            break
                    if dead:
                        continue
                    for c in unopened:
                        n = self._needed(pos + 1, c, self.short[c])
                        if n is None or n > budget:
                            dead = True
                            break
                        more = max(more, n)
                    if dead:
                        continue
                    new_cost = cost + f_cost
                    if incumbent is not None and not largest_only:
                        bound = new_cost + more * (self.m1 + self.m2) - rest
                        if bound > incumbent:
                            continue
                    new.append((new_cost, total_changes, new_vec, (f_trail, trail)))
            states = _pareto(new)
            open_classes = [left for _, _, left in kept]
            if not states:
                return None
        best = min(states, key=lambda s: s[0])
        chosen: list[tuple[_Item, int]] = []
        node: _Trail = best[3]
        while node is not None:
            local, node = node
            while local is not None:
                pick, local = local
                chosen.append(pick)
        return chosen

    def _frontier(
        self, atom: _Atom, limit: int, largest_only: bool, inner: set[int]
    ) -> list[_Point]:
        """The Pareto frontier (cost, changes, capped gain) of one atom's questions."""
        cap = max((self.short[c] for c in atom.conds), default=0)
        states: list[_Point] = [(0, 0, 0, None)]
        for item in atom.items:
            choices = (
                [max(range(len(item.gains)), key=lambda k: (item.gains[k], -k))]
                if largest_only
                else range(len(item.moves))
            )
            new: list[_Point] = [] if item.mandatory else list(states)
            for cost, changes, gain, trail in states:
                if changes + 1 > limit:
                    continue
                for k in choices:
                    step = (
                        1
                        if largest_only
                        else (self.m1 + item.moves[k].levels * self.m2 - item.gains[k])
                    )
                    new.append(
                        (
                            cost + step,
                            changes + 1,
                            min(cap, gain + item.gains[k]),
                            ((item, k), trail),
                        )
                    )
            states = _staircase(new)
        if inner:
            need = max(self.short[c] for c in inner)
            states = [s for s in states if s[2] >= need]
        return states


def _staircase(states: list[_Point]) -> list[_Point]:
    """Keep the states no other beats on both cost (lower) and gain (higher)."""
    states.sort(key=lambda s: (s[0], -s[2]))
    out = []
    best = -1
    for s in states:
        if s[2] > best:
            out.append(s)
            best = s[2]
    return out


def _pareto(
    states: list[_State],
) -> list[_State]:
    """Keep the states that no other beats on cost and on every open gain."""
    states.sort(key=lambda s: (s[0], tuple(-v for v in s[2])))
    if not states:
        return states
    width = len(states[0][2])
    if width == 0:
        return states[:1]
    if width == 1:
        out = []
        best = -1
        for s in states:
            if s[2][0] > best:
                out.append(s)
                best = s[2][0]
        return out
    kept: list[_State] = []
    for s in states:
        vec = s[2]
        if any(all(a >= b for a, b in zip(k[2], vec, strict=True)) for k in kept):
            continue
        kept.append(s)
    return kept


# --- the plan ---------------------------------------------------------------------------------


def _lcm_of(values: Iterable[Fraction]) -> int:
    out = 1
    for v in values:
        out = math.lcm(out, v.denominator)
    return out


def optimise(
    index: CriteriaIndex,
    scored: list[Need],
    moves: Mapping[str, tuple[Move, ...]],
    mandatory: set[str],
    max_steps: int | None,
) -> tuple[list[Move], int | None, Blocker | None]:
    """The optimal moves for the short score conditions (and mandatory survey inputs)."""
    picked: list[tuple[int, Node, frozenset[int]]] = []
    for order, q in enumerate(index.questions):
        conds = frozenset(i for i, n in enumerate(scored) if q.id in n.support)
        if moves[q.id] and (conds or q.id in mandatory):
            picked.append((order, q, conds))
    if not picked:
        return [], 0, None
    shortfalls = [n.shortfall for n in scored]
    scale = _lcm_of([m.gain for _, q, _ in picked for m in moves[q.id]] + shortfalls)
    items = [
        _Item(
            order=order,
            qid=q.id,
            moves=moves[q.id],
            gains=tuple(int(m.gain * scale) for m in moves[q.id]),
            mandatory=q.id in mandatory,
            conds=conds,
        )
        for order, q, conds in picked
    ]
    search = _Search(items, [math.ceil(s * scale) for s in shortfalls])
    first = search.solve(len(items), largest_only=True)
    assert first is not None, "each condition alone is reachable, so all are together"
    shortest = len(first)
    if max_steps is not None and shortest > max_steps:
        return (
            [],
            shortest,
            Blocker(
                "max_steps",
                "max_steps",
                "Batas langkah (--max-steps)",
                f"the shortest plan changes {shortest} questions, more than {max_steps}",
            ),
        )
    best = search.solve(shortest, largest_only=False, incumbent=search.cost_of(first))
    assert best is not None, "the first pass's plan is a candidate"
    return [item.moves[k] for item, k in best], shortest, None
