-- Independent definition of marts.top_search_queries_daily with the default top N (10): per UTC day and region
-- ('' when missing), the normalised queries ranked by searches (ties: the query first in code-point order, i.e.
-- COLLATE "C"). Normalised: ASCII whitespace trimmed, inner runs collapsed to one space, lower case; a missing or
-- blank query is ''.
WITH searches AS (
    SELECT e.event_time::date              AS event_date,
           coalesce(e.region, '')          AS region,
           lower(regexp_replace(btrim(coalesce(e.search_query, ''), E' \t\n\x0b\f\r'),
                                E'[ \t\n\x0b\f\r]+', ' ', 'g')) AS query
    FROM independent.counted_events e
    WHERE e.event_type = 'search'
), counts AS (
    SELECT event_date, region, query, count(*) AS searches
    FROM searches
    GROUP BY 1, 2, 3
), ranked AS (
    SELECT c.*, row_number() OVER (PARTITION BY c.event_date, c.region
                                   ORDER BY c.searches DESC, c.query COLLATE "C") AS rank
    FROM counts c
)
SELECT event_date::date,
       region::text,
       rank::integer,
       query::text,
       searches::bigint
FROM ranked
WHERE rank <= 10
