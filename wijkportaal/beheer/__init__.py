"""The beheer feature."""
