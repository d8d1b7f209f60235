# SPDX-License-Identifier: EUPL-1.2
"""Reading and writing .pb files; malformed files are refused with the line and the problem."""

from __future__ import annotations

import pytest

from samenspel.cli import main
from samenspel.engines.budgeting.pabulib import PabulibError, parse_pb, read_pb, write_pb
from samenspel.engines.budgeting.tests.conftest import election, expected_files

GOOD = """META
key;value
description;test
budget;10
vote_type;approval
max_length;2
currency;EUR
PROJECTS
project_id;cost;name
a;6;Speeltuin
b;4;Bankjes
c;5;Bomen
VOTES
voter_id;vote
1;a,b
2;a
3;c
"""


def test_reads_all_meta_and_columns() -> None:
    e = parse_pb(GOOD)
    assert e.meta_value("description") == "test"
    assert e.budget == 10
    assert [p.id for p in e.projects] == ["a", "b", "c"]
    assert e.project("b").column("name") == "Bankjes"
    assert [b.projects for b in e.ballots] == [(0, 1), (0,), (2,)]


def test_write_then_read_gives_the_same_election() -> None:
    e = parse_pb(GOOD)
    assert parse_pb(write_pb(e)) == e


def test_a_file_with_a_byte_order_mark_reads_the_same(tmp_path) -> None:
    path = tmp_path / "bom.pb"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    assert read_pb(path) == parse_pb(GOOD.replace("\n", "\r\n"))
    assert read_pb(path).meta_value("description") == "test"


@pytest.mark.parametrize(
    "votes",
    [
        "VOTES\r\nvoter_id;vote\r\n1;a,b\r\n2;a\r\n3;c\r\n",  # Windows line ends
        'VOTES\nvoter_id;vote\n1;"a,b"\n2;a\n3;c',  # a quoted field, no final line end
        "VOTES\nvoter_id;vote\n1;a,b\n\n2;a\n3;c\n",  # a blank line
        "VOTES\nvoter_id;vote\n1;a,b\n2;a\n3;c",  # no final line end
    ],
)
def test_votes_read_alike_with_or_without_the_csv_module(votes: str) -> None:
    """VOTES rows are split directly when that is safe, else by the csv module: same ballots."""
    e = parse_pb(GOOD)
    text = GOOD[: GOOD.index("VOTES")] + votes
    assert [(b.voter_id, b.projects, b.row) for b in parse_pb(text).ballots] == [
        (b.voter_id, b.projects, b.row) for b in e.ballots
    ]


@pytest.mark.parametrize(
    "name",
    ["Netherlands_Assen_2024", "Poland_Gdansk_2020_Chelm", "Switzerland_Zurich_S5R"],
)
def test_round_trip_real_files(name: str) -> None:
    """Approval, cumulative and ordinal files keep everything through write and read."""
    e = election(name)
    again = parse_pb(write_pb(e))
    assert again.meta == e.meta
    assert again.projects == e.projects
    assert [(b.voter_id, b.projects, b.points) for b in again.ballots] == [
        (b.voter_id, b.projects, b.points) for b in e.ballots
    ]


def test_every_vote_type_in_the_data_is_read() -> None:
    types = {election(p.stem).vote_type for p in expected_files()}
    assert types == {"approval", "cumulative", "ordinal", "choose-1"}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("VOTES\nvoter_id;vote\n1;a,b\n2;a\n3;c\n", ""), 13, "VOTES is missing"),
        (GOOD.replace("3;c", "3;z"), 17, "unknown project 'z'"),
        (GOOD.replace("b;4;Bankjes", "b;vier;Bankjes"), 11, "cost of project b is not a number"),
        (GOOD.replace("1;a,b", "1;a,b,c"), 15, "max_length"),
        (GOOD.replace("budget;10", "budget;tien"), 4, "budget is not a number"),
        (GOOD.replace("c;5;Bomen", "a;5;Bomen"), 12, "appears twice"),
    ],
)
def test_malformed_files_are_refused_with_line(text: str, line: int, words: str) -> None:
    with pytest.raises(PabulibError) as info:
        parse_pb(text)
    assert info.value.line == line
    assert words in str(info.value)


def test_cumulative_ballot_over_its_points_is_refused() -> None:
    text = GOOD.replace(
        "vote_type;approval\nmax_length;2", "vote_type;cumulative\nmax_sum_points;5"
    )
    text = text.replace(
        "voter_id;vote\n1;a,b\n2;a\n3;c", "voter_id;vote;points\n1;a,b;3,3\n2;a;1\n3;c;5"
    )
    with pytest.raises(PabulibError, match="line 15: ballot gives 6 points, max_sum_points is 5"):
        parse_pb(text)


def test_cli_refuses_malformed_file_with_exit_2(tmp_path, capsys) -> None:
    path = tmp_path / "bad.pb"
    path.write_text(GOOD.replace("3;c", "3;z"))
    assert main(["pb", "count", str(path)]) == 2
    assert "line 17: vote names unknown project 'z'" in capsys.readouterr().err
