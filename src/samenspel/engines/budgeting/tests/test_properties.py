# SPDX-License-Identifier: EUPL-1.2
"""Properties of the rules on random small elections (hypothesis), and a hand-worked example."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from samenspel.engines.budgeting.explain import explain, money
from samenspel.engines.budgeting.model import Ballot, Election, Project
from samenspel.engines.budgeting.pabulib import parse_pb
from samenspel.engines.budgeting.profile import group_profile
from samenspel.engines.budgeting.rules import count

RULES = ("greedy_cost", "mes_cost", "mes_cost_add1", "mes_cardinality_add1", "mes_cost_greedy")


@st.composite
def elections(draw, cumulative: bool = False) -> Election:
    num_projects = draw(st.integers(1, 6))
    costs = draw(st.lists(st.integers(0, 30), min_size=num_projects, max_size=num_projects))
    projects = tuple(Project(f"p{j}", Fraction(c)) for j, c in enumerate(costs))
    num_voters = draw(st.integers(1, 12))
    ballots = []
    for v in range(num_voters):
        chosen = tuple(sorted(draw(st.sets(st.integers(0, num_projects - 1)))))
        points = tuple(Fraction(draw(st.integers(1, 5))) for _ in chosen) if cumulative else ()
        ballots.append(Ballot(str(v), chosen, points))
    budget = Fraction(draw(st.integers(1, 80)))
    vote_type = "cumulative" if cumulative else "approval"
    meta = (("budget", str(budget)), ("vote_type", vote_type), ("currency", "EUR"))
    header = ("voter_id", "vote", "points") if cumulative else ("voter_id", "vote")
    return Election(
        meta, ("project_id", "cost"), projects, header, tuple(ballots), budget, vote_type
    )


@settings(max_examples=60, deadline=None)
@given(elections(), st.sampled_from(RULES + ("seq_phragmen",)))
def test_outcome_never_costs_more_than_the_budget(election: Election, rule: str) -> None:
    outcome = count(election, rule)
    assert outcome.total_cost == sum(election.project(p).cost for p in outcome.selected)
    assert outcome.total_cost <= election.budget


@settings(max_examples=60, deadline=None)
@given(elections(), st.sampled_from(("mes_cost", "mes_cost_add1", "mes_cardinality")))
def test_every_payment_is_within_the_payers_share(election: Election, rule: str) -> None:
    outcome = count(election, rule)
    share = float(outcome.budget_per_voter or 0)
    paid: dict[int, float] = {}
    for record in outcome.rounds:
        for group, amount in record.payments:
            assert 0 <= amount <= share * (1 + 1e-9)
            paid[group] = paid.get(group, 0.0) + amount
        if record.payments:
            covered = sum(len(outcome.voter_groups[g]) * a for g, a in record.payments)
            assert abs(covered - float(record.cost)) <= 1e-6 * max(1.0, float(record.cost))
    assert all(total <= share * (1 + 1e-9) for total in paid.values())


@settings(max_examples=50, deadline=None)
@given(elections(), st.sampled_from(RULES + ("seq_phragmen",)), st.randoms(use_true_random=False))
def test_ballot_order_does_not_matter(election: Election, rule: str, rng) -> None:
    ballots = list(election.ballots)
    rng.shuffle(ballots)
    assert count(election.with_ballots(tuple(ballots)), rule).selected == (
        count(election, rule).selected
    )


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(elections(), elections(cumulative=True)),
    st.sampled_from(("cost", "cardinal_add1", "cost_add1", "cardinal")),
)
def test_float_path_agrees_with_exact_arithmetic(election: Election, variant: str) -> None:
    if variant.startswith("cardinal") and election.vote_type != "cumulative":
        variant = variant.replace("cardinal", "cardinality")
    rule = f"mes_{variant}"
    fast, exact = count(election, rule), count(election, rule, exact=True)
    assert fast.selected == exact.selected
    assert fast.increment == exact.increment


@settings(max_examples=60, deadline=None)
@given(elections(), st.sampled_from(("mes_cost", "mes_cost_add1", "greedy_cost")))
def test_explain_names_a_reason_the_round_data_supports(election: Election, rule: str) -> None:
    outcome = count(election, rule)
    for loser in outcome.losers:
        project = election.project(loser.project)
        text = explain(election, outcome, loser.project, "en")
        assert "was not selected" in text
        supporters = {
            str(v)
            for v, b in enumerate(election.ballots)
            if election.index[loser.project] in b.projects
        }
        if loser.reason == "no_support":
            assert not supporters or project.cost == 0
            assert "Nobody voted" in text
        elif loser.reason == "unaffordable":
            # Their money at the start minus what they paid in the rounds is what they had left.
            assert outcome.budget_per_voter is not None
            start = float(outcome.budget_per_voter) * len(supporters)
            spent = sum(
                len(outcome.voter_groups[g]) * amount
                for record in outcome.rounds
                for g, amount in record.payments
                if outcome.voter_groups[g][0] in supporters
            )
            assert abs(start - spent - loser.supporters_left) <= 1e-6 * max(1.0, start)
            assert loser.supporters_left < float(project.cost)
            assert money(loser.needed, "EUR", "en") in text
        elif loser.reason == "did_not_fit":
            assert loser.budget_left < float(project.cost)
            assert money(loser.budget_left, "EUR", "en") in text


EXAMPLE = """META
key;value
budget;10
vote_type;approval
PROJECTS
project_id;cost
a;6
b;4
c;5
VOTES
voter_id;vote
1;a,b
2;a
3;c
"""


def test_hand_worked_example() -> None:
    """Worked by hand. Every voter has 10/3. MES: ``a`` costs 6 and voters 1 and 2 pay 3 each;
    then voter 1 has 1/3 for ``b`` (cost 4) and voter 3 has 10/3 for ``c`` (cost 5): both
    unaffordable. add1: at +1 each (13/3) still only ``a``; at +2 (16/3) voter 3 buys ``c``,
    6 + 5 > 10, so the result of +1 stands: ``a``. Greedy by approvals per project: ``a``
    (2 votes), then ``b`` before ``c`` (1 vote each, id order) fits: {a, b}. Phragmén: ``a``
    at load 3, then ``c`` at load 5 (``b`` would need (3 + 4) / 1 = 7) but 6 + 5 > 10: stop."""
    e = parse_pb(EXAMPLE)
    mes = count(e, "mes_cost")
    assert mes.selected == ("a",)
    assert [(g, a) for g, a in mes.rounds[0].payments] == [(0, 3.0), (1, 3.0)]
    assert count(e, "mes_cost_add1").selected == ("a",)
    assert count(e, "mes_cost_add1").increment == 1
    assert count(e, "mes_cost_greedy").selected == ("a", "b")
    assert count(e, "greedy_cost").selected == ("a", "b")
    assert count(e, "seq_phragmen").selected == ("a",)
    loser = count(e, "mes_cost").loser("c")
    assert loser is not None and loser.reason == "unaffordable"
    assert abs(loser.supporters_left - 10 / 3) < 1e-9


def test_a_project_named_twice_counts_once_in_the_groups() -> None:
    """Parsed ballots name a project once; a ballot made by hand may repeat one, and is then
    grouped with the ballots naming the same set."""
    e = parse_pb(EXAMPLE)
    first = e.ballots[0]
    twice = e.with_ballots((Ballot(first.voter_id, (1, 0, 1)), *e.ballots[1:]))
    for satisfaction in ("cost", "cardinality"):
        plain, repeated = group_profile(e, satisfaction), group_profile(twice, satisfaction)
        assert repeated.members == plain.members
        assert repeated.groups.tolist() == plain.groups.tolist()
        assert repeated.total_util == plain.total_util
