#!/bin/sh
# Roles of the lakehouse database for docker-compose.yml, as the embedded stack sets them (PostgresAccess):
#   lakehouse     the pipeline's role: owns the database, schema marts, the marts and the Iceberg catalog tables
#   lakehouse_bi  read-only, for dashboards and `lakehouse query`: CONNECT, USAGE and SELECT on marts (tables of
#                 today and of the future), nothing else; its sessions start read-only
# The image runs this once, on an empty volume, as the superuser postgres (docker-entrypoint-initdb.d). For a
# volume made before this script: `docker compose down -v` (drops the data), or run it by hand with
# `docker compose exec postgres sh /docker-entrypoint-initdb.d/01-roles.sh` after creating what is missing.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v pipeline_password="$PIPELINE_ROLE_PASSWORD" -v bi_password="$BI_ROLE_PASSWORD" <<'SQL'
SET password_encryption = 'scram-sha-256';
CREATE ROLE lakehouse LOGIN PASSWORD :'pipeline_password';
CREATE ROLE lakehouse_bi LOGIN PASSWORD :'bi_password';
ALTER ROLE lakehouse_bi SET default_transaction_read_only = on;
ALTER DATABASE lakehouse OWNER TO lakehouse;
CREATE SCHEMA IF NOT EXISTS marts AUTHORIZATION lakehouse;
REVOKE ALL ON DATABASE lakehouse FROM PUBLIC;
GRANT CONNECT ON DATABASE lakehouse TO lakehouse_bi;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA marts TO lakehouse_bi;
GRANT SELECT ON ALL TABLES IN SCHEMA marts TO lakehouse_bi;
ALTER DEFAULT PRIVILEGES FOR ROLE lakehouse IN SCHEMA marts GRANT SELECT ON TABLES TO lakehouse_bi;
SQL
