"""Issue 17, files: nothing lost (outputs never overwrite inputs or go through outward links),
nothing executed (user templates are sandboxed and confined), inputs that are not files refused,
and no traceback for hostile arguments. Through the command line's entry point, in a temporary
folder, so that every message is asserted exactly."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scaleready.cli import commands as cli
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "healthy-scale-up.yaml"
SCALEREADY = str(Path(sys.executable).parent / "scaleready")
FOLLOW = "(pass --follow-symlinks to allow it)"
INPUT = "not overwriting it: write to another file"


def run(*args: str) -> tuple[int, str, str]:
    """``scaleready ARGS`` in this process: exit code, standard output, standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working folder holding copies of one example answers file."""
    monkeypatch.chdir(tmp_path)
    for name in ("a.yaml", "b1.yaml", "b2.yaml"):
        shutil.copy(EXAMPLE, tmp_path / name)
    return tmp_path


# --- outputs never overwrite inputs -------------------------------------------------------------


def test_score_refuses_an_output_that_is_its_answers_file(here: Path) -> None:
    before = (here / "a.yaml").read_bytes()
    assert run("score", "a.yaml", "-f", "md", "-o", "a.yaml") == (
        2,
        "",
        f"scaleready: error: a.yaml is an input of this command; {INPUT}\n",
    )
    assert (here / "a.yaml").read_bytes() == before


def test_score_refuses_an_output_that_is_its_baseline_through_another_path(here: Path) -> None:
    (here / "sub").mkdir()
    code, _, err = run(
        "score", "a.yaml", "--baseline", "b1.yaml", "-f", "md", "-o", "sub/../b1.yaml"
    )
    assert (code, err) == (
        2,
        "scaleready: error: sub/../b1.yaml is the same file as b1.yaml, an input of this "
        f"command; {INPUT}\n",
    )


def test_workshop_consensus_refuses_an_input(here: Path) -> None:
    before = (here / "b1.yaml").read_bytes()
    code, _, err = run("workshop", "b1.yaml", "b2.yaml", "--consensus", "b1.yaml")
    assert (code, err) == (2, f"scaleready: error: b1.yaml is an input of this command; {INPUT}\n")
    assert (here / "b1.yaml").read_bytes() == before


def test_workshop_output_refuses_an_input(here: Path) -> None:
    before = (here / "b2.yaml").read_bytes()
    code, _, err = run("workshop", "b1.yaml", "b2.yaml", "-f", "json", "-o", "b2.yaml")
    assert (code, err) == (2, f"scaleready: error: b2.yaml is an input of this command; {INPUT}\n")
    assert (here / "b2.yaml").read_bytes() == before


def test_workshop_output_and_consensus_must_differ(here: Path) -> None:
    code, _, err = run("workshop", "b1.yaml", "-f", "json", "-o", "o.json", "--consensus", "o.json")
    assert (code, err) == (
        2,
        f"scaleready: error: o.json is already an output of this command; {INPUT}\n",
    )
    assert not (here / "o.json").exists()


def test_history_and_init_refuse_their_inputs(here: Path) -> None:
    code, _, err = run("history", "a.yaml", "-o", "a.yaml")
    assert (code, err) == (2, f"scaleready: error: a.yaml is an input of this command; {INPUT}\n")
    questionnaire = here / "q.yaml"
    shutil.copy(REPO / "questionnaires" / "scaling-readiness.yaml", questionnaire)
    code, _, err = run("init", "q.yaml", "--force", "-q", "q.yaml")
    assert (code, err) == (2, f"scaleready: error: q.yaml is an input of this command; {INPUT}\n")


# --- outputs never follow a link out of their folder --------------------------------------------


def test_an_output_that_is_a_dangling_link_out_of_its_folder_is_refused(
    here: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    victim = tmp_path_factory.mktemp("elsewhere") / "victim"
    (here / "report.md").symlink_to(victim)
    code, _, err = run("score", "a.yaml", "-o", "report.md")
    assert (code, err) == (
        2,
        f"scaleready: error: report.md is a symbolic link to {victim}, outside .; not writing "
        f"through it {FOLLOW}\n",
    )
    assert not victim.exists()
    assert run("score", "a.yaml", "-o", "report.md", "--follow-symlinks")[0] == 0
    assert victim.read_text().startswith("# ")


def test_a_link_to_an_existing_file_elsewhere_is_refused_for_every_writer(
    here: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    victim = tmp_path_factory.mktemp("elsewhere") / "bashrc"
    victim.write_text("keep me\n")
    (here / "out.json").symlink_to(victim)
    refused = (
        f"scaleready: error: out.json is a symbolic link to {victim}, outside .; not writing "
        f"through it {FOLLOW}\n"
    )
    for args in (
        ("workshop", "b1.yaml", "b2.yaml", "-o", "out.json"),
        ("workshop", "b1.yaml", "--consensus", "out.json"),
        ("history", "a.yaml", "-f", "json", "-o", "out.json"),
        ("init", "out.json", "--force"),
    ):
        assert run(*args)[::2] == (2, refused), args
    assert victim.read_text() == "keep me\n"


def test_an_output_under_a_linked_folder_out_of_its_folder_is_refused(
    here: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (here / "reports").symlink_to(elsewhere, target_is_directory=True)
    (here / "sub").mkdir()
    refused = (
        f"scaleready: error: reports is a symbolic link to {elsewhere}, outside .; not writing "
        f"through it {FOLLOW}\n"
    )
    assert run("score", "a.yaml", "-o", "reports/r.md")[::2] == (2, refused)
    assert run("score", "a.yaml", "-o", "reports/../r.md")[::2] == (2, refused)
    assert run("score", "a.yaml", "-o", "sub/../reports/r.md")[::2] == (
        2,
        f"scaleready: error: sub/../reports is a symbolic link to {elsewhere}, outside sub/..; "
        f"not writing through it {FOLLOW}\n",
    )
    assert list(elsewhere.iterdir()) == []
    assert run("score", "a.yaml", "-o", "reports/r.md", "--follow-symlinks")[0] == 0
    assert (elsewhere / "r.md").exists()


def test_a_link_inside_the_folder_is_followed_and_stays_a_link(here: Path) -> None:
    (here / "reports").mkdir()
    (here / "latest.md").symlink_to("reports/2026.md")
    assert run("score", "a.yaml", "-o", "latest.md")[0] == 0
    assert (here / "latest.md").is_symlink()
    assert (here / "reports" / "2026.md").read_text().startswith("# ")


# --- user templates run no code and read nothing outside their folder --------------------------


def test_a_template_cannot_run_a_command(here: Path) -> None:
    (here / "t").mkdir()
    payload = "{{ cycler.__init__.__globals__.os.popen('touch pwned').read() }}\n"
    (here / "t" / "report.md.j2").write_text(payload)
    code, out, err = run("score", "a.yaml", "-f", "md", "--templates", "t")
    assert (code, out, err) == (
        2,
        "",
        "t/report.md.j2:1:1: report template: access to attribute '__init__' of 'type' object "
        "is unsafe.\n",
    )
    assert not (here / "pwned").exists()


def test_a_template_cannot_change_data(here: Path) -> None:
    (here / "t").mkdir()
    (here / "t" / "report.md.j2").write_text("{{ [].append(1) }}\n")
    code, _, err = run("score", "a.yaml", "-f", "md", "--templates", "t")
    assert (code, err) == (
        2,
        "t/report.md.j2:1:1: report template: access to attribute 'append' of 'list' object is "
        "unsafe.\n",
    )


def test_a_template_linked_outside_its_folder_is_refused(here: Path) -> None:
    secret = here / "secret.txt"
    secret.write_text("password\n")
    (here / "t").mkdir()
    (here / "t" / "report.md.j2").write_text("{% include 'x.j2' %}\n")
    (here / "t" / "x.j2").symlink_to(secret)
    code, out, err = run("score", "a.yaml", "-f", "md", "--templates", "t")
    assert (code, out, err) == (
        2,
        "",
        f"scaleready: error: template t/x.j2 resolves to {secret}, outside the templates folder "
        "t; not reading it\n",
    )
    (here / "u").mkdir()
    (here / "u" / "report.html.j2").symlink_to(secret)
    code, out, err = run("score", "a.yaml", "-f", "html", "--templates", "u")
    assert (code, "password" in out) == (2, False)
    assert err == (
        f"scaleready: error: template u/report.html.j2 resolves to {secret}, outside the "
        "templates folder u; not reading it\n"
    )


def test_a_user_template_still_overrides_a_partial(here: Path) -> None:
    (here / "t").mkdir()
    (here / "t" / "report.md.j2").write_text(
        "Score {{ a.score|of100 }} for {{ view.organisation }}\n"
    )
    code, out, _ = run("score", "a.yaml", "-f", "md", "--templates", "t")
    assert code == 0
    assert out.startswith("Score ")


# --- inputs that are not regular files ----------------------------------------------------------

NOT_A_FILE = "is not a regular file (a pipe, a device or a socket); give a file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_devices_are_refused_without_reading_them(here: Path) -> None:
    assert run("score", "/dev/zero") == (2, "", f"/dev/zero:1:1: {NOT_A_FILE}\n")
    code, out, err = run("validate", "/dev/zero")
    assert (code, err) == (2, f"/dev/zero:1:1: {NOT_A_FILE}\n")
    assert out.startswith("invalid /dev/zero (1 error)")
    code, _, err = run("score", "a.yaml", "--baseline", "/dev/zero")
    assert (code, err) == (2, f"/dev/zero:1:1: {NOT_A_FILE}\n")
    assert run("workshop", "/dev/urandom") == (2, "", f"/dev/urandom:1:1: {NOT_A_FILE}\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_refused_at_once(here: Path) -> None:
    os.mkfifo(here / "fifo.yaml")  # no writer: reading it would wait for ever
    assert run("score", "fifo.yaml") == (2, "", f"fifo.yaml:1:1: {NOT_A_FILE}\n")
    assert run("workshop", "a.yaml", "fifo.yaml")[::2] == (2, f"fifo.yaml:1:1: {NOT_A_FILE}\n")


def test_a_folder_is_refused(here: Path) -> None:
    (here / "folder").mkdir()
    assert run("score", "folder") == (2, "", "folder:1:1: is a directory, not a file\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ("score", str(EXAMPLE)),
        ("score", str(EXAMPLE), "-f", "json"),
        ("validate", str(EXAMPLE)),
        ("schema", "answers"),
    ],
)
def test_standard_output_on_a_full_disk(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [SCALEREADY, *args], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert (done.returncode, done.stderr) == (
        2,
        "scaleready: error: cannot write to standard output: No space left on device\n",
    )


# --- hostile arguments --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("assess", "--name", ""), "--name is empty; give a value, or leave --name out"),
        (("assess", "--role", " "), "--role is empty; give a value, or leave --role out"),
        # Python keeps argv bytes that are not UTF-8 as surrogates ($'\xff' -> '\udcff').
        (("assess", "--name", "\udcff"), "--name '\\xff' is not valid UTF-8 text"),
        (
            ("score", str(EXAMPLE), "--date", "\udcff", "-o", "r.md"),
            "--date '\\xff' is not valid UTF-8 text",
        ),
    ],
)
def test_option_text_is_checked(here: Path, args: tuple[str, ...], message: str) -> None:
    assert run(*args) == (2, "", f"scaleready: error: {message}\n")
    assert not (here / "r.md").exists()
    assert not (here / "answers.yaml").exists()


def test_history_over_a_version_with_a_latin1_byte(here: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=here, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "ci@example.com")
    git("config", "user.name", "CI")
    (here / "a.yaml").write_bytes(EXAMPLE.read_bytes() + b"# caf\xe9\n")
    (here / "message").write_bytes(b"caf\xe9 in Latin-1\n")  # git keeps the byte as it is
    git("add", "a.yaml")
    git("commit", "-q", "-F", "message")
    shutil.copy(EXAMPLE, here / "a.yaml")
    git("commit", "-qam", "fixed")
    for fmt in ("terminal", "md", "json", "html"):
        code, out, err = run("history", "a.yaml", "-f", fmt)
        assert (code, err) == (0, ""), fmt
        assert "not scored: not valid UTF-8 text (save the file as UTF-8)" in out, fmt
    subjects = [
        point["subject"]
        for point in json.loads(run("history", "a.yaml", "-f", "json")[1])["points"]
    ]
    # git passes the byte through (then it is replaced) or reads it as Latin-1, by version.
    assert subjects[0] in ("caf\ufffd in Latin-1", "caf\xe9 in Latin-1")
    assert subjects[1:] == ["fixed"]


# --- many problems ------------------------------------------------------------------------------


def test_problems_are_capped_and_the_rest_counted(here: Path) -> None:
    lines = ["questionnaire: {id: scaling-readiness, version: 1.0.0}", "answers:"]
    lines += [f"  nope-{index:03d}: 1" for index in range(120)]
    (here / "many.yaml").write_text("\n".join(lines) + "\n")
    for command in ("score", "validate"):
        code, _, err = run(command, "many.yaml")
        shown = err.splitlines()
        assert code == 2
        assert len(shown) == 51
        assert shown[0] == "many.yaml:3:3: answers.nope-000: unknown question 'nope-000'"
        assert shown[49].startswith("many.yaml:52:3: answers.nope-049: unknown question")
        assert shown[50] == "... and 70 more problems"


# --- workshop counts a file once ----------------------------------------------------------------


def test_workshop_counts_a_file_once_through_links_and_dotdot(here: Path) -> None:
    (here / "sub").mkdir()
    (here / "link.yaml").symlink_to("b1.yaml")
    os.link(here / "b1.yaml", here / "hard.yaml")
    code, out, _ = run(
        "workshop", "b1.yaml", "link.yaml", "sub/../b1.yaml", "hard.yaml", "b2.yaml", "-f", "json"
    )
    assert code == 0
    files = [p["file"] for p in json.loads(out)["participants"]]
    assert files == ["b1.yaml", "b2.yaml"]


def test_a_file_larger_than_stat_says_is_read_with_a_bound(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # /proc files are regular files whose size stat gives as 0: only the bounded read notices.
    status = Path("/proc/self/status")
    if not status.is_file() or status.stat().st_size != 0:
        pytest.skip("needs Linux's /proc")
    monkeypatch.setattr("scaleready.loading.yaml_source.MAX_BYTES", 100)
    assert run("score", str(status)) == (
        2,
        "",
        f"{status}:1:1: file is more than 100 bytes, the limit\n",
    )


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (
            OSError(errno.ENOSPC, "No space left on device"),
            2,
            "scaleready: error: cannot write to standard output: No space left on device\n",
        ),
        (OSError(errno.EPERM, "Operation not permitted"), 3, "scaleready: internal error"),
    ],
)
def test_only_output_errors_are_blamed_on_standard_output(
    monkeypatch: pytest.MonkeyPatch, error: OSError, code: int, message: str
) -> None:
    def fail(name: str) -> str:
        raise error

    monkeypatch.setattr("scaleready.formats.schema.render_schema", fail)
    monkeypatch.setattr("scaleready.cli.commands._silence_stdout", lambda: None)
    done, _, err = run("schema", "answers")
    assert (done, err[: len(message)]) == (code, message)
