-- Each toll gate's vehicles by vehicle class (KEC carType 1-6) over the last 7 UTC days in the marts, and the class's
-- share of the gate's vehicles (NULL when no vehicle passed).
-- Run: ./lakehouse query "$(cat deploy/dashboards/road-traffic/tollgate_vehicle_classes.sql)"  (or psql as lakehouse_bi)
-- Reads marts.tollgate_traffic_daily and marts.tollgates; use with a toll-gate filter (unit_code).
WITH totals AS (
    SELECT unit_code, sum(volume) AS volume, sum(volume_car_1) AS car_1, sum(volume_car_2) AS car_2,
           sum(volume_car_3) AS car_3, sum(volume_car_4) AS car_4, sum(volume_car_5) AS car_5,
           sum(volume_car_6) AS car_6
    FROM marts.tollgate_traffic_daily
    WHERE event_date > (SELECT max(event_date) FROM marts.tollgate_traffic_daily) - 7
    GROUP BY unit_code
)
SELECT t.unit_code, coalesce(g.unit_name, t.unit_code) AS unit_name, classes.car_type, classes.vehicles,
       round(classes.vehicles::numeric / nullif(t.volume, 0), 4) AS share
FROM totals t
CROSS JOIN LATERAL (VALUES (1, t.car_1), (2, t.car_2), (3, t.car_3), (4, t.car_4), (5, t.car_5), (6, t.car_6))
    AS classes(car_type, vehicles)
LEFT JOIN marts.tollgates g ON g.unit_code = t.unit_code
ORDER BY t.unit_code, classes.car_type;
