"""Coverage-guided fuzzing of every importer of untrusted files (see run.py)."""
