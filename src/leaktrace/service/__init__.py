"""The web service: server-rendered pages for people and a JSON API under ``/api``.

:func:`create_app` builds the FastAPI application for one workspace; ``leaktrace serve`` runs it
with uvicorn. See ``docs/service.md`` for the design: roles, sessions and CSRF, API tokens, and
how several workers share one PostgreSQL database.
"""

from __future__ import annotations

from leaktrace.service.app import ServiceConfig, create_app

__all__ = ["ServiceConfig", "create_app"]
