from wijkportaal.api import routes  # noqa: F401
