"""``zi plan``: the fewest answer changes after which a predicate is reached, found exactly.

Pure: takes bound answers and returns a :class:`Plan`; no I/O.

The move set
    A *step* changes one question. Its candidate answers (:func:`candidate_moves`):

    * options: every option worth more than the current answer. Its *level change* is
      the number of option levels climbed (options ranked by value; a blank answer
      stands at the lowest option when that option is worth 0, as every shipped type's
      is, so blank -> A of A-E is 4 levels);
    * survey (``scale``): every index on the 0.01 grid above the current one (a survey
      index is reported with 2 decimals). Level change: the number of 0.01 steps, so
      3.50 -> 3.60 is 10 levels. A survey point is priced high on purpose: it is the
      hardest gain to make, and the optimum then asks for the least index it needs;
    * computed (``ratio``): the count the unit controls is moved one unit at a time
      (the numerator's own field: ``jumlah_perubahan_dibuat`` up towards
      ``jumlah_agen_perubahan``, ``jumlah_pelanggaran_tahun_ini`` down towards 0), every
      count that raises the value being a candidate, up to the full ratio. Level change:
      the count units moved. A blank computed question gets one candidate, the smallest
      counts that give the full value (all 0 where 0/0 counts 1, else 1 of 1); those
      counts only illustrate the ratio and the output says so.

    Frozen questions have no candidates. Lowering an answer never helps: every
    condition rises with every question value.

The objective, lexicographic
    1. the number of questions changed;
    2. the total level change;
    3. the largest *margin*, defined as the total score after the plan (the margin of
       the ``total`` condition, up to a constant), so among otherwise equal plans the
       one that leaves the most headroom wins.
    Plans equal in all three are told apart deterministically (the first the search
    meets, questions taken in pack order), not ranked.

The conditions
    Every condition of the target predicate on a node, a group member (``each``) or a
    survey input is linear in the question values: a question ``q`` adds
    ``c_q x value`` to every node above it, with ``c_q`` its own weight or its
    sub-area's weight over its number of questions (blank answers count 0). An unmet
    survey ``input`` condition keeps only the survey's candidates at or above its
    minimum and makes changing that survey compulsory. A ``held``
    condition, or any other condition that is not on the score, cannot be changed by
    answers: when unmet it blocks the target, and the plan still meets every other
    condition so the unit sees what the score needs.

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
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeAlias

from zicli.models.answers import (
    Answer,
    AnswerRecord,
    CountsAnswer,
    NumberAnswer,
    OptionAnswer,
    answer_to_text,
)
from zicli.models.criteria import TOTAL, Condition, Node, Predicate

from .assess import Assessment, assess
from .exact import ZERO, exact_text
from .index import CompiledRatio, CriteriaIndex
from .score import ratio_value
from .unit import BoundUnit
from .verdict import ConditionResult, PredicateResult

SURVEY_STEP = Fraction(1, 100)
"""The grid of survey targets: an index is reported with 2 decimals."""


@dataclass(frozen=True)
class Move:
    """One candidate answer for one question."""

    question: str
    answer: Answer
    value: Fraction
    """The question's value after the move (0..1)."""
    levels: int
    """Option levels, 0.01 survey steps or count units moved (at least 1)."""
    gain: Fraction
    """Points added to the total (and to every node above the question)."""
    raw: Fraction | None = None
    """The survey index after the move (survey questions only)."""
    illustrative: bool = False
    """Counts made up for a blank computed question: they only show the ratio."""


@dataclass(frozen=True)
class Step:
    """One question of a plan: from its current answer to the proposed one."""

    question: Node
    current: Answer | None
    proposed: Answer
    levels: int
    gain: Fraction
    helps: tuple[str, ...]
    """Ids of the target's conditions (as ``zi score`` names them) that were short and
    that this step raises."""
    illustrative: bool = False

    @property
    def set_text(self) -> str:
        """The step as ``zi score --set`` takes it: ``ID=VALUE``."""
        return f"{self.question.id}={answer_to_text(self.proposed)}"


BlockKind = Literal["held", "fixed", "score", "input", "max_steps"]


@dataclass(frozen=True)
class Blocker:
    """Why the target cannot be reached, and what would be needed there."""

    kind: BlockKind
    condition: str
    """The condition id as ``zi score`` names it (``max_steps`` for the step limit)."""
    description: str
    reason: str
    required: Fraction | None = None
    actual: Fraction | None = None
    reachable: Fraction | None = None
    """The most the condition can reach with every question that may change at its best."""
    frozen: tuple[str, ...] = ()
    """Frozen questions under the condition that could still rise."""
    required_text: str | None = None
    """For a condition that is not a number (the predicate already held)."""
    actual_text: str | None = None
    question: str | None = None
    """The survey question of an input condition."""
    unfreeze: tuple[tuple[str, Answer], ...] = ()
    """Frozen questions that alone would lift the block, each with the least answer
    that does."""


@dataclass(frozen=True)
class Plan:
    """The result of :func:`plan`."""

    target: Predicate
    before: Assessment
    after: Assessment
    """The unit rescored with every step applied (the same as ``before`` without steps)."""
    feasible: bool
    """True when the target is reached after the steps (or already was)."""
    steps: tuple[Step, ...]
    """In order of points gained, largest first (pack order on ties)."""
    blockers: tuple[Blocker, ...]
    frozen: tuple[str, ...]
    max_steps: int | None
    shortest: int | None
    """The fewest changes that meet every score condition (None when none can)."""

    @property
    def already_met(self) -> bool:
        """True when the target holds before any change."""
        return self.target_before.met

    @property
    def target_before(self) -> PredicateResult:
        """The target's conditions before the plan."""
        return self.before.verdict.result(self.target.id)

    @property
    def target_after(self) -> PredicateResult:
        """The target's conditions after the plan."""
        return self.after.verdict.result(self.target.id)

    @property
    def levels(self) -> int:
        """The total level change of the steps."""
        return sum(s.levels for s in self.steps)

    @property
    def gain(self) -> Fraction:
        """Points the steps add to the total."""
        return self.after.card.total - self.before.card.total


# --- candidate moves -----------------------------------------------------------------------


def contribution(index: CriteriaIndex, question: Node) -> Fraction:
    """Points a question adds to its sub-area (and every node above) per unit of value."""
    if question.weight is not None:
        return index.weights[question.id]
    parent = index.nodes[index.parents[question.id]]
    return index.weights[parent.id] / len(parent.children)


def candidate_moves(
    index: CriteriaIndex, question: Node, record: AnswerRecord | None
) -> tuple[Move, ...]:
    """Every candidate answer of ``question`` worth more than ``record`` (see the module
    docstring for the move set), lowest first."""
    atype = index.answer_type(question)
    coef = contribution(index, question)
    if atype.kind == "options":
        return _option_moves(index, question, record, coef)
    if atype.kind == "scale":
        assert atype.max is not None
        return _survey_moves(question, record, Fraction(atype.max), coef)
    return _ratio_moves(index.ratios[question.id], question, record, coef)


def _option_moves(
    index: CriteriaIndex, question: Node, record: AnswerRecord | None, coef: Fraction
) -> tuple[Move, ...]:
    atype = index.answer_type(question)
    ranked = sorted(atype.options, key=lambda o: Fraction(o.value))
    values = [Fraction(o.value) for o in ranked]
    if record is None:
        current_value = ZERO
        zeros = [i for i, v in enumerate(values) if v <= 0]
        rank = zeros[-1] if zeros else -1
    else:
        assert isinstance(record.value, OptionAnswer)
        key = record.value.key.casefold()
        rank = next(i for i, o in enumerate(ranked) if o.key.casefold() == key)
        current_value = values[rank]
    return tuple(
        Move(question.id, OptionAnswer(o.key), v, i - rank, (v - current_value) * coef)
        for i, (o, v) in enumerate(zip(ranked, values, strict=True))
        if v > current_value and i > rank
    )


def _survey_moves(
    question: Node, record: AnswerRecord | None, top: Fraction, coef: Fraction
) -> tuple[Move, ...]:
    if record is None:
        current = ZERO
    else:
        assert isinstance(record.value, NumberAnswer)
        current = Fraction(record.value.value)
    first = math.floor(current / SURVEY_STEP) + 1
    last = math.floor(top / SURVEY_STEP)
    out = []
    for n in range(first, last + 1):
        raw = n * SURVEY_STEP
        levels = math.ceil((raw - current) / SURVEY_STEP)
        out.append(
            Move(
                question.id,
                NumberAnswer(Decimal(n).scaleb(-2)),
                raw / top,
                levels,
                (raw - current) / top * coef,
                raw=raw,
            )
        )
    return tuple(out)


def _expand(ratio: CompiledRatio, terms: tuple[tuple[int, str], ...]) -> dict[str, int]:
    derived = dict(ratio.derived)
    coef: dict[str, int] = {}
    for sign, name in terms:
        for s2, base in derived.get(name, ((1, name),)):
            coef[base] = coef.get(base, 0) + sign * s2
    return coef


def _ratio_moves(
    ratio: CompiledRatio, question: Node, record: AnswerRecord | None, coef: Fraction
) -> tuple[Move, ...]:
    fields = ratio.spec.fields()
    numerator = _expand(ratio, ratio.numerator)
    denominator = _expand(ratio, ratio.denominator)
    best = Fraction(ratio.spec.cap) if ratio.spec.cap is not None else Fraction(1)
    if record is None:
        return _blank_ratio_move(ratio, question, fields, numerator, denominator, coef)
    assert isinstance(record.value, CountsAnswer)
    counts = dict(record.value.counts)
    current, _ = ratio_value(ratio, counts)
    movable = [f for f in fields if numerator.get(f, 0) and not denominator.get(f, 0)]
    if not movable or current >= best:
        return ()
    rising = [f for f in movable if numerator[f] > 0]
    name = rising[0] if rising else movable[0]
    sign = 1 if numerator[name] > 0 else -1
    num = sum(c * counts[f] for f, c in numerator.items())
    den = sum(c * counts[f] for f, c in denominator.items())
    if den == 0 and sign > 0:
        # Nothing to divide by (no agen perubahan, no sasaran): the way up is to have
        # some, e.g. 1 of 1, as for a blank answer.
        return _blank_ratio_move(ratio, question, fields, numerator, denominator, coef)
    if sign < 0:
        limit = counts[name]
    elif den > 0:
        limit = max(0, math.ceil(best * den) - num)
    else:
        limit = max(0, -num)
    out: list[Move] = []
    reached = current
    for units in range(1, limit + 1):
        trial = dict(counts)
        trial[name] = counts[name] + sign * units
        value, _ = ratio_value(ratio, trial)
        if value > reached:
            reached = value
            out.append(
                Move(question.id, CountsAnswer(trial), value, units, (value - current) * coef)
            )
            if value >= best:
                break
    return tuple(out)


def _blank_ratio_move(
    ratio: CompiledRatio,
    question: Node,
    fields: tuple[str, ...],
    numerator: dict[str, int],
    denominator: dict[str, int],
    coef: Fraction,
) -> tuple[Move, ...]:
    counts = dict.fromkeys(fields, 0)
    value, _ = ratio_value(ratio, counts)
    if value < 1:
        for part in (denominator, numerator):
            first = next((f for f in fields if part.get(f, 0) > 0), None)
            if first is not None:
                counts[first] = 1
        value, _ = ratio_value(ratio, counts)
    if value <= 0:
        return ()
    units = max(1, sum(counts.values()))
    return (Move(question.id, CountsAnswer(counts), value, units, value * coef, illustrative=True),)


# --- the target's conditions ----------------------------------------------------------------


@dataclass(frozen=True)
class _Need:
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


def _questions_under(index: CriteriaIndex, node_ids: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for node_id in node_ids:
        if node_id == TOTAL:
            return frozenset(q.id for q in index.questions)
        out |= {n.id for n in index.nodes[node_id].walk() if n.kind == "butir"}
    return frozenset(out)


def _needs(
    index: CriteriaIndex, predicate: Predicate, result: PredicateResult
) -> tuple[list[_Need], list[tuple[Condition, list[ConditionResult]]]]:
    """The target's plannable conditions, and the others with their results."""
    by_id = {r.id: r for r in result.conditions}
    needs: list[_Need] = []
    fixed: list[tuple[Condition, list[ConditionResult]]] = []
    for cond in predicate.conditions:
        if cond.held is None and cond.input is not None:
            needs.append(_Need(by_id[cond.id], frozenset({cond.input}), input=cond.input))
        elif cond.held is None and cond.each is not None:
            group = next(g for g in index.criteria.groups if g.id == cond.each)
            for member in group.members:
                support = _questions_under(index, member.nodes)
                needs.append(_Need(by_id[f"{cond.id}.{member.id}"], support))
        elif cond.held is None and cond.node is not None:
            needs.append(_Need(by_id[cond.id], _questions_under(index, [cond.node])))
        else:
            mine = [
                r for r in result.conditions if r.id == cond.id or r.id.startswith(cond.id + ".")
            ]
            fixed.append((cond, mine))
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


def _fixed_reason(cond: Condition, results: list[ConditionResult]) -> str:
    if cond.held is not None:
        held = results[0].actual_text if results else None
        now = f"; the unit states {held}" if held and held != "-" else ""
        return (
            f"requires already holding {' or '.join(cond.held)}{now}: answers cannot change "
            "that (set unit.predicate_held once the predicate is awarded)"
        )
    return "is not a condition on the score: answers cannot change it"


def _score_blocker(
    index: CriteriaIndex,
    need: _Need,
    moves: Mapping[str, tuple[Move, ...]],
    frozen: Collection[str],
    answers: Mapping[str, AnswerRecord],
) -> Blocker | None:
    result = need.result
    assert result.required is not None
    actual = result.actual if result.actual is not None else ZERO
    reachable = actual + sum(
        (max(m.gain for m in moves[q]) for q in need.support if moves[q]), ZERO
    )
    if reachable >= result.required:
        return None
    deficit = result.required - reachable
    stuck: list[str] = []
    lifts: list[tuple[str, Answer]] = []
    for q in index.questions:
        if q.id not in need.support or q.id not in frozen:
            continue
        candidates = candidate_moves(index, q, answers.get(q.id))
        if candidates:
            stuck.append(q.id)
            lift = next((m for m in candidates if m.gain >= deficit), None)
            if lift is not None:
                lifts.append((q.id, lift.answer))
    return Blocker(
        "score",
        result.id,
        result.description,
        f"needs {exact_text(result.required)}; at most {exact_text(reachable)} can be reached"
        + (" with the frozen questions as they are" if stuck else ""),
        required=result.required,
        actual=actual,
        reachable=reachable,
        frozen=tuple(stuck),
        unfreeze=tuple(lifts),
    )


def plan(
    bound: BoundUnit,
    *,
    target: str | None = None,
    freeze: Collection[str] = (),
    max_steps: int | None = None,
) -> Plan:
    """The optimal plan to ``target`` (default: the next predicate above the one reached,
    or the one reached at the top). ``freeze`` names questions that must not change;
    ``max_steps`` refuses plans with more changes. Blank answers count 0; the unit's
    prerequisite facts are taken as they are."""
    index, answers = bound.index, bound.answers
    before = assess(bound)
    verdict = before.verdict
    if target is None:
        chosen_result = verdict.next or verdict.reached
        assert chosen_result is not None
        target = chosen_result.id
    predicate = next(p for p in index.criteria.predicates if p.id == target)
    needs, fixed = _needs(index, predicate, verdict.result(target))
    frozen = tuple(q.id for q in index.questions if q.id in set(freeze))
    blockers: list[Blocker] = [
        Blocker(
            "held" if cond.held is not None else "fixed",
            cond.id,
            cond.description,
            _fixed_reason(cond, results),
            required_text=results[0].required_text if results else None,
            actual_text=results[0].actual_text if results else None,
        )
        for cond, results in fixed
        if not all(r.met for r in results)
    ]

    moves: dict[str, tuple[Move, ...]] = {
        q.id: () if q.id in frozen else candidate_moves(index, q, answers.get(q.id))
        for q in index.questions
    }
    short = [n for n in needs if not n.result.met]
    mandatory: set[str] = set()
    blocked = False
    for need in short:
        if need.input is None:
            continue
        required = need.result.required
        assert required is not None
        allowed = tuple(m for m in moves[need.input] if m.raw is not None and m.raw >= required)
        if not allowed:
            blocked = True
            q = need.input
            everything = candidate_moves(index, index.nodes[q], answers.get(q))
            lift = next((m for m in everything if m.raw is not None and m.raw >= required), None)
            now = need.result.actual
            state = "is blank" if now is None else f"is {exact_text(now)}"
            blockers.append(
                Blocker(
                    "input",
                    need.result.id,
                    need.result.description,
                    f"{q} {state}"
                    + (", frozen" if q in frozen else "")
                    + f"; it needs at least {exact_text(required)}",
                    required=required,
                    actual=now,
                    frozen=(q,) if q in frozen else (),
                    question=q,
                    unfreeze=((q, lift.answer),) if lift is not None and q in frozen else (),
                )
            )
        moves[need.input] = allowed
        mandatory.add(need.input)
    scored = [n for n in short if n.input is None]
    for need in scored:
        blocker = _score_blocker(index, need, moves, frozen, answers)
        if blocker is not None:
            blocked = True
            blockers.append(blocker)

    shortest: int | None = None
    chosen: list[Move] = []
    if not blocked:
        chosen, shortest, limit_blocker = _optimise(index, scored, moves, mandatory, max_steps)
        if limit_blocker is not None:
            blockers.append(limit_blocker)

    helps = {
        q: tuple(n.result.id for n in short if q in n.support) for q in (m.question for m in chosen)
    }
    order = {q.id: i for i, q in enumerate(index.questions)}
    steps = tuple(
        sorted(
            (
                Step(
                    question=index.nodes[m.question],
                    current=answers[m.question].value if m.question in answers else None,
                    proposed=m.answer,
                    levels=m.levels,
                    gain=m.gain,
                    helps=helps[m.question],
                    illustrative=m.illustrative,
                )
                for m in chosen
            ),
            key=lambda s: (-s.gain, order[s.question.id]),
        )
    )
    after = before
    if steps:
        changed = dict(answers)
        for m in chosen:
            old = answers.get(m.question)
            changed[m.question] = (
                AnswerRecord(m.answer, old.evidence, old.note) if old else AnswerRecord(m.answer)
            )
        after = assess(bound.with_answers(changed))
        reached = {r.id: r.met for r in after.verdict.result(target).conditions}
        missed = [n.result.id for n in needs if not reached[n.result.id]]
        if missed:  # pragma: no cover - the optimiser's own check; a failure is a bug
            raise AssertionError(f"plan to {target} leaves {', '.join(missed)} unmet")
    return Plan(
        target=predicate,
        before=before,
        after=after,
        feasible=not blockers,
        steps=steps,
        blockers=tuple(blockers),
        frozen=frozen,
        max_steps=max_steps,
        shortest=shortest,
    )


def _optimise(
    index: CriteriaIndex,
    scored: list[_Need],
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
