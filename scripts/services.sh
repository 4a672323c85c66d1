#!/usr/bin/env bash
# Starts the local services the tests use: PostgreSQL for the storage tests, pcscd for the card tests.
# Usage: services.sh start
set -euo pipefail
cmd=${1:-start}
[ "$cmd" = start ] || { echo "usage: services.sh start" >&2; exit 2; }

start_postgres() {
  local version cluster
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
    pg_createcluster "$version" main >/dev/null
  fi
  pg_ctlcluster "$version" main start 2>/dev/null || true
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 0.5
  done
  pg_isready -h 127.0.0.1 >/dev/null || { echo "PostgreSQL did not start" >&2; exit 1; }
  su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname='myna'\"" | grep -q 1 ||
    su postgres -c "psql -q -c \"CREATE ROLE myna LOGIN PASSWORD 'myna' CREATEDB\""
  su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_database WHERE datname='myna_test'\"" | grep -q 1 ||
    su postgres -c "createdb -O myna myna_test"
}

start_pcscd() {
  # pcscd loads the vsmartcard vpcd driver, which listens on 127.0.0.1:35963 for the simulated card.
  if ! pgrep -x pcscd >/dev/null; then
    pcscd
  fi
}

if [ "$(id -u)" -eq 0 ]; then
  start_postgres
  start_pcscd
else
  echo "services.sh: not root; expecting PostgreSQL and pcscd to be running already" >&2
fi
