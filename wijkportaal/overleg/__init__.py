"""The overleg feature."""
