"""the language an NHI enrolment was sent in, for the notice staff issue later (issue 17)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 15:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("nhi_enrolments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=16), server_default="ja", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("nhi_enrolments", schema=None) as batch_op:
        batch_op.drop_column("language")
