from wijkportaal.wijken import routes  # noqa: F401
