"""Rate-limit counters in the app's own database, shared by every worker (security review M3).

Flask-Limiter's default memory storage gives each gunicorn worker its own count, so two
workers allowed twice the limit. This is a `limits` storage (registered for `database://`,
the default `MYNA_RATELIMIT_STORAGE_URI`) for the fixed-window strategy: one row per key with
its count and the end of its window, increased by a single upsert that SQLite (3.35+) and
PostgreSQL both run atomically. Redis stays available with `redis://…`.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from flask import current_app
from limits.storage import Storage
from sqlalchemy import Table, case, delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.storage.dialects import insert_for
from app.storage.models import RateLimit

TABLE: Table = RateLimit.__table__  # type: ignore[assignment]
# Expired rows are reused by their own key; the rest are swept now and then by an increment.
SWEEP_ONE_IN = 256


class DatabaseStorage(Storage):
    """Fixed-window counters in the `rate_limits` table of the current app's database."""

    STORAGE_SCHEME = ["database"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    @property
    def engine(self) -> Engine:
        """The engine of the app serving the request: looked up at use, so the one limiter
        object serves every app built in the process (the tests build many)."""
        from app.extensions import db

        return db.engine_for(current_app._get_current_object())  # type: ignore[attr-defined]

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        ended = TABLE.c.expires_at <= now
        statement = (
            insert_for(self.engine, TABLE)
            .values(key=key, count=amount, expires_at=now + expiry)
            .on_conflict_do_update(
                index_elements=[TABLE.c.key],
                set_={
                    "count": case((ended, amount), else_=TABLE.c.count + amount),
                    "expires_at": case((ended, now + expiry), else_=TABLE.c.expires_at),
                },
            )
            .returning(TABLE.c.count)
        )
        with self.engine.begin() as connection:
            count = int(connection.execute(statement).scalar_one())
            if secrets.randbelow(SWEEP_ONE_IN) == 0:
                connection.execute(delete(TABLE).where(TABLE.c.expires_at <= now))
        return count

    def get(self, key: str) -> int:
        with self.engine.connect() as connection:
            count = connection.execute(
                select(TABLE.c.count).where(TABLE.c.key == key, TABLE.c.expires_at > time.time())
            ).scalar()
        return int(count or 0)

    def get_expiry(self, key: str) -> float:
        with self.engine.connect() as connection:
            expiry = connection.execute(
                select(TABLE.c.expires_at).where(TABLE.c.key == key)
            ).scalar()
        return float(expiry) if expiry is not None else time.time()

    def check(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(select(1))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with self.engine.begin() as connection:
            return int(connection.execute(delete(TABLE)).rowcount)

    def clear(self, key: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(TABLE).where(TABLE.c.key == key))
