"""The load stage: from facts to rows.

In: an ``etl.extract.extractor.Extraction`` per document. ``database`` and ``embedded`` give an
engine (a server of your own or the embedded one), ``schema`` and ``seeds`` migrate and seed it,
``loader`` writes each document in one transaction (its event reports through ``events``),
``corpus`` runs the end-of-run pass over all documents (``identity`` decides which reports are
one occurrence, ``aggregate`` tells the event from its reports), ``runs`` records runs and rejections, ``locks`` keeps one load per database, and ``executors``
run extraction in processes or on a Dask cluster.
Out: rows in PostgreSQL.
"""
