-- Users by the device of their current dim_user version; '' or no device shows as (none).
-- Run: ./lakehouse query "$(cat deploy/dashboards/warehouse-quality/current_users_by_device.sql)"  (or psql as lakehouse_bi)
-- Reads marts.dim_user; needs device among warehouse.dim-user.tracked-attributes (it is by default).
SELECT coalesce(nullif(device, ''), '(none)') AS device, count(*) AS users
FROM marts.dim_user
WHERE is_current
GROUP BY 1
ORDER BY users DESC, device;
