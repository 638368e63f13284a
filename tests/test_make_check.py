"""`make check` after the README's quick start: a .venv that already has diplo (but not the
test extras) must still get them; a second run must not reinstall; pip is brought to 23.3+ (older pips warn about lxml's html_clean extra)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _plan(venv: Path) -> str:
    """What `make check` would run (make -n runs nothing)."""
    result = subprocess.run(
        ["make", "-n", "check", f"VENV={venv}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _quick_start_venv(tmp_path: Path) -> Path:
    # What `python3 -m venv .venv && pip install -e .` leaves: python and diplo, no ruff.
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for name in ("python", "pip", "diplo"):
        (venv / "bin" / name).touch()
    return venv


def test_make_check_after_the_quick_start_installs_the_test_extras(tmp_path: Path) -> None:
    plan = _plan(_quick_start_venv(tmp_path))
    assert "pip install -q -e '.[test]'" in plan
    assert plan.index("pip install") < plan.index("ruff check")
    # The quick start's venv may come from an older command (no --upgrade-deps): its pip
    # is brought up to one that normalises extras before anything is installed with it.
    assert "pip install -q 'pip>=23.3'" in plan
    assert plan.index("'pip>=23.3'") < plan.index("-e '.[test]'")


def test_make_check_on_a_fresh_clone_creates_the_venv(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    plan = _plan(venv)
    assert (
        f"python3 -m venv --upgrade-deps {venv}" in plan and "pip install -q -e '.[test]'" in plan
    )


def test_the_extras_are_installed_once(tmp_path: Path) -> None:
    venv = _quick_start_venv(tmp_path)
    (venv / ".diplo-test-extras").touch()
    plan = _plan(venv)
    assert "pip install" not in plan and "ruff check" in plan
