"""Create every table of the first schema, and make the audit log append-only.

Revision ID: 0001
Revises:
Create Date: 2026-11-27

Column types are spelled out here (not imported from ``tables``) so this revision keeps creating
the same schema whatever later code changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("details_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_action"), "audit_log", ["action"])

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("doc_id", name=op.f("uq_documents_doc_id")),
    )
    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groups")),
        sa.UniqueConstraint("name", name=op.f("uq_groups_name")),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_meta")),
    )
    op.create_table(
        "recipients",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_recipients")),
        sa.UniqueConstraint("external_id", name=op.f("uq_recipients_external_id")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "traces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("input_name", sa.Text(), nullable=False),
        sa.Column("input_sha256", sa.String(length=64), nullable=False),
        sa.Column("verdict", sa.String(length=32), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_traces")),
    )
    op.create_index(op.f("ix_traces_input_sha256"), "traces", ["input_sha256"])

    op.create_table(
        "group_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("recipient_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_group_members_group_id_groups")
        ),
        sa.ForeignKeyConstraint(
            ["recipient_number"],
            ["recipients.number"],
            name=op.f("fk_group_members_recipient_number_recipients"),
        ),
        sa.PrimaryKeyConstraint("group_id", "recipient_number", name=op.f("pk_group_members")),
    )
    op.create_index(
        op.f("ix_group_members_recipient_number"), "group_members", ["recipient_number"]
    )

    op.create_table(
        "versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("variety", sa.String(length=32), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("points_json", sa.Text(), nullable=False),
        sa.Column("fixed_spans_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("format IN ('txt', 'md')", name=op.f("ck_versions_format")),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_versions_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_versions")),
        sa.UniqueConstraint("document_id", "number", name=op.f("uq_versions_document_id_number")),
    )
    op.create_table(
        "issue_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("active_points_json", sa.Text(), nullable=False),
        sa.Column("recipient_count", sa.Integer(), nullable=False),
        sa.Column("recipients_sha256", sa.String(length=64), nullable=False),
        sa.Column("recipients", sa.LargeBinary(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"], ["versions.id"], name=op.f("fk_issue_batches_version_id_versions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issue_batches")),
    )
    op.create_index(op.f("ix_issue_batches_version_id"), "issue_batches", ["version_id"])

    op.create_table(
        "shingles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"], ["versions.id"], name=op.f("fk_shingles_version_id_versions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shingles")),
    )
    op.create_index(
        op.f("ix_shingles_hash_version_id_position"), "shingles", ["hash", "version_id", "position"]
    )

    op.create_table(
        "vetoes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("point_key", sa.String(length=200), nullable=False),
        sa.Column("vetoed", sa.Boolean(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"], ["versions.id"], name=op.f("fk_vetoes_version_id_versions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vetoes")),
    )
    op.create_index(op.f("ix_vetoes_version_id_point_key"), "vetoes", ["version_id", "point_key"])

    op.create_table(
        "issuances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("recipient_number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("released_at", sa.DateTime(), nullable=True),
        sa.Column("path", sa.Text(), nullable=True),
        sa.CheckConstraint("status IN ('recorded', 'released')", name=op.f("ck_issuances_status")),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["issue_batches.id"], name=op.f("fk_issuances_batch_id_issue_batches")
        ),
        sa.ForeignKeyConstraint(
            ["recipient_number"],
            ["recipients.number"],
            name=op.f("fk_issuances_recipient_number_recipients"),
        ),
        sa.ForeignKeyConstraint(
            ["version_id"], ["versions.id"], name=op.f("fk_issuances_version_id_versions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issuances")),
        sa.UniqueConstraint(
            "batch_id", "recipient_number", name=op.f("uq_issuances_batch_id_recipient_number")
        ),
    )
    op.create_index(
        op.f("ix_issuances_version_id_recipient_number"),
        "issuances",
        ["version_id", "recipient_number"],
    )

    _forbid_audit_changes()


def _forbid_audit_changes() -> None:
    """The audit log only grows: the database itself refuses UPDATE and DELETE on it."""
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
    op.drop_index(op.f("ix_issuances_version_id_recipient_number"), table_name="issuances")

    op.drop_table("issuances")
    op.drop_index(op.f("ix_vetoes_version_id_point_key"), table_name="vetoes")

    op.drop_table("vetoes")
    op.drop_index(op.f("ix_shingles_hash_version_id_position"), table_name="shingles")

    op.drop_table("shingles")
    op.drop_index(op.f("ix_issue_batches_version_id"), table_name="issue_batches")

    op.drop_table("issue_batches")
    op.drop_table("versions")
    op.drop_index(op.f("ix_group_members_recipient_number"), table_name="group_members")

    op.drop_table("group_members")
    op.drop_index(op.f("ix_traces_input_sha256"), table_name="traces")

    op.drop_table("traces")
    op.drop_table("recipients")
    op.drop_table("meta")
    op.drop_table("groups")
    op.drop_table("documents")
    op.drop_index(op.f("ix_audit_log_action"), table_name="audit_log")

    op.drop_table("audit_log")
