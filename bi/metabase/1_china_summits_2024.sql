-- Every summit China attended in 2024, and who was there.
-- event_year is set whenever the year is known, so summits dated only "in 2024" are here too;
-- event_day is null for them (no day to show).
SELECT event_day, event_month, event_name, location_name, people, countries
FROM analytics.event_timeline
WHERE event_type = 'summit'
  AND event_year = DATE '2024-01-01'
  AND 'CHN' = ANY (string_to_array(country_codes, '; '))
ORDER BY event_month NULLS LAST, event_day NULLS LAST, event_name;
