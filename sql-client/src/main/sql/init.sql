-- Purpose: the Flink SQL client's init script: registers the lake (Iceberg catalog `lakehouse`: JDBC catalog
-- in PostgreSQL, data files on S3, the same catalog the jobs write) and the marts (Flink JDBC catalog `marts`
-- over the PostgreSQL database), and sets batch mode with readable results.
-- Run: `./lakehouse sql` (interactive) or `./lakehouse sql -f <file.sql>`. The launcher fills every
-- ${...} placeholder from the running stack (secrets come from its environment, never from this file) and
-- hands the filled copy (mode 600, deleted on exit) to the client with `-i`.
-- Names: `raw` is a reserved word in Flink SQL, so write `raw`.clickstream_events with backticks; PostgreSQL
-- tables are `<schema>.<table>` inside one database of the `marts` catalog, e.g. marts.${DB_NAME}.`marts.traffic_hourly`.

-- Ad-hoc queries over bounded tables: batch mode, results printed as tables, DML waits for its job.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';
SET 'table.dml-sync' = 'true';
-- Iceberg stores timestamptz in UTC; show and group by UTC as the marts do.
SET 'table.local-time-zone' = 'UTC';

-- The catalog name must equal the jobs' catalog.name: Iceberg's JDBC catalog keys its tables by it.
CREATE CATALOG lakehouse WITH (
  'type' = 'iceberg',
  'catalog-impl' = 'org.apache.iceberg.jdbc.JdbcCatalog',
  'uri' = '${JDBC_URL}',
  'jdbc.user' = '${DB_USER}',
  'jdbc.password' = '${DB_PASSWORD}',
  'jdbc.schema-version' = 'V1',
  'warehouse' = '${WAREHOUSE}',
  'io-impl' = 'org.apache.iceberg.aws.s3.S3FileIO',
  's3.endpoint' = '${S3_ENDPOINT}',
  's3.path-style-access' = 'true',
  's3.access-key-id' = '${S3_ACCESS_KEY}',
  's3.secret-access-key' = '${S3_SECRET_KEY}',
  'client.region' = '${S3_REGION}'
);

CREATE CATALOG marts WITH (
  'type' = 'jdbc',
  'base-url' = '${JDBC_BASE_URL}',
  'default-database' = '${DB_NAME}',
  'username' = '${DB_USER}',
  'password' = '${DB_PASSWORD}'
);

-- Flink's JDBC connector cannot read PostgreSQL timestamptz columns (TIMESTAMP_LTZ is not among the types
-- of its PostgreSQL dialect), so a catalog table with one fails as a whole. For those marts this script
-- declares the table under the same name as a temporary table, which shadows the catalog's, with the
-- timestamptz column read as TIMESTAMP (its UTC value). Queries name the table exactly as in the catalog.
CREATE TEMPORARY TABLE marts.`${DB_NAME}`.`marts.traffic_hourly` (
  event_date      DATE           NOT NULL,
  `hour`          SMALLINT       NOT NULL,
  events          BIGINT         NOT NULL,
  `views`         BIGINT         NOT NULL,
  carts           BIGINT         NOT NULL,
  purchases       BIGINT         NOT NULL,
  unique_users    BIGINT         NOT NULL,
  unique_sessions BIGINT         NOT NULL,
  revenue         DECIMAL(20, 2) NOT NULL,
  updated_at      TIMESTAMP(6)   NOT NULL,
  PRIMARY KEY (event_date, `hour`) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = '${JDBC_URL}',
  'table-name' = 'marts.traffic_hourly',
  'username' = '${DB_USER}',
  'password' = '${DB_PASSWORD}'
);

USE CATALOG lakehouse;
