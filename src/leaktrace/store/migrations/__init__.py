"""Alembic migrations of the leaktrace database (run by :mod:`leaktrace.store.migrate`)."""
