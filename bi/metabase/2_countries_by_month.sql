-- Which countries the corpus talks about most, month by month (China left out: it is in
-- almost every article). Only documents whose publication month is known are counted; for
-- counts that include undated documents use analytics.country_mentions_yearly.
SELECT month, country_name, documents, mentions
FROM analytics.country_mentions_monthly
WHERE country_iso3 <> 'CHN'
ORDER BY month, mentions DESC;
