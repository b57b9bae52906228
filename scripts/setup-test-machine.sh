#!/usr/bin/env bash
# Prepares a Debian machine for `npm test` (run as root): installs Debian's Chromium for the
# browser tests, starts PostgreSQL 15 and creates the test role the integration tests log in as.
# Idempotent: safe to run again.
set -euo pipefail

TEST_ROLE=${TEST_ROLE:-catalog_test}
TEST_PASSWORD=${TEST_PASSWORD:-catalog_test}

need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} from Debian…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)
if [ -z "$version" ]; then
  echo "PostgreSQL is installed but no cluster exists; create one with pg_createcluster." >&2
  exit 1
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >/dev/null || { echo "PostgreSQL $version did not start on 127.0.0.1:5432" >&2; exit 1; }

# The role owns the databases the tests create and drop; it is not a superuser.
runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${TEST_ROLE}') THEN
    CREATE ROLE ${TEST_ROLE} LOGIN CREATEDB PASSWORD '${TEST_PASSWORD}';
  ELSE
    ALTER ROLE ${TEST_ROLE} LOGIN CREATEDB PASSWORD '${TEST_PASSWORD}';
  END IF;
END
\$\$;
SQL
echo "Test machine ready: Chromium at $(command -v chromium || echo /usr/bin/chromium)," \
  "PostgreSQL $version with role ${TEST_ROLE} on 127.0.0.1:5432."
