"""Users, passwords, lock-out, API tokens and sessions, on a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from leaktrace import accounts
from leaktrace.accounts import AuthenticationError, Role
from leaktrace.errors import ConflictError, InputError
from leaktrace.store import RecipientRow
from leaktrace.workspace import Workspace

PASSWORD = "correct horse battery"


def test_a_user_signs_in_with_the_right_password_only(workspace: Workspace) -> None:
    store = workspace.store
    accounts.create_user(store, "Ann", "Ann Author", PASSWORD, {Role.AUTHOR})
    assert accounts.authenticate(store, "ann", PASSWORD).roles == {"author"}
    with pytest.raises(AuthenticationError, match="wrong username or password"):
        accounts.authenticate(store, "ann", "correct horse battery!")
    with pytest.raises(AuthenticationError, match="wrong username or password"):
        accounts.authenticate(store, "nobody", PASSWORD)
    stored = store.password_hash("ann")
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored
    actions = [e.action for e in store.audit_entries()]
    assert actions.count("user.login") == 1 and actions.count("user.login_failed") == 2


def test_bad_accounts_are_refused_with_a_reason(workspace: Workspace) -> None:
    store = workspace.store
    with pytest.raises(InputError, match="at least 12 characters"):
        accounts.create_user(store, "ann", "Ann", "short", {Role.AUTHOR})
    with pytest.raises(InputError, match="not a usable username"):
        accounts.create_user(store, "ann smith", "Ann", PASSWORD, {Role.AUTHOR})
    with pytest.raises(InputError, match="tied to a recipient"):
        accounts.create_user(store, "rita", "Rita", PASSWORD, {Role.READER})
    with pytest.raises(InputError, match="unknown role 'wizard'"):
        accounts.parse_roles(["author,wizard"])
    accounts.create_user(store, "ann", "Ann", PASSWORD, {Role.AUTHOR})
    with pytest.raises(ConflictError, match="exists already"):
        accounts.create_user(store, "ann", "Another Ann", PASSWORD, {Role.AUDITOR})
    assert store.count_users() == 1


def test_repeated_failures_lock_the_account_even_for_the_right_password(
    workspace: Workspace,
) -> None:
    store = workspace.store
    accounts.create_user(store, "ann", "Ann", PASSWORD, {Role.AUTHOR})
    for _ in range(accounts.MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError):
            accounts.authenticate(store, "ann", "not the password")
    with pytest.raises(AuthenticationError, match="locked until"):
        accounts.authenticate(store, "ann", PASSWORD)
    store.update_user("ann", password_hash=accounts.hash_password("another long password"))
    assert accounts.authenticate(store, "ann", "another long password").username == "ann"


def test_disabled_users_cannot_sign_in_or_use_tokens_or_sessions(workspace: Workspace) -> None:
    store = workspace.store
    user = accounts.create_user(store, "ann", "Ann", PASSWORD, {Role.INVESTIGATOR})
    token = accounts.issue_api_token(store, user, "laptop")
    session = accounts.start_session(store, user)
    assert accounts.user_for_api_token(store, token.secret) is not None
    assert accounts.session_user(store, session.secret) is not None
    store.update_user("ann", disabled=True)
    assert accounts.user_for_api_token(store, token.secret) is None
    assert accounts.session_user(store, session.secret) is None
    with pytest.raises(AuthenticationError):
        accounts.authenticate(store, "ann", PASSWORD)


def test_tokens_are_stored_hashed_shown_once_and_revocable(workspace: Workspace) -> None:
    store = workspace.store
    user = accounts.create_user(store, "ann", "Ann", PASSWORD, {Role.INVESTIGATOR})
    token = accounts.issue_api_token(store, user, "ci")
    assert token.secret.startswith("lt_") and len(token.secret) > 40
    (listed,) = store.list_api_tokens(user.id)
    assert listed.prefix == token.secret[:10] and listed.revoked is None
    assert token.secret not in repr(listed)
    assert all(token.secret not in e.details_json for e in store.audit_entries())
    assert accounts.user_for_api_token(store, token.secret) == store.get_user("ann")
    assert accounts.user_for_api_token(store, token.secret + "x") is None
    assert accounts.user_for_api_token(store, "not-a-token") is None
    store.revoke_api_token(listed.id)
    assert accounts.user_for_api_token(store, token.secret) is None


def test_sessions_end_on_sign_out_and_on_password_change(workspace: Workspace) -> None:
    store = workspace.store
    user = accounts.create_user(store, "ann", "Ann", PASSWORD, {Role.AUDITOR})
    first = accounts.start_session(store, user)
    second = accounts.start_session(store, user)
    found = accounts.session_user(store, first.secret)
    assert found is not None and found[1] == first.csrf_token
    store.end_session(accounts.secret_hash(first.secret), actor="ann")
    assert accounts.session_user(store, first.secret) is None
    assert accounts.session_user(store, second.secret) is not None
    store.update_user("ann", password_hash=accounts.hash_password("a brand new password"))
    assert accounts.session_user(store, second.secret) is None


def test_a_reader_is_tied_to_their_recipient(workspace: Workspace) -> None:
    store = workspace.store
    store.upsert_recipients([RecipientRow("r1", "Rita", "rita@example.org")])
    number = store.recipient_numbers_by_external_id(["r1"])["r1"]
    reader = accounts.create_user(store, "rita", "Rita", PASSWORD, {Role.READER}, number)
    assert reader.recipient_number == number
    assert accounts.csrf_matches("abc", "abc") and not accounts.csrf_matches("abc", None)
