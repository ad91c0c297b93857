"""Which roles may do what: the one table every route consults.

A route names a capability, never a role, so that the table below is the whole access policy
and a test can walk every route as every role against it. ``admin`` holds every staff
capability; the reader portal is for readers only (an admin is not anyone's recipient).
"""

from __future__ import annotations

from enum import StrEnum

from leaktrace.accounts import Role


class Capability(StrEnum):
    DOCUMENTS_READ = "documents.read"
    DOCUMENTS_WRITE = "documents.write"
    RECIPIENTS_READ = "recipients.read"
    RECIPIENTS_WRITE = "recipients.write"
    ISSUE = "issue"
    TRACE = "trace"
    CASES = "cases"
    """Open and work on cases; which cases a user sees is decided by :mod:`leaktrace.cases`."""
    LEDGER = "ledger"
    """The distribution ledger (CSV): who received which copy, when, by which channel."""
    AUDIT_READ = "audit.read"
    USERS_MANAGE = "users.manage"
    PORTAL = "portal"
    ACCOUNT = "account"
    """Any signed-in person: their own profile, password and API tokens."""


_A, _AU, _D, _I, _AD, _R = (
    Role.ADMIN,
    Role.AUTHOR,
    Role.DISTRIBUTOR,
    Role.INVESTIGATOR,
    Role.AUDITOR,
    Role.READER,
)

POLICY: dict[Capability, frozenset[Role]] = {
    Capability.DOCUMENTS_READ: frozenset({_A, _AU, _D, _I}),
    Capability.DOCUMENTS_WRITE: frozenset({_A, _AU}),
    Capability.RECIPIENTS_READ: frozenset({_A, _D, _I}),
    Capability.RECIPIENTS_WRITE: frozenset({_A, _D}),
    Capability.ISSUE: frozenset({_A, _D}),
    Capability.TRACE: frozenset({_A, _I}),
    Capability.CASES: frozenset({_A, _I}),
    Capability.LEDGER: frozenset({_A, _D, _I, _AD}),
    Capability.AUDIT_READ: frozenset({_A, _AD}),
    Capability.USERS_MANAGE: frozenset({_A}),
    Capability.PORTAL: frozenset({_R}),
    Capability.ACCOUNT: frozenset(Role),
}


def allowed(roles: frozenset[str], capability: Capability) -> bool:
    """Whether a user holding ``roles`` has ``capability``.

    Example:
        >>> allowed(frozenset({"author"}), Capability.DOCUMENTS_WRITE)
        True
        >>> allowed(frozenset({"reader"}), Capability.TRACE)
        False
    """
    return any(role in POLICY[capability] for role in roles)
