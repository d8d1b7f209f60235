# SPDX-License-Identifier: EUPL-1.2
"""The files that let another municipality adopt Samenspel: the licence, publiccode.yml, the
changelog, the security policy, and an SPDX licence identifier in every Python source file."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPDX = "# SPDX-License-Identifier: EUPL-1.2"


def test_licence_is_the_full_eupl_1_2_text():
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
    for part in ("1.Definitions", "13.Miscellaneous", "15.Applicable Law", "Appendix"):
        assert part in text
    assert len(text) > 13_000


def test_publiccode_yml_has_the_required_keys():
    code = yaml.safe_load((ROOT / "publiccode.yml").read_text())
    for key in (
        "publiccodeYmlVersion",
        "name",
        "url",
        "platforms",
        "developmentStatus",
        "softwareType",
        "description",
        "legal",
        "maintenance",
        "localisation",
    ):
        assert code.get(key), key
    assert code["legal"]["license"] == "EUPL-1.2"
    assert code["developmentStatus"] in {"concept", "development", "beta", "stable", "obsolete"}
    assert code["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    assert code["maintenance"]["contacts"]
    assert code["localisation"]["localisationReady"] is True
    assert set(code["localisation"]["availableLanguages"]) >= {"nl", "en"}
    for language in ("nl", "en"):
        description = code["description"][language]
        assert 0 < len(description["shortDescription"]) <= 150
        assert 150 <= len(description["longDescription"]) <= 10_000
        assert description["features"]


def test_changelog_security_and_contributing_are_there():
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text()
    assert "How to report a vulnerability" in (ROOT / "SECURITY.md").read_text()
    assert "SPDX" in (ROOT / "CONTRIBUTING.md").read_text()


def test_every_python_file_carries_the_spdx_licence_identifier():
    files = [
        *(ROOT / "src").rglob("*.py"),
        *(ROOT / "tests").rglob("*.py"),
        *(ROOT / "benchmarks").rglob("*.py"),
        ROOT / "manage.py",
        ROOT / "conftest.py",
    ]
    missing = []
    for path in files:
        lines = path.read_text().splitlines()[:2]
        if SPDX not in lines[:1] and not (lines and lines[0].startswith("#!") and SPDX in lines):
            missing.append(str(path.relative_to(ROOT)))
    assert len(files) > 200
    assert not missing, f"Start these files with '{SPDX}': {missing}"
