"""Accounts for the service, delivery records, and a hash chain over the audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Adds users (with roles), API tokens and web sessions (both stored as hashes only), per-recipient
delivery records, the channel each batch went out by, and three columns that chain every audit
entry to the one before it. Existing audit entries are chained here, in id order, so a workspace
created before this revision verifies too. Column types are spelled out so this revision keeps
creating the same schema whatever later code changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("roles", sa.Text(), nullable=False),
        sa.Column("recipient_number", sa.Integer(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recipient_number"],
            ["recipients.number"],
            name=op.f("fk_users_recipient_number_recipients"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_web_sessions_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_web_sessions_token_hash")),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("recipient_number", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("message_id", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'failed')", name=op.f("ck_deliveries_status")
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["issue_batches.id"], name=op.f("fk_deliveries_batch_id_issue_batches")
        ),
        sa.ForeignKeyConstraint(
            ["recipient_number"],
            ["recipients.number"],
            name=op.f("fk_deliveries_recipient_number_recipients"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint(
            "batch_id", "recipient_number", name=op.f("uq_deliveries_batch_id_recipient_number")
        ),
    )
    with op.batch_alter_table("issue_batches") as batch:
        batch.add_column(
            sa.Column("channel", sa.String(length=16), nullable=False, server_default="file")
        )

    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    _allow_audit_changes()
    op.add_column("audit_log", sa.Column("seq", sa.Integer(), nullable=True))
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("entry_hash", sa.String(length=64), nullable=True))
    seq, head = _chain_existing_entries()
    op.create_index(op.f("uq_audit_log_seq"), "audit_log", ["seq"], unique=True)
    op.get_bind().execute(
        sa.text("INSERT INTO audit_head (id, seq, entry_hash) VALUES (1, :seq, :hash)"),
        {"seq": seq, "hash": head},
    )
    _forbid_audit_changes()


def _chain_existing_entries() -> tuple[int, str]:
    """Give every existing entry its place in the chain; returns the head (seq, hash).

    The digest is the one in ``leaktrace.auditchain``, repeated here so that this revision
    keeps producing the same chain whatever later code changes.
    """
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, at, actor, action, subject, details_json FROM audit_log ORDER BY id")
    ).all()
    previous = _GENESIS
    seq = 0
    for row in rows:
        seq += 1
        at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(str(row.at))
        at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
        payload = json.dumps(
            [seq, at.isoformat(timespec="microseconds"), row.actor, row.action, row.subject,
             row.details_json],
            ensure_ascii=False,
            separators=(",", ":"),
        )  # fmt: skip
        digest = hashlib.sha256(f"{previous}\n{payload}".encode()).hexdigest()
        bind.execute(
            sa.text(
                "UPDATE audit_log SET seq = :seq, prev_hash = :prev, entry_hash = :hash "
                "WHERE id = :id"
            ),
            {"seq": seq, "prev": previous, "hash": digest, "id": row.id},
        )
        previous = digest
    return seq, previous


def _forbid_audit_changes() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
            "ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )


def _allow_audit_changes() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")


def downgrade() -> None:
    _allow_audit_changes()
    op.drop_index(op.f("uq_audit_log_seq"), table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("entry_hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
    _forbid_audit_changes()
    op.drop_table("audit_head")
    with op.batch_alter_table("issue_batches") as batch:
        batch.drop_column("channel")
    op.drop_table("deliveries")
    op.drop_table("web_sessions")
    op.drop_table("api_tokens")
    op.drop_table("users")
