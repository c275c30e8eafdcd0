-- Active users per period: DAU (day), WAU (ISO week, under its Monday) and MAU (month, under its 1st), last 90 days.
-- Run: ./lakehouse query "$(cat deploy/dashboards/clickstream/active_users.sql)"  (or psql as lakehouse_bi)
-- Reads marts.active_users; one row per period kind and start, exact distinct users.
SELECT period_start, upper(left(period, 1)) || 'AU' AS metric, active_users
FROM marts.active_users
WHERE period_start > (SELECT max(period_start) FROM marts.active_users) - 90
ORDER BY period_start, metric;
