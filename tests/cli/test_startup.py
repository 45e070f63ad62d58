"""Starting the CLI stays light: heavy libraries load only inside the commands that use them.

A guard on behaviour (which modules get imported), not a timing test: timings belong to
benchmarks. Each check runs in a fresh interpreter, because the test process itself has
long since imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).parents[2] / "src"

# Libraries that cost seconds or tens of MB at import and serve only some commands.
HEAVY = (
    "weasyprint",
    "scipy",
    "numpy",
    "plotly",
    "fastapi",
    "uvicorn",
    "openpyxl",
    "sklearn",
    "trafilatura",
    "alembic",
    "datasketch",
)

# Build the whole click command tree, as `pantau --help` does, then list what got loaded.
PROBE = """
import json, sys
from typer.main import get_command
from pantau.cli.main import app
get_command(app)
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_registering_every_command_loads_no_heavy_library() -> None:
    result = _run("-c", PROBE.format(heavy=HEAVY))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_library_modules_defer_their_heavy_imports_to_the_functions_using_them() -> None:
    # The report renderers and the volume test import WeasyPrint, openpyxl and SciPy inside.
    modules = "import pantau.reports.pdf, pantau.reports.tabular, pantau.alerts.detect; "
    result = _run("-c", modules + PROBE.format(heavy=HEAVY))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_probe_notices_a_heavy_import() -> None:
    # The guard must be able to fail: a module-level heavy import shows up in its list.
    result = _run("-c", "import weasyprint, scipy.stats; " + PROBE.format(heavy=HEAVY))
    assert result.returncode == 0, result.stderr
    assert {"weasyprint", "scipy", "numpy"} <= set(json.loads(result.stdout))


def test_help_texts_still_complete_in_a_fresh_process() -> None:
    root = _run("-m", "pantau", "--help")
    assert root.returncode == 0, root.stderr
    for command in ("report", "demo", "alerts", "cases", "bench", "units", "survey", "serve"):
        assert command in root.stdout
    act = _run("-m", "pantau", "cases", "act", "--help")
    assert act.returncode == 0, act.stderr
    assert "holding_statement" in act.stdout  # help text built from the case templates
    report = _run("-m", "pantau", "report", "--help")
    assert report.returncode == 0, report.stderr
    assert "xlsx" in report.stdout and "monthly" in report.stdout
