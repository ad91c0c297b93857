"""Build the FastAPI application for one workspace.

One process opens the workspace once (its store's connection pool and its key) and shares it
between requests. Library calls are blocking, so handlers are plain ``def`` functions that
FastAPI runs in its thread pool. Errors are translated here, in one place: a
:class:`~leaktrace.errors.LeaktraceError` becomes a 4xx with its message (JSON under ``/api``,
a page otherwise); anything else is a 500 whose body reveals nothing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from leaktrace import __version__
from leaktrace.accounts import AuthenticationError
from leaktrace.errors import (
    ConflictError,
    CsvFormatError,
    DeliveryError,
    InputError,
    LeaktraceError,
    NotFoundError,
    StoreError,
    WorkspaceError,
)
from leaktrace.formats.html_copy import FONT_FILES, font_path
from leaktrace.service.auth import CsrfFailed, Forbidden, NotSignedIn
from leaktrace.service.templating import render
from leaktrace.settings import Settings
from leaktrace.trace import DEFAULT_LEVEL
from leaktrace.workspace import Workspace, open_workspace

log = logging.getLogger("leaktrace.service")


@dataclass(frozen=True)
class ServiceConfig:
    """What a service process needs to open its workspace and behave.

    ``secure_cookies`` marks cookies ``Secure``: turn it on behind HTTPS (a reverse proxy);
    it is off by default because the service listens on loopback over plain HTTP.
    """

    home: Path
    key_file: Path | None = None
    database_url: str | None = None
    level: float = DEFAULT_LEVEL
    max_input_bytes: int = 50_000_000
    secure_cookies: bool = False
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_sender: str = "leaktrace@localhost"
    extra: dict[str, str] = field(default_factory=dict)


_STATUS: tuple[tuple[type[LeaktraceError], int], ...] = (
    (AuthenticationError, 401),
    (NotFoundError, 404),
    (ConflictError, 409),
    (DeliveryError, 502),
    (InputError, 422),
    (StoreError, 503),
    (WorkspaceError, 503),
)


def status_for(error: LeaktraceError) -> int:
    for kind, status in _STATUS:
        if isinstance(error, kind):
            return status
    return 400


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


def create_app(config: ServiceConfig, workspace: Workspace | None = None) -> FastAPI:
    """The application. Pass an open ``workspace`` (tests) or let it open ``config.home``."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = workspace is None
        app.state.workspace = workspace or open_workspace(
            config.home, key_file=config.key_file, database_url=config.database_url
        )
        try:
            yield
        finally:
            if owned:
                app.state.workspace.close()

    app = FastAPI(
        title="leaktrace",
        version=__version__,
        summary="Issue unique copies of confidential documents and trace leaks to the copy.",
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.config = config
    if workspace is not None:
        app.state.workspace = workspace

    from leaktrace.service import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount(
        "/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static"
    )
    _install_font_route(app)
    _install_error_handlers(app)
    _install_security_headers(app)
    return app


def _install_font_route(app: FastAPI) -> None:
    """The typeset copies' fonts, served from where reportlab ships them (not copied here)."""
    files = {path.name: path for path in (font_path(w) for w in FONT_FILES)}

    @app.get("/fonts/{name}", include_in_schema=False)
    async def font(name: str) -> Response:
        path = files.get(name)
        if path is None:
            return Response("no such font", status_code=404, media_type="text/plain")
        return FileResponse(path, media_type="font/ttf", headers={"Cache-Control": "max-age=86400"})


def _install_error_handlers(app: FastAPI) -> None:
    def respond(
        request: Request, status: int, message: str, problems: tuple[str, ...] = ()
    ) -> Response:
        if _is_api(request):
            body: dict[str, object] = {"detail": message}
            if problems:
                body["problems"] = list(problems)
            return JSONResponse(body, status_code=status)
        return render(request, "error.html", status_code=status, status=status, message=message)

    @app.exception_handler(LeaktraceError)
    async def leaktrace_error(request: Request, error: LeaktraceError) -> Response:
        problems = error.problems if isinstance(error, CsvFormatError) else ()
        return respond(request, status_for(error), str(error), problems)

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, error: NotSignedIn) -> Response:
        if _is_api(request):
            return JSONResponse(
                {"detail": "sign in first: send 'Authorization: Bearer <API token>'"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={_quote(target)}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, error: Forbidden) -> Response:
        return respond(request, 403, str(error))

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, error: CsrfFailed) -> Response:
        return respond(
            request,
            403,
            "this form is out of date or did not come from leaktrace (CSRF check failed); "
            "reload the page and try again",
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return respond(request, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        if _is_api(request):
            details = [
                {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                for e in error.errors()
            ]
            return JSONResponse({"detail": details}, status_code=422)
        return respond(request, 422, "the form was incomplete or malformed; check every field")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return respond(request, 500, "leaktrace failed unexpectedly; the error was logged")


_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def _install_security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in _HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith("/static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def _quote(target: str) -> str:
    from urllib.parse import quote

    return quote(target, safe="/")


def config_from_settings(settings: Settings) -> ServiceConfig:
    """The service configuration from leaktrace's settings (``LEAKTRACE_*`` variables)."""
    return ServiceConfig(
        home=settings.home,
        key_file=settings.key_file,
        database_url=settings.database_url,
        level=settings.level,
        max_input_bytes=settings.max_input_bytes,
        secure_cookies=bool(getattr(settings, "secure_cookies", False)),
        smtp_host=getattr(settings, "smtp_host", None),
        smtp_port=int(getattr(settings, "smtp_port", 25)),
        smtp_sender=str(getattr(settings, "smtp_sender", "leaktrace@localhost")),
    )


def app_from_environment() -> FastAPI:
    """The application configured from ``LEAKTRACE_*`` variables: what ``leaktrace serve`` runs
    in each worker process."""
    return create_app(config_from_settings(Settings.from_env(os.environ)))
