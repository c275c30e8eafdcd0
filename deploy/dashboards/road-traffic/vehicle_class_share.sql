-- Share of each vehicle class (KEC carType 1-6) in all toll-gate traffic of the last 7 UTC days in the marts.
-- Run: ./lakehouse query "$(cat deploy/dashboards/road-traffic/vehicle_class_share.sql)"  (or psql as lakehouse_bi)
-- Reads marts.tollgate_traffic_daily; shares are NULL when no vehicle passed.
WITH period AS (
    SELECT * FROM marts.tollgate_traffic_daily
    WHERE event_date > (SELECT max(event_date) FROM marts.tollgate_traffic_daily) - 7
), totals AS (
    SELECT sum(volume) AS volume, sum(volume_car_1) AS car_1, sum(volume_car_2) AS car_2, sum(volume_car_3) AS car_3,
           sum(volume_car_4) AS car_4, sum(volume_car_5) AS car_5, sum(volume_car_6) AS car_6
    FROM period
)
SELECT car_type, vehicles, round(vehicles::numeric / nullif(volume, 0), 4) AS share
FROM totals
CROSS JOIN LATERAL (VALUES (1, car_1), (2, car_2), (3, car_3), (4, car_4), (5, car_5), (6, car_6))
    AS classes(car_type, vehicles)
ORDER BY car_type;
