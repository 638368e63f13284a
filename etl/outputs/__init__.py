"""What users read back.

In: a loaded database. ``evaluate`` scores it against gold annotations, ``reports`` prints
status and timelines, ``report`` writes the HTML report (a package: its SQL in ``data``,
its charts in ``charts``, its network layout in ``layout``, its sections in ``sections`` and the
page around them in ``page``), ``export`` writes files (CSV, Parquet, JSON Lines), ``roles``
grants a read-only role for BI tools, and ``schedule`` reruns a load on a timer.
Out: tables on the terminal, files, roles.
"""
