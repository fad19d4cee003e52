"""Ready to publish and to use from another repository: the pre-commit hooks match the files the
docs tell users to have, the docs install from the repository at a release the changelog names,
and the version has one source."""

from __future__ import annotations

import importlib.metadata
import re
import sys

import pytest
import yaml

from scaleready import __version__
from tests.conftest import REPO

HOOKS = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}


def selected(hook: dict[str, str], path: str) -> bool:
    """Whether pre-commit runs ``hook`` on ``path`` (it matches ``files`` and ``exclude`` with
    Python's ``re.search``)."""
    files, exclude = hook.get("files", ""), hook.get("exclude", "^$")
    return bool(re.search(files, path)) and not re.search(exclude, path)


@pytest.mark.parametrize(
    ("path", "checked"),
    [
        ("answers.yaml", True),  # what every CI example commits
        ("answers.yml", True),
        ("team/answers.yaml", True),
        ("answers/ada.yaml", True),
        ("workshop/answers/ada.yaml", True),
        ("questionnaires/ours.yaml", True),
        (".github/workflows/scaleready.yml", False),  # docs/ci.md has users create it
        (".github/workflows/answers.yaml", False),
        (".gitlab-ci.yml", False),
        (".pre-commit-config.yaml", False),
        ("docs/scaleready.yaml", False),
        ("my-answers.yaml", False),
    ],
)
def test_the_validate_hook_checks_answers_files_and_never_workflows(
    path: str, checked: bool
) -> None:
    assert selected(HOOKS["scaleready-validate"], path) is checked


def test_the_score_hook_defaults_to_the_top_level_answers_file() -> None:
    hook = HOOKS["scaleready-score"]
    assert selected(hook, "answers.yaml")
    assert not selected(hook, ".github/workflows/scaleready.yml")


def test_the_docs_install_from_the_repository_at_a_release_the_changelog_names() -> None:
    ci = (REPO / "docs" / "ci.md").read_text()
    installs = re.findall(r"pip install (\S+)", ci)
    assert installs
    repository = "git+https://github.com/scaleready/scaleready"
    assert all(i.strip('"').startswith(repository) for i in installs), installs
    tag = f"v{__version__}"
    pinned = {i.strip('"').rsplit("@", 1)[1] for i in installs if "@" in i}
    assert pinned == {tag}
    assert re.findall(r"rev: (\S+)", ci) == [tag]
    changelog = (REPO / "CHANGELOG.md").read_text()
    assert re.search(rf"^## \[{re.escape(__version__)}\] - \d{{4}}-\d\d-\d\d$", changelog, re.M)
    assert f"[{__version__}]: https://github.com/scaleready/scaleready/releases/tag/{tag}" in (
        changelog
    )
    assert "## [Unreleased]" in changelog


def test_the_version_has_one_source_and_the_metadata_is_complete() -> None:
    pyproject = (REPO / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject
    assert not re.search(r"^version\s*=", pyproject, re.M)  # only scaleready.__version__
    metadata = importlib.metadata.metadata("scaleready")
    assert metadata["Version"] == __version__
    classifiers = metadata.get_all("Classifier") or []
    assert (
        f"Programming Language :: Python :: {sys.version_info.major}.{sys.version_info.minor}"
        in (classifiers)
    )
    assert "Typing :: Typed" in classifiers
    assert (REPO / "src" / "scaleready" / "py.typed").exists()
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL") or [])
    assert set(urls) >= {"Repository", "Issues", "Changelog"}
    assert (REPO / "LICENSE").read_text().startswith("MIT License")
