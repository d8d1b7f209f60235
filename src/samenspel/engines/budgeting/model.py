# SPDX-License-Identifier: EUPL-1.2
"""Plain data of a participatory-budgeting election and of a counted outcome.

Everything here is a frozen dataclass; money is an exact :class:`fractions.Fraction` wherever a
decision could depend on it. The shapes follow the pabulib format (Faliszewski et al.,
"Participatory Budgeting: Data, Tools and Analysis", IJCAI 2023; pabulib.org/format).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")


@dataclass(frozen=True)
class Project:
    """One project: its id (a string, as in the file), cost and every other column."""

    id: str
    cost: Fraction
    columns: tuple[tuple[str, str], ...] = ()

    def column(self, key: str) -> str | None:
        return dict(self.columns).get(key)


@dataclass(frozen=True, slots=True)
class Ballot:
    """One voter's ballot.

    ``projects`` are indices into :attr:`Election.projects`, in the order of the file (for an
    ordinal ballot: best first). ``points`` holds the points per project for cumulative and scoring
    ballots, else it is empty. ``row`` is the raw row of the VOTES section, kept for writing back.
    """

    voter_id: str
    projects: tuple[int, ...]
    points: tuple[Fraction, ...] = ()
    row: tuple[str, ...] = ()


@dataclass(frozen=True)
class Election:
    """A pabulib election: META (all keys kept, in order), projects and ballots."""

    meta: tuple[tuple[str, str], ...]
    project_header: tuple[str, ...]
    projects: tuple[Project, ...]
    vote_header: tuple[str, ...]
    ballots: tuple[Ballot, ...]
    budget: Fraction
    vote_type: str
    index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.index:
            self.index.update({p.id: i for i, p in enumerate(self.projects)})

    def meta_value(self, key: str) -> str | None:
        return dict(self.meta).get(key)

    def project(self, project_id: str) -> Project:
        return self.projects[self.index[project_id]]

    def with_ballots(self, ballots: tuple[Ballot, ...]) -> Election:
        """The same election with other ballots (used to permute or filter them)."""
        return Election(
            self.meta,
            self.project_header,
            self.projects,
            self.vote_header,
            ballots,
            self.budget,
            self.vote_type,
        )


@dataclass(frozen=True)
class RoundRecord:
    """One bought project: its price and who paid.

    ``price`` is the rule's number for the round: for equal shares the price per unit of
    satisfaction (rho), for Phragmén the new load of its supporters, for greedy the satisfaction
    per euro. ``payments`` lists (voter group, amount paid per voter of that group); the voters
    of a group are :attr:`Outcome.voter_groups`. Greedy rules do not charge voters.
    """

    project: str
    cost: Fraction
    price: float
    payments: tuple[tuple[int, float], ...] = ()


@dataclass(frozen=True)
class Loser:
    """Why a project was not bought.

    ``reason`` is one of ``no_support`` (nobody is satisfied by it), ``unaffordable`` (equal
    shares: its supporters' money left, ``supporters_left``, is less than its cost),
    ``did_not_fit`` (it cost more than the budget left, ``budget_left``), ``stopped`` (Phragmén
    stopped when the next project did not fit) or ``outbid`` (other projects were cheaper per
    unit of satisfaction until the rule ended). ``spent_on`` says on which bought projects its
    supporters spent their money, largest amount first; ``needed`` is what was missing.
    """

    project: str
    reason: str
    supporters: int
    supporters_left: float = 0.0
    budget_left: float = 0.0
    needed: float = 0.0
    spent_on: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Outcome:
    """The result of one rule on one election, with the per-round data to explain it."""

    rule: str
    selected: tuple[str, ...]
    budget: Fraction
    total_cost: Fraction
    rounds: tuple[RoundRecord, ...]
    losers: tuple[Loser, ...]
    budget_per_voter: Fraction | None = None
    increment: int | None = None
    mes_runs: int = 0
    exact_runs: int = 0
    # The ballots and, per voter group, the indices of its ballots: what voter_groups is made of.
    grouping: tuple[tuple[Ballot, ...], tuple[tuple[int, ...], ...]] = field(
        default=((), ()), compare=False, repr=False
    )

    @cached_property
    def voter_groups(self) -> tuple[tuple[str, ...], ...]:
        """The voter ids of every voter group (made on first use: counting does not need them,
        only explaining does)."""
        ballots, members = self.grouping
        ids = [ballot.voter_id for ballot in ballots]
        return tuple(tuple(map(ids.__getitem__, m)) for m in members)

    def loser(self, project_id: str) -> Loser | None:
        return next((loser for loser in self.losers if loser.project == project_id), None)

    def round_of(self, project_id: str) -> int | None:
        return next((r for r, rec in enumerate(self.rounds) if rec.project == project_id), None)
