# Copy to instance/config.py and adjust. Environment variables win over this file.
# SECRET_KEY = "a long random string: python -c 'import secrets; print(secrets.token_hex(32))'"
# DATABASE_URL = "postgresql://wijkportaal@localhost/wijkportaal"   # default: SQLite in instance/
# SESSION_COOKIE_SECURE = True   # behind HTTPS
# RATELIMIT_STORAGE_URI = "redis://localhost:6379/0"   # shared login limits across gunicorn workers
# BASE_URL = "https://wijkportaal.example.nl"   # the portal's address, for links in e-mail
# MAIL_BACKEND = "smtp"   # or "bestand" (default: .eml files in instance/mail/) or "console"
# MAIL_SMTP_HOST = "smtp.example.nl"
# MAIL_SMTP_PORT = 587
# MAIL_SMTP_STARTTLS = True
# MAIL_SMTP_USER = "wijkportaal"
# MAIL_SMTP_PASSWORD = "…"
# MAIL_FROM = "Wijkportaal <noreply@example.nl>"
