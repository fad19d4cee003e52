"""The participants' pages: join with a role (and a name unless the session is anonymous), then
answer a section per page through a personal resume link, and say when done.

Every POST redirects (303) to a GET, so a reload never submits twice and the back button works;
every page works without script. An answer POST to a closed session is refused with 409.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scaleready.formats.answers import Respondent
from scaleready.interview import applicable_ids, is_answered
from scaleready.serve.forms import FormData, QuestionView, question_view, read_section
from scaleready.serve.session import Participant, same_token

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from scaleready.formats.answers import Answer
    from scaleready.serve.app import Context

MAX_ROLE = 60
MAX_NAME = 80


def _redirect(url: str) -> Response:
    from starlette.responses import RedirectResponse

    return RedirectResponse(url, status_code=303)


def _closed(context: Context) -> None:
    from starlette.exceptions import HTTPException

    if context.session.state.closed:
        raise HTTPException(409, "The session is closed: answers can no longer be changed.")


def _participant(context: Context, request: Request) -> Participant:
    from starlette.exceptions import HTTPException

    person = context.session.state.participant(str(request.path_params["token"]))
    if person is None:
        raise HTTPException(404, "This link is not a participant's link of this session.")
    return person


def _join_token(context: Context, request: Request) -> str:
    from starlette.exceptions import HTTPException

    token = str(request.path_params["join"])
    if not same_token(token, context.session.state.join_token):
        raise HTTPException(404, "This is not the link of a running session.")
    return token


class Progress:
    """A participant's answers and which questions apply to them, section by section."""

    def __init__(self, context: Context, answers: dict[str, Answer]) -> None:
        questionnaire = context.questionnaire
        self.answers = answers
        self.titles = [s.title for s in questionnaire.sections]
        self.applicable = set(applicable_ids(questionnaire, answers))
        self.sections = [
            [q for q in s.questions if q.id in self.applicable] for s in questionnaire.sections
        ]
        self.total = len(self.applicable)
        self.answered = sum(1 for q in self.applicable if is_answered(answers.get(q)))

    def open_sections(self) -> list[int]:
        """The indices of the sections with at least one question that applies."""
        return [i for i, shown in enumerate(self.sections) if shown]

    def first_unanswered(self) -> int | None:
        """The first section with an applicable question that has no answer."""
        for i, shown in enumerate(self.sections):
            if any(not is_answered(self.answers.get(q.id)) for q in shown):
                return i
        return None

    def summary(self) -> list[dict[str, Any]]:
        """Per open section: index, title, answered and total."""
        sections = []
        for i in self.open_sections():
            shown = self.sections[i]
            done = sum(1 for q in shown if is_answered(self.answers.get(q.id)))
            sections.append(
                {"index": i, "title": self.titles[i], "answered": done, "total": len(shown)}
            )
        return sections


def routes(context: Context) -> list[Route]:
    """The participants' routes."""
    from functools import partial

    from starlette.routing import Route

    return [
        Route("/", partial(_root, context)),
        Route("/j/{join}", partial(_join_page, context), methods=["GET"]),
        Route("/j/{join}", partial(_join, context), methods=["POST"]),
        Route("/p/{token}", partial(_home, context), methods=["GET"]),
        Route("/p/{token}/s/{index}", partial(_section_page, context), methods=["GET"]),
        Route("/p/{token}/s/{index}", partial(_section_save, context), methods=["POST"]),
        Route("/p/{token}/done", partial(_done_page, context), methods=["GET"]),
        Route("/p/{token}/done", partial(_done, context), methods=["POST"]),
    ]


async def _join_page(context: Context, request: Request) -> Response:
    token = _join_token(context, request)
    return context.page(
        "join.html.j2",
        csrf=context.csrf(token),
        anonymous=context.anonymous,
        closed=context.session.state.closed,
        error=None,
    )


async def _join(context: Context, request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    token = _join_token(context, request)
    _closed(context)
    form = await context.form(request, token)
    role = " ".join(str(form.get("role", "")).split())[:MAX_ROLE]
    name = None if context.anonymous else " ".join(str(form.get("name", "")).split())[:MAX_NAME]
    if not role:
        return context.page(
            "join.html.j2",
            422,
            csrf=context.csrf(token),
            anonymous=context.anonymous,
            closed=False,
            error="Give your role, for example cto, engineering manager or engineer.",
        )
    person = await run_in_threadpool(context.session.join, role, name or None)
    who = Respondent(role=role, name=name or None)
    await run_in_threadpool(context.store.save, person.file, {}, who)
    return _redirect(f"/p/{person.token}")


async def _home(context: Context, request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    person = _participant(context, request)
    answers = await run_in_threadpool(context.store.answers, person.file)
    progress = Progress(context, answers)
    return context.page(
        "participant.html.j2",
        person=person,
        progress=progress,
        next_section=progress.first_unanswered(),
        closed=context.session.state.closed,
        base=str(request.base_url).rstrip("/"),
    )


async def _section_page(context: Context, request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    person = _participant(context, request)
    index = _section_index(context, request)
    answers = await run_in_threadpool(context.store.answers, person.file)
    return _section(context, person, index, Progress(context, answers), {}, {})


async def _section_save(context: Context, request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    person = _participant(context, request)
    index = _section_index(context, request)
    _closed(context)
    form = await context.form(request, person.token)
    fields = FormData({k: [str(v) for v in form.getlist(k)] for k in form})
    shown_ids = set(fields.one("shown").split(","))
    shown = [q for q in context.questionnaire.sections[index].questions if q.id in shown_ids]
    submission = read_section(context.questionnaire, shown, fields)
    answers = await run_in_threadpool(context.store.save, person.file, submission.changes)
    progress = Progress(context, answers)
    if submission.errors:
        return _section(context, person, index, progress, submission.errors, {}, 422)
    new = [q.id for q in progress.sections[index] if q.id not in shown_ids]
    unanswered_new = [q for q in new if not is_answered(answers.get(q))]
    if unanswered_new:
        notes = {"more": "More questions now apply in this section."}
        return _section(context, person, index, progress, {}, notes)
    return _redirect(_after(person, index, progress, fields.one("go")))


async def _done_page(context: Context, request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    person = _participant(context, request)
    answers = await run_in_threadpool(context.store.answers, person.file)
    progress = Progress(context, answers)
    unanswered = [
        (i, q)
        for i, shown in enumerate(progress.sections)
        for q in shown
        if not is_answered(answers.get(q.id))
    ]
    return context.page(
        "done.html.j2",
        person=person,
        progress=progress,
        unanswered=unanswered,
        csrf=context.csrf(person.token),
        closed=context.session.state.closed,
    )


async def _done(context: Context, request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    person = _participant(context, request)
    _closed(context)
    await context.form(request, person.token)
    await run_in_threadpool(context.session.mark_finished, person.token)
    return _redirect(f"/p/{person.token}/done")


async def _root(context: Context, request: Request) -> Response:
    return context.page("root.html.j2")


def _section_index(context: Context, request: Request) -> int:
    from starlette.exceptions import HTTPException

    raw = str(request.path_params["index"])
    if not raw.isdigit() or int(raw) >= len(context.questionnaire.sections):
        raise HTTPException(404, "There is no such section.")
    return int(raw)


def _after(person: Participant, index: int, progress: Progress, go: str) -> str:
    """Where a saved section leads: the next open section, the one before, or this one."""
    open_ = progress.open_sections()
    base = f"/p/{person.token}"
    if go == "stay":
        return f"{base}/s/{index}"
    if go == "back":
        before = [i for i in open_ if i < index]
        return f"{base}/s/{before[-1]}" if before else base
    later = [i for i in open_ if i > index]
    return f"{base}/s/{later[0]}" if later else f"{base}/done"


def _section(
    context: Context,
    person: Participant,
    index: int,
    progress: Progress,
    errors: dict[str, str],
    notes: dict[str, str],
    status: int = 200,
) -> Response:
    section = context.questionnaire.sections[index]
    views: list[QuestionView] = [
        question_view(context.questionnaire, q, progress.answers.get(q.id), errors.get(q.id))
        for q in progress.sections[index]
    ]
    open_ = progress.open_sections()
    return context.page(
        "section.html.j2",
        status,
        person=person,
        section=section,
        index=index,
        number=open_.index(index) + 1 if index in open_ else 0,
        count=len(open_),
        views=views,
        shown=",".join(v.question.id for v in views),
        progress=progress,
        csrf=context.csrf(person.token),
        closed=context.session.state.closed,
        errors=errors,
        message=notes.get("more"),
        skip_url=_after(person, index, progress, "next"),
    )
