-- Traffic beside the weather: per region and precipitation type over the last 7 UTC days, the hours seen, the mean
-- hourly volume, temperature and precipitation (does rain slow traffic down?). Hours without a forecast are 'no
-- forecast'. Run: ./lakehouse query "$(cat deploy/dashboards/road-traffic/traffic_weather.sql)"  (or psql as
-- lakehouse_bi). Reads marts.traffic_weather_hourly; precipitation_type is KMA's PTY code, named here.
WITH latest AS (SELECT max(event_date) AS day FROM marts.traffic_weather_hourly)
SELECT w.region,
       CASE WHEN w.precipitation_type IS NULL THEN 'no forecast' WHEN w.precipitation_type = 0 THEN 'none'
            WHEN w.precipitation_type = 1 THEN 'rain' WHEN w.precipitation_type = 2 THEN 'rain and snow'
            WHEN w.precipitation_type = 3 THEN 'snow' WHEN w.precipitation_type = 5 THEN 'drizzle'
            WHEN w.precipitation_type = 6 THEN 'drizzle and snow flurries'
            WHEN w.precipitation_type = 7 THEN 'snow flurries' ELSE 'code ' || w.precipitation_type END
           AS precipitation,
       count(*) AS hours,
       round(avg(w.volume), 1) AS mean_hourly_volume,
       round(avg(w.temperature_c), 1) AS mean_temperature_c,
       round(avg(w.precipitation_mm), 2) AS mean_precipitation_mm
FROM marts.traffic_weather_hourly w
CROSS JOIN latest
WHERE w.event_date > latest.day - 7
GROUP BY 1, 2
ORDER BY 1, 2;
