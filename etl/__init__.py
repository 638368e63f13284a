"""diplo: news articles about diplomacy in, clean relational facts out.

The pipeline reads as its stages: ``ingest`` (a path to a parsed document), ``extract`` (a
parsed document to facts), ``load`` (facts to rows) and ``outputs`` (what users read back).
``pipeline`` runs them in order and ``cli`` is the command line over it. The small typed objects
that travel between stages live at the top: ``article`` (documents), ``facts`` (entities and
events), ``errors`` and ``settings``.
"""

__version__ = "0.1.0"
