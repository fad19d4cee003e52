"""DORA's 2024 benchmark edition: the data, the Quick Check's 2024 arithmetic, choosing the
edition in a questionnaire (``benchmarks.dora_edition``) or with ``score --dora-edition``, and
the reports naming it where they credit DORA."""

from __future__ import annotations

import json
from typing import Any

import pytest

from scaleready.cli import commands as cli
from scaleready.engine import dora, dora_benchmarks
from tests.conftest import DATA, REPO, Writer

DORA_2024 = DATA / "dora-2024"
BUNDLED = REPO / "questionnaires" / "scaling-readiness.yaml"
# Lead time band 5, deploy frequency band 6, recovery band 6, change fail 12 %, rework 9 %;
# Healthcare & Pharmaceuticals, 100 to 499 employees.
SCALE_UP = str(REPO / "examples" / "healthy-scale-up.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def scored(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code, out, err = run(capsys, "score", *args, "--format", "json")
    assert (code, err) == (0, "")
    result: dict[str, Any] = json.loads(out)["outcomes"]["dora"]
    return result


def with_edition(write: Writer, edition: str) -> str:
    """The bundled questionnaire with ``benchmarks.dora_edition`` set."""
    text = BUNDLED.read_text(encoding="utf-8")
    assert text.count("\nbenchmarks:\n") == 1
    text = text.replace("\nbenchmarks:\n", f"\nbenchmarks:\n  dora_edition: {edition}\n")
    return str(write("edition.yaml", text))


@pytest.mark.parametrize(
    ("file", "table"),
    [
        ("industry_metrics.json", dora_benchmarks.INDUSTRY_2024),
        ("organization_size_metrics.json", dora_benchmarks.ORGANISATION_SIZE_2024),
    ],
)
def test_the_2024_python_data_is_dora_s_published_figures(
    file: str, table: dict[str, dora_benchmarks.Segment]
) -> None:
    data = json.loads((DORA_2024 / file).read_text(encoding="utf-8"))
    assert list(data) == list(table)
    for key, segment in data.items():
        ours = table[key]
        assert ours.name == segment["name"]
        assert (ours.rework, ours.throughput, ours.instability) == (None, None, None)
        for metric, stat in segment.items():
            if metric != "name":
                assert getattr(ours, metric) == (stat["mean"], stat["std"])


def test_2024_scores_no_rework_and_averages_four_metric_means() -> None:
    assert dora.edition_metrics(2025) == dora.METRICS
    assert dora.edition_metrics(2024) == (
        "leadtime",
        "deployfreq",
        "failurerecovery",
        "changefailure",
    )
    shown = dora.shown("all", "all", 2024)
    assert shown is not None
    # No rework, and no throughput or instability aggregates in the 2024 files.
    assert list(shown.metrics) == [
        "leadtime",
        "deployfreq",
        "failurerecovery",
        "changefailure",
        "overall",
    ]
    assert shown.metrics["changefailure"] == (10 - 1.7, 2.0)
    # (5.1 + 5.3 + 7.5 + 8.3) / 4, as data-service.ts recomputes performance_average.
    assert shown.overall == pytest.approx(6.55)
    assert dora.quick_check_text(shown.overall) == "6.5"
    assert shown.metrics["overall"][1] == 1.8


def test_the_2024_organisation_size_recovery_is_not_stored_flipped() -> None:
    everyone = dora.shown("organisation_size", "all", 2024)
    industries = dora.shown("all", "all", 2024)
    assert everyone is not None
    assert industries is not None
    # Both files say 7.5 for the same population: nothing to flip, nothing to note.
    assert (
        everyone.metrics["failurerecovery"] == industries.metrics["failurerecovery"] == (7.5, 2.3)
    )
    assert "failurerecovery" not in everyone.flipped
    assert not any(n.startswith(dora.RECOVERY_FLIP_NOTE) for n in everyone.notes)
    assert dora.shown("organisation_size", "all", 2025) is not None


def test_2024_organisation_size_keys_follow_the_2024_file() -> None:
    assert dora.segment_key("organisation_size", "solo", 2024) == "fewer_than_00002"
    assert dora.segment_key("organisation_size", "fewer_than_10", 2024) == "fewer_than_010"
    assert dora.segment_key("organisation_size", "fewer_than_500", 2024) == "fewer_than_500"
    assert dora.segment_key("organisation_size", "fewer_than_00002", 2025) is None
    assert dora.segment_key("industry", "retail", 2024) is None


def test_score_with_the_2024_edition_scores_as_the_2024_quick_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    d = scored(capsys, SCALE_UP, "--dora-edition", "2024")
    assert d["edition"] == 2024
    assert "2024 benchmarks" in d["source"]
    assert "CC BY 4.0" in d["source"]
    # Band 5 -> 8.0, band 6 -> 10.0, band 6 -> 10.0, 12 % -> 8.8; rework is not a 2024 metric.
    assert [(m["metric"], m["shown"]) for m in d["metrics"]] == [
        ("leadtime", "8.0"),
        ("deployfreq", "10.0"),
        ("failurerecovery", "10.0"),
        ("changefailure", "8.8"),
    ]
    # (8 + 10 + 10 + 8.8) / 4 = 9.2; throughput 28 / 3 = 9.33; stability is change fail alone.
    assert (d["overall_shown"], d["throughput_shown"], d["stability_shown"]) == (
        "9.2",
        "9.3",
        "8.8",
    )
    segments = {b["segment"]: b for b in d["benchmarks"]}
    assert [(b["segment"], b["key"], b["name"]) for b in d["benchmarks"]] == [
        ("all", "all", "All industries"),
        ("industry", "healthcare_pharmaceuticals", "Healthcare & Pharmaceuticals"),
        ("organisation_size", "fewer_than_500", "100 to 499 employees"),
    ]
    rows = {m["metric"]: m for m in segments["industry"]["metrics"]}
    assert list(rows) == ["leadtime", "deployfreq", "failurerecovery", "changefailure", "overall"]
    # The 2024 industry file: 4.6 +- 2.6, 4.4 +- 2.6, 7.4 +- 2.5, change fail 1.4 +- 1.5.
    assert [(r["mean_shown"], r["std"]) for r in rows.values()] == [
        ("4.6", 2.6),
        ("4.4", 2.6),
        ("7.4", 2.5),
        ("8.6", 1.5),  # 10 - 1.4
        ("6.3", 1.6),  # (4.6 + 4.4 + 7.4 + 8.6) / 4 = 6.25; spread: performance_average's
    ]
    # Above when more than mean + sd: 8 > 7.2, 10 > 7, 10 > 9.9, 8.8 <= 10.1, 9.2 > 7.85.
    assert [r["verdict"] for r in rows.values()] == ["above", "above", "above", "within", "above"]
    # The 2024 organisation-size file, recovery as stored (7.82): (5.6 + 6 + 7.82 + 8.4) / 4.
    size = {m["metric"]: m for m in segments["organisation_size"]["metrics"]}
    assert size["failurerecovery"]["mean"] == 7.82
    assert not size["failurerecovery"]["flipped"]
    assert (size["overall"]["mean"], size["overall"]["mean_shown"]) == (6.96, "7.0")  # 6.955
    assert segments["all"]["overall_shown"] == "6.5"  # 6.55 as a float is 6.5499...
    assert any(
        "does not score 'rework-rate'" in w
        for w in json.loads(
            run(capsys, "score", SCALE_UP, "--dora-edition", "2024", "--format", "json")[1]
        )["warnings"]
    )


def test_the_questionnaire_chooses_the_edition_and_the_option_overrides_it(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    assert scored(capsys, SCALE_UP)["edition"] == 2025
    q = with_edition(write, "2024")
    assert scored(capsys, SCALE_UP, "--questionnaire", q)["edition"] == 2024
    assert scored(capsys, SCALE_UP, "--questionnaire", q, "--dora-edition", "2025") == scored(
        capsys, SCALE_UP
    )


def test_an_unknown_edition_exits_2_naming_the_allowed_ones(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    code, out, err = run(capsys, "score", SCALE_UP, "--dora-edition", "2023")
    assert (code, out) == (2, "")
    assert "2024, 2025" in err
    assert "--dora-edition" in err
    code, out, err = run(capsys, "score", SCALE_UP, "--questionnaire", with_edition(write, "2023"))
    assert (code, out) == (2, "")
    assert "dora_edition" in err
    assert "2024" in err
    assert "2025" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("fmt", ["md", "html", "terminal"])
def test_every_report_credits_the_edition_it_compares_with(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code, out, err = run(capsys, "score", SCALE_UP, "--dora-edition", "2024", "--format", fmt)
    assert (code, err) == (0, "")
    assert "2024 benchmarks" in out
    assert "2025" not in out
    code, out, _ = run(capsys, "score", SCALE_UP, "--format", fmt)
    assert "2025 benchmarks" in out
    assert "2024" not in out
