"""Reusable widgets: question inputs, score bars, the section list."""
