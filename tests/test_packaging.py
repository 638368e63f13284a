"""Building the package: pip builds it without setuptools deprecation warnings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_the_package_builds_without_deprecation_warnings(tmp_path: Path) -> None:
    # As `pip install` does: in pip's isolated build environment,
    # with the setuptools that pyproject.toml asks for.
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "DeprecationWarning" not in output, [
        line for line in output.splitlines() if "Deprecat" in line
    ]
    assert list(tmp_path.glob("diplo-*.whl"))
