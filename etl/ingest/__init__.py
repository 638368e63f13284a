"""The ingest stage: from a path to a parsed document.

In: paths, globs or stdin. ``discover`` lists the candidate files, ``read`` reads their bytes,
``decode`` turns bytes into text (encodings, HTML, JSON Lines), ``boilerplate`` and ``metadata``
separate page clutter and the header (title, date, outlet, author, dateline), ``segment``
splits paragraphs and sentences, and ``parse`` composes them.
Out: ``etl.article.ParsedDocument``, or a ``Rejection`` with its reason.
"""
