"""The Starlette application of a session: its routes, error pages and middleware.

Debug is off and every error ends in a short page of our own: an HTTP error (a bad token, a
malformed form, a closed session) in its status with a sentence, anything else in a plain 500
that says nothing about the code. The routes are in :mod:`._participant` and
:mod:`._facilitator`; what they share is the :class:`Context`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaleready.formats.questionnaire import Questionnaire
from scaleready.serve.security import Guard, csrf_ok, csrf_token
from scaleready.serve.session import Session, same_token
from scaleready.serve.store import AnswerStore
from scaleready.workshop.groups import DEFAULT_MIN_GROUP

if TYPE_CHECKING:
    from jinja2 import Environment
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

HERE = Path(__file__).parent
STATIC = {
    "serve.css": ("text/css; charset=utf-8", HERE / "static" / "serve.css"),
    "serve.js": ("text/javascript; charset=utf-8", HERE / "static" / "serve.js"),
}


@dataclass
class Context:
    """Everything a page needs: the session, the answers files, the questionnaire, the
    templates and the options the server was started with."""

    session: Session
    store: AnswerStore
    questionnaire: Questionnaire
    questionnaire_ref: str | None
    env: Environment
    min_group: int = DEFAULT_MIN_GROUP
    anonymous: bool = False
    static: dict[str, bytes] = field(default_factory=dict)

    def page(self, name: str, status: int = 200, **values: Any) -> Response:
        """A template rendered as an HTML response."""
        from starlette.responses import HTMLResponse

        text = self.env.get_template(name).render(title=self.questionnaire.title, **values)
        return HTMLResponse(text, status_code=status)

    def csrf(self, context: str) -> str:
        """The CSRF token for forms on the page of ``context``."""
        return csrf_token(self.session.state.csrf_secret, context)

    async def form(self, request: Request, context: str) -> Any:
        """The submitted form, once its CSRF token is checked (403 otherwise)."""
        from starlette.exceptions import HTTPException

        form = await request.form()
        given = form.get("csrf")
        if not isinstance(given, str) or not csrf_ok(
            self.session.state.csrf_secret, context, given
        ):
            raise HTTPException(403, "This form has expired or did not come from this session.")
        return form

    def is_facilitator(self, token: str) -> bool:
        """Whether ``token`` is the facilitator's (constant time)."""
        return same_token(token, self.session.state.facilitator_token)


def build_context(
    folder: Path,
    questionnaire_ref: str | None,
    *,
    organisation: str | None = None,
    min_group: int = DEFAULT_MIN_GROUP,
    anonymous: bool = False,
) -> Context:
    """Open (or start) the session in ``folder`` and load what its pages need."""
    from scaleready.loading.inputs import open_questionnaire
    from scaleready.render.report.environment import build_environment

    questionnaire = open_questionnaire(questionnaire_ref)
    session = Session.open(folder)
    env = build_environment(HERE / "templates")
    static = {name: path.read_bytes() for name, (_, path) in STATIC.items()}
    return Context(
        session,
        AnswerStore(folder, questionnaire, organisation),
        questionnaire,
        questionnaire_ref,
        env,
        min_group,
        anonymous,
        static,
    )


def build_app(context: Context) -> Starlette:
    """The application serving one session."""
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.routing import Route

    from scaleready.serve import _facilitator, _participant

    async def static(request: Request) -> Response:
        from starlette.responses import Response

        name = request.path_params["name"]
        if name not in context.static:
            raise HTTPException(404, "No such file.")
        return Response(context.static[name], media_type=STATIC[name][0])

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return context.page("error.html.j2", exc.status_code, message=exc.detail)

    async def server_error(request: Request, exc: Exception) -> Response:
        from starlette.responses import PlainTextResponse

        return PlainTextResponse(
            "Something went wrong on the server. The answers saved so far are safe.", 500
        )

    async def favicon(request: Request) -> Response:
        from starlette.responses import Response

        return Response(status_code=204)  # no icon, and no 404 in the browser's console

    routes = [
        Route("/static/{name}", static),
        Route("/favicon.ico", favicon),
        *_participant.routes(context),
        *_facilitator.routes(context),
    ]
    return Starlette(
        debug=False,
        routes=routes,
        middleware=[Middleware(Guard)],
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
