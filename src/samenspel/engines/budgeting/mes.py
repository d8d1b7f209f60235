# SPDX-License-Identifier: EUPL-1.2
"""The Method of Equal Shares (MES) and its completions.

MES (Peters, Pierczyński and Skowron, "Proportional participatory budgeting with additive
utilities", NeurIPS 2021; equalshares.net): every voter gets an equal share ``t`` of the budget.
In each round, for every project whose supporters together still have its cost, the price per
unit of satisfaction ``rho`` is the smallest number such that the supporters, each paying
``min(budget, rho * satisfaction)``, cover the cost. The project with the smallest ``rho`` is
bought (ties: smallest project id as a string); the rule stops when no project is affordable.

The ``add1`` completion (equalshares.net, "completion by varying the budget") reruns MES with
``t = B / n + k`` for ``k = 0, 1, 2, ...`` and keeps the last outcome that fits the real budget,
stopping early when an outcome is exhaustive; this follows pabutools' ``voter_budget_increment=1``.

Arithmetic. Two implementations of one MES run live here:

* :func:`run_exact` works in exact rationals (gmpy2 ``mpq``) and is the arbiter;
* :func:`run_fast` works in float64 on groups of identical voters with numpy. Every decision it
  takes (is a project affordable, which ``rho`` is smallest) is checked against a margin of
  :data:`TOLERANCE`. Prices within that margin are compared again exactly when that is cheap
  and certain (every supporter either has exactly nothing left or can pay the price with room
  to spare, so ``rho = cost / total satisfaction``: ties between equally supported projects);
  otherwise the run is redone by :func:`run_exact`. The amounts paid are continuous in the
  budgets, so between decisions no rounding can change the outcome.

Speed of ``add1``. Voters with identical ballots are counted once with a multiplicity, prices
are found with numpy by the poor/rich iteration, and a project's previous price is a lower bound
(budgets only go down, so prices only go up), kept in a heap, so most projects are not re-priced
in a round.
Across increments: the first rounds in which nobody is short of money are the same for every
larger budget and are not recomputed (:class:`Prefix`); and :func:`replay` certifies whole
stretches of increments at once from the monotonicity of MES in the budget, so the completion
only runs MES where the decisions may change. The result is always the increment-by-one result.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import gmpy2
import numpy as np

from samenspel.engines.budgeting.greedy import greedy
from samenspel.engines.budgeting.model import Election, Loser, Outcome, RoundRecord
from samenspel.engines.budgeting.profile import GroupedProfile, _plain

TOLERANCE = 1e-9
"""Relative margin below which a float decision is not trusted and the run is redone exactly."""


class NearTie(Exception):
    """A float decision was too close to call; the caller redoes the run in exact arithmetic."""


@dataclass
class MesRun:
    """One MES run at per-voter budget ``t``.

    ``order`` lists the bought projects; ``rho[r]`` is the price per unit of satisfaction in
    round ``r``; ``payments[r]`` is what one voter of each group paid in that round (recorded only
    when asked); ``dropped[j]`` is the round in which project ``j`` became unaffordable;
    ``left`` is each group's budget per voter at the end; ``exact`` says whether exact
    arithmetic was used; ``steady[r]`` whether no supporter was short of the round's price (so
    the price was ``cost / total satisfaction``, the same for any larger budget).
    """

    t: Fraction
    order: list[int]
    rho: list[float]
    payments: list[np.ndarray]
    dropped: dict[int, int]
    left: np.ndarray
    exact: bool = False
    prefix: Prefix | None = None
    steady: list[bool] = field(default_factory=list)


@dataclass(frozen=True)
class Prefix:
    """The first rounds of a float run at per-voter budget ``t`` in which no project was found
    unaffordable and no supporter was short of money for any price computed. Those prices are
    ``cost / total satisfaction`` whatever the budget, so every run with a larger budget takes
    the same decisions in these rounds, with every budget larger by the difference: a run at a
    larger budget can start after them (a big saving for ``add1``)."""

    t: Fraction
    budget: np.ndarray
    bound: np.ndarray
    remaining: frozenset[int]
    order: tuple[int, ...]
    rho: tuple[float, ...]


def candidates(profile: GroupedProfile, costs: list[Fraction]) -> tuple[list[int], list[int]]:
    """Projects MES considers (some support, positive cost) and free supported projects."""
    live: list[int] = []
    free: list[int] = []
    for j, cost in enumerate(costs):
        if profile.total_util[j] > 0:
            (live if cost > 0 else free).append(j)
    return live, free


def run_exact(
    profile: GroupedProfile, costs: list[Fraction], ids: list[str], t: Fraction, record: bool
) -> MesRun:
    """One MES run in exact rationals (lazy evaluation: a project's last ``rho`` is a lower bound
    for its current one, because budgets only go down)."""
    weight = [int(w) for w in profile.weight]
    budget = [gmpy2.mpq(t.numerator, t.denominator)] * len(weight)
    cost = [gmpy2.mpq(c.numerator, c.denominator) for c in costs]
    utils = [gmpy2.mpq(u.numerator, u.denominator) for u in map(Fraction, profile.exact_util)]
    live, _ = candidates(profile, costs)
    total = {j: gmpy2.mpq(Fraction(profile.total_util[j])) for j in live}
    bound = {j: cost[j] / total[j] for j in live}
    spans = {j: range(int(profile.ptr[j]), int(profile.ptr[j + 1])) for j in live}
    groups = profile.groups.tolist()
    run = MesRun(t, [], [], [], {}, np.zeros(0), exact=True)
    remaining = set(live)
    while True:
        best, best_projects = None, []
        for j in sorted(remaining, key=lambda p: (bound[p], ids[p])):
            span = spans[j]
            available = sum(budget[groups[k]] * weight[groups[k]] for k in span)
            if available < cost[j]:
                remaining.discard(j)
                run.dropped[j] = len(run.order)
                continue
            if best is not None and bound[j] > best:
                break
            rho = _exact_rho(cost[j], total[j], span, groups, weight, budget, utils)
            bound[j] = rho
            if best is None or rho < best:
                best, best_projects = rho, [j]
            elif rho == best:
                best_projects.append(j)
        if best is None:
            break
        chosen = min(best_projects, key=lambda p: ids[p])
        remaining.discard(chosen)
        paid = np.zeros(len(weight)) if record else None
        for k in spans[chosen]:
            g = groups[k]
            pay = min(budget[g], best * utils[k])
            budget[g] -= pay
            if paid is not None:
                paid[g] = float(pay)
        run.order.append(chosen)
        run.rho.append(float(best))
        if paid is not None:
            run.payments.append(paid)
    run.left = np.array([float(b) for b in budget])
    return run


# gmpy2 ships no type information: its exact rationals (``mpq``) are typed ``Any``.
Rational = Any


def _exact_rho(
    cost: Rational,
    total: Rational,
    span: range,
    groups: list[int],
    weight: list[int],
    budget: list[Rational],
    utils: list[Rational],
) -> Rational:
    """Smallest ``rho`` with sum of ``min(budget, rho * u)`` over supporters equal to ``cost``."""
    ordered = sorted(span, key=lambda k: budget[groups[k]] / utils[k])
    paid, rest = gmpy2.mpq(0), total
    for k in ordered:
        g = groups[k]
        rho = (cost - paid) / rest
        if rho * utils[k] <= budget[g]:
            return rho
        paid += budget[g] * weight[g]
        rest -= utils[k] * weight[g]
    raise AssertionError("an affordable project always has a price")


class _Supporters:
    """What every float run on one profile shares: per project its cost, supporters, their
    satisfaction and weights, as numpy slices (built once, reused by every ``add1`` increment)."""

    last: tuple[GroupedProfile, list[Fraction], _Supporters] | None = None

    @classmethod
    def of(cls, profile: GroupedProfile, costs: list[Fraction]) -> _Supporters:
        if cls.last is None or cls.last[0] is not profile or cls.last[1] is not costs:
            cls.last = (profile, costs, cls(profile, costs))
        return cls.last[2]

    def __init__(self, profile: GroupedProfile, costs: list[Fraction]) -> None:
        self.weight = profile.weight.astype(np.float64)
        self.cost = [float(c) for c in costs]
        self.live, _ = candidates(profile, costs)
        self.total = {j: float(profile.total_util[j]) for j in self.live}
        self.bound = np.full(len(costs), np.inf)
        for j in self.live:
            self.bound[j] = self.cost[j] / self.total[j]
        ptr = profile.ptr.tolist()
        self.sup = {j: profile.groups[ptr[j] : ptr[j + 1]] for j in self.live}
        self.util = {j: profile.util[ptr[j] : ptr[j + 1]] for j in self.live}
        self.wsup = {j: self.weight[self.sup[j]] for j in self.live}
        self.uw = {j: self.util[j] * self.wsup[j] for j in self.live}
        self.constant_util = profile.satisfaction in ("cost", "cardinality")
        # What a price is multiplied by per supporter: one number when every supporter has the
        # same satisfaction (the same products as with the array, with less work).
        self.unit = {
            j: float(self.util[j][0]) if self.constant_util else self.util[j] for j in self.live
        }
        self.exact_util = profile.exact_util
        self.ptr = ptr
        self.costs = costs
        self.total_exact = profile.total_util


class _FloatState:
    """Budgets per voter of every group in float64 and each project's price lower bound."""

    def __init__(self, profile: GroupedProfile, costs: list[Fraction], t: Fraction) -> None:
        shared = _Supporters.of(profile, costs)
        self.weight, self.cost, self.live = shared.weight, shared.cost, shared.live
        self.total, self.sup, self.util, self.wsup, self.uw, self.unit = (
            shared.total,
            shared.sup,
            shared.util,
            shared.wsup,
            shared.uw,
            shared.unit,
        )
        self.exact_util, self.constant_util = shared.exact_util, shared.constant_util
        self.ptr, self.costs, self.total_exact = shared.ptr, shared.costs, shared.total_exact
        self.budget = np.full(len(self.weight), float(t))
        self.bound = shared.bound.copy()
        # True while every supporter that paid all it had was clearly short (not a near-equality),
        # so a budget of 0.0 here is exactly 0 in exact arithmetic.
        self.clean = True
        # Whether a supporter was short of money in a price computed this round, or ran out.
        self.short = False
        self.short_of: dict[int, bool] = {}
        # The budgets of the supporters of each project asked about since the last payment (a
        # round gathers a project's budgets once for its money, its price and its payment).
        self.gathered: dict[int, np.ndarray] = {}

    def budgets(self, j: int) -> np.ndarray:
        """The budgets per voter of project ``j``'s supporters (a copy, valid until a payment)."""
        budget = self.gathered.get(j)
        if budget is None:
            budget = self.gathered[j] = self.budget[self.sup[j]]
        return budget

    def available(self, j: int) -> float:
        """The money project ``j``'s supporters have left."""
        # The method, not np.dot: the same product without numpy's dispatch in Python per call.
        return float(self.budgets(j).dot(self.wsup[j]))

    def rho(self, j: int) -> float:
        budget = self.budgets(j)
        rho, short = _fast_rho(
            self.cost[j],
            self.total[j],
            budget,
            self.unit[j],
            self.wsup[j],
            self.uw[j],
            self.bound[j],
        )
        self.bound[j] = rho
        self.short = self.short or short
        self.short_of[j] = short
        return rho

    def exact_rho(self, j: int, rho: float) -> Fraction | None:
        """The exact ``rho`` of project ``j`` when its float price ``rho`` is certain to come from
        supporters who all either have exactly nothing left or can pay ``rho * u`` with room to
        spare: then ``rho = cost / (sum of their satisfaction)``. None when that is not certain."""
        budget, price = self.budgets(j), rho * self.util[j]
        poor = budget < price
        if not self.clean or (budget[poor] != 0.0).any():
            return None
        if (budget[~poor] <= price[~poor] * (1 + TOLERANCE)).any():
            return None
        start, rich = self.ptr[j], np.nonzero(~poor)[0]
        weight = self.wsup[j]
        if self.constant_util:
            # Cost and cardinality give every supporter the same satisfaction: one product.
            total = Fraction(self.exact_util[start]) * int(weight[rich].sum())
        else:
            total = sum(
                (int(weight[k]) * Fraction(self.exact_util[start + k]) for k in rich), Fraction(0)
            )
        return Fraction(self.costs[j]) / total

    def pay(self, j: int, rho: float, run: MesRun, record: bool) -> None:
        g = self.sup[j]
        price = rho * self.unit[j]
        before = self.budgets(j)
        self.gathered = {}
        after = before - price  # its sign is exact: a float difference never flips sign
        capped = after <= 0
        if np.count_nonzero(capped):
            if self.clean:
                # A supporter who had nothing is left at -price, far from 0: only those who had
                # something can end near 0.
                self.clean = not np.count_nonzero(np.abs(after) <= TOLERANCE * price)
            self.short = True
            np.maximum(after, 0.0, out=after)  # the capped pay what they had
        elif self.clean:
            # Everyone keeps something (so had something): only a near-equality is unclean.
            self.clean = not np.count_nonzero(after <= TOLERANCE * price)
        self.budget[g] = after
        if record:
            paid = np.zeros(len(self.weight))
            paid[g] = before - after
            run.payments.append(paid)
        run.order.append(j)
        run.rho.append(rho)


def run_fast(
    profile: GroupedProfile,
    costs: list[Fraction],
    ids: list[str],
    t: Fraction,
    record: bool,
    prefix: Prefix | None = None,
) -> MesRun:
    """One MES run in float64 (see the module docstring); raises :class:`NearTie`. With a
    :class:`Prefix` from a budget not above ``t`` (and ``record`` off) it starts after it."""
    state = _FloatState(profile, costs, t)
    bound, cost = state.bound, state.cost
    run = MesRun(t, [], [], [], {}, state.budget)
    remaining = set(state.live)
    if prefix is not None and not record:
        state.budget[:] = prefix.budget + float(t - prefix.t)
        bound[:] = prefix.bound
        remaining = set(prefix.remaining)
        run.order, run.rho = list(prefix.order), list(prefix.rho)
        run.steady = [True] * len(prefix.order)
        run.prefix = prefix
    free = True
    rank = _id_rank(ids).tolist()
    # The remaining projects by (price lower bound, id): the order in which a round visits them.
    # The bounds are Python floats here (comparing numpy scalars is slow); a project's entry
    # holds its current bound, since a bound changes only when the project is priced, off the heap.
    bounds = bound.tolist()
    queue = [(bounds[j], rank[j], j) for j in remaining]
    heapq.heapify(queue)
    while True:
        best, chosen, priced = np.inf, -1, []
        while queue:
            lower, _, j = queue[0]
            # A project whose price cannot beat the best one is not bought this round, whether
            # or not its supporters can still pay for it: that is checked when it can win.
            if lower > best * (1 + TOLERANCE):
                break
            heapq.heappop(queue)
            margin = state.available(j) - cost[j]
            if abs(margin) <= TOLERANCE * cost[j]:
                raise NearTie
            if margin < 0:
                remaining.discard(j)
                run.dropped[j] = len(run.order)
                free = False
                continue
            rho = state.rho(j)
            priced.append((rho, j))
            if rho < best:
                best, chosen = rho, j
        if chosen < 0:
            break
        tied = [j for rho, j in priced if rho <= best * (1 + TOLERANCE)]
        if len(tied) > 1:
            best, chosen = _break_tie(state, tied, bound, ids)
        remaining.discard(chosen)
        for rho, j in priced:
            if j != chosen:
                heapq.heappush(queue, (rho, rank[j], j))
        run.steady.append(not state.short_of[chosen])
        state.pay(chosen, best, run, record)
        free = free and not state.short
        state.short = False
        if free:
            run.prefix = Prefix(
                t,
                state.budget.copy(),
                bound.copy(),
                frozenset(remaining),
                tuple(run.order),
                tuple(run.rho),
            )
    return run


def _id_rank(ids: list[str]) -> np.ndarray:
    """Each project's place when ids are sorted as strings (the tie-break order)."""
    rank = np.empty(len(ids), dtype=np.int64)
    rank[sorted(range(len(ids)), key=ids.__getitem__)] = np.arange(len(ids))
    return rank


def _break_tie(
    state: _FloatState, tied: list[int], bound: np.ndarray, ids: list[str]
) -> tuple[float, int]:
    """Among projects whose float prices are within :data:`TOLERANCE`, the one with the smallest
    exact price (then the smallest id); raises :class:`NearTie` when exact prices are unknown."""
    exact = {j: state.exact_rho(j, bound[j]) for j in tied}
    if any(value is None for value in exact.values()):
        raise NearTie
    chosen = min(tied, key=lambda j: (exact[j], ids[j]))
    return bound[chosen], chosen


def replay(
    profile: GroupedProfile, costs: list[Fraction], ids: list[str], previous: MesRun, t: Fraction
) -> MesRun | None:
    """Certify that MES at every per-voter budget in ``[previous.t, t]`` takes the decisions of
    ``previous`` (a float run), and return the run at ``t``; None when that cannot be shown.

    With the decisions fixed, every budget is non-decreasing in ``t`` and every price ``rho`` is
    non-increasing (a larger budget pays a price sooner; what is left, ``max(0, b - rho u)``, grows
    with ``b`` and shrinks with ``rho``). So on the whole interval: a project that was unaffordable
    at ``t`` was unaffordable before; a project whose price at ``t`` exceeds the winner's price at
    ``previous.t`` never beat the winner; the winner stays affordable. Each check keeps a margin
    of :data:`TOLERANCE`, so float rounding cannot fake a certificate. A tie passes only when both
    prices are ``cost / total satisfaction`` on the whole interval and exactly favour the winner.
    """
    state = _FloatState(profile, costs, t)
    # A replay settles no near-tie by exact prices (:func:`_stays_ahead` does not need the budgets
    # to be clean), so the payments need not check for near-equalities.
    state.clean = False
    bound, cost = state.bound, state.cost
    run = MesRun(t, [], [], [], {}, state.budget)
    dropped_at: dict[int, list[int]] = {}
    for j, r in previous.dropped.items():
        dropped_at.setdefault(r, []).append(j)
    remaining = set(state.live)
    for r in range(len(previous.order) + 1):
        for j in dropped_at.get(r, ()):
            # Still affordable at the larger budget: it stays a candidate and must be outpriced.
            if j in remaining and state.available(j) < cost[j] * (1 - TOLERANCE):
                remaining.discard(j)
                run.dropped[j] = r
        if r == len(previous.order):
            break
        winner = previous.order[r]
        remaining.discard(winner)
        limit = previous.rho[r] * (1 + TOLERANCE)
        for j in (bound <= limit).nonzero()[0].tolist():
            if j not in remaining:
                continue
            if state.available(j) < cost[j] * (1 - TOLERANCE):
                remaining.discard(j)
                run.dropped[j] = r
                continue
            if state.rho(j) <= limit and not _stays_ahead(state, previous, r, j, ids):
                return None
        rho = state.rho(winner)
        run.steady.append(not state.short_of[winner])
        state.pay(winner, rho, run, False)
    for j in remaining:
        if state.available(j) >= cost[j] * (1 - TOLERANCE):
            return None
        run.dropped[j] = len(run.order)
    return run


def _stays_ahead(state: _FloatState, previous: MesRun, r: int, j: int, ids: list[str]) -> bool:
    """Whether round ``r``'s winner beats project ``j`` on ``[previous.t, state's t]`` although
    their prices are within the tolerance: the winner's price was steady at ``previous.t`` (so it
    is ``cost / total`` at every larger budget), ``j``'s price is steady at the larger end (so it
    is ``cost / total`` there and can only be higher before), and exactly, ``(price, id)`` of
    the winner is smaller."""
    winner = previous.order[r]
    if not previous.steady[r] or state.short_of[j]:
        return False
    exact_winner = Fraction(state.costs[winner]) / Fraction(state.total_exact[winner])
    exact_other = Fraction(state.costs[j]) / Fraction(state.total_exact[j])
    return (exact_winner, ids[winner]) < (exact_other, ids[j])


def _fast_rho(
    cost: float,
    total: float,
    budget: np.ndarray,
    util: float | np.ndarray,
    weight: np.ndarray,
    uw: np.ndarray,
    start: float,
) -> tuple[float, bool]:
    """``rho`` for one project in float64, by the poor/rich iteration: start from a lower bound of
    the price; supporters who cannot pay it pay everything they have and the others share the
    rest; repeat until nobody else runs out. The price only rises and stops at the smallest
    ``rho`` with ``sum(min(budget, rho * u)) = cost``; no sort needed. Also says whether any
    supporter was short of ``cost / total``, the price at which nobody runs out of money.
    ``util`` is the supporters' satisfaction (or one number, when they all have the same), ``uw``
    is ``util * weight`` and ``start`` is a lower bound (the project's last price in this run:
    budgets only go down). Each step from a lower bound gives a lower bound, so any lower bound
    is a valid start; the last price is the nearest and saves steps. When it is above
    ``cost / total``, somebody was short of that then, and is still.

    The poor are those short of the highest price so far (so they only grow, whatever the
    rounding), and the iteration ends when their number stays the same; their money and the
    others' satisfaction are dot products with the 0/1 mask."""
    rho = cost / total
    highest = max(rho, start)
    poor = budget < highest * util
    count = np.count_nonzero(poor)
    if not count:
        return rho, False
    bw = budget * weight
    while True:
        rho = (cost - float(bw.dot(poor))) / float(uw.dot(~poor))
        if rho > highest:
            highest = rho
            poor = budget < rho * util
            now = np.count_nonzero(poor)
            if now == count:
                return rho, True
            count = now
        else:
            return rho, True


def run(
    profile: GroupedProfile,
    costs: list[Fraction],
    ids: list[str],
    t: Fraction,
    record: bool = False,
    exact: bool = False,
    prefix: Prefix | None = None,
) -> MesRun:
    """One MES run: the float path, or the exact one when asked or when the float path meets a
    near-tie."""
    if not exact:
        try:
            return run_fast(profile, costs, ids, t, record, prefix)
        except NearTie:
            pass
    return run_exact(profile, costs, ids, t, record)


def add1(
    profile: GroupedProfile,
    costs: list[Fraction],
    ids: list[str],
    budget: Fraction,
    exact: bool = False,
) -> tuple[MesRun | None, int | None, int, int]:
    """The ``add1`` completion: the last run, for ``k = 0, 1, ...``, whose outcome fits the
    budget, stopping at the first outcome over the budget or exhaustive (pabutools'
    ``voter_budget_increment=1``).

    Where consecutive increments gave the same decisions, :func:`replay` tries to certify a
    stretch of increments at once (doubling the stretch while it succeeds, halving when it does
    not); a certified stretch has the outcome of its first run, which fitted and was not
    exhaustive, so the loop could not have stopped inside it. Returns the run (None when not even
    ``k = 0`` fits), its ``k``, and how many MES runs (replays included) and exact runs were made.
    """
    live, free = candidates(profile, costs)
    base = budget / profile.num_voters
    # Whole amounts as ints: the same sums and comparisons, without Fraction arithmetic.
    costs_x = [_plain(c) for c in costs]
    budget_x = _plain(budget)
    free_cost = sum((costs_x[j] for j in free), 0)
    k, step, patience, wait = -1, 0, 1, 0
    prefix: Prefix | None = None
    current: MesRun | None = None
    fail_at: int | None = None
    runs = exact_runs = 0
    while True:
        if current is not None and step and not current.exact:
            certified = replay(profile, costs, ids, current, base + k + step)
            runs += 1
            if certified is not None:
                # Gallop while certificates hold; below a failed one, halve the distance.
                k, current, patience = k + step, certified, 1
                step = 2 * step if fail_at is None else (fail_at - k) // 2
            elif step > 1:
                fail_at, step = k + step, step // 2
            else:
                # Certificates keep failing on elections with many near-ties: back off.
                patience, wait, step = min(2 * patience, 32), patience, 0
            if step:
                continue
        following = run(profile, costs, ids, base + k + 1, exact=exact, prefix=prefix)
        prefix = following.prefix or prefix
        runs += 1
        exact_runs += following.exact
        spent = free_cost + sum([costs_x[j] for j in following.order])
        if spent > budget_x:
            return current, (k if current is not None else None), runs, exact_runs
        wait = max(0, wait - 1)
        k, current, fail_at, step = k + 1, following, None, 0 if wait else 1
        chosen = set(following.order)
        if all(spent + costs_x[j] > budget_x for j in live if j not in chosen):
            return current, k, runs, exact_runs


def equal_shares(
    election: Election,
    profile: GroupedProfile,
    rule: str,
    completion: str | None = None,
    exact: bool = False,
) -> Outcome:
    """The Method of Equal Shares with an optional completion (``add1`` or ``greedy``).

    ``exact=True`` takes the exact-arithmetic path for every run (slow; a confirmation).
    """
    costs = [p.cost for p in election.projects]
    ids = [p.id for p in election.projects]
    if not election.ballots:
        return Outcome(rule, (), election.budget, Fraction(0), (), ())
    base = election.budget / len(election.ballots)
    free = candidates(profile, costs)[1]
    increment: int | None = None
    if completion == "add1":
        last, increment, runs, exact_runs = add1(profile, costs, ids, election.budget, exact)
        if last is None:
            final = MesRun(base, [], [], [], {}, np.full(len(profile.weight), float(base)))
        else:
            final = run(profile, costs, ids, last.t, record=True, exact=exact or last.exact)
    else:
        final = run(profile, costs, ids, base, record=True, exact=exact)
        runs, exact_runs = 1, int(final.exact)
    order = free + final.order
    records = [RoundRecord(ids[j], costs[j], 0.0) for j in free]
    for r, j in enumerate(final.order):
        paid = final.payments[r]
        groups = np.nonzero(paid)[0]
        records.append(
            RoundRecord(
                ids[j],
                costs[j],
                final.rho[r],
                tuple(zip(groups.tolist(), paid[groups].tolist(), strict=True)),
            )
        )
    if completion == "greedy":
        extra, extra_records, _ = greedy(election, profile, tuple(order))
        order += extra
        records += extra_records
    spent = sum((costs[j] for j in order), Fraction(0))
    return Outcome(
        rule,
        tuple(ids[j] for j in order),
        election.budget,
        spent,
        tuple(records),
        _losers(election, profile, final, set(order), spent),
        grouping=(election.ballots, profile.members),
        budget_per_voter=final.t,
        increment=increment,
        mes_runs=runs,
        exact_runs=exact_runs,
    )


def _losers(
    election: Election, profile: GroupedProfile, final: MesRun, chosen: set[int], spent: Fraction
) -> tuple[Loser, ...]:
    """Why every project not bought was not bought, from the final run's payments."""
    weight = profile.weight.astype(np.float64)
    # By group, then round: the rows of a project's supporters are gathered without striding.
    paid = np.array(final.payments).T.copy() if final.payments else np.zeros((len(weight), 0))
    losers = []
    for j, project in enumerate(election.projects):
        if j in chosen:
            continue
        g = profile.supporters(j)
        supporters = int(profile.weight[g].sum())
        if not supporters:
            losers.append(Loser(project.id, "no_support", 0))
            continue
        left = float(np.dot(final.left[g], weight[g]))
        by_round = weight[g] @ paid[g]
        spent_on = sorted(
            ((election.projects[final.order[r]].id, float(v)) for r, v in enumerate(by_round) if v),
            key=lambda item: -item[1],
        )
        cost = float(project.cost)
        reason = "unaffordable" if left < cost else "outbid"
        losers.append(
            Loser(
                project.id,
                reason,
                supporters,
                supporters_left=left,
                budget_left=float(election.budget - spent),
                needed=max(0.0, cost - left),
                spent_on=tuple(spent_on),
            )
        )
    return tuple(losers)


def confirm_add1(election: Election, outcome: Outcome, satisfaction: str = "cost") -> bool:
    """Confirm an ``add1`` outcome in exact arithmetic: the exact MES run at the final increment
    gives the same projects, and the run at the next increment costs more than the budget or the
    final outcome is exhaustive (so the completion had to stop there)."""
    from samenspel.engines.budgeting.profile import group_profile

    profile = group_profile(election, satisfaction)
    costs = [p.cost for p in election.projects]
    ids = [p.id for p in election.projects]
    live, free = candidates(profile, costs)
    if outcome.increment is None:
        return not outcome.selected
    base = election.budget / len(election.ballots)
    final = run_exact(profile, costs, ids, base + outcome.increment, False)
    if tuple(ids[j] for j in free + final.order) != outcome.selected:
        return False
    spent = sum((costs[j] for j in free + final.order), Fraction(0))
    chosen = set(final.order)
    if all(spent + costs[j] > election.budget for j in live if j not in chosen):
        return True
    following = run_exact(profile, costs, ids, base + outcome.increment + 1, False)
    return sum((costs[j] for j in free + following.order), Fraction(0)) > election.budget
