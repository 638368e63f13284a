"""What diplo makes from the database for people: reports, exports, evaluations."""
