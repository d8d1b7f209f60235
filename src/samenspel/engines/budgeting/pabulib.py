# SPDX-License-Identifier: EUPL-1.2
"""Read and write pabulib ``.pb`` files (pabulib.org/format).

Pabulib is the open library of participatory-budgeting data (Faliszewski, Flis, Peters,
Pierczyński, Skowron, Stolicki, Szufa, Talmon, "Participatory Budgeting: Data, Tools and
Analysis", IJCAI 2023). A file has three ``;``-separated sections, ``META``, ``PROJECTS`` and
``VOTES``, each starting with a header row. Every META key and every column is kept, so a file
read and written again says the same.

A malformed file is refused with :class:`PabulibError`, which names the line and what is wrong.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from functools import lru_cache
from itertools import count
from pathlib import Path

from samenspel.engines.budgeting.model import VOTE_TYPES, Ballot, Election, Project

SECTIONS = ("meta", "projects", "votes")


class PabulibError(ValueError):
    """A ``.pb`` file that cannot be counted; ``line`` is 1-based (0 when it is about the file)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line
        self.message = message


@lru_cache(maxsize=4096)
def _fraction(text: str) -> Fraction:
    """``Fraction(text)``, remembered: points and costs repeat (a Fraction is immutable)."""
    return Fraction(text)


def parse_number(text: str, line: int, what: str) -> Fraction:
    """A decimal number (``,`` or ``.`` as decimal mark) as an exact fraction."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = _fraction(cleaned)
    except (ValueError, ZeroDivisionError):
        raise PabulibError(line, f"{what} is not a number: {text!r}") from None
    return value


def read_pb(path: str | Path) -> Election:
    """Parse a ``.pb`` file (UTF-8, a byte-order mark is allowed)."""
    # Read as bytes and decoded at once: the same text as with encoding "utf-8-sig" and no
    # newline translation, without loading that codec and a text wrapper.
    data = Path(path).read_bytes()
    return parse_pb(data.removeprefix(codecs.BOM_UTF8).decode("utf-8"))


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: parsing and counting make hundreds of thousands of
    small tuples and no reference cycles, and the collector's passes over them cost up to half
    of the time. Reference counting still frees everything; the previous state is restored."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_pb(text: str) -> Election:
    """Parse the text of a ``.pb`` file; see :func:`read_pb`."""
    with paused_gc():
        return _parse_pb(text)


def _parse_pb(text: str) -> Election:
    sections: dict[str, tuple[int, tuple[str, ...], list[tuple[int, list[str]]]]] = {}
    current: str | None = None
    expect_header = False
    handle = io.StringIO(text)
    reader = csv.reader(handle, delimiter=";")
    # Appends a row to the current section, once its header is read.
    add: Callable[[tuple[int, list[str]]], None] | None = None
    # The VOTES rows when split directly (see _plain_rows), after the header line.
    plain_votes: list[list[str]] | None = None
    for row in reader:
        if add is not None and len(row) > 1:
            # A row of several fields is neither blank nor a section name: a plain row.
            add((reader.line_num, row))
            continue
        line = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        first = row[0].strip().lower()
        if first in SECTIONS and len(row) == 1:
            if first in sections:
                raise PabulibError(line, f"section {first.upper()} appears twice")
            current = first
            expect_header = True
            add = None
            continue
        if current is None:
            raise PabulibError(line, "text before the META section")
        if expect_header:
            sections[current] = (line, tuple(h.strip() for h in row), [])
            add = sections[current][2].append
            expect_header = False
            if current == "votes":
                start = handle.tell()
                plain_votes = _plain_rows(handle.read())
                if plain_votes is not None:
                    break
                handle.seek(start)
            continue
        sections[current][2].append((line, row))
    last_line = text.count("\n") + 1
    for name in SECTIONS:
        if name not in sections:
            raise PabulibError(last_line, f"section {name.upper()} is missing")

    meta = tuple((r[0].strip(), r[1].strip() if len(r) > 1 else "") for _, r in sections["meta"][2])
    meta_map = dict(meta)
    meta_line = {r[0].strip(): ln for ln, r in sections["meta"][2]}
    if "budget" not in meta_map:
        raise PabulibError(sections["meta"][0], "META has no budget")
    budget = parse_number(meta_map["budget"], meta_line["budget"], "budget")
    vote_type = meta_map.get("vote_type", "")
    if vote_type not in VOTE_TYPES:
        raise PabulibError(
            meta_line.get("vote_type", sections["meta"][0]),
            f"vote_type {vote_type!r} is not one of {', '.join(VOTE_TYPES)}",
        )

    header_line, project_header, project_rows = sections["projects"]
    for needed in ("project_id", "cost"):
        if needed not in project_header:
            raise PabulibError(header_line, f"PROJECTS has no column {needed}")
    cost_col = project_header.index("cost")
    pid_col = project_header.index("project_id")
    projects: list[Project] = []
    index: dict[str, int] = {}
    for line, row in project_rows:
        if len(row) != len(project_header):
            raise PabulibError(
                line, f"project row has {len(row)} fields, the header has {len(project_header)}"
            )
        pid = row[pid_col].strip()
        if pid in index:
            raise PabulibError(line, f"project {pid} appears twice")
        cost = parse_number(row[cost_col], line, f"cost of project {pid}")
        if cost < 0:
            raise PabulibError(line, f"cost of project {pid} is negative")
        index[pid] = len(projects)
        projects.append(
            Project(pid, cost, tuple(zip(project_header, (c.strip() for c in row), strict=True)))
        )

    header_line, vote_header, vote_rows = sections["votes"]
    if "vote" not in vote_header:
        raise PabulibError(header_line, "VOTES has no column vote")
    vote_col = vote_header.index("vote")
    id_col = vote_header.index("voter_id") if "voter_id" in vote_header else None
    scored = vote_type in ("cumulative", "scoring")
    # Points count only in a scored election, which must have them.
    points_col = vote_header.index("points") if scored and "points" in vote_header else None
    if scored and points_col is None:
        raise PabulibError(header_line, f"VOTES of a {vote_type} election have no column points")
    limits = _Limits(meta_map, meta_line, projects)
    ballots: list[Ballot] = []
    # The parsed vote by its text (and points text): repeated votes are parsed once.
    seen: dict[str | tuple[str, str], tuple[tuple[int, ...], tuple[Fraction, ...]]] = {}
    width = len(vote_header)
    numbered = vote_rows if plain_votes is None else zip(count(header_line + 1), plain_votes)
    # A Ballot is made without the frozen dataclass's __init__ (which sets each field through
    # object.__setattr__ after a call; half a microsecond per ballot): the same fields are set.
    new, set_field = object.__new__, object.__setattr__
    for line, row in numbered:
        if len(row) != width:
            raise PabulibError(line, f"vote row has {len(row)} fields, the header has {width}")
        key = (row[vote_col], row[points_col]) if points_col is not None else row[vote_col]
        parsed = seen.get(key)
        if parsed is None:
            parsed = seen[key] = _parse_vote(line, key, index, scored)
            limits.check(line, *parsed)
        ballot = new(Ballot)
        set_field(
            ballot, "voter_id", row[id_col].strip() if id_col is not None else str(len(ballots) + 1)
        )
        set_field(ballot, "projects", parsed[0])
        set_field(ballot, "points", parsed[1])
        set_field(ballot, "row", tuple(row))
        ballots.append(ballot)
    return Election(
        meta, project_header, tuple(projects), vote_header, tuple(ballots), budget, vote_type, index
    )


def _plain_rows(text: str) -> list[list[str]] | None:
    """The rows of the rest of a file split at ``;`` and line ends without the csv module, when
    that gives what it would: no quotes, no NUL, no line end but ``\n`` or ``\r\n``, and every
    line with a ``;`` (so no blank line and no section name). None otherwise."""
    if '"' in text or "\0" in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    rows = [line.split(";") for line in lines]
    if rows and min(map(len, rows)) < 2:
        return None
    return rows


def _parse_vote(
    line: int, key: str | tuple[str, str], index: dict[str, int], scored: bool
) -> tuple[tuple[int, ...], tuple[Fraction, ...]]:
    """The project indices and points of one ``vote`` field (with its ``points`` field, when
    ``scored``: then ``key`` is the pair)."""
    vote, points_text = key if isinstance(key, tuple) else (key, "")
    try:
        chosen = list(map(index.__getitem__, vote.split(","))) if vote else []
    except KeyError:
        chosen = []
        for name in (n.strip() for n in vote.split(",")) if vote.strip() else ():
            if name not in index:
                raise PabulibError(line, f"vote names unknown project {name!r}") from None
            chosen.append(index[name])
    if len(set(chosen)) != len(chosen):
        if scored:
            raise PabulibError(line, "vote gives points to a project twice")
        # Approval and ordinal ballots name a set or a ranking: a repeat adds nothing.
        chosen = list(dict.fromkeys(chosen))
    points: tuple[Fraction, ...] = ()
    if scored:
        raw = points_text.split(",") if points_text.strip() else []
        if len(raw) != len(chosen):
            raise PabulibError(line, f"{len(chosen)} projects but {len(raw)} points")
        points = tuple(parse_number(p, line, "points") for p in raw)
    return tuple(chosen), points


class _Limits:
    """The ballot limits stated in META (lengths, points, cost), checked per ballot."""

    def __init__(
        self, meta: dict[str, str], lines: dict[str, int], projects: list[Project]
    ) -> None:
        self.costs = [p.cost for p in projects]
        self.float_costs = [float(p.cost) for p in projects]
        self.values: dict[str, Fraction | int] = {}
        for key in (
            "min_length",
            "max_length",
            "min_sum_points",
            "max_sum_points",
            "min_points",
            "max_points",
            "min_sum_cost",
            "max_sum_cost",
        ):
            if meta.get(key, "").strip() not in ("", "None", "none"):
                value = parse_number(meta[key], lines[key], key)
                # Whole limits as ints: comparing an int with a Fraction is slow, per ballot.
                self.values[key] = value.numerator if value.denominator == 1 else value
        self.choose_one = meta.get("vote_type") == "choose-1"
        self.max_cost_float = float(self.values.get("max_sum_cost", 0)) * (1 - 1e-9)

    def check(self, line: int, chosen: tuple[int, ...], points: tuple[Fraction | int, ...]) -> None:
        v = self.values
        n = len(chosen)
        if self.choose_one and n > 1:
            raise PabulibError(line, f"a choose-1 ballot names {n} projects")
        if "max_length" in v and n > v["max_length"]:
            raise PabulibError(line, f"ballot names {n} projects, max_length is {v['max_length']}")
        if "min_length" in v and 0 < n < v["min_length"]:
            raise PabulibError(line, f"ballot names {n} projects, min_length is {v['min_length']}")
        if points:
            # Whole points as ints: Fraction sums and comparisons are slow, per ballot.
            points = tuple(p.numerator if p.denominator == 1 else p for p in points)
            total = sum(points)
            if "max_sum_points" in v and total > v["max_sum_points"]:
                raise PabulibError(
                    line, f"ballot gives {total} points, max_sum_points is {v['max_sum_points']}"
                )
            if "max_points" in v and max(points) > v["max_points"]:
                raise PabulibError(line, f"ballot gives {max(points)} points to one project")
            if min(points) < v.get("min_points", 0):
                raise PabulibError(line, f"ballot gives {min(points)} points to one project")
        if "max_sum_cost" in v:
            limit = v["max_sum_cost"]
            if sum(map(self.float_costs.__getitem__, chosen)) < self.max_cost_float:
                return
            cost = sum((self.costs[i] for i in chosen), Fraction(0))
            if cost > limit:
                raise PabulibError(
                    line, f"ballot costs {cost}, max_sum_cost is {v['max_sum_cost']}"
                )


def _number_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return format(float(value), "f") if Fraction(float(value)) == value else str(value)


def write_pb(election: Election) -> str:
    """The ``.pb`` text of an election: META, PROJECTS and VOTES with every column kept."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(election.meta)
    writer.writerow(["PROJECTS"])
    writer.writerow(election.project_header)
    for project in election.projects:
        writer.writerow([value for _, value in project.columns])
    writer.writerow(["VOTES"])
    writer.writerow(election.vote_header)
    vote_col = election.vote_header.index("vote")
    points_col = election.vote_header.index("points") if "points" in election.vote_header else None
    for ballot in election.ballots:
        row = list(ballot.row) if ballot.row else [""] * len(election.vote_header)
        if "voter_id" in election.vote_header:
            row[election.vote_header.index("voter_id")] = ballot.voter_id
        row[vote_col] = ",".join(election.projects[i].id for i in ballot.projects)
        if points_col is not None:
            row[points_col] = ",".join(_number_text(p) for p in ballot.points)
        writer.writerow(row)
    return out.getvalue()
