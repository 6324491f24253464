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


SEARCH_BUDGET = 2_000_000
"""Candidate states the exact search may weigh (about 10 s): a shipped pack's plan
needs far fewer; a custom pack of thousands of questions under one condition could
need more than any run can wait for. Past it, :func:`optimise` plans greedily and
says where the search stopped."""


class SearchStopped(Exception):
    """The exact search reached :data:`SEARCH_BUDGET`."""

    def __init__(self, weighed: int) -> None:
        super().__init__(f"search stopped at {weighed:,} candidates")
        self.weighed = weighed


class _Search:
    """The exact search over one problem (see the module docstring)."""

    def __init__(self, items: list[_Item], shortfalls: list[int], budget: int) -> None:
        self.budget = budget
        self.weighed = 0
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

    def _weigh(self, n: int) -> None:
        self.weighed += n
        if self.weighed > self.budget:
            raise SearchStopped(self.weighed)

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
                self._weigh(len(frontier))
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
            self._weigh(len(states) * len(choices))
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


def _greedy(items: list[_Item], shortfalls: list[int]) -> list[tuple[_Item, int]]:
    """A plan without the exact search: the mandatory questions, then the largest
    gains first, each taken while a condition it helps is still short. Every
    condition is covered (each is reachable with all its questions at their best)."""
    need = list(shortfalls)
    chosen: list[tuple[_Item, int]] = []

    def take(item: _Item) -> None:
        k = max(range(len(item.gains)), key=lambda j: (item.gains[j], -j))
        chosen.append((item, k))
        for c in item.conds:
            need[c] -= item.gains[k]

    for item in items:
        if item.mandatory:
            take(item)
    for item in sorted(items, key=lambda i: (-max(i.gains), i.order)):
        if not item.mandatory and any(need[c] > 0 for c in item.conds):
            take(item)
    return chosen


def optimise(
    index: CriteriaIndex,
    scored: list[Need],
    moves: Mapping[str, tuple[Move, ...]],
    mandatory: set[str],
    max_steps: int | None,
    budget: int | None = None,
) -> tuple[list[Move], int | None, Blocker | None, int | None]:
    """The optimal moves for the short score conditions (and mandatory survey inputs):
    (moves, fewest changes, a --max-steps blocker, None); past the search budget, a
    greedy plan, None, a blocker, and the candidates weighed when the search stopped."""
    picked: list[tuple[int, Node, frozenset[int]]] = []
    for order, q in enumerate(index.questions):
        conds = frozenset(i for i, n in enumerate(scored) if q.id in n.support)
        if moves[q.id] and (conds or q.id in mandatory):
            picked.append((order, q, conds))
    if not picked:
        return [], 0, None, None
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
    needs = [math.ceil(s * scale) for s in shortfalls]
    search = _Search(items, needs, SEARCH_BUDGET if budget is None else budget)
    try:
        first = search.solve(len(items), largest_only=True)
    except SearchStopped as stop:
        greedy = _greedy(items, needs)
        blocker = _over(max_steps, len(greedy), shortest=False)
        return (
            [i.moves[k] for i, k in greedy] if blocker is None else [],
            None,
            blocker,
            stop.weighed,
        )
    assert first is not None, "each condition alone is reachable, so all are together"
    shortest = len(first)
    blocker = _over(max_steps, shortest, shortest=True)
    if blocker is not None:
        return [], shortest, blocker, None
    try:
        best = search.solve(shortest, largest_only=False, incumbent=search.cost_of(first))
    except SearchStopped as stop:
        # the fewest changes are known; their least level change is not
        return [i.moves[k] for i, k in first], shortest, None, stop.weighed
    assert best is not None, "the first pass's plan is a candidate"
    return [item.moves[k] for item, k in best], shortest, None, None


def _over(max_steps: int | None, changes: int, *, shortest: bool) -> Blocker | None:
    if max_steps is None or changes <= max_steps:
        return None
    from zicli.i18n import _, ngettext  # here: the search's loops use _ as a name

    reason = (
        ngettext(
            "the shortest plan changes {n} question, more than {max_steps}",
            "the shortest plan changes {n} questions, more than {max_steps}",
            changes,
        )
        if shortest
        else ngettext(
            "the plan found changes {n} question, more than {max_steps}",
            "the plan found changes {n} questions, more than {max_steps}",
            changes,
        )
    )
    return Blocker(
        "max_steps",
        "max_steps",
        _("Step limit (--max-steps)"),
        reason.format(n=changes, max_steps=max_steps),
    )
