"""Helpers shared by test packages (import them explicitly; they are not fixtures)."""
