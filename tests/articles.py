"""Example articles written for the tests (not real reporting)."""

ARTICLE = """Ministers meet in Jakarta to discuss regional trade

By Amina Rahman, Diplo Wire

JAKARTA, March 3, 2024 -- Foreign ministers from Indonesia and Malaysia met on Tuesday to discuss \
trade corridors and maritime cooperation. The two sides agreed to hold another round of talks in \
Kuala Lumpur later this year.

Officials said the meeting focused on supply chains, fisheries and the protection of shipping lanes. \
Both governments said they would publish a joint statement after the next session.
"""
