# Sourced by .ci/run: a throwaway PostgreSQL cluster for the store's tests.
# Installs Debian's postgresql when missing, makes a cluster in a temporary folder owned by the
# postgres user (initdb refuses root), listens on a Unix socket only, makes a database, exports
# POLICY_TEST_DB, and stops the server by its pid when the calling shell exits.
pg_start() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    # the package may start its own cluster: not ours, not needed
    service postgresql stop >/dev/null 2>&1 || true
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  PG_TMP=$(mktemp -d /tmp/policy-pg.XXXXXX)
  chown postgres "$PG_TMP"
  runuser -u postgres -- "$bin/initdb" -D "$PG_TMP/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  # a test cluster: no fsync, enough connections for one store a test index
  runuser -u postgres -- "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w \
    -o "-k $PG_TMP -c listen_addresses= -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  PG_PID=$(head -1 "$PG_TMP/data/postmaster.pid")
  trap 'pg_stop' EXIT
  runuser -u postgres -- "$bin/createdb" -h "$PG_TMP" policy_test
  export POLICY_TEST_DB="postgresql://postgres@/policy_test?host=$PG_TMP"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $PG_TMP (pid $PG_PID)"
}

pg_stop() {
  if [ -n "${PG_PID:-}" ]; then
    kill -INT "$PG_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.2; done
    PG_PID=
  fi
  [ -n "${PG_TMP:-}" ] && rm -rf "$PG_TMP"
  PG_TMP=
}
