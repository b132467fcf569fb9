#!/bin/sh
# The stages' PostgreSQL roles, one per stage plus the dashboard's read-only one, each with the password compose/.env
# gives it. The postgres image runs this once, when it creates its data folder (/docker-entrypoint-initdb.d); for a
# database made before, run it again: `docker compose -f compose/docker-compose.yml exec postgres
# /docker-entrypoint-initdb.d/10-nasp-roles.sh`. The roles get no right on any table here: the `migrate` service
# (`nasp db migrate`) grants those. NASP_ROLE_PREFIX (default nasp) names them PREFIX_graph_extract, ...
set -eu
for pair in graph_extract:"$NASP_PG_PASSWORD_GRAPH_EXTRACT" pseudo_label:"$NASP_PG_PASSWORD_PSEUDO_LABEL" \
            predict:"$NASP_PG_PASSWORD_PREDICT" search:"$NASP_PG_PASSWORD_SEARCH" adapt:"$NASP_PG_PASSWORD_ADAPT" \
            dashboard:"$NASP_PG_PASSWORD_DASHBOARD"; do
  role="${NASP_ROLE_PREFIX:-nasp}_${pair%%:*}"
  # The password reaches psql in its environment (\getenv), is quoted by psql (%L), and never shows on a command line.
  NASP_ROLE_PASSWORD="${pair#*:}" psql -v ON_ERROR_STOP=1 -v role="$role" --username "${POSTGRES_USER:-postgres}" \
       --dbname "${POSTGRES_DB:-postgres}" -X -q <<'SQL'
\getenv password NASP_ROLE_PASSWORD
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L', :'role', :'password') \gexec
SQL
done
