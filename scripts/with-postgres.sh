#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster, for the store's tests:
#
#   scripts/with-postgres.sh build/jixiao_tests --gtest_filter='*Store*'
#
# The cluster lives in a fresh folder under /tmp, listens on a unix socket in that folder only
# (no TCP), and is stopped and deleted when the command ends, fails or is interrupted. The
# command sees JIXIAO_TEST_PG_URL (a libpq URI naming the cluster's `postgres` database as its
# superuser) and JIXIAO_REQUIRE_PG=1 (so the PostgreSQL tests fail rather than skip). Run as
# root, the cluster runs as the `postgres` system user; otherwise as the caller. Exits with the
# command's exit status.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

# The newest installed PostgreSQL (Debian's /usr/lib/postgresql/<major>/bin).
bindir=""
for candidate in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
  [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]] && bindir="$candidate"
done
if [[ -z "$bindir" ]]; then
  echo "$0: no PostgreSQL server under /usr/lib/postgresql (install the postgresql package)" >&2
  exit 2
fi

# /tmp rather than $TMPDIR: a unix socket's path must stay under about 100 bytes.
dir="$(mktemp -d /tmp/jixiao-pg.XXXXXX)"
as_owner=()
if [[ "$(id -u)" -eq 0 ]]; then
  owner=postgres
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
else
  owner="$(id -un)"
fi

started=0
# shellcheck disable=SC2317  # run by the traps
cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  if [[ $started -eq 1 ]]; then
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# A port number no one uses over TCP. The socket file is in our own folder, so it cannot clash
# with another cluster's whatever the number.
port_in_use() {
  local hex
  hex="$(printf '%04X' "$1")"
  grep -qs ":$hex " /proc/net/tcp /proc/net/tcp6
}
port=$((20000 + RANDOM % 40000))
while port_in_use "$port"; do port=$((20000 + RANDOM % 40000)); done

"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U "$owner" --auth=trust --encoding=UTF8 --no-locale \
  >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
started=1
# More connections than the default 100: `ctest -j` runs every test in its own process, each
# with its own database and a few connections.
"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port -c max_connections=300" \
  start >/dev/null || {
  cat "$dir/server.log" >&2
  exit 1
}

export JIXIAO_TEST_PG_URL="postgresql:///postgres?host=$dir&port=$port&user=$owner"
export JIXIAO_REQUIRE_PG=1

set +e
"$@"
status=$?
set -e
exit "$status"
