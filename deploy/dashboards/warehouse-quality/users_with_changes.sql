-- Users whose tracked attributes changed (more than one dim_user version), the most versions first (top 100).
-- Run: ./lakehouse query "$(cat deploy/dashboards/warehouse-quality/users_with_changes.sql)"  (or psql as lakehouse_bi)
-- Reads marts.dim_user; user is the user id as text (a label, not a number to add up).
SELECT user_id::text AS "user", count(*) AS versions, min(valid_from) AS first_seen,
       max(valid_from) AS current_since
FROM marts.dim_user
GROUP BY user_id
HAVING count(*) > 1
ORDER BY versions DESC, current_since DESC, user_id
LIMIT 100;
