"""Random secrets for the links that e-mails carry instead of a sign-in."""

import hashlib
import re
import secrets

# 32 random bytes, URL-safe base64 without padding: 43 characters.
_SECRET = re.compile(r"[A-Za-z0-9_-]{43}")


def new_secret():
    return secrets.token_urlsafe(32)


def looks_like_secret(text):
    return bool(_SECRET.fullmatch(text))


def digest(secret):
    """What is stored of a secret that is only ever compared, never shown again."""
    return hashlib.sha256(secret.encode()).hexdigest()
