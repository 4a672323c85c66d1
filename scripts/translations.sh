#!/usr/bin/env bash
# Extract messages, update the ja and en catalogs, compile them. Run after changing any text.
set -euo pipefail
cd "$(dirname "$0")/.."
BABEL=.venv/bin/pybabel
$BABEL extract -F babel.cfg -k _l -k lazy_gettext -o app/translations/messages.pot --no-location --sort-output -w 1000 .
for lang in ja en; do
  if [ -f "app/translations/$lang/LC_MESSAGES/messages.po" ]; then
    $BABEL update -i app/translations/messages.pot -d app/translations -l "$lang" --no-fuzzy-matching --ignore-obsolete -w 1000
  else
    $BABEL init -i app/translations/messages.pot -d app/translations -l "$lang" -w 1000
  fi
done
$BABEL compile -d app/translations
