from wijkportaal.overleg import routes  # noqa: F401
