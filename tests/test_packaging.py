"""Building the package: pip builds it without setuptools deprecation warnings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
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


def _quick_start_venv_command() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if line.startswith("python3 -m venv "))
    return line.split("&&")[0].split()


def test_the_quick_start_pip_installs_without_an_extras_warning(tmp_path: Path) -> None:
    # jusText (through trafilatura) asks for lxml[html_clean]; lxml publishes the extra as
    # html-clean, and a pip older than 23.3 (what `python3 -m venv` gives Python 3.11) does
    # not normalise the two and warns. The quick start's venv must not have such a pip.
    command = _quick_start_venv_command()
    assert command[-1] == ".venv"
    venv = tmp_path / "venv"
    made = subprocess.run(
        [sys.executable, *command[1:-1], str(venv)], capture_output=True, text=True, timeout=600
    )
    if made.returncode != 0:
        pytest.skip(f"cannot make a venv here: {(made.stdout + made.stderr)[-300:]}")
    result = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--dry-run", "-q", "jusText>=3.0.2"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.skip(f"the package index cannot be reached: {output[-300:]}")
    assert "does not provide the extra" not in output, output[-2000:]
