-- China's most frequent partners in events, by year. A state is a partner when it takes part
-- itself or through someone acting for it, never through an official's nationality alone.
-- event_year is a DATE (1 January), so a BI time filter or a yearly grain can use it;
-- undated events and documents come last, under a null year.
SELECT event_year,
       CASE WHEN country_a = 'CHN' THEN country_b_name ELSE country_a_name END AS partner,
       events_together, documents_mentioning_both
FROM analytics.bilateral_engagements
WHERE 'CHN' IN (country_a, country_b)
ORDER BY event_year DESC NULLS LAST, events_together DESC, documents_mentioning_both DESC;
