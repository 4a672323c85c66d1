"""the user's chosen site language; relay jobs' language fits every site code (issue 17)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 15:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=16), nullable=True))
    with op.batch_alter_table("relay_jobs", schema=None) as batch_op:
        batch_op.alter_column("lang", existing_type=sa.String(length=5), type_=sa.String(length=16))


def downgrade() -> None:
    with op.batch_alter_table("relay_jobs", schema=None) as batch_op:
        batch_op.alter_column("lang", existing_type=sa.String(length=16), type_=sa.String(length=5))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("language")
