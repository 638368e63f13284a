-- Is the data stale? The last successful load, what it did, and the newest document's age.
SELECT last_run_finished_at, hours_since_last_run, documents_loaded, documents_rejected,
       documents_total, newest_published_on, newest_document_age_days
FROM analytics.data_freshness;
