-- dim_user versions opened per UTC day over the last 90 days: a user's first version (a new user) or a change of a
-- tracked attribute (a new SCD Type 2 version).
-- Run: ./lakehouse query "$(cat deploy/dashboards/warehouse-quality/user_versions_daily.sql)"  (or psql as lakehouse_bi)
-- Reads marts.dim_user (warehouse.enabled=true).
WITH versions AS (
    SELECT (valid_from AT TIME ZONE 'UTC')::date AS valid_from_date,
           row_number() OVER (PARTITION BY user_id ORDER BY valid_from) = 1 AS first_version
    FROM marts.dim_user
)
SELECT valid_from_date, count(*) FILTER (WHERE first_version) AS new_users,
       count(*) FILTER (WHERE NOT first_version) AS changes
FROM versions
WHERE valid_from_date > (SELECT max(valid_from_date) FROM versions) - 90
GROUP BY valid_from_date
ORDER BY valid_from_date;
