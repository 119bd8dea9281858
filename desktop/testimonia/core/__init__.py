"""The data model and everything a researcher's data goes through. Never imports Qt."""
