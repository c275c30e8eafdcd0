-- Devices on the latest UTC day: events and distinct users per device ('(none)': events without a device).
-- Run: ./lakehouse query "$(cat deploy/dashboards/app-log/devices.sql)"  (or psql as lakehouse_bi)
-- Reads marts.device_daily.
SELECT event_date, coalesce(nullif(device, ''), '(none)') AS device, events, unique_users
FROM marts.device_daily
WHERE event_date = (SELECT max(event_date) FROM marts.device_daily)
ORDER BY events DESC, device;
