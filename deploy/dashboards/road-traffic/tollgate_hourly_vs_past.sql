-- A toll gate's vehicles per hour of the latest UTC day against the same hour on the 7 days before (the mean of the
-- days the gate had vehicles in that hour; NULL without history). Hours of day in KST (UTC + 9 h).
-- Run: ./lakehouse query "$(cat deploy/dashboards/road-traffic/tollgate_hourly_vs_past.sql)"  (or psql as lakehouse_bi)
-- Reads marts.tollgate_traffic_hourly and marts.tollgates; use with a toll-gate filter (unit_code).
WITH latest AS (SELECT max(event_date) AS day FROM marts.tollgate_traffic_hourly),
gate_hours AS (
    SELECT h.unit_code, h.event_date, h.hour, sum(h.volume) AS volume
    FROM marts.tollgate_traffic_hourly h
    CROSS JOIN latest
    WHERE h.event_date BETWEEN latest.day - 7 AND latest.day
    GROUP BY h.unit_code, h.event_date, h.hour
)
SELECT h.unit_code, coalesce(g.unit_name, h.unit_code) AS unit_name, (h.hour + 9) % 24 AS kst_hour,
       sum(h.volume) FILTER (WHERE h.event_date = latest.day) AS volume_latest_day,
       round(avg(h.volume) FILTER (WHERE h.event_date < latest.day), 1) AS mean_volume_7_days_before
FROM gate_hours h
CROSS JOIN latest
LEFT JOIN marts.tollgates g ON g.unit_code = h.unit_code
GROUP BY h.unit_code, g.unit_name, h.hour
ORDER BY h.unit_code, kst_hour;
