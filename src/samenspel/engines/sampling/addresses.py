# SPDX-License-Identifier: EUPL-1.2
"""Address files: the extract a municipality uploads to invite residents by letter.

Two kinds of file are read, told apart by their columns:

- **adressen** (from the BAG, the Basisregistratie Adressen en Gebouwen): ``straat``,
  ``huisnummer``, ``postcode`` and ``woonplaats`` are required; ``huisletter``, ``toevoeging``
  and the CBS codes ``wijk`` and ``buurt`` are optional. One row per address.
- **personen** (from the BRP, the Basisregistratie Personen): the same address columns plus
  ``naam``, ``geboortejaar`` (or a ``geboortedatum``, of which only the year is kept) and
  ``geslacht``; ``voorletters`` (or ``voornamen``, kept as initials) and ``tussenvoegsel`` are
  optional. One row per person; several people may share an address.

A file that has any of the person columns is a file of persons. Any other column is kept as it
is (a sample may be stratified by it). Headers are matched ignoring case, spaces, dashes, dots
and underscores, with the aliases in :data:`COLUMNS` (``Huisnr``, ``PC``, ``wijkcode``, …).

Format: CSV in UTF-8 (with or without a byte-order mark) or, when the bytes are not valid UTF-8,
Windows-1252 (what Excel on Windows writes); semicolons or commas between fields, whichever
the header line has more of; fields may be quoted with ``"``. Blank lines and lines of empty
fields (a spreadsheet's trailing rows) are skipped. Line numbers count every physical line, the
header being line 1, so they are the row numbers a spreadsheet shows.

Validation follows the registers' own rules: a postcode is four digits, the first not 0, and two
letters other than SA, SD and SS (PostNL does not use those), written ``1234 AB``; a house
number is a whole number from 1 to 99999, a house letter a single letter, an addition at most
four letters or digits (BAG ``huisnummertoevoeging``); a CBS wijk code is ``WK`` and six digits
(municipality and wijk), a buurt code ``BU`` and eight digits whose first six are its wijk's; a
year of birth lies between ``reference_year - 120`` and ``reference_year``; gender is the BRP's
M (man), V (vrouw) or O (onbekend), also written out (X, as in passports, reads as onbekend).
Across rows, an address occurs once in a file of addresses, and one postcode and house number
have one street and place (and one address one wijk and buurt) in a file of persons.

Every problem is reported with its line and a reason (:class:`RowError`, Dutch by default), and
a file with any problem gives no rows at all (:class:`RejectedFile`): a sample from a partly
read file would silently leave people out. The file's size, line count, column count and field
length are bounded (:class:`Limits`), and so is the number of errors kept.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from samenspel.engines.sampling.messages import Language, message

FileKind = Literal["adressen", "personen"]

#: Each column's Dutch name and the other headers read as it (compared in :func:`header_key`).
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "straat": ("straatnaam", "openbareruimte", "openbareruimtenaam", "street"),
    "huisnummer": ("huisnr", "nummer", "nr", "housenumber"),
    "huisletter": ("letter", "houseletter"),
    "toevoeging": ("huisnummertoevoeging", "toev", "huisnrtoev", "addition"),
    "postcode": ("pc", "postalcode", "zipcode"),
    "woonplaats": ("plaats", "woonplaatsnaam", "plaatsnaam", "place", "city"),
    "wijk": ("wijkcode", "cbswijk", "cbswijkcode"),
    "buurt": ("buurtcode", "cbsbuurt", "cbsbuurtcode"),
    "naam": ("achternaam", "geslachtsnaam", "surname", "lastname", "name"),
    "voorletters": ("voornamen", "voornaam", "initialen", "initials"),
    "tussenvoegsel": ("voorvoegsel", "voorvoegselgeslachtsnaam", "prefix"),
    "geboortejaar": ("jaar", "birthyear", "geboortedatum", "birthdate", "dateofbirth"),
    "geslacht": ("geslachtsaanduiding", "sekse", "gender", "sex"),
}
ADDRESS_COLUMNS = ("straat", "huisnummer", "huisletter", "toevoeging", "postcode", "woonplaats")
REQUIRED: Mapping[FileKind, tuple[str, ...]] = {
    "adressen": ("straat", "huisnummer", "postcode", "woonplaats"),
    "personen": (
        "straat",
        "huisnummer",
        "postcode",
        "woonplaats",
        "naam",
        "geboortejaar",
        "geslacht",
    ),
}
PERSON_COLUMNS = ("naam", "voorletters", "tussenvoegsel", "geboortejaar", "geslacht")
#: The highest age accepted: a year of birth before ``reference_year - MAX_AGE`` is an error.
MAX_AGE = 120

_GENDERS = {
    "m": "man",
    "man": "man",
    "v": "vrouw",
    "vrouw": "vrouw",
    "o": "onbekend",
    "onbekend": "onbekend",
    "x": "onbekend",
}
_POSTCODE = re.compile(r"([1-9][0-9]{3})([A-Z]{2})")
_UNUSED_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS"})
_WIJK = re.compile(r"WK[0-9]{6}")
_BUURT = re.compile(r"BU[0-9]{8}")
_ADDITION = re.compile(r"[A-Z0-9]{1,4}")
_YEAR_FORMS = (
    re.compile(r"(?P<y>[0-9]{4})"),
    re.compile(r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})"),  # BRP: 00 for unknown parts
    re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"),
    re.compile(r"(?P<d>[0-9]{1,2})[-/.](?P<m>[0-9]{1,2})[-/.](?P<y>[0-9]{4})"),
)
_HEADER_LINE = re.compile(r"\s*([^\r\n]*)")  # the first line that is not blank
_ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx or .ods file is a zip archive


@dataclass(frozen=True)
class Limits:
    """Bounds on what is read: the file's size in bytes, its lines (the header included), its
    columns, each field's characters, and how many errors are kept (all are counted)."""

    max_bytes: int = 64 * 1024 * 1024
    max_lines: int = 500_001
    max_columns: int = 60
    max_field_length: int = 200
    max_errors: int = 100


@dataclass(frozen=True)
class RowError:
    """One problem: its line (1 is the header, 0 the file as a whole), a message key and its
    parameters (see :mod:`~samenspel.engines.sampling.messages`)."""

    line: int
    key: str
    params: Mapping[str, str | int] = field(default_factory=dict)

    def message(self, lang: Language = "nl") -> str:
        """The problem in ``lang``, with its line number in front."""
        text = message(self.key, lang, self.params)
        return message("line", lang, {"line": self.line, "message": text}) if self.line else text

    def __str__(self) -> str:
        return self.message()


@dataclass(frozen=True, slots=True)
class AddressRow:
    """One row of a valid file. ``line`` is its line number in the file; text values are
    stripped, codes upper case; person fields are empty in a file of addresses."""

    line: int
    street: str
    house_number: int
    house_letter: str
    addition: str
    postcode: str  # "3811 AB"
    place: str
    wijk: str = ""
    buurt: str = ""
    surname: str = ""
    initials: str = ""
    prefix: str = ""
    birth_year: int | None = None
    gender: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)

    #: The address: postcode, number, letter and addition (one letter per address).
    household_key: str = field(init=False, repr=False, compare=False)
    #: The address with the surname (prefix included, letters only, case and accents ignored)
    #: and year of birth; ``None`` in a file of addresses. Initials are left out so that files
    #: which spell first names differently still match; twins with one surname at one address
    #: share a key.
    person_key: str | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        address = f"{self.postcode.replace(' ', '')}|{self.house_number}|"
        household = f"{address}{self.house_letter}|{self.addition}"
        object.__setattr__(self, "household_key", household)
        person = None
        if self.surname:
            year = "" if self.birth_year is None else self.birth_year
            person = f"{household}|{_letters(self.prefix + self.surname)}|{year}"
        object.__setattr__(self, "person_key", person)

    def value(self, column: str) -> str:
        """The text of ``column`` (a Dutch column name from :data:`COLUMNS`, or an extra column
        under its header as written in the file)."""
        if column in _VALUE:
            return _VALUE[column](self)
        return self.extra.get(column, "")


_VALUE: Mapping[str, Callable[[AddressRow], str]] = {
    "straat": lambda r: r.street,
    "huisnummer": lambda r: str(r.house_number),
    "huisletter": lambda r: r.house_letter,
    "toevoeging": lambda r: r.addition,
    "postcode": lambda r: r.postcode,
    "woonplaats": lambda r: r.place,
    "wijk": lambda r: r.wijk,
    "buurt": lambda r: r.buurt,
    "naam": lambda r: r.surname,
    "voorletters": lambda r: r.initials,
    "tussenvoegsel": lambda r: r.prefix,
    "geboortejaar": lambda r: "" if r.birth_year is None else str(r.birth_year),
    "geslacht": lambda r: r.gender,
}


@dataclass(frozen=True)
class AddressFile:
    """A file read without any problem."""

    kind: FileKind
    rows: tuple[AddressRow, ...]
    columns: tuple[str, ...]  # Dutch names of the known columns, then extra headers as written
    encoding: str
    delimiter: str
    reference_year: int | None

    def column(self, name: str) -> str | None:
        """The column ``name`` refers to (a Dutch name, an alias or an extra header, compared
        as headers are), or ``None`` when the file has no such column."""
        key = header_key(name)
        for column in self.columns:
            if header_key(column) == key or _ALIASES.get(key) == column:
                return column
        return None


@dataclass(frozen=True)
class RejectedFile:
    """A file with problems: the first ``Limits.max_errors`` of them, and how many there were."""

    errors: tuple[RowError, ...]
    error_count: int

    def messages(self, lang: Language = "nl") -> list[str]:
        """Every kept problem, then how many more there were."""
        lines = [error.message(lang) for error in self.errors]
        more = self.error_count - len(self.errors)
        if more:
            lines.append(message("more_errors", lang, {"count": more}))
        return lines


def header_key(header: str) -> str:
    """A header as compared: lower case, letters and digits only (``Huis-nr.`` → ``huisnr``)."""
    return re.sub(r"[^0-9a-z]", "", header.casefold())


_ALIASES: Mapping[str, str] = {
    header_key(alias): column for column, aliases in COLUMNS.items() for alias in (column, *aliases)
}


def read_address_file(
    data: bytes, *, reference_year: int | None, limits: Limits | None = None
) -> AddressFile | RejectedFile:
    """Read an extract of addresses or persons; see the module's description for the rules.

    ``reference_year`` is the year the extract describes (the current year, passed in): it
    bounds the years of birth, so a file with years of birth needs it (``None`` will do for a
    file of addresses). Returns the rows, or every problem and no rows.
    """
    return _Reader(limits or Limits(), reference_year, exclusions=False).read(data)


def read_exclusion_file(
    data: bytes, *, reference_year: int | None, limits: Limits | None = None
) -> tuple[frozenset[str], RejectedFile | None]:
    """Read a list of addresses or persons not to invite (opted out, or invited recently).

    Only ``postcode`` and ``huisnummer`` are required (with ``huisletter`` and ``toevoeging``
    when the address has them), and ``geboortejaar`` in a row with a ``naam``; the values are
    checked as in :func:`read_address_file`. A row with a ``naam`` stands for that person
    (:attr:`AddressRow.person_key`), a row without for everyone at the address
    (:attr:`AddressRow.household_key`). Returns those keys, or no keys and the problems.
    """
    result = _Reader(limits or Limits(), reference_year, exclusions=True).read(data)
    if isinstance(result, RejectedFile):
        return frozenset(), result
    return frozenset(row.person_key or row.household_key for row in result.rows), None


class _Reader:
    """One reading of one file; collects errors as it goes."""

    def __init__(self, limits: Limits, reference_year: int | None, *, exclusions: bool) -> None:
        self.limits = limits
        self.reference_year = reference_year
        self.exclusions = exclusions
        self.errors: list[RowError] = []
        self.error_count = 0

    def error(self, line: int, key: str, **params: str | int) -> None:
        self.error_count += 1
        if len(self.errors) < self.limits.max_errors:
            self.errors.append(RowError(line, key, params))

    def rejected(self) -> RejectedFile:
        return RejectedFile(tuple(self.errors), self.error_count)

    def read(self, data: bytes) -> AddressFile | RejectedFile:
        limits = self.limits
        if len(data) > limits.max_bytes:
            size = f"{len(data) / 1_048_576:.1f}".replace(".", ",")
            self.error(0, "too_large", size=size, max=limits.max_bytes // 1_048_576)
            return self.rejected()
        if data.startswith(_ZIP_MAGIC) or b"\x00" in data:
            self.error(0, "not_csv")
            return self.rejected()
        decoded = _decode(data)
        if decoded is None:
            self.error(0, "encoding")
            return self.rejected()
        text, encoding = decoded
        header_line = _HEADER_LINE.match(text)
        first_line = header_line[1] if header_line else ""
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        records = _records(text, delimiter)
        header = next(records, None)
        if header is None:
            self.error(0, "empty")
            return self.rejected()
        layout = self.header(header)
        if layout is None:
            return self.rejected()
        rows = self.rows(records, layout)
        if not rows and not self.error_count:
            self.error(0, "no_rows")
        if self.error_count:
            return self.rejected()
        known = [c for c in COLUMNS if c in layout.names]
        extra = [n for n in layout.names if n not in COLUMNS]
        return AddressFile(
            kind=layout.kind,
            rows=tuple(rows),
            columns=(*known, *extra),
            encoding=encoding,
            delimiter=delimiter,
            reference_year=self.reference_year,
        )

    def header(self, record: _Record) -> _Layout | None:
        """The file's kind, each column's name (Dutch name, or the header as written) and the
        columns every row must fill; ``None`` (and errors) when the header is wrong."""
        cells = record.cells
        if record.problem:
            self.error(record.line, record.problem)
            return None
        if len(cells) > self.limits.max_columns:
            self.error(
                record.line, "too_many_columns", count=len(cells), max=self.limits.max_columns
            )
            return None
        names: list[str] = []
        seen: dict[str, str] = {}
        for number, cell in enumerate(cells, start=1):
            if not cell:
                self.error(record.line, "unnamed_column", number=number)
            elif len(cell) > self.limits.max_field_length:
                self.error(
                    record.line,
                    "too_long",
                    column=f"{cell[:20]}…",
                    length=len(cell),
                    max=self.limits.max_field_length,
                )
            name = _ALIASES.get(header_key(cell), cell)
            if name in seen:
                self.error(record.line, "duplicate_column", first=seen[name], second=cell)
            seen[name] = cell
            names.append(name)
        kind: FileKind = "personen" if any(c in names for c in PERSON_COLUMNS) else "adressen"
        required = REQUIRED[kind]
        needed = required
        if self.exclusions:
            required = ("postcode", "huisnummer")
            needed = (*required, "geboortejaar") if "naam" in names else required
        for column in needed:
            if column not in names:
                self.error(record.line, "missing_column", column=column, kind=kind)
        if "geboortejaar" in names and self.reference_year is None:
            self.error(record.line, "needs_reference_year")
        return None if self.error_count else _Layout(kind, names, required)

    def rows(self, records: Iterator[_Record], layout: _Layout) -> list[AddressRow]:
        """Every data row, checked."""
        rows: list[AddressRow] = []
        first_at: dict[str, AddressRow] = {}
        number_at: dict[tuple[str, int], AddressRow] = {}
        for record in records:
            if record.line > self.limits.max_lines:
                self.error(0, "too_many_rows", max=self.limits.max_lines - 1)
                break
            if record.problem:
                self.error(record.line, record.problem)
                continue
            if len(record.cells) != len(layout.names):
                self.error(
                    record.line, "field_count", count=len(record.cells), expected=len(layout.names)
                )
                continue
            row = self.row(record.line, layout, dict(zip(layout.names, record.cells, strict=True)))
            if row is None:
                continue
            if not self.exclusions:
                self.consistent(row, first_at, number_at)
            rows.append(row)
        return rows

    def row(self, line: int, layout: _Layout, values: dict[str, str]) -> AddressRow | None:
        """One row's fields, validated; ``None`` (and errors) when any is wrong."""
        before = self.error_count
        for column, value in values.items():
            if len(value) > self.limits.max_field_length:
                self.error(
                    line,
                    "too_long",
                    column=column,
                    length=len(value),
                    max=self.limits.max_field_length,
                )
                values[column] = "…"  # not empty: no second error for a required field
        for column in layout.required:
            if not values[column]:
                self.error(line, "required", column=column)
        if self.exclusions and values.get("naam") and not values["geboortejaar"]:
            self.error(line, "required", column="geboortejaar")
        if self.error_count > before:
            return None
        postcode = self.postcode(line, values["postcode"])
        number = self.house_number(line, values["huisnummer"])
        letter = values.get("huisletter", "").upper()
        if letter and not (len(letter) == 1 and "A" <= letter <= "Z"):
            self.error(line, "house_letter", value=values["huisletter"])
        addition = values.get("toevoeging", "")
        if addition:
            addition = "".join(addition.replace("-", " ").split()).upper()
        if addition and not _ADDITION.fullmatch(addition):
            self.error(line, "addition", value=values["toevoeging"])
        wijk = self.code(line, "wijk", _WIJK, values.get("wijk", ""))
        buurt = self.code(line, "buurt", _BUURT, values.get("buurt", ""))
        if wijk and buurt and buurt[2:8] != wijk[2:]:
            self.error(line, "buurt_outside_wijk", buurt=buurt, wijk=wijk)
        birth_year = self.birth_year(line, values.get("geboortejaar", ""))
        gender = values.get("geslacht", "")
        if gender:
            gender = _GENDERS.get(gender.casefold(), "")
            if not gender:
                self.error(line, "gender", value=values["geslacht"])
        if self.error_count > before:
            return None
        return AddressRow(
            line=line,
            street=values.get("straat", ""),
            house_number=number,
            house_letter=letter,
            addition=addition,
            postcode=postcode,
            place=values.get("woonplaats", ""),
            wijk=wijk,
            buurt=buurt,
            surname=values.get("naam", ""),
            initials=_initials(values["voorletters"]) if values.get("voorletters") else "",
            prefix=values.get("tussenvoegsel", ""),
            birth_year=birth_year,
            gender=gender,
            extra={c: v for c, v in values.items() if c not in COLUMNS},
        )

    def postcode(self, line: int, text: str) -> str:
        match = _POSTCODE.fullmatch("".join(text.split()).upper())
        if match is None or match[2] in _UNUSED_POSTCODE_LETTERS:
            self.error(line, "postcode", value=text)
            return ""
        return f"{match[1]} {match[2]}"

    def house_number(self, line: int, text: str) -> int:
        if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 99_999):
            self.error(line, "house_number", value=text)
            return 0
        return int(text)

    def code(self, line: int, key: str, pattern: re.Pattern[str], text: str) -> str:
        if not text:
            return ""
        code = text.replace(" ", "").upper()
        if not pattern.fullmatch(code):
            self.error(line, key, value=text)
            return ""
        return code

    def birth_year(self, line: int, text: str) -> int | None:
        if not text or self.reference_year is None:  # without a year the header is refused
            return None
        lowest, highest = self.reference_year - MAX_AGE, self.reference_year
        for form in _YEAR_FORMS:
            match = form.fullmatch(text)
            if match is None:
                continue
            year = int(match["y"])
            parts = match.groupdict()
            if lowest <= year <= highest and _plausible(parts.get("m"), parts.get("d")):
                return year
            break
        self.error(line, "birth_year", value=text, min=lowest, max=highest)
        return None

    def consistent(
        self,
        row: AddressRow,
        first_at: dict[str, AddressRow],
        number_at: dict[tuple[str, int], AddressRow],
    ) -> None:
        """An address once in a file of addresses; one wijk and buurt for one address, one
        street and place for one postcode and house number."""
        earlier = first_at.setdefault(row.household_key, row)
        if earlier is not row and not row.surname:
            self.error(row.line, "duplicate_address", other=earlier.line)
            return
        same_number = number_at.setdefault((row.postcode, row.house_number), row)
        checks = (
            (same_number, "straat", row.street.casefold() != same_number.street.casefold()),
            (same_number, "woonplaats", row.place.casefold() != same_number.place.casefold()),
            (earlier, "wijk", row.wijk != earlier.wijk),
            (earlier, "buurt", row.buurt != earlier.buurt),
        )
        for other, column, differs in checks:
            if differs:
                self.error(row.line, "address_conflict", other=other.line, column=column)
                return


def _decode(data: bytes) -> tuple[str, str] | None:
    """The text and its encoding: UTF-8 (a byte-order mark dropped), else Windows-1252."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True)
class _Record:
    """A record of the file: its first line, its fields (stripped), and what makes it unusable
    (``line_break``: it ran over several lines; ``csv_syntax``: the reader gave up on it)."""

    line: int
    cells: list[str]
    problem: str = ""


@dataclass(frozen=True)
class _Layout:
    kind: FileKind
    names: list[str]
    required: tuple[str, ...]


def _records(text: str, delimiter: str) -> Iterator[_Record]:
    """Each non-blank record; stops after one the csv reader cannot read."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    last = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield _Record(last + 1, [], "csv_syntax")
            return
        start, last = last + 1, reader.line_num
        stripped = [cell.strip() for cell in cells]
        if any(stripped):
            yield _Record(start, stripped, "" if last == start else "line_break")


def _plausible(month: str | None, day: str | None) -> bool:
    """A month and day as a date may have them; 00 stands for unknown (BRP)."""
    return (month is None or 0 <= int(month) <= 12) and (day is None or 0 <= int(day) <= 31)


def _initials(text: str) -> str:
    """The first letter of each name or initial: ``Jan Pieter`` and ``J.P.`` give ``J.P.``."""
    parts = [p for p in re.split(r"[\s.]+", text) if p]
    return "".join(f"{p[0].upper()}." for p in parts)


def _letters(text: str) -> str:
    """Letters only, lower case, accents dropped: ``'t Hooft`` → ``thooft``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalpha() and c.isascii())
