"""schemathesis against the API's own OpenAPI schema: no 500s, and every response matches it.

A bounded run (a few examples per operation, valid and invalid) on a workspace with recipients,
a document and issued copies, signed in as an admin. Each operation gets a fresh admin token,
since the fuzzer may well revoke the one it was given.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaktrace.accounts import hash_password, issue_api_token
from leaktrace.documents import add_document_text
from leaktrace.issuing import publish_to_portal
from leaktrace.service import ServiceConfig, create_app
from leaktrace.store import RecipientRow
from leaktrace.workspace import Workspace
from support import sample_text

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.negative_data_rejection,
]
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]


@pytest.fixture
def database_url() -> None:
    """One bounded run is enough: SQLite (the API tests cover PostgreSQL)."""
    return None


@pytest.fixture
def seeded(workspace: Workspace) -> Iterator[TestClient]:
    store = workspace.store
    store.upsert_recipients(
        RecipientRow(f"r{i}", f"Person {i}", f"r{i}@example.org", ("staff",)) for i in range(5)
    )
    add_document_text(store, sample_text(), "cable.md", doc_id="cable")
    publish_to_portal(store, workspace.key, "cable", ["all"])
    store.create_user("root", "Root", hash_password("correct horse battery staple"), ["admin"])
    config = ServiceConfig(home=workspace.home, max_input_bytes=100_000)
    with TestClient(create_app(config, workspace)) as client:
        yield client


def test_service_schema_holds_for_generated_requests(seeded: TestClient, tmp_path: Path) -> None:
    app = seeded.app
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    store = app.state.workspace.store  # type: ignore[attr-defined]
    admin = store.get_user("root")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 30
    for operation in operations:
        token = issue_api_token(store, admin, "schemathesis").secret
        _fuzz(operation, {"Authorization": f"Bearer {token}"})


def _fuzz(operation: schemathesis.APIOperation, headers: dict[str, str]) -> None:
    # In a form every value is text ("false" is a fine file): a multipart body cannot be
    # "the wrong type", so the negative-data check applies to JSON bodies and parameters.
    multipart = any(body.media_type == "multipart/form-data" for body in operation.body)
    checks = CHECKS[:-1] if multipart else CHECKS
    strategy = st.one_of(*(operation.as_strategy(generation_mode=mode) for mode in MODES))

    @given(case=strategy)
    @settings(
        max_examples=8,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=checks)

    check()
