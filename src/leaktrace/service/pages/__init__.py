"""Server-rendered pages: one module per area, each an ``APIRouter`` of HTML routes.

Pages are plain HTML forms (each with the session's CSRF token) plus a little JavaScript in
``static/app.js`` where it helps; there is no front-end build step.
"""

from __future__ import annotations

from fastapi import APIRouter

from leaktrace.service.pages import session

router = APIRouter(include_in_schema=False)
router.include_router(session.router)
