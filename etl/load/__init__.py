"""The load stage: from facts to rows.

In: an ``etl.extract.extractor.Extraction`` per document. ``database`` and ``embedded`` give an
engine (a server of your own or the embedded one), ``schema`` and ``seeds`` migrate and seed it,
``loader`` writes each document in one transaction, ``dedupe`` folds event reports into events,
``runs`` records runs and rejections, ``locks`` keeps one load per database, and ``executors``
run extraction in processes or on a Dask cluster.
Out: rows in PostgreSQL.
"""
