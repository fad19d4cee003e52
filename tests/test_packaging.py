"""The wheel carries the bundled questionnaires and templates, and works from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO

pytestmark = pytest.mark.slow  # builds a wheel and installs it into a fresh virtual environment


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
    )
    (built,) = out.glob("scaleready-*.whl")
    return built


def test_wheel_carries_questionnaires_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("questionnaires", "report_templates"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file():
                assert f"scaleready/{path.relative_to(REPO)}" in names


def clean_env() -> dict[str, str]:
    """The environment without anything that could point Python at the source tree."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def test_installed_wheel_runs_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    pip = env_dir / "bin" / "pip"
    subprocess.run(
        [str(pip), "install", "-q", "--disable-pip-version-check", str(wheel)], check=True
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    exe = str(env_dir / "bin" / "scaleready")
    listed = subprocess.run(
        [exe, "questionnaires"],
        cwd=elsewhere,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    for path in (REPO / "questionnaires").glob("*.yaml"):
        assert path.stem in listed.stdout
    bundled = [str(p) for p in (REPO / "questionnaires").glob("*.yaml")]
    checked = subprocess.run(
        [exe, "validate", str(DATA / "mini.yaml"), str(DATA / "mini-answers.yaml"), *bundled],
        cwd=elsewhere,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    # The installed package must not be reading the source tree.
    where = subprocess.run(
        [
            str(env_dir / "bin" / "python"),
            "-c",
            "import scaleready.loading.bundled as r; print(r.bundled_dir('questionnaires'))",
        ],
        cwd=elsewhere,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(env_dir) in where.stdout
