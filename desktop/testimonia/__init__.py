"""Testimonia: offline annotation of human-rights evidence."""

__version__ = "0.1.0"
