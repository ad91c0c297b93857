"""One module per schema revision; the first creates every table."""
