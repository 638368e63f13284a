"""diplo: news articles about diplomacy in, clean relational facts out."""

__version__ = "0.1.0"
