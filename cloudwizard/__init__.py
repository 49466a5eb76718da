"""CloudWizard: a desktop decision helper for choosing a cloud deployment model and service layer."""

__version__ = "0.1.0"
