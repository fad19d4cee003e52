"""A questionnaire that is not the bundled scaling model reads as itself in every output (issue 15,
item 9): no sentence about slides, talks, scaling or the bundled model's stages leaks into its
terminal, Markdown, HTML, JSON and JUnit reports, ``explain``, its workshop (terminal, Markdown,
HTML, JSON), the ``serve`` pages or the JSON Schemas.

The tests are parametrised over questionnaire files: each is scored from its own fixtures (``tests:``),
which become the answers files of one respondent each and, together, the participants of a
workshop. Add a questionnaire to :data:`QUESTIONNAIRES` to hold it to the same bar.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scaleready.cli import commands as cli
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA, REPO
from tests.test_serve_support import make_session

QUESTIONNAIRES = [
    DATA / "neutral-team-culture.yaml",
    # The team-health questionnaire (issue 15) joins here once it is bundled.
]

# Words and phrases of the bundled scaling-readiness model, each with why it must not reach a
# report of another model. Matched case-insensitively, on word boundaries.
FORBIDDEN = {
    r"slides?": "the bundled model cites the slides of Serge Kruppa's talk",
    r"talks?": "the bundled model's sources are talks",
    r"Kruppa|Bryzek|Ronacher|CTO Craft|Gilt|Sentry": "the bundled model's authors and venues",
    r"scaling|scale-ups?|to scale|startups?": "what the bundled model is about",
    r"reliability": "the bundled outcomes intro named reliability, which another model may not",
    r"premature": "the bundled model's danger ('premature scaling')",
    r"ahead of need": "the bundled model's measure of an investment made too soon",
    r"machinery": "the bundled model's word for investments (management layers, platforms)",
    r"headed": "the bundled workshop's reading of a role gap ('where the other is headed')",
    r"large company": "the bundled model's late-stage danger ('the large company disease')",
    r"product/market": "the bundled model's early-stage dominant problem",
}

# The bundled model's stage words. Engineer A makes stage wording come from the questionnaire
# (issue 15, spec section 1); until that lands they still show, so their test is an expected
# failure, strict: once A's work passes it, pytest reports the XPASS and this marker goes.
STAGE_WORDS = {
    r"early|late|early-stage|late-stage": "the bundled model's two stages",
    r"lateness": "the bundled model's name for the stage position",
    r"signs of scale": "the bundled model's heading for the stage signals",
}
# JSON values that are ids or enumerations, not sentences: the stage ids of today's format are
# early and late whatever a questionnaire calls its stages.
_ID_KEYS = {"id", "stage", "stages", "in_stage", "reason_code"}
_ENUMS = {"ahead_of_stage", "worsens_risk"}


def _pattern(words: dict[str, str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


def _html_text(page: str) -> str:
    """What a reader of an HTML page sees: text without styles, tags or entities."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


def _json_text(data: Any, key: str = "") -> Iterator[str]:
    """Every sentence in a JSON document: string values other than ids and enumerations."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _json_text(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from _json_text(v, key)
    elif isinstance(data, str) and key not in _ID_KEYS and data not in _ENUMS:
        yield data


def _junit_text(xml: str) -> str:
    # A stage property carries the stage's id, not a sentence.
    return re.sub(r'<property name="stage" value="[^"]*" />', "", xml)


def _leaks(texts: dict[str, str], words: dict[str, str]) -> list[str]:
    pattern = _pattern(words)
    found = []
    for where, text in texts.items():
        for line in text.splitlines():
            for match in pattern.finditer(line):
                found.append(f"{where}: {match.group(0)!r} in {line.strip()[:160]!r}")
    return found


def _answers_files(questionnaire: Path, folder: Path) -> list[Path]:
    """One answers file per fixture of the questionnaire, each from another role."""
    doc = yaml.safe_load(questionnaire.read_text(encoding="utf-8"))
    fixtures = doc.get("tests") or []
    assert len(fixtures) >= 2, "a questionnaire held to this test needs two fixtures"
    paths = []
    for i, fixture in enumerate(fixtures):
        data = {
            "questionnaire": {"id": doc["id"], "version": str(doc["version"])},
            "respondent": {"name": f"Person {i}", "role": ("lead", "engineer", "designer")[i % 3]},
            "organisation": "Acme",
            "answers": fixture["answers"],
        }
        path = folder / f"answers-{i}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _serve_pages(questionnaire: Path, answers: list[Path], folder: Path) -> dict[str, str]:
    """Every page of a served workshop: joining, each section, done, the facilitator's page
    before and after the reveal, the report and its JSON."""
    loaded = load_questionnaire(questionnaire)[0]
    folder.mkdir()
    session = make_session(folder, str(questionnaire))
    pages: dict[str, str] = {"serve join": session.client.get(session.join_url).text}
    for i, path in enumerate(answers):
        base = session.join(("lead", "engineer", "designer")[i % 3], f"Person {i}")
        token = base.rsplit("/", 1)[1]
        person = session.context.session.state.participant(token)
        assert person is not None
        session.context.store.save(person.file, load_answers(path, loaded).answers)
        for index in range(len(loaded.sections)):
            pages[f"serve section {index}"] = session.section(base, index)
        pages["serve done"] = session.client.get(f"{base}/done").text
    pages["serve facilitator"] = session.client.get(session.facilitator).text
    assert session.facilitator_post("reveal").status_code == 303
    pages["serve facilitator revealed"] = session.client.get(session.facilitator).text
    report = session.client.get(f"{session.facilitator}/report")
    assert report.status_code == 200
    pages["serve report"] = report.text
    return {where: _html_text(page) for where, page in pages.items()}


def _outputs(
    questionnaire: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> dict[str, str]:
    """Every output of ``score`` (one per fixture) and ``explain`` (its findings), ``workshop``
    and ``serve``, as text."""
    answers = _answers_files(questionnaire, tmp_path)
    q = str(questionnaire)
    texts: dict[str, str] = {}
    for path in answers:
        for fmt in ("terminal", "md", "html", "json", "junit"):
            out = _run(capsys, "score", str(path), "-q", q, "-f", fmt)
            where = f"score {path.name} {fmt}"
            if fmt == "html":
                texts[where] = _html_text(out)
            elif fmt == "json":
                texts[where] = "\n".join(_json_text(json.loads(out)))
            elif fmt == "junit":
                texts[where] = _junit_text(out)
            else:
                texts[where] = out
        result = json.loads(_run(capsys, "score", str(path), "-q", q, "-f", "json"))
        ids = [f["id"] for f in result["failure_factors"]] + [
            c["id"] for c in result["capabilities"]
        ]
        for item in [*ids, *(n["question"] for n in result["not_yet"]), "stage", "score"]:
            texts[f"explain {path.name} {item}"] = _run(capsys, "explain", str(path), item, "-q", q)
    files = [str(p) for p in answers]
    for fmt in ("terminal", "md", "html", "json"):
        out = _run(capsys, "workshop", *files, "-q", q, "-f", fmt)
        if fmt == "html":
            out = _html_text(out)
        elif fmt == "json":
            out = "\n".join(_json_text(json.loads(out)))
        texts[f"workshop {fmt}"] = out
    texts.update(_serve_pages(questionnaire, answers, tmp_path / "serve"))
    return texts


@pytest.mark.parametrize("questionnaire", QUESTIONNAIRES, ids=lambda p: p.stem)
def test_no_output_speaks_of_the_bundled_model(
    questionnaire: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = _outputs(questionnaire, tmp_path, capsys)
    assert _leaks(texts, FORBIDDEN) == []


@pytest.mark.parametrize("questionnaire", QUESTIONNAIRES, ids=lambda p: p.stem)
def test_no_output_uses_the_bundled_stage_words(
    questionnaire: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = _outputs(questionnaire, tmp_path, capsys)
    assert _leaks(texts, STAGE_WORDS) == []


def _schema_descriptions(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """Every description an editor shows from ``scaleready schema``, by format and path."""
    found: dict[str, str] = {}

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description" and isinstance(value, str):
                    found[path] = value
                else:
                    walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}/{i}")

    for name in ("questionnaire", "answers", "result"):
        walk(json.loads(_run(capsys, "schema", name)), name)
    return found


def test_schema_descriptions_cite_no_slide_talk_or_model(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _leaks(_schema_descriptions(capsys), FORBIDDEN) == []


def test_schema_descriptions_use_no_bundled_stage_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _leaks(_schema_descriptions(capsys), STAGE_WORDS) == []


def test_the_bundled_questionnaire_keeps_its_own_words() -> None:
    wording = load_questionnaire(REPO / "questionnaires" / "scaling-readiness.yaml")[0].wording
    assert wording.not_yet_measure == "ahead of need"
    assert "reliability" in wording.outcomes_intro
    assert "headed" in wording.role_gap_meaning


MIXED = "the answers files name 2 organisations: Acme (1 file), Globex (1 file)"


def _two_organisations(tmp_path: Path) -> list[str]:
    files = _answers_files(QUESTIONNAIRES[0], tmp_path)[:2]
    second = files[1].read_text(encoding="utf-8").replace("Acme", "Globex")
    files[1].write_text(second, encoding="utf-8")
    return [str(f) for f in files]


def test_a_workshop_of_two_organisations_warns_on_stderr_and_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _two_organisations(tmp_path)
    q = str(QUESTIONNAIRES[0])
    for fmt in ("terminal", "md", "html", "json"):
        code = cli.main(["workshop", *files, "-q", q, "-f", fmt])
        out, err = capsys.readouterr()
        assert code == 0
        assert err == f"warning: {MIXED}; they are aggregated as one, under Acme\n"
        shown = json.loads(out)["warnings"] if fmt == "json" else [" ".join(out.split())]
        assert any(MIXED in text for text in shown), fmt


def test_a_workshop_of_one_organisation_says_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(f) for f in _answers_files(QUESTIONNAIRES[0], tmp_path)]
    code = cli.main(["workshop", *files, "-q", str(QUESTIONNAIRES[0]), "-f", "json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert json.loads(out)["warnings"] == []
