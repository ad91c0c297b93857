"""Cases: investigations that gather every item that surfaced, with its chain of custody.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

Adds cases (name, purpose, who authorised and opened them), the investigators assigned to each,
the items added to a case (the exact bytes traced, their SHA-256, provenance, who added them
when, the evidence read and the trace result at that time) and the verdict recomputed after each
item. Items and verdicts are append-only: triggers make the database refuse UPDATE and DELETE on
them, as it does on the audit log. Column types are spelled out so this revision keeps creating
the same schema whatever later code changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_APPEND_ONLY = ("case_items", "case_verdicts")


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("authorised_by", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_cases_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("name", name=op.f("uq_cases_name")),
    )
    op.create_table(
        "case_investigators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=200), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_investigators_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_investigators")),
        sa.UniqueConstraint(
            "case_id", "username", name=op.f("uq_case_investigators_case_id_username")
        ),
    )
    op.create_index(op.f("ix_case_investigators_username"), "case_investigators", ["username"])
    op.create_table(
        "case_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("input_name", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("evidence_json", sa.Text(), nullable=False),
        sa.Column("trace_result_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_items_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_items")),
        sa.UniqueConstraint("case_id", "seq", name=op.f("uq_case_items_case_id_seq")),
        sa.UniqueConstraint(
            "case_id", "content_sha256", name=op.f("uq_case_items_case_id_content_sha256")
        ),
    )
    op.create_table(
        "case_verdicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("after_seq", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=32), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_verdicts_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_verdicts")),
        sa.UniqueConstraint(
            "case_id", "after_seq", name=op.f("uq_case_verdicts_case_id_after_seq")
        ),
    )
    for table in _APPEND_ONLY:
        _forbid_changes(table)


def _forbid_changes(table: str) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{table} is append-only'; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
        )


def _allow_changes(table: str) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    elif dialect == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")


def downgrade() -> None:
    for table in _APPEND_ONLY:
        _allow_changes(table)
    op.drop_table("case_verdicts")
    op.drop_table("case_items")
    op.drop_index(op.f("ix_case_investigators_username"), table_name="case_investigators")
    op.drop_table("case_investigators")
    op.drop_table("cases")
