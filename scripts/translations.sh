#!/usr/bin/env bash
# Extract messages, merge them into every language's catalog (keeping every translation), compile.
# Run after changing any text; then translate the new empty entries in ja/messages.po (the
# other languages: their translators).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python scripts/translations.py "$@"
