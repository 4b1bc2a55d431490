# Copy to instance/config.py and adjust. Environment variables win over this file.
# SECRET_KEY = "a long random string: python -c 'import secrets; print(secrets.token_hex(32))'"
# DATABASE_URL = "postgresql://wijkportaal@localhost/wijkportaal"   # default: SQLite in instance/
# SESSION_COOKIE_SECURE = True   # behind HTTPS
# RATELIMIT_STORAGE_URI = "redis://localhost:6379/0"   # shared login limits across gunicorn workers
