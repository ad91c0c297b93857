"""The file each version was read from, so that copies keep the author's formatting.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

Adds version_sources: for a version read from a DOCX, PDF, HTML page or e-mail, the original
file's name, media type and bytes, and the JSON structure the reader recorded to find the
version's text in it again. Text documents (.txt, .md) have no row. Column types are spelled out
so this revision keeps creating the same schema whatever later code changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "version_sources",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(length=200), nullable=False),
        sa.Column("structure_json", sa.Text(), nullable=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"], ["versions.id"], name=op.f("fk_version_sources_version_id_versions")
        ),
        sa.PrimaryKeyConstraint("version_id", name=op.f("pk_version_sources")),
    )


def downgrade() -> None:
    op.drop_table("version_sources")
