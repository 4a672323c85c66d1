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
  # pcscd must load the vsmartcard vpcd driver (/etc/reader.conf.d/vpcd); vpcd then listens on
  # TCP 35963 (slot 0) and 35964 (slot 1) for the simulated card. A pcscd that runs without
  # vpcd (started before the package was installed) or no longer answers is restarted.
  local conf=/etc/reader.conf.d/vpcd rundir=/run/pcscd pid
  if [ ! -f "$conf" ]; then
    echo "start_pcscd: $conf is missing; install vsmartcard-vpcd" >&2
    exit 1
  fi
  pcscd_pids() { ps -C pcscd -o pid=,stat= | awk '$2 !~ /^Z/ {print $1}'; }  # zombies don't count
  vpcd_ready() {
    ss -Hltn 'sport = :35963' 2>/dev/null | grep -q LISTEN &&
      timeout 5 pcsc_scan -r 2>/dev/null | grep -q "Virtual PCD"
  }
  if [ -n "$(pcscd_pids)" ]; then
    vpcd_ready && return 0
    echo "start_pcscd: pcscd runs without a working vpcd reader; restarting it" >&2
    for pid in $(pcscd_pids); do
      kill -TERM "$pid" 2>/dev/null || true
      kill -CONT "$pid" 2>/dev/null || true
    done
    for _ in $(seq 1 50); do [ -z "$(pcscd_pids)" ] && break; sleep 0.1; done
    for pid in $(pcscd_pids); do kill -KILL "$pid" 2>/dev/null || true; done
    sleep 0.2
  fi
  if [ -z "$(pcscd_pids)" ]; then
    # A killed pcscd leaves its socket and pid file behind, and a new one refuses to start.
    rm -f "$rundir/pcscd.comm" "$rundir/pcscd.pid"
    pcscd
  fi
  for _ in $(seq 1 50); do
    vpcd_ready && return 0
    sleep 0.2
  done
  echo "start_pcscd: pcscd did not bring up the vpcd reader on port 35963; debug: pcscd -f -d" >&2
  exit 1
}

if [ "$(id -u)" -eq 0 ]; then
  start_postgres
  start_pcscd
else
  echo "services.sh: not root; expecting PostgreSQL and pcscd to be running already" >&2
fi
