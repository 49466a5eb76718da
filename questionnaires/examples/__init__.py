"""Example questionnaire and answers files."""
