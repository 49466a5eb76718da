"""Icons and translation catalogs, found through importlib.resources."""
