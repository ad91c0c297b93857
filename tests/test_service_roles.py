"""Every route, as every role: the service allows exactly what the access policy says.

The expected policy is written out here again, independently of ``permissions.POLICY``, so a
change to either shows up as a failure to be looked at. Each route is called with an API token of
a user holding one role; a forbidden call must answer 403 (401 without any credentials), an
allowed one anything but 401/403 (usually 404 or 422 for the dummy values used here).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from leaktrace import accounts
from leaktrace.accounts import Role
from leaktrace.service import ServiceConfig, create_app
from leaktrace.store import RecipientRow
from leaktrace.workspace import Workspace, init_workspace

EXPECTED: dict[str, set[str]] = {
    "documents.read": {"admin", "author", "distributor", "investigator"},
    "documents.write": {"admin", "author"},
    "recipients.read": {"admin", "distributor", "investigator"},
    "recipients.write": {"admin", "distributor"},
    "issue": {"admin", "distributor"},
    "trace": {"admin", "investigator"},
    "cases": {"admin", "investigator"},
    "ledger": {"admin", "distributor", "investigator", "auditor"},
    "audit.read": {"admin", "auditor"},
    "users.manage": {"admin"},
    "portal": {"reader"},
    "account": {"admin", "author", "distributor", "investigator", "auditor", "reader"},
}
PUBLIC = {
    ("GET", "/api/health"),
    ("GET", "/login"),
    ("POST", "/login"),
    ("GET", "/"),
    ("GET", "/fonts/{name}"),  # the typeset copies' font files, published with reportlab
}


@pytest.fixture(scope="module")
def service(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[TestClient, dict[str, str]]]:
    root = tmp_path_factory.mktemp("roles")
    workspace: Workspace = init_workspace(root / "ws", key_file=root / "keys" / "ws.key")
    store = workspace.store
    store.upsert_recipients([RecipientRow("r1", "Rita Reader", "rita@example.org")])
    number = store.recipient_numbers_by_external_id(["r1"])["r1"]
    tokens = {}
    for role in Role:
        user = accounts.create_user(
            store, role.value, role.value.title(), "correct horse battery", {role},
            number if role is Role.READER else None,
        )  # fmt: skip
        tokens[role.value] = accounts.issue_api_token(store, user, "walk").secret
    app = create_app(ServiceConfig(home=root / "ws"), workspace=workspace)
    with TestClient(app, follow_redirects=False) as client:
        yield client, tokens
    workspace.close()


def _routes() -> list[tuple[str, str, str | None]]:
    """(method, path, capability) of every route; capability None for the public ones."""
    app = create_app(ServiceConfig(home=Path("unused")), workspace=None)
    found = []
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute) or context.dependant is None:
            continue
        capabilities = {
            getattr(d.call, "capability", None) for d in context.dependant.dependencies
        } - {None}
        assert len(capabilities) <= 1, context.path
        capability = next(iter(capabilities)).value if capabilities else None
        for method in sorted(context.methods - {"HEAD"}):
            found.append((method, context.path, capability))
    return found


ROUTES = _routes()


def test_every_route_is_public_by_design_or_requires_a_known_capability() -> None:
    for method, path, capability in ROUTES:
        if capability is None:
            assert (method, path) in PUBLIC, f"{method} {path} has no access check"
        else:
            assert capability in EXPECTED, f"{method} {path}: unknown capability {capability}"
    assert len(ROUTES) > 20


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "999999", path)


@pytest.mark.parametrize(
    ("method", "path", "capability"),
    [r for r in ROUTES if r[2] is not None],
    ids=[f"{m} {p}" for m, p, c in ROUTES if c is not None],
)
def test_each_role_gets_exactly_the_allowed_routes(
    service: tuple[TestClient, dict[str, str]], method: str, path: str, capability: str
) -> None:
    client, tokens = service
    url = _concrete(path)
    anonymous = client.request(method, url)
    assert anonymous.status_code in (401, 303), (method, path, anonymous.status_code)
    for role, token in tokens.items():
        response = client.request(method, url, headers={"Authorization": f"Bearer {token}"})
        if role in EXPECTED[capability]:
            assert response.status_code not in (401, 403), (role, method, path, response.text)
        else:
            assert response.status_code == 403, (role, method, path, response.status_code)
        assert response.status_code != 500, (role, method, path, response.text)
