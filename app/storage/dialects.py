"""The INSERT with ON CONFLICT of the database in use: SQLite and PostgreSQL spell it the
same way in SQLAlchemy but through their own dialect's `insert`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session


def insert_for(bind: Session | Connection | Engine, table: Table) -> Any:
    """`insert(table)` with `.on_conflict_do_update/do_nothing` for the bind's database."""
    engine = bind.get_bind() if isinstance(bind, Session) else bind
    name = engine.dialect.name
    if name == "sqlite":
        return sqlite.insert(table)
    if name == "postgresql":
        return postgresql.insert(table)
    raise NotImplementedError(f"upserts are written for SQLite and PostgreSQL, not {name}")
