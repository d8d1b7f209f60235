# SPDX-License-Identifier: EUPL-1.2
"""Every UI string has its translation: the nl catalogue is complete and up to date."""

import shutil
import subprocess
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "src/samenspel/locale/nl/LC_MESSAGES/django.po"


def test_catalogue_matches_the_source_and_is_complete(tmp_path):
    # Re-extract the msgids from the source and compare with the committed catalogue.
    work = tmp_path / "samenspel"
    shutil.copytree(
        Path(settings.BASE_DIR) / "src/samenspel",
        work,
        ignore=shutil.ignore_patterns("engines", "static", "__pycache__", "*.mo"),
    )
    subprocess.run(
        ["django-admin", "makemessages", "-l", "nl", "--no-obsolete", "--no-location"],
        cwd=work,
        check=True,
        capture_output=True,
    )
    fresh = work / "locale/nl/LC_MESSAGES/django.po"
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(fresh)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(fresh)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert not untranslated.strip(), f"Untranslated strings:\n{untranslated[:3000]}"
    assert not fuzzy.strip(), f"Fuzzy strings:\n{fuzzy[:3000]}"
