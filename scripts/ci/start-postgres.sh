#!/usr/bin/env bash
# Starts a local PostgreSQL for the store test suite, as root, and prints the
# connection URL on stdout (its only output there; progress goes to stderr):
#
#   export TEST_DATABASE_URL="$(scripts/ci/start-postgres.sh)"
#
# Idempotent: installs Debian's `postgresql` only when it is missing, starts
# the cluster only when it is down, creates the role and database only once.
# Listens on 127.0.0.1:5432 only. Override with PG_PORT, PG_USER, PG_PASSWORD,
# PG_DATABASE.
set -euo pipefail

port="${PG_PORT:-5432}"
user="${PG_USER:-news}"
password="${PG_PASSWORD:-news}"
database="${PG_DATABASE:-news}"

log() { echo "start-postgres: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (it installs packages and switches to the postgres user)"
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  log "installing Debian's postgresql"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
fi

# Highest installed major version (Debian bookworm ships 15).
version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
bin="/usr/lib/postgresql/${version}/bin"

as_postgres() { runuser -u postgres -- "$@"; }

if command -v pg_ctlcluster >/dev/null 2>&1; then
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    log "creating cluster ${version}/main"
    pg_createcluster "$version" main --port "$port" -- --auth-local=peer --auth-host=scram-sha-256 >&2
  fi
  # Debian's packaged config listens on localhost already; pin it to IPv4 loopback
  # and the expected port so the URL below is right whatever was there before.
  conf_dir="/etc/postgresql/${version}/main"
  mkdir -p "${conf_dir}/conf.d"
  printf "listen_addresses = '127.0.0.1'\nport = %s\n" "$port" > "${conf_dir}/conf.d/ci-listen.conf"
  if pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    log "cluster ${version}/main already running"
  else
    log "starting cluster ${version}/main on 127.0.0.1:${port}"
    pg_ctlcluster "$version" main start >&2
  fi
else
  # No Debian wrapper (e.g. a bare install): a throwaway data directory.
  data_dir="${PG_DATA_DIR:-/tmp/ci-postgres-data}"
  if [ ! -s "${data_dir}/PG_VERSION" ]; then
    log "initdb into ${data_dir}"
    mkdir -p "$data_dir"
    chown postgres:postgres "$data_dir"
    as_postgres "${bin}/initdb" -D "$data_dir" --auth-local=peer --auth-host=scram-sha-256 >&2
  fi
  if ! as_postgres "${bin}/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
    log "starting postgres on 127.0.0.1:${port}"
    mkdir -p /var/run/postgresql && chown postgres:postgres /var/run/postgresql
    as_postgres "${bin}/pg_ctl" -D "$data_dir" -l "${data_dir}/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=/var/run/postgresql" start >&2
  fi
fi

for _ in $(seq 1 60); do
  if "${bin}/pg_isready" -q -h 127.0.0.1 -p "$port"; then break; fi
  sleep 0.5
done
if ! "${bin}/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  log "PostgreSQL did not accept connections on 127.0.0.1:${port} within 30 s"
  exit 1
fi

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" "$@"; }

# Role and database, created once; the password is (re)set so the URL works.
psql_admin -v role="$user" -v pw="$password" >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
-- CREATEDB: the publishing browser tests give each run a database of its own.
ALTER ROLE :"role" WITH LOGIN CREATEDB PASSWORD :'pw';
SQL
psql_admin -v role="$user" -v db="$database" >&2 <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL

# PostgreSQL search (lib/search/postgres-search.ts) needs unaccent and pg_trgm.
# Both are trusted extensions, which a database owner may create, but a
# deployment's role may own nothing: created here as the superuser, in
# `public`, which the search migration looks up rather than assumes.
psql_admin -d "$database" >&2 <<'SQL'
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
SQL

log "ready"
echo "postgres://${user}:${password}@127.0.0.1:${port}/${database}"
