# SPDX-License-Identifier: EUPL-1.2
"""Reading address files: encodings, delimiters, aliases, and every unreadable row reported."""

from __future__ import annotations

import pytest

from samenspel.engines.sampling import (
    AddressFile,
    AddressRow,
    Limits,
    RejectedFile,
    read_address_file,
    read_exclusion_file,
)
from samenspel.engines.sampling.addresses import header_key


def read(text: str, encoding: str = "utf-8", **kwargs: object) -> AddressFile:
    result = read_address_file(text.encode(encoding), reference_year=2026, **kwargs)  # type: ignore[arg-type]
    assert isinstance(result, AddressFile), result
    return result


def rejected(
    data: str | bytes, reference_year: int | None = 2026, **kwargs: object
) -> RejectedFile:
    raw = data.encode() if isinstance(data, str) else data
    result = read_address_file(raw, reference_year=reference_year, **kwargs)  # type: ignore[arg-type]
    assert isinstance(result, RejectedFile), result
    return result


def test_utf8_with_bom_semicolons_and_aliases() -> None:
    extract = read(
        "\ufeffStraatnaam;Huisnr;Huisletter;Toev.;PC;Woonplaats;Wijkcode;Buurtcode;Bouwjaar\n"
        "Utrechtseweg;12;a;;3811 ab;Amersfoort;WK030701;BU03070101;1931\n"
        "Utrechtseweg;12;;bis;3811AB;Amersfoort;wk 030701;BU03070101;1931\n"
    )
    assert extract.kind == "adressen"
    assert extract.delimiter == ";"
    assert extract.encoding == "utf-8"
    assert extract.columns == (
        "straat",
        "huisnummer",
        "huisletter",
        "toevoeging",
        "postcode",
        "woonplaats",
        "wijk",
        "buurt",
        "Bouwjaar",
    )
    first, second = extract.rows
    assert first == AddressRow(
        line=2,
        street="Utrechtseweg",
        house_number=12,
        house_letter="A",
        addition="",
        postcode="3811 AB",
        place="Amersfoort",
        wijk="WK030701",
        buurt="BU03070101",
        extra={"Bouwjaar": "1931"},
    )
    assert (second.house_letter, second.addition, second.wijk) == ("", "BIS", "WK030701")
    assert first.household_key == "3811AB|12|A|"
    assert second.household_key == "3811AB|12||BIS"
    assert first.person_key is None
    assert extract.column("Wijk code") == "wijk"
    assert extract.column("bouwjaar") == "Bouwjaar"
    assert extract.column("leeftijd") is None


def test_windows_1252_commas_and_quotes() -> None:
    text = (
        "straat,huisnummer,postcode,woonplaats,opmerking\r\n"
        'Citroënstraat,3,1234 AB,Hoogeveen,"ja, graag"\r\n'
        "Curaçaostraat,4,1234AB,Hoogeveen,\r\n"
    )
    extract = read(text, encoding="cp1252")
    assert extract.encoding == "windows-1252"
    assert extract.delimiter == ","
    assert [r.street for r in extract.rows] == ["Citroënstraat", "Curaçaostraat"]
    assert extract.rows[0].value("opmerking") == "ja, graag"
    assert extract.rows[1].value("huisnummer") == "4"


def test_persons_with_dates_genders_and_initials() -> None:
    extract = read(
        "Straat;Huisnummer;Postcode;Woonplaats;Voornamen;Voorvoegsel;Geslachtsnaam;"
        "Geboortedatum;Geslachtsaanduiding\n"
        "Kerkstraat;1;3811AB;Amersfoort;Jan Pieter;van der;Berg;19800000;M\n"
        "Kerkstraat;1;3811AB;Amersfoort;Anna;;Jansen;1982-03-04;vrouw\n"
        "Kerkstraat;2;3811AB;Amersfoort;Kim;'t;Hooft;04-03-2010;O\n"
        "Kerkstraat;3;3811AB;Amersfoort;Sam;;Smit;1906;X\n"
    )
    assert extract.kind == "personen"
    years = [r.birth_year for r in extract.rows]
    assert years == [1980, 1982, 2010, 1906]
    assert [r.gender for r in extract.rows] == ["man", "vrouw", "onbekend", "onbekend"]
    assert [r.initials for r in extract.rows] == ["J.P.", "A.", "K.", "S."]
    assert extract.rows[0].person_key == "3811AB|1|||vanderberg|1980"
    # A prefix in its own column or in the surname gives the same key.
    assert extract.rows[2].person_key == "3811AB|2|||thooft|2010"


def test_line_numbers_count_blank_lines_and_skip_empty_rows() -> None:
    extract = read(
        "\n\nstraat;huisnummer;postcode;woonplaats\n"
        "\n"
        "Laan;1;3811AB;Amersfoort\n"
        ";;;\n"
        "Laan;2;3811AB;Amersfoort\n"
        ";;;\n"
    )
    assert extract.delimiter == ";"
    assert [r.line for r in extract.rows] == [5, 7]


HEADER = "straat;huisnummer;postcode;woonplaats;wijk;buurt;naam;geboortejaar;geslacht\n"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "Laan;1;3811 SA;A;;;Jansen;1980;M",
            "Regel 2: de postcode '3811 SA' klopt niet. Een postcode is 4 cijfers en 2 letters, "
            "zoals 3811 AB.",
        ),
        (
            "Laan;1;0811 AB;A;;;Jansen;1980;M",
            "Regel 2: de postcode '0811 AB' klopt niet. Een postcode is 4 cijfers en 2 letters, "
            "zoals 3811 AB.",
        ),
        (
            "Laan;12a;3811AB;A;;;Jansen;1980;M",
            "Regel 2: het huisnummer '12a' is geen heel getal van 1 tot en met 99999. Zet een "
            "huisletter of toevoeging in een eigen kolom.",
        ),
        (
            "Laan;0;3811AB;A;;;Jansen;1980;M",
            "Regel 2: het huisnummer '0' is geen heel getal van 1 tot en met 99999. Zet een "
            "huisletter of toevoeging in een eigen kolom.",
        ),
        (
            "Laan;1;3811AB;A;WK03071;;Jansen;1980;M",
            "Regel 2: de wijkcode 'WK03071' klopt niet. Een wijkcode is WK met 6 cijfers, "
            "zoals WK030701.",
        ),
        (
            "Laan;1;3811AB;A;;0307010;Jansen;1980;M",
            "Regel 2: de buurtcode '0307010' klopt niet. Een buurtcode is BU met 8 cijfers, "
            "zoals BU03070101.",
        ),
        (
            "Laan;1;3811AB;A;WK030701;BU03070201;Jansen;1980;M",
            "Regel 2: buurt BU03070201 ligt niet in wijk WK030701.",
        ),
        (
            "Laan;1;3811AB;A;;;Jansen;1905;M",
            "Regel 2: het geboortejaar '1905' klopt niet. Vul een jaar in van 1906 tot en met "
            "2026.",
        ),
        (
            "Laan;1;3811AB;A;;;Jansen;2027;M",
            "Regel 2: het geboortejaar '2027' klopt niet. Vul een jaar in van 1906 tot en met "
            "2026.",
        ),
        (
            "Laan;1;3811AB;A;;;Jansen;1980-13-01;M",
            "Regel 2: het geboortejaar '1980-13-01' klopt niet. Vul een jaar in van 1906 tot en "
            "met 2026.",
        ),
        (
            "Laan;1;3811AB;A;;;Jansen;1980;F",
            "Regel 2: het geslacht 'F' kennen we niet. Gebruik M (man), V (vrouw) of O (onbekend).",
        ),
        ("Laan;1;3811AB;A;;;;1980;M", "Regel 2: 'naam' is leeg. Vul dit in."),
        (
            "Laan;1;3811AB;A;;;Jansen;1980",
            "Regel 2: deze regel heeft 8 kolommen, de kopregel heeft er 9.",
        ),
        (
            'Laan;1;3811AB;A;;;"Jan\nsen";1980;M',
            "Regel 2: een veld loopt door over meer regels. Dat kan niet in dit bestand.",
        ),
        (
            'Laan;1;3811AB;A;;;"Jan"sen;1980;M',
            'Regel 2: deze regel is niet te lezen. Controleer de aanhalingstekens (").',
        ),
    ],
)
def test_each_problem_is_named_with_its_line(row: str, message: str) -> None:
    result = rejected(HEADER + row + "\n")
    assert [str(e) for e in result.errors] == [message]


def test_every_bad_row_is_reported_and_nothing_is_imported() -> None:
    result = rejected(
        HEADER
        + "Laan;1;3811AB;A;;;Jansen;1980;M\n"  # line 2: fine
        + "Laan;x;38;A;;;Jansen;1980;M\n"  # line 3: house number and postcode
        + "Laan;2;3811AB;A;;;Jansen;1980;M\n"  # line 4: fine
        + "Laan;3;3811AB;A;;;;1980;Q\n"  # line 5: name empty (gender then not checked)
    )
    assert not hasattr(result, "rows")
    assert [(e.line, e.key) for e in result.errors] == [
        (3, "postcode"),
        (3, "house_number"),
        (5, "required"),
    ]
    assert result.messages("en")[0] == (
        "Line 3: the postcode '38' is not valid: 4 digits and 2 letters, such as 3811 AB."
    )


def test_errors_are_bounded_but_counted() -> None:
    rows = "".join(f"Laan;{n};9999 ZZZ;A\n" for n in range(1, 11))
    result = rejected("straat;huisnummer;postcode;woonplaats\n" + rows, limits=Limits(max_errors=3))
    assert [e.line for e in result.errors] == [2, 3, 4]
    assert result.error_count == 10
    assert result.messages()[-1] == "Er zijn nog 7 fouten. Verbeter eerst de fouten hierboven."


def test_inconsistent_rows_reject_the_file() -> None:
    addresses = rejected(
        "straat;huisnummer;toevoeging;postcode;woonplaats\n"
        "Laan;1;;3811AB;Amersfoort\n"
        "Laan;1;2;3811AB;Amersfoort\n"
        "laan;1;;3811 ab;amersfoort\n"  # the address of line 2 again
        "Dreef;1;3;3811AB;Amersfoort\n"  # same postcode and number, another street
    )
    assert [str(e) for e in addresses.errors] == [
        "Regel 4: dit adres staat ook op regel 2.",
        "Regel 5: dit adres staat ook op regel 2, maar met een andere straat.",
    ]
    persons = rejected(
        "straat;huisnummer;postcode;woonplaats;wijk;naam;geboortejaar;geslacht\n"
        "Laan;1;3811AB;Amersfoort;WK030701;Jansen;1980;M\n"
        "Laan;1;3811AB;Amersfoort;WK030701;Jansen;1983;V\n"  # a housemate: fine
        "Laan;1;3811AB;Leusden;WK030701;Smit;1990;V\n"
        "Laan;1;3811AB;Amersfoort;WK030702;Smit;1991;V\n"
    )
    assert [e.message("en") for e in persons.errors] == [
        "Line 4: this address is also on line 2, with a different place.",
        "Line 5: this address is also on line 2, with a different wijk.",
    ]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "straat;huisnummer;woonplaats",
            "Regel 1: de kolom 'postcode' ontbreekt. Die is nodig in een bestand met adressen.",
        ),
        (
            "straat;huisnummer;postcode;woonplaats;naam",
            "Regel 1: de kolom 'geboortejaar' ontbreekt. Die is nodig in een bestand met personen.",
        ),
        (
            "straat;huisnummer;postcode;woonplaats;wijk;wijkcode",
            "Regel 1: de kolommen 'wijk' en 'wijkcode' betekenen hetzelfde. Laat er één staan.",
        ),
        (
            "straat;huisnummer;postcode;woonplaats;",
            "Regel 1: kolom 5 heeft geen naam in de kopregel.",
        ),
    ],
)
def test_header_problems(header: str, message: str) -> None:
    result = rejected(header + "\nLaan;1;3811AB;A;x;y\n")
    assert str(result.errors[0]) == message


def test_file_level_problems() -> None:
    header = "straat;huisnummer;postcode;woonplaats\n"
    assert rejected(b"").errors[0].key == "empty"
    assert str(rejected(header).errors[0]) == (
        "Het bestand heeft een kopregel, maar daaronder staan geen gegevens."
    )
    assert rejected(b"PK\x03\x04 an xlsx archive").errors[0].key == "not_csv"
    assert rejected(header.encode() + b"La\x81n;1;3811AB;A\n").errors[0].key == "encoding"
    too_large = rejected(header + "Laan;1;3811AB;A\n", limits=Limits(max_bytes=10))
    assert too_large.errors[0].key == "too_large"
    rows = "".join(f"Laan;{n};3811AB;A\n" for n in range(1, 6))
    assert str(rejected(header + rows, limits=Limits(max_lines=4)).errors[0]) == (
        "Het bestand heeft meer dan 3 regels. Meer regels kunnen we niet in één keer inlezen."
    )
    long = rejected(header + f"{'L' * 201};1;3811AB;A\n")
    assert str(long.errors[0]) == (
        "Regel 2: 'straat' is te lang (201 tekens). Het mogen er hoogstens 200 zijn."
    )
    wide = rejected(header.replace("\n", ";x\n"), limits=Limits(max_columns=4))
    assert wide.errors[0].key == "too_many_columns"
    persons = "straat;huisnummer;postcode;woonplaats;naam;geboortejaar;geslacht\n"
    assert str(rejected(persons + "Laan;1;3811AB;A;J;1980;M\n", None).errors[0]) == (
        "Regel 1: voor een bestand met geboortejaren is het peiljaar nodig: het jaar waarover "
        "het uittreksel gaat."
    )


def test_an_address_file_needs_no_reference_year() -> None:
    data = b"straat;huisnummer;postcode;woonplaats\nLaan;1;3811AB;A\n"
    assert isinstance(read_address_file(data, reference_year=None), AddressFile)


def test_exclusion_files_name_addresses_or_persons() -> None:
    keys, problems = read_exclusion_file(
        b"postcode;huisnummer;toevoeging;naam;geboortejaar\n"
        b"3811 AB;1;;de Vries;1980\n"
        b"3811AB;2;a;;\n",
        reference_year=2026,
    )
    assert problems is None
    assert keys == {"3811AB|1|||devries|1980", "3811AB|2||A"}
    keys, problems = read_exclusion_file(
        b"postcode;huisnummer;naam;geboortejaar\n3811AB;1;de Vries;\n", reference_year=2026
    )
    assert keys == frozenset()
    assert problems is not None
    assert [str(e) for e in problems.errors] == ["Regel 2: 'geboortejaar' is leeg. Vul dit in."]


def test_header_key() -> None:
    assert header_key(" Huis-nr. ") == "huisnr"
    assert header_key("CBS_wijk_code") == "cbswijkcode"
