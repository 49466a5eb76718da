"""The questionnaires that ship with CloudWizard (YAML), found through importlib.resources."""
