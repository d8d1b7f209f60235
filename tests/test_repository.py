# SPDX-License-Identifier: EUPL-1.2
"""The repository ships whole: nothing under src/ or tests/ reads a folder beside the checkout,
and every reference to docs/domain.md names a section that exists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIPPED_DIRS = {"__pycache__", "node_modules"}

#: Ways the code used to reach the data folder beside the checkout.
OUTSIDE = re.compile(r"""\.\./shared|SAMENSPEL_SHARED_DIR|/\s*["']shared["']|["']shared["']\s*/""")
#: ``docs/domain.md §4``, ``docs/domain.md §2.3, §3.3`` and the like.
DOMAIN_REFERENCE = re.compile(r"docs/domain\.md((?:(?:,\s*|\s+and\s+|\s+en\s+|\s+)§[\d.]*\d)+)")
SECTION = re.compile(r"§([\d.]*\d)")
HEADING = re.compile(r"^#{2,6} (\d+(?:\.\d+)*)\.? ", re.MULTILINE)


def text_files() -> Iterator[tuple[Path, str]]:
    for top in ("src", "tests"):
        for path in sorted((ROOT / top).rglob("*")):
            if not path.is_file() or SKIPPED_DIRS.intersection(path.parts):
                continue
            try:
                yield path, path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # fonts, compiled catalogues and other binary files


def test_nothing_reads_a_folder_outside_the_repository() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}: {match.group()}"
        for path, text in text_files()
        if path != Path(__file__).resolve()
        for match in OUTSIDE.finditer(text)
    ]
    assert found == []


def test_every_domain_reference_names_a_section_of_docs_domain() -> None:
    sections = set(HEADING.findall((ROOT / "docs" / "domain.md").read_text(encoding="utf-8")))
    cited: dict[str, list[str]] = {}
    old_style = []
    for path, text in text_files():
        for match in DOMAIN_REFERENCE.finditer(text):
            for number in SECTION.findall(match.group(1)):
                cited.setdefault(number, []).append(str(path.relative_to(ROOT)))
        if "DOMAIN §" in text and path != Path(__file__).resolve():
            old_style.append(str(path.relative_to(ROOT)))
    assert old_style == []
    assert len(cited) >= 10  # the pattern still finds the references
    missing = {number: files for number, files in cited.items() if number not in sections}
    assert missing == {}
