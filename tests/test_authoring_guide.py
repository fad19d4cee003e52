"""docs/questionnaire.md, the authoring guide, says what the code does: its worked example
validates with ``scaleready validate --strict`` step by step, its key tables list exactly the keys
of the format's models, and its lists of expression names, filters and DORA keys are the code's."""

from __future__ import annotations

import re
import shlex
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from scaleready.cli import commands as cli
from scaleready.engine.dora_benchmarks import INDUSTRY_2025, ORGANISATION_SIZE_2025
from scaleready.expressions._functions import FUNCTIONS
from scaleready.expressions._limits import FILTERS
from scaleready.expressions._translator import HELPERS
from scaleready.formats.answers import ENTRY_KEYS, AnswersDocument
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading import questionnaire as loader

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "questionnaire.md"
TEXT = GUIDE.read_text(encoding="utf-8")

# A marker is an HTML comment (invisible on GitHub) on the line before what it marks.
_MARKED_FENCE = re.compile(r"<!-- (worked-example: [^>]*?) -->\n```[a-z]*\n(.*?)\n```", re.S)
_MARKED_TABLE = re.compile(r"<!-- ((?:keys|expressions|dora): [^>]*?) -->\n((?:\|.*\n)+)")


def _fences() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _MARKED_FENCE.finditer(TEXT)]


def _tables() -> dict[str, list[list[str]]]:
    """Each marked table's rows (header and rule left out), as lists of cells."""
    tables: dict[str, list[list[str]]] = {}
    for match in _MARKED_TABLE.finditer(TEXT):
        lines = match.group(2).splitlines()[2:]
        rows = [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines]
        assert match.group(1) not in tables, f"two tables marked {match.group(1)!r}"
        tables[match.group(1)] = rows
    return tables


def _first_column(rows: list[list[str]]) -> set[str]:
    """The names in backquotes in each row's first cell (one cell may name several keys)."""
    return {name for row in rows for name in re.findall(r"`([^`]+)`", row[0])}


# --- the worked example --------------------------------------------------------------------


def _steps() -> list[dict[str, Any]]:
    return [yaml.safe_load(body) for marker, body in _fences() if marker == "worked-example: step"]


def _file(name: str) -> str:
    found = [body for marker, body in _fences() if marker == f"worked-example: file {name}"]
    assert len(found) == 1, f"the guide shows {name} {len(found)} times"
    return found[0] + "\n"


def _merge(into: Any, add: Any) -> Any:
    """A step added to the file so far, as the guide tells readers to: mappings merge key by
    key, a list item with the ``id`` of an existing one extends it, any other item is appended."""
    if isinstance(into, dict) and isinstance(add, dict):
        merged = dict(into)
        for key, value in add.items():
            merged[key] = _merge(merged[key], value) if key in merged else value
        return merged
    if isinstance(into, list) and isinstance(add, list):
        merged_list = list(into)
        for item in add:
            ids = [i.get("id") if isinstance(i, dict) else None for i in merged_list]
            if isinstance(item, dict) and "id" in item and item["id"] in ids:
                at = ids.index(item["id"])
                merged_list[at] = _merge(merged_list[at], item)
            else:
                merged_list.append(item)
        return merged_list
    return add


def _so_far(count: int) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for step in _steps()[:count]:
        document = _merge(document, step)
    return document


def _validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(["validate", "--strict", *args])
    out, err = capsys.readouterr()
    return code, out + err


def test_the_worked_example_has_its_steps_and_files() -> None:
    assert len(_steps()) >= 6
    assert _file("release-health.yaml").startswith("# yaml-language-server:")
    assert "questionnaire: {id: release-health" in _file("team-a.yaml")


@pytest.mark.parametrize("count", range(1, len(_steps()) + 1))
def test_each_step_of_the_worked_example_validates_strictly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, count: int
) -> None:
    path = tmp_path / "release-health.yaml"
    path.write_text(yaml.safe_dump(_so_far(count), sort_keys=False), encoding="utf-8")
    code, output = _validate(capsys, str(path))
    assert (code, "0 invalid") == (0, output.splitlines()[-1][-9:]), output


def test_the_steps_add_up_to_the_whole_file() -> None:
    assert _so_far(len(_steps())) == yaml.safe_load(_file("release-health.yaml"))


def test_the_whole_file_and_its_answers_validate_strictly_fixtures_included(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    questionnaire, answers = tmp_path / "release-health.yaml", tmp_path / "team-a.yaml"
    questionnaire.write_text(_file("release-health.yaml"), encoding="utf-8")
    answers.write_text(_file("team-a.yaml"), encoding="utf-8")
    fixtures = len(yaml.safe_load(_file("release-health.yaml"))["tests"])
    code, output = _validate(capsys, "-q", str(questionnaire), str(questionnaire), str(answers))
    assert code == 0, output
    assert f"{fixtures} fixtures passed" in output
    assert "2 files checked, 0 invalid" in output


def test_the_commands_the_worked_example_shows_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "release-health.yaml").write_text(_file("release-health.yaml"), encoding="utf-8")
    (tmp_path / "team-a.yaml").write_text(_file("team-a.yaml"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    commands = [body for marker, body in _fences() if marker == "worked-example: run"]
    lines = [line for body in commands for line in body.splitlines()]
    assert lines
    for line in lines:
        program, *args = shlex.split(line)
        assert program == "scaleready"
        code = cli.main(args)
        out, err = capsys.readouterr()
        assert code == 0, f"{line}\n{out}{err}"
        assert out, line


# --- every key -----------------------------------------------------------------------------


def _models(root: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model reachable from ``root`` through its fields, by class name."""
    found: dict[str, type[BaseModel]] = {}
    todo: list[Any] = [root]
    while todo:
        annotation = todo.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation.__name__ not in found:
                found[annotation.__name__] = annotation
                todo += [f.annotation for f in annotation.model_fields.values()]
            continue
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            todo.append(typing.get_args(annotation)[0])
        elif origin is not None or isinstance(annotation, types.UnionType):
            todo += list(typing.get_args(annotation))
    return found


def _keys(model: type[BaseModel]) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


MODELS = {**_models(Questionnaire), **_models(AnswersDocument)}


def test_the_walk_finds_the_models_of_both_formats() -> None:
    assert {"Questionnaire", "Question", "Option", "Measure", "FixtureExpect"} <= set(MODELS)
    assert {"AnswersDocument", "QuestionnaireRef", "Respondent"} <= set(MODELS)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_key_of_every_model_is_in_its_table_and_nothing_else(name: str) -> None:
    tables = _tables()
    assert f"keys: {name}" in tables, f"the guide has no table marked <!-- keys: {name} -->"
    assert _first_column(tables[f"keys: {name}"]) == _keys(MODELS[name])


def test_every_key_of_an_answer_written_as_a_mapping_is_in_its_table() -> None:
    assert _first_column(_tables()["keys: answer"]) == set(ENTRY_KEYS)


def test_no_table_documents_a_model_that_is_not_in_the_format() -> None:
    documented = {k.removeprefix("keys: ") for k in _tables() if k.startswith("keys: ")}
    assert documented - set(MODELS) == {"answer"}


def test_required_keys_are_bold_and_optional_ones_are_not() -> None:
    tables = _tables()
    for name, model in MODELS.items():
        for row in tables[f"keys: {name}"]:
            for key in re.findall(r"`([^`]+)`", row[0]):
                fields = [f for n, f in model.model_fields.items() if key in (n, f.alias)]
                assert fields, f"{name} has no key {key!r}"
                bold = f"**`{key}`**" in row[0]
                assert bold == fields[0].is_required(), f"{name}.{key}"


# --- expressions and DORA ------------------------------------------------------------------


def test_the_expression_names_are_the_loaders_the_helpers_and_the_functions() -> None:
    documented = {re.sub(r"\(.*", "", n) for n in _first_column(_tables()["expressions: names"])}
    assert documented == {*loader._NAMES_ELSEWHERE, *HELPERS, *FUNCTIONS}


def test_the_filters_listed_are_exactly_those_allowed() -> None:
    assert _first_column(_tables()["expressions: filters"]) == set(FILTERS)


@pytest.mark.parametrize(
    ("kind", "segments"),
    [("industry", INDUSTRY_2025), ("organisation_size", ORGANISATION_SIZE_2025)],
)
def test_the_dora_keys_and_names_are_the_benchmarks(kind: str, segments: Any) -> None:
    rows = _tables()[f"dora: {kind}"]
    assert [(row[0].strip("`"), row[1]) for row in rows] == [
        (key, segment.name) for key, segment in segments.items()
    ]
