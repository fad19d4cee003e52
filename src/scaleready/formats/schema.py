"""JSON Schemas of the file formats, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

SCHEMAS = ("questionnaire", "answers", "result")


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one of :data:`SCHEMAS`."""
    from scaleready.formats.answers import AnswersDocument
    from scaleready.formats.questionnaire import Questionnaire
    from scaleready.formats.result import Assessment

    models: dict[str, type[BaseModel]] = {
        "questionnaire": Questionnaire,
        "answers": AnswersDocument,
        "result": Assessment,
    }
    # The result is output, not input: its schema describes what is written (every key present).
    if name == "result":
        schema = models[name].model_json_schema(by_alias=True, mode="serialization")
    else:
        schema = models[name].model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"scaleready {name}",
        **schema,
    }


def render_schema(name: str) -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(json_schema(name), indent=2, sort_keys=True) + "\n"
