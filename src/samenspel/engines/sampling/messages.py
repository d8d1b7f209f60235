# SPDX-License-Identifier: EUPL-1.2
"""Every sentence the address-file reader and the letter sample write, in Dutch and English.

Dutch (B1, addressing the reader as "u") is the default: the people who read these messages are
the municipality's staff uploading an extract or drawing a sample. Each message has a stable key
and named parameters, so an application can also show its own translation.
"""

from __future__ import annotations

from collections.abc import Mapping

Language = str
Params = Mapping[str, str | int | float]

MESSAGES: dict[Language, dict[str, str]] = {
    "nl": {
        # the line prefix of a row error
        "line": "Regel {line}: {message}",
        # the file as a whole
        "too_large": (
            "Het bestand is te groot ({size} MB). Het mag hoogstens {max} MB zijn. Vraag een "
            "uittreksel aan met alleen de kolommen die u nodig hebt."
        ),
        "too_many_rows": (
            "Het bestand heeft meer dan {max} regels. Meer regels kunnen we niet in één keer "
            "inlezen."
        ),
        "not_csv": (
            "Dit is geen CSV-bestand. Is het een Excel-bestand? Sla het dan op als CSV "
            "(gescheiden door puntkomma's of komma's) en probeer het opnieuw."
        ),
        "encoding": (
            "De tekens in het bestand zijn niet te lezen. Sla het bestand op als CSV in UTF-8 "
            "of Windows-1252 en probeer het opnieuw."
        ),
        "empty": "Het bestand is leeg.",
        "no_rows": "Het bestand heeft een kopregel, maar daaronder staan geen gegevens.",
        "more_errors": "Er zijn nog {count} fouten. Verbeter eerst de fouten hierboven.",
        # the header (line 1)
        "missing_column": "de kolom '{column}' ontbreekt. Die is nodig in een bestand met {kind}.",
        "duplicate_column": (
            "de kolommen '{first}' en '{second}' betekenen hetzelfde. Laat er één staan."
        ),
        "unnamed_column": "kolom {number} heeft geen naam in de kopregel.",
        "needs_reference_year": (
            "voor een bestand met geboortejaren is het peiljaar nodig: het jaar waarover het "
            "uittreksel gaat."
        ),
        "too_many_columns": (
            "het bestand heeft {count} kolommen. Het mogen er hoogstens {max} zijn."
        ),
        # one row
        "csv_syntax": 'deze regel is niet te lezen. Controleer de aanhalingstekens (").',
        "line_break": "een veld loopt door over meer regels. Dat kan niet in dit bestand.",
        "field_count": "deze regel heeft {count} kolommen, de kopregel heeft er {expected}.",
        "too_long": "'{column}' is te lang ({length} tekens). Het mogen er hoogstens {max} zijn.",
        "required": "'{column}' is leeg. Vul dit in.",
        "postcode": (
            "de postcode '{value}' klopt niet. Een postcode is 4 cijfers en 2 letters, "
            "zoals 3811 AB."
        ),
        "house_number": (
            "het huisnummer '{value}' is geen heel getal van 1 tot en met 99999. Zet een "
            "huisletter of toevoeging in een eigen kolom."
        ),
        "house_letter": "de huisletter '{value}' moet één letter zijn.",
        "addition": "de toevoeging '{value}' mag hoogstens 4 letters of cijfers hebben.",
        "wijk": (
            "de wijkcode '{value}' klopt niet. Een wijkcode is WK met 6 cijfers, zoals WK030701."
        ),
        "buurt": (
            "de buurtcode '{value}' klopt niet. Een buurtcode is BU met 8 cijfers, "
            "zoals BU03070101."
        ),
        "buurt_outside_wijk": "buurt {buurt} ligt niet in wijk {wijk}.",
        "birth_year": (
            "het geboortejaar '{value}' klopt niet. Vul een jaar in van {min} tot en met {max}."
        ),
        "gender": (
            "het geslacht '{value}' kennen we niet. Gebruik M (man), V (vrouw) of O (onbekend)."
        ),
        "duplicate_address": "dit adres staat ook op regel {other}.",
        "address_conflict": "dit adres staat ook op regel {other}, maar met een andere {column}.",
        # the sample
        "size": "De steekproef moet minstens 1 brief zijn, niet {size}.",
        "too_few": (
            "U vraagt {size} brieven. Er mogen maar {eligible} adressen een brief krijgen. "
            "Het bestand heeft {rows} regels: {opted_out} daarvan hebben bezwaar gemaakt, "
            "{recent} kregen kort geleden al een uitnodiging en {shared} wonen op een adres dat "
            "al meetelt."
        ),
        "no_column": ("Het bestand heeft geen kolom '{column}'. U kunt kiezen uit: {columns}."),
        "empty_value": "Regel {line} heeft geen waarde in de kolom '{column}'.",
        "factor": "De factor voor {column} = {value} moet groter dan 0 zijn, niet {factor}.",
        "factor_columns": (
            "Factoren kunnen maar voor één kolom tegelijk: die waarnaar u de steekproef verdeelt."
        ),
        "factor_column": (
            "De factor voor {column} = {value} kan alleen als u de steekproef verdeelt naar "
            "'{column}'. Nu verdeelt u naar '{strata}'."
        ),
        "factor_value": "Geen enkele regel heeft {column} = {value}.",
        "shares": "De aandelen in de bevolking mogen niet negatief zijn ({value}: {share}).",
        "no_weight": (
            "Geen enkele waarde van '{column}' in het bestand heeft een aandeel in de bevolking."
        ),
        "population_short": (
            "U vraagt {size} brieven. In de groepen met een aandeel in de bevolking mogen maar "
            "{eligible} adressen een brief krijgen."
        ),
        "population_needs_strata": (
            "Bevolkingsaandelen kunnen alleen met een kolom om de steekproef naar te verdelen."
        ),
        # the command line
        "file": "Het bestand {file} is niet ingelezen:{problems}",
        "population_attribute": (
            "Het bevolkingsbestand {file} heeft geen cijfers voor '{attribute}'."
        ),
        "factor_format": (
            "'{text}' is geen factor. Schrijf KOLOM=WAARDE:FACTOR, zoals wijk=WK030701:1,5."
        ),
    },
    "en": {
        "line": "Line {line}: {message}",
        "too_large": (
            "The file is too large ({size} MB); at most {max} MB is allowed. Ask for an extract "
            "with only the columns you need."
        ),
        "too_many_rows": "The file has more than {max} lines; no more can be read at once.",
        "not_csv": (
            "This is not a CSV file. If it is an Excel file, save it as CSV (separated by "
            "semicolons or commas) and try again."
        ),
        "encoding": (
            "The characters in the file cannot be read. Save it as CSV in UTF-8 or "
            "Windows-1252 and try again."
        ),
        "empty": "The file is empty.",
        "no_rows": "The file has a header line but no data below it.",
        "more_errors": "There are {count} more errors. Correct the errors above first.",
        "missing_column": "the column '{column}' is missing; a file of {kind} needs it.",
        "duplicate_column": "the columns '{first}' and '{second}' mean the same; keep one.",
        "unnamed_column": "column {number} has no name in the header line.",
        "needs_reference_year": (
            "a file with years of birth needs the reference year: the year the extract describes."
        ),
        "too_many_columns": "the file has {count} columns; at most {max} are allowed.",
        "csv_syntax": 'this line cannot be read; check the quotation marks (").',
        "line_break": "a field runs over more than one line, which this file cannot have.",
        "field_count": "this line has {count} columns, the header line has {expected}.",
        "too_long": "'{column}' is too long ({length} characters); at most {max} are allowed.",
        "required": "'{column}' is empty; fill it in.",
        "postcode": (
            "the postcode '{value}' is not valid: 4 digits and 2 letters, such as 3811 AB."
        ),
        "house_number": (
            "the house number '{value}' is not a whole number from 1 to 99999; put a house "
            "letter or addition in a column of its own."
        ),
        "house_letter": "the house letter '{value}' must be a single letter.",
        "addition": "the addition '{value}' may have at most 4 letters or digits.",
        "wijk": "the wijk code '{value}' is not valid: WK and 6 digits, such as WK030701.",
        "buurt": "the buurt code '{value}' is not valid: BU and 8 digits, such as BU03070101.",
        "buurt_outside_wijk": "buurt {buurt} does not lie in wijk {wijk}.",
        "birth_year": "the year of birth '{value}' is not valid: a year from {min} to {max}.",
        "gender": "the gender '{value}' is unknown; use M (man), V (woman) or O (unknown).",
        "duplicate_address": "this address is also on line {other}.",
        "address_conflict": "this address is also on line {other}, with a different {column}.",
        "size": "The sample must be at least 1 letter, not {size}.",
        "too_few": (
            "You ask for {size} letters, but only {eligible} addresses may receive one. The "
            "file has {rows} lines: {opted_out} of them opted out, {recent} were invited "
            "recently and {shared} live at an address that already counts."
        ),
        "no_column": "The file has no column '{column}'. You can choose from: {columns}.",
        "empty_value": "Line {line} has no value in the column '{column}'.",
        "factor": "The factor for {column} = {value} must be greater than 0, not {factor}.",
        "factor_columns": (
            "Factors can only be given for one column: the one the sample is stratified by."
        ),
        "factor_column": (
            "The factor for {column} = {value} needs the sample stratified by '{column}', "
            "not by '{strata}'."
        ),
        "factor_value": "No line has {column} = {value}.",
        "shares": "Population shares cannot be negative ({value}: {share}).",
        "no_weight": "No value of '{column}' in the file has a share in the population.",
        "population_short": (
            "You ask for {size} letters, but the groups with a share in the population have "
            "only {eligible} addresses that may receive one."
        ),
        "population_needs_strata": "Population shares need a column to stratify by.",
        "file": "The file {file} was not read:{problems}",
        "population_attribute": "The population file {file} has no figures for '{attribute}'.",
        "factor_format": (
            "'{text}' is not a factor; write COLUMN=VALUE:FACTOR, such as wijk=WK030701:1.5."
        ),
    },
}

#: How the messages name the file's kinds and columns.
NAMES: dict[Language, dict[str, str]] = {
    "nl": {"adressen": "adressen", "personen": "personen"},
    "en": {
        "adressen": "addresses",
        "personen": "persons",
        "straat": "street",
        "huisnummer": "house number",
        "huisletter": "house letter",
        "toevoeging": "addition",
        "woonplaats": "place",
        "naam": "name",
        "voorletters": "initials",
        "tussenvoegsel": "name prefix",
        "geboortejaar": "year of birth",
        "geslacht": "gender",
    },
}


_NAMED = frozenset({"column", "kind", "strata"})


def message(key: str, lang: Language = "nl", params: Params | None = None) -> str:
    """The sentence ``key`` in ``lang`` (``nl`` or ``en``), its parameters filled in."""
    names = NAMES[lang]
    filled = {
        name: names.get(value, value) if name in _NAMED and isinstance(value, str) else value
        for name, value in (params or {}).items()
    }
    return MESSAGES[lang][key].format(**filled)


class LetterError(ValueError):
    """A refusal with a message key and parameters; ``str()`` is the Dutch sentence."""

    def __init__(self, key: str, **params: str | int | float) -> None:
        self.key = key
        self.params: dict[str, str | int | float] = params
        super().__init__(message(key, "nl", params))

    def message(self, lang: Language = "nl") -> str:
        """The refusal in ``lang``."""
        return message(self.key, lang, self.params)
