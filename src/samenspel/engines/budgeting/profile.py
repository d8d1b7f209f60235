# SPDX-License-Identifier: EUPL-1.2
"""Ballots grouped for counting: voters with identical satisfaction vectors form one group.

A satisfaction measure turns a ballot into a number per project (pabulib's conventions, as in
pabutools): ``cost`` — the project's cost if the ballot names it; ``cardinality`` — 1 if named;
``cardinal`` — the points given; ``borda`` — for a ranking of length L, L - 1 - position (so the
last-ranked project gives 0). Voters whose satisfaction vectors are equal behave identically in
every rule here, so the rules count groups with a multiplicity instead of single voters.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import chain

import numpy as np

from samenspel.engines.budgeting.model import Election

SATISFACTIONS = ("cost", "cardinality", "cardinal", "borda")


@dataclass(frozen=True)
class GroupedProfile:
    """Groups of identical voters and, per project, its supporters (groups with satisfaction > 0).

    ``members[g]`` are the ballot indices in group ``g``; ``weight[g]`` is their number.
    For project ``j`` its supporters are ``groups[ptr[j]:ptr[j+1]]`` with satisfaction per voter
    ``util[ptr[j]:ptr[j+1]]`` (exact values in ``exact_util``).
    """

    satisfaction: str
    num_voters: int
    members: tuple[tuple[int, ...], ...]
    weight: np.ndarray
    ptr: np.ndarray
    groups: np.ndarray
    util: np.ndarray
    exact_util: tuple[Fraction | int, ...]
    total_util: tuple[Fraction | int, ...]

    def supporters(self, j: int) -> np.ndarray:
        return self.groups[self.ptr[j] : self.ptr[j + 1]]


def _plain(value: Fraction | int) -> Fraction | int:
    """An integral fraction as an ``int`` (hashing and arithmetic on ints are much faster)."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    return value


def satisfaction_vector(
    election: Election, b: int, satisfaction: str, plain_costs: list[Fraction | int] | None = None
) -> tuple[tuple[int, Fraction | int], ...]:
    """The non-zero satisfaction of ballot ``b`` per project, sorted by project index."""
    ballot = election.ballots[b]
    if satisfaction == "cost":
        costs = plain_costs or [_plain(p.cost) for p in election.projects]
        pairs = [(j, costs[j]) for j in ballot.projects]
    elif satisfaction == "cardinality":
        pairs = [(j, 1) for j in ballot.projects]
    elif satisfaction == "cardinal":
        if not ballot.points and ballot.projects:
            raise ValueError("cardinal satisfaction needs cumulative or scoring ballots")
        pairs = [(j, _plain(p)) for j, p in zip(ballot.projects, ballot.points, strict=True)]
    elif satisfaction == "borda":
        if election.vote_type != "ordinal":
            raise ValueError("Borda satisfaction needs ordinal ballots")
        length = len(ballot.projects)
        pairs = [(j, length - 1 - pos) for pos, j in enumerate(ballot.projects)]
    else:
        raise ValueError(f"unknown satisfaction {satisfaction!r}; use one of {SATISFACTIONS}")
    return tuple(sorted((j, u) for j, u in pairs if u > 0))


def group_profile(election: Election, satisfaction: str) -> GroupedProfile:
    """Group the ballots of ``election`` by their satisfaction vector."""
    if satisfaction in ("cost", "cardinality"):
        return _group_by_set(election, satisfaction)
    plain_costs = [_plain(p.cost) for p in election.projects]
    index: dict[tuple[tuple[int, Fraction | int], ...], int] = {}
    keys: list[tuple[tuple[int, Fraction | int], ...]] = []
    # Ballots parsed from the same text share their tuples, so identity finds most repeats
    # cheaply; equal vectors from different texts still meet in ``index``.
    by_ballot: dict[tuple[int, int], int] = {}
    group_of = np.empty(len(election.ballots), dtype=np.int64)
    for b, ballot in enumerate(election.ballots):
        raw = (id(ballot.projects), id(ballot.points))
        g = by_ballot.get(raw)
        if g is None:
            key = satisfaction_vector(election, b, satisfaction, plain_costs)
            g = index.get(key)
            if g is None:
                g = index[key] = len(keys)
                keys.append(key)
            by_ballot[raw] = g
        group_of[b] = g
    order = np.argsort(group_of, kind="stable")
    sizes = np.bincount(group_of, minlength=len(keys))
    members = tuple(tuple(m.tolist()) for m in np.split(order, np.cumsum(sizes)[:-1]))
    num_projects = len(election.projects)
    per_project: list[list[tuple[int, Fraction | int]]] = [[] for _ in range(num_projects)]
    for g, key in enumerate(keys):
        for j, u in key:
            per_project[j].append((g, u))
    ptr = np.zeros(num_projects + 1, dtype=np.int64)
    ptr[1:] = np.cumsum([len(s) for s in per_project])
    groups = np.fromiter((g for s in per_project for g, _ in s), dtype=np.int64, count=ptr[-1])
    exact_util = tuple(u for s in per_project for _, u in s)
    float_of = {u: float(u) for u in set(exact_util)}
    util = np.fromiter((float_of[u] for u in exact_util), dtype=np.float64, count=ptr[-1])
    total_util = []
    size_list = sizes.tolist()
    for supporters in per_project:
        weight_by_util: dict[Fraction | int, int] = {}
        for g, u in supporters:
            weight_by_util[u] = weight_by_util.get(u, 0) + size_list[g]
        total_util.append(sum((u * w for u, w in weight_by_util.items()), 0))
    return GroupedProfile(
        satisfaction,
        len(election.ballots),
        members,
        sizes.astype(np.int64),
        ptr,
        groups,
        util,
        exact_util,
        tuple(total_util),
    )


def _group_by_set(election: Election, satisfaction: str) -> GroupedProfile:
    """:func:`group_profile` for cost and cardinality satisfaction, where a ballot's satisfaction
    vector is fixed by the set of projects it names (without free projects, for cost): group by
    that set, then build the per-project arrays with numpy. Same groups, in the same order."""
    plain_costs = [_plain(p.cost) for p in election.projects]
    num_projects = len(plain_costs)
    skip = {j for j, c in enumerate(plain_costs) if c == 0} if satisfaction == "cost" else set()
    # Parsed ballots name a project at most once, so sorting their projects is enough; a ballot
    # that names one twice (found below, from the sorted keys) makes the grouping use sets.
    keys, members, flat, owner = _sets(election, skip, bool(skip))
    if not skip and np.count_nonzero((flat[1:] == flat[:-1]) & (owner[1:] == owner[:-1])):
        keys, members, flat, owner = _sets(election, skip, True)
    sizes = np.fromiter(map(len, members), dtype=np.int64, count=len(members))
    order = np.argsort(flat, kind="stable")
    groups = owner[order]
    counts = np.bincount(flat, minlength=num_projects)
    ptr = np.zeros(num_projects + 1, dtype=np.int64)
    ptr[1:] = np.cumsum(counts)
    supporters = np.bincount(flat, weights=sizes[owner], minlength=num_projects)
    count_list, supporter_list = counts.tolist(), [int(s) for s in supporters.tolist()]
    if satisfaction == "cost":
        value = plain_costs
        util = np.array([float(c) for c in plain_costs], dtype=np.float64)[flat[order]]
    else:
        value = [1] * num_projects
        util = np.ones(len(flat), dtype=np.float64)
    exact_util: list[Fraction | int] = []
    for j in range(num_projects):
        exact_util += [value[j]] * count_list[j]
    total_util = tuple(
        value[j] * supporter_list[j] if count_list[j] else 0 for j in range(num_projects)
    )
    return GroupedProfile(
        satisfaction,
        len(election.ballots),
        tuple(map(tuple, members)),
        sizes,
        ptr,
        groups,
        util,
        tuple(exact_util),
        total_util,
    )


def _sets(
    election: Election, skip: set[int], as_sets: bool
) -> tuple[list[tuple[int, ...]], list[list[int]], np.ndarray, np.ndarray]:
    """The distinct sorted project tuples of the ballots (without ``skip``; through sets when
    ``as_sets``, else just sorted), the ballot indices per tuple, in order of first ballot, and
    the tuples concatenated with, per entry, the index of its tuple."""
    index: dict[tuple[int, ...], int] = {}
    keys: list[tuple[int, ...]] = []
    members: list[list[int]] = []
    by_ballot: dict[int, int] = {}
    for b, ballot in enumerate(election.ballots):
        g = by_ballot.get(id(ballot.projects))
        if g is None:
            key = tuple(sorted(set(ballot.projects) - skip if as_sets else ballot.projects))
            g = index.get(key)
            if g is None:
                g = index[key] = len(keys)
                keys.append(key)
                members.append([])
            by_ballot[id(ballot.projects)] = g
        members[g].append(b)
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    flat = np.fromiter(chain.from_iterable(keys), dtype=np.int64, count=int(lengths.sum()))
    owner = np.repeat(np.arange(len(keys), dtype=np.int64), lengths)
    return keys, members, flat, owner
