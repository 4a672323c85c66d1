"""`make run`: the app on its embedded defaults, served on loopback for trying it out."""

from __future__ import annotations

import argparse

from app import create_app
from app.extensions import db
from app.storage import migrate


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run myna-guide on this machine.")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    app = create_app()
    migrate.upgrade(db.engine_for(app))
    # Passkeys need a domain name, not an IP address: browsers treat localhost as secure.
    print(f"myna-guide is running: open http://localhost:{args.port}/", flush=True)  # noqa: T201
    app.run(host=args.host, port=args.port, debug=False, use_reloader=False)


if __name__ == "__main__":
    main()
