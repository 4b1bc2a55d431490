"""The wijken feature."""
