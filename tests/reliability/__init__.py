"""Reliability and security: hostile inputs, faults, no network (issue 7, engine and CLI side)."""
