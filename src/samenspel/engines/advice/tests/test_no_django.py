# SPDX-License-Identifier: EUPL-1.2
"""The engine is pure Python: importing and running it loads no Django."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from samenspel.engines.advice import advise, load_default_kader
from samenspel.engines.advice.cli import run
advise(load_default_kader(), {"initiator": "samenleving", "kracht": 4})
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(",".join(loaded) or "none")
"""


def test_engine_imports_no_django():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "none"


def test_cli_registration_loads_no_engine_code():
    script = (
        "import sys, argparse\n"
        "from samenspel.engines.advice.cli import register\n"
        "register(argparse.ArgumentParser().add_subparsers())\n"
        "print(sorted(m for m in sys.modules if m.startswith('samenspel.engines.advice.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "['samenspel.engines.advice.cli']"
