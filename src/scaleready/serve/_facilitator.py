"""The facilitator's pages, all behind the facilitator's token: who has started and finished and
how far each is (never their answers) until the answers are revealed; then the workshop report,
recomputed from the files at every view so late answers show; closing the session; downloading
the consensus answers file and the reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaleready.errors import InputError, UsageError
from scaleready.interview import applicable_ids, is_answered
from scaleready.serve.report import Reports, build_reports
from scaleready.serve.session import STATE_FILE

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from scaleready.serve.app import Context

DOWNLOADS = {
    "consensus.yaml": ("consensus", "application/yaml; charset=utf-8"),
    "workshop.html": ("html", "text/html; charset=utf-8"),
    "workshop.md": ("markdown", "text/markdown; charset=utf-8"),
    "workshop.json": ("json", "application/json"),
}

ACTIONS = {
    "reveal": {"revealed": True},
    "hide": {"revealed": False},
    "close": {"closed": True},
    "reopen": {"closed": False},
}


def _check(context: Context, request: Request) -> str:
    from starlette.exceptions import HTTPException

    token = str(request.path_params["token"])
    if not context.is_facilitator(token):
        raise HTTPException(404, "This link is not the facilitator's link of this session.")
    return token


def answer_files(folder: Path) -> list[Path]:
    """The answers files of the workshop: every ``*.yaml`` in the folder, sorted."""
    return sorted(p for p in folder.glob("*.yaml") if p.name != STATE_FILE and p.is_file())


def participant_rows(context: Context) -> list[dict[str, Any]]:
    """Per participant: role, name, answered out of applicable, finished. Never the answers."""
    rows = []
    for person in context.session.state.participants:
        answers = context.store.answers(person.file)
        applicable = applicable_ids(context.questionnaire, answers)
        answered = sum(1 for q in applicable if is_answered(answers.get(q)))
        rows.append(
            {
                "role": person.role,
                "name": person.name,
                "answered": answered,
                "total": len(applicable),
                "started": bool(answers),
                "finished": person.finished,
            }
        )
    return rows


def reports(context: Context) -> Reports | str:
    """The reports from the folder's answers files, or why there are none yet."""
    try:
        return build_reports(
            answer_files(context.session.folder), context.questionnaire_ref, context.min_group
        )
    except UsageError as exc:
        return f"No report yet: {exc}"
    except InputError as exc:
        problems = "; ".join(str(p) for p in exc.problems[:5])
        return f"An answers file in the folder is not valid, so there is no report: {problems}"


def routes(context: Context) -> list[Route]:
    """The facilitator's routes."""
    from functools import partial

    from starlette.routing import Route

    return [
        Route("/f/{token}", partial(_progress, context), methods=["GET"]),
        Route("/f/{token}/{action:str}", partial(_action, context), methods=["POST"]),
        Route("/f/{token}/report", partial(_report, context), methods=["GET"]),
        Route("/f/{token}/download/{name}", partial(_download, context), methods=["GET"]),
    ]


REPORT_REFRESH_SECONDS = 30
"""How often the open report reloads itself, to show answers that arrive after the reveal."""


async def _progress(context: Context, request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    token = _check(context, request)
    rows = await run_in_threadpool(participant_rows, context)
    state = context.session.state
    made = await run_in_threadpool(reports, context) if state.revealed else None
    return context.page(
        "facilitator.html.j2",
        token=token,
        rows=rows,
        state=state,
        csrf=context.csrf(token),
        reports=made if isinstance(made, Reports) else None,
        problem=made if isinstance(made, str) else None,
        join_url=f"{str(request.base_url).rstrip('/')}/j/{state.join_token}",
        min_group=context.min_group,
    )


async def _action(context: Context, request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException
    from starlette.responses import RedirectResponse

    token = _check(context, request)
    changes = ACTIONS.get(str(request.path_params["action"]))
    if changes is None:
        raise HTTPException(404, "No such action.")
    await context.form(request, token)
    await run_in_threadpool(lambda: context.session.update(**changes))
    return RedirectResponse(f"/f/{token}", status_code=303)


async def _report(context: Context, request: Request) -> Response:
    _check(context, request)
    return await _send(context, "workshop.html", inline=True)


async def _download(context: Context, request: Request) -> Response:
    _check(context, request)
    return await _send(context, str(request.path_params["name"]), inline=False)


async def _send(context: Context, name: str, *, inline: bool) -> Response:
    """A report or the consensus file, made afresh from the files."""
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException
    from starlette.responses import Response

    from scaleready.serve.security import REPORT_POLICY

    if name not in DOWNLOADS:
        raise HTTPException(404, "No such download.")
    if not context.session.state.revealed:
        raise HTTPException(409, "Reveal the answers first.")
    made = await run_in_threadpool(reports, context)
    if isinstance(made, str):
        raise HTTPException(409, made)
    attribute, media = DOWNLOADS[name]
    headers = {"content-security-policy": REPORT_POLICY}
    if inline:
        # The report open on the room's screen follows late answers: the browser reloads it
        # (a header, not a script: the page's policy allows none).
        headers["refresh"] = str(REPORT_REFRESH_SECONDS)
    else:
        headers["content-disposition"] = f'attachment; filename="{name}"'
    return Response(getattr(made, attribute), media_type=media, headers=headers)
