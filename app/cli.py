"""Admin commands: `flask db-upgrade`, `flask users make-staff NAME`."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from app.extensions import db
from app.storage import migrate, users


def register_cli(app: Flask) -> None:
    @app.cli.command("db-upgrade")
    def db_upgrade() -> None:
        """Create or upgrade the database schema to the newest migration."""
        migrate.upgrade(db.engine_for(app))
        click.echo("database is up to date")

    users_group = AppGroup("users", help="Manage accounts.")

    @users_group.command("make-staff")
    @click.argument("name")
    def make_staff(name: str) -> None:
        """Grant the staff role to the account with display name (or id) NAME."""
        session = db.session
        from app.storage.models import User

        matches = [u for u in [session.get(User, name)] if u] or users.find_by_display_name(
            session, name
        )
        if not matches:
            raise click.ClickException(f"no account named {name!r}")
        if len(matches) > 1:
            ids = ", ".join(u.id for u in matches)
            raise click.ClickException(
                f"{len(matches)} accounts are named {name!r}; give the id: {ids}"
            )
        matches[0].is_staff = True
        session.commit()
        click.echo(f"{name} is now staff ({matches[0].id})")

    app.cli.add_command(users_group)
