"""Where the bundled questionnaires and report templates are, installed or in a source tree."""

from __future__ import annotations

from pathlib import Path

from scaleready.errors import UsageError

DEFAULT_QUESTIONNAIRE = "scaling-readiness"
_PACKAGE = Path(__file__).resolve().parents[1]


def bundled_dir(name: str) -> Path:
    """A bundled folder: inside the package in a wheel, at the top of the source tree otherwise.

    The top-level folders are the single source; the wheel build copies them into the package,
    and an editable install reads them where they are.
    """
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parents[1] / name  # src/scaleready -> the checkout


def bundled_questionnaires() -> list[Path]:
    """The bundled questionnaire files, sorted by name; a file's stem is its id."""
    folder = bundled_dir("questionnaires")
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def resolve_questionnaire(ref: str) -> Path:
    """A questionnaire file from a bundled id or a path; raise :class:`UsageError` if neither."""
    path = Path(ref)
    if path.suffix in (".yaml", ".yml") or len(path.parts) > 1 or path.exists():
        if not path.is_file():
            raise UsageError(f"questionnaire file not found: {ref}")
        return path
    bundled = {p.stem: p for p in bundled_questionnaires()}
    if ref in bundled:
        return bundled[ref]
    known = ", ".join(bundled) or "none"
    raise UsageError(
        f"no bundled questionnaire {ref!r} (bundled: {known}); give a path to use your own"
    )
