"""``scaleready serve`` through its routes (Starlette's TestClient): joining, answering every
question type with the interview's semantics, files that ``score`` and ``workshop`` read
unchanged, two tabs, the facilitator's pages, closing, and the security rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from scaleready.cli.commands import main
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from scaleready.serve.security import MAX_BODY
from scaleready.serve.session import STATE_FILE
from tests.test_serve_support import MINI, Session, csrf_of, make_session


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return make_session(tmp_path)


def answers_of(session: Session, base: str) -> dict[str, object]:
    token = base.rsplit("/", 1)[1]
    person = session.context.session.state.participant(token)
    assert person is not None
    data = yaml.safe_load((session.folder / person.file).read_text())
    return dict(data["answers"] or {})


def test_join_writes_an_answers_file_with_the_respondent(session: Session) -> None:
    base = session.join("engineering manager", "Ada <script>")
    files = sorted(session.folder.glob("*.yaml"))
    assert [f.name for f in files] == ["engineering-manager-1.yaml"]
    data = yaml.safe_load(files[0].read_text())
    assert data["respondent"] == {"name": "Ada <script>", "role": "engineering manager"}
    page = session.client.get(base)
    assert page.status_code == 200
    assert base in page.text  # the resume link


def test_every_question_type_is_saved_as_the_interview_would(session: Session) -> None:
    base = session.join()
    response = session.answer(
        base,
        0,
        {
            "a-engineers": "12",
            "a-funded": "no",
            "a-notes": "  we ship <fast>  ",
            "n-funded": "bootstrapped so far",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"{base}/s/1"
    response = session.answer(
        base,
        1,
        {
            "a-deploy-frequency": "2",  # the second option, as the interview numbers them
            "x-experiments": "dont_know",
            "a-founder-approves": ["1", "2"],
        },
    )
    assert response.headers["location"] == f"{base}/done"
    assert answers_of(session, base) == {
        "engineers": 12,
        "funded": {"value": False, "note": "bootstrapped so far"},
        "notes": "we ship <fast>",
        "deploy-frequency": "weekly",
        "experiments": {"dont_know": True},
        "founder-approves": ["hiring", "releases"],
    }


def test_files_score_and_workshop_unchanged(session: Session, tmp_path: Path) -> None:
    for role in ("cto", "cto", "engineer"):
        base = session.join(role)
        session.answer(base, 0, {"a-engineers": "30", "a-funded": "yes"})
        session.answer(base, 1, {"a-deploy-frequency": "1", "a-experiments": "3"})
    files = sorted(str(p) for p in session.folder.glob("*.yaml"))
    assert len(files) == 3
    assert (
        main(["score", files[0], "-q", MINI, "--format", "json", "-o", str(tmp_path / "r.json")])
        == 0
    )
    out = tmp_path / "w.html"
    assert main(["workshop", *files, "-q", MINI, "-o", str(out)]) == 0
    assert "<html" in out.read_text()


def test_not_applicable_needs_a_reason(session: Session) -> None:
    base = session.join()
    response = session.answer(base, 1, {"x-deploy-frequency": "not_applicable"}, go="stay")
    assert response.status_code == 422
    assert "needs a reason" in response.text
    response = session.answer(
        base, 1, {"x-deploy-frequency": "not_applicable", "r-deploy-frequency": "no product yet"}
    )
    assert response.status_code == 303
    assert answers_of(session, base)["deploy-frequency"] == {
        "not_applicable": True,
        "reason": "no product yet",
    }


def test_an_invalid_value_is_refused_and_the_others_saved(session: Session) -> None:
    base = session.join()
    response = session.answer(base, 0, {"a-engineers": "many", "a-funded": "yes"})
    assert response.status_code == 422
    assert "whole number" in response.text
    assert answers_of(session, base) == {"funded": True}


def test_dont_know_is_offered_only_where_the_question_allows_it(session: Session) -> None:
    base = session.join()
    page = session.section(base, 0)
    assert 'name="x-engineers" value="dont_know"' not in page  # dont_know: false
    assert 'name="x-funded" value="dont_know"' in page
    session.answer(base, 0, {"x-engineers": "dont_know", "a-engineers": ""})
    assert "engineers" not in answers_of(session, base)


def test_skip_logic_shows_a_question_when_it_starts_to_apply(session: Session) -> None:
    base = session.join()
    # change-fail-rate applies only at the late stage, which many engineers and funding signal
    assert "change-fail-rate" not in session.section(base, 1)
    session.answer(base, 0, {"a-engineers": "400", "a-funded": "yes"})
    page = session.section(base, 1)
    if "change-fail-rate" in page:  # the mini questionnaire's stage signals decide
        response = session.answer(base, 1, {"a-change-fail-rate": "10%"}, page=page)
        assert response.status_code == 303
        assert answers_of(session, base)["change-fail-rate"] == 10


def test_two_tabs_lose_no_answer(session: Session) -> None:
    base = session.join()
    tab_a = session.section(base, 1)
    tab_b = session.section(base, 1)
    session.answer(base, 1, {"a-deploy-frequency": "1"}, page=tab_a)
    session.answer(base, 1, {"a-experiments": "3", "n-deploy-frequency": ""}, page=tab_b)
    assert answers_of(session, base) == {"deploy-frequency": "on-demand", "experiments": 3}


def test_back_and_stay_and_resume_where_left(session: Session) -> None:
    base = session.join()
    assert session.answer(base, 1, {}, go="back").headers["location"] == f"{base}/s/0"
    assert session.answer(base, 0, {}, go="back").headers["location"] == base
    assert session.answer(base, 0, {"a-engineers": "3"}, go="stay").headers["location"] == (
        f"{base}/s/0"
    )
    home = session.client.get(base).text
    assert f'href="{base}/s/0"' in home  # funded and notes are still open
    assert "1 of" in home


def test_done_marks_the_participant_finished(session: Session) -> None:
    base = session.join()
    page = session.client.get(f"{base}/done")
    response = session.client.post(
        f"{base}/done", data={"csrf": csrf_of(page.text)}, follow_redirects=False
    )
    assert response.status_code == 303
    assert "You told the facilitator" in session.client.get(f"{base}/done").text
    assert session.context.session.state.participants[0].finished


def test_facilitator_sees_progress_not_answers_until_reveal(session: Session) -> None:
    bases = [
        session.join(role, f"Person {i}")
        for i, role in enumerate(["cto"] * 3 + ["pm"] * 2 + ["designer"])
    ]
    for base in bases:
        session.answer(base, 1, {"a-deploy-frequency": "3", "n-deploy-frequency": "SECRET-NOTE"})
    page = session.client.get(session.facilitator)
    assert page.status_code == 200
    assert page.text.count("<tr>") == 7  # a header and six participants
    assert "SECRET-NOTE" not in page.text
    assert "Rarely" not in page.text
    assert session.client.get(f"{session.facilitator}/report").status_code == 409
    assert session.facilitator_post("reveal").status_code == 303
    page = session.client.get(session.facilitator)
    assert "merged into" in page.text  # pm and designer: each below the minimum group of 3
    report = session.client.get(f"{session.facilitator}/report")
    assert report.status_code == 200
    assert report.headers["refresh"] == "30"  # late answers show up on the room's screen
    assert "'unsafe-inline'" in report.headers["content-security-policy"]
    assert "script-src" not in report.headers["content-security-policy"]
    assert ">pm<" not in report.text
    assert "designer" not in report.text
    assert "other roles" in report.text
    assert "Person 0" not in report.text
    consensus = session.client.get(f"{session.facilitator}/download/consensus.yaml")
    assert consensus.status_code == 200
    assert "attachment" in consensus.headers["content-disposition"]
    assert yaml.safe_load(consensus.text)["answers"]["deploy-frequency"] is not None
    data = json.loads(session.client.get(f"{session.facilitator}/download/workshop.json").text)
    assert len(data["participants"]) == 6
    assert session.client.get(f"{session.facilitator}/download/x.txt").status_code == 404


def test_a_role_alone_below_the_minimum_hides_every_role(session: Session) -> None:
    for role in ("cto", "cto", "cto", "pm"):
        session.answer(session.join(role), 1, {"a-deploy-frequency": "1"})
    session.context.min_group = 5
    session.facilitator_post("reveal")
    page = session.client.get(session.facilitator)
    assert "nor any role" in page.text
    data = json.loads(session.client.get(f"{session.facilitator}/download/workshop.json").text)
    assert all(p.get("role") is None for p in data["participants"])


def test_report_before_any_answer_says_why(session: Session) -> None:
    session.facilitator_post("reveal")
    assert "No report yet" in session.client.get(session.facilitator).text


def test_closing_refuses_answers_and_joins(session: Session) -> None:
    base = session.join()
    page = session.section(base, 0)
    assert session.facilitator_post("close").status_code == 303
    response = session.answer(base, 0, {"a-engineers": "5"}, page=page)
    assert response.status_code == 409
    assert "closed" in response.text
    assert session.client.get(session.join_url).status_code == 200
    assert "closed" in session.client.get(session.join_url).text
    join = session.client.post(session.join_url, data={"csrf": "x", "role": "cto"})
    assert join.status_code == 409
    session.facilitator_post("reopen")
    assert session.answer(base, 0, {"a-engineers": "5"}).status_code == 303


def test_restart_resumes_with_the_same_tokens(tmp_path: Path) -> None:
    first = make_session(tmp_path)
    base = first.join()
    first.answer(base, 0, {"a-engineers": "7"})
    second = make_session(tmp_path)
    assert second.facilitator == first.facilitator
    assert second.client.get(base).status_code == 200
    assert "7" in second.section(base, 0)
    state = json.loads((tmp_path / STATE_FILE).read_text())
    assert len(state["participants"]) == 1


def test_a_broken_state_file_is_a_usage_error(tmp_path: Path) -> None:
    from scaleready.errors import UsageError

    (tmp_path / STATE_FILE).write_text("{not json")
    with pytest.raises(UsageError, match="not a scaleready session state file"):
        make_session(tmp_path)
    with pytest.raises(UsageError, match="not a folder"):
        make_session(tmp_path / "missing")


# --- security --------------------------------------------------------------------------------


def test_pages_carry_the_security_headers(session: Session) -> None:
    for url in ("/", session.join_url, session.facilitator, "/nowhere", "/static/serve.css"):
        response = session.client.get(url)
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "script-src 'self';" in policy  # the package's own file, nothing inline
        assert "unsafe" not in policy
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-content-type-options"] == "nosniff"
    assert session.client.get("/static/serve.css").headers["content-type"].startswith("text/css")
    assert (
        session.client.get("/static/serve.js").headers["content-type"].startswith("text/javascript")
    )
    assert session.client.get("/static/other.js").status_code == 404


def test_no_page_has_a_script_or_inline_style(session: Session) -> None:
    base = session.join()
    for url in (
        session.join_url,
        base,
        f"{base}/s/0",
        f"{base}/s/1",
        f"{base}/done",
        session.facilitator,
    ):
        text = session.client.get(url).text
        scripts = re.findall(r"<script[^>]*>", text)
        assert scripts in ([], ['<script src="/static/serve.js" defer>']), url
        assert re.search(r"<script[^>]*>[^<]", text) is None  # no inline script
        assert "style=" not in text
        assert "<style" not in text
        assert re.search(r"https?://(?!testserver)", text) is None, url


def test_user_text_is_escaped(session: Session) -> None:
    base = session.join("<b>cto</b>", "<img src=x onerror=alert(1)>")
    session.answer(base, 0, {"a-notes": "<script>x</script>", "n-funded": '"><svg onload=1>'})
    for url in (f"{base}/s/0", session.facilitator):
        text = session.client.get(url).text
        assert "<script>x" not in text
        assert "<svg onload" not in text
        assert "<img src=x" not in text
        assert "<b>cto" not in text


def test_tokens_are_needed_and_unguessable(session: Session) -> None:
    base = session.join()
    token = base.rsplit("/", 1)[1]
    assert len(token) >= 40
    assert session.client.get("/p/" + "A" * 43).status_code == 404
    assert session.client.get("/f/" + token).status_code == 404  # a participant's is not it
    assert session.client.get(f"/f/{token}/report").status_code == 404
    assert session.client.get("/j/" + token).status_code == 404
    assert session.client.get("/p/x/s/0").status_code == 404
    assert session.client.get(f"{base}/s/99").status_code == 404
    assert session.client.get(f"{base}/s/-1").status_code == 404


def test_csrf_is_checked_on_every_form(session: Session) -> None:
    base = session.join()
    other = session.join("pm")
    page = session.section(base, 0)
    # another participant's token does not fit this participant's forms
    forged = session.answer(base, 0, {"csrf": csrf_of(session.section(other, 0))}, page=page)
    assert forged.status_code == 403
    assert session.answer(base, 0, {"csrf": ""}, page=page).status_code == 403
    assert session.client.post(f"{session.facilitator}/reveal", data={}).status_code == 403
    assert session.client.post(f"{session.facilitator}/explode", data={}).status_code == 404
    assert session.client.post(session.join_url, data={"role": "x"}).status_code == 403
    assert not session.context.session.state.revealed


def test_a_participant_changes_only_their_own_file(session: Session) -> None:
    mine, theirs = session.join("cto"), session.join("pm")
    page = session.section(mine, 1)
    session.answer(
        mine, 1, {"a-deploy-frequency": "3", "shown": "deploy-frequency,../x"}, page=page
    )
    assert answers_of(session, theirs) == {}
    assert answers_of(session, mine) == {"deploy-frequency": "rarely"}


def test_large_and_malformed_requests_are_4xx(session: Session) -> None:
    base = session.join()
    page = session.section(base, 0)
    big = session.answer(base, 0, {"a-notes": "x" * (MAX_BODY + 1)}, page=page)
    assert big.status_code == 413
    chunks = (b"a=" + b"x" * 1024 for _ in range(100))  # no Content-Length: counted as it comes
    streamed = session.client.post(
        f"{base}/s/0", content=chunks, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert streamed.status_code == 413
    broken = session.client.post(
        f"{base}/s/0",
        content=b"--zz\r\nbroken",
        headers={"content-type": "multipart/form-data; boundary=zz"},
    )
    assert 400 <= broken.status_code < 500
    assert session.client.put(f"{base}/s/0").status_code == 405
    assert session.join("x" * 500).endswith(session.people[-1].rsplit("/", 1)[1])


def test_join_needs_a_role(session: Session) -> None:
    page = session.client.get(session.join_url)
    response = session.client.post(
        session.join_url, data={"csrf": csrf_of(page.text), "role": "   "}
    )
    assert response.status_code == 422
    assert "Give your role" in response.text


def test_anonymous_sessions_ask_no_name(tmp_path: Path) -> None:
    session = make_session(tmp_path, anonymous=True)
    assert 'name="name"' not in session.client.get(session.join_url).text
    session.join("cto", "Ada")
    data = yaml.safe_load(next(tmp_path.glob("*.yaml")).read_text())
    assert data["respondent"] == {"role": "cto"}


def test_the_bundled_questionnaire_renders_every_section(tmp_path: Path) -> None:
    session = make_session(tmp_path, None)
    base = session.join()
    questionnaire = load_questionnaire(Path("questionnaires/scaling-readiness.yaml"))[0]
    for index in range(len(questionnaire.sections)):
        assert session.client.get(f"{base}/s/{index}").status_code == 200
    response = session.answer(base, 0, {"a-engineers": "25", "x-industry": "dont_know"})
    assert response.status_code == 303
    loaded = load_answers(next(tmp_path.glob("*.yaml")), questionnaire)
    assert loaded.answers["engineers"].value == 25


def test_saves_from_many_threads_at_once_lose_nothing(tmp_path: Path) -> None:
    import threading

    from scaleready.formats.answers import Answer, Respondent
    from scaleready.serve.store import AnswerStore

    questionnaire = load_questionnaire(Path("questionnaires/scaling-readiness.yaml"))[0]
    store = AnswerStore(tmp_path, questionnaire, "Acme")
    numbers = [q for q in questionnaire.questions if q.type == "number" and q.when is None][:6]
    files = ["a.yaml", "b.yaml"]
    for name in files:
        store.save(name, {}, Respondent(role="cto"))

    def answer(name: str, index: int) -> None:
        store.save(name, {numbers[index].id: Answer(value=index + 1)})

    threads = [threading.Thread(target=answer, args=(name, i)) for name in files for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name in files:
        loaded = load_answers(tmp_path / name, questionnaire)
        assert {q: a.value for q, a in loaded.answers.items()} == {
            q.id: i + 1 for i, q in enumerate(numbers)
        }
        assert loaded.organisation == "Acme"


def test_a_file_changed_on_disk_is_read_again(session: Session) -> None:
    base = session.join()
    session.answer(base, 0, {"a-engineers": "4"})
    path = next(session.folder.glob("*.yaml"))
    path.write_text(path.read_text().replace("engineers: 4", "engineers: 5"))
    assert 'value="5"' in session.section(base, 0)


def test_the_banner_names_both_urls_and_the_network(tmp_path: Path) -> None:
    from scaleready.serve.run import banner, qr_text, shown_host

    local = banner("127.0.0.1", 8000, "JOIN", "FAC", tmp_path)
    assert "Participants: http://127.0.0.1:8000/j/JOIN" in local
    assert "Facilitator (keep this one to yourself): http://127.0.0.1:8000/f/FAC" in local
    assert "this computer only" in local
    network = banner("0.0.0.0", 80, "JOIN", "FAC", tmp_path)  # noqa: S104 - only printed
    assert "Reachable from the network" in network
    assert shown_host("::1") == "[::1]"
    assert shown_host("0.0.0.0")  # noqa: S104 - this machine's address, whatever it is
    assert len(qr_text("http://127.0.0.1:8000/j/JOIN").splitlines()) > 10


def test_a_file_edited_by_hand_keeps_its_comments(session: Session) -> None:
    base = session.join()
    session.answer(base, 0, {"a-engineers": "4"})
    path = next(session.folder.glob("*.yaml"))
    path.write_text(
        path.read_text().replace("  engineers: 4", "  # counted in May\n  engineers: 4")
    )
    session.answer(base, 1, {"a-deploy-frequency": "1"})
    text = path.read_text()
    assert "# counted in May" in text
    assert "deploy-frequency: on-demand" in text
