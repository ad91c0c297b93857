"""One module per kind of variation point; each exposes ``FINDER`` (see ``variants.base``)."""
