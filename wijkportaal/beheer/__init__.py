from wijkportaal.beheer import routes  # noqa: F401
