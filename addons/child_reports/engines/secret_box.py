"""Secrets at rest: the signing keys (PKCS#12 files) and their passwords, encrypted with a key kept in a file
outside the database.

Plain Python, no odoo import. The key is a Fernet key (AES-128-CBC with HMAC-SHA256, ``cryptography``) in a file
of its own, created with mode 0600 on first use; whoever holds a database dump without that file holds ciphertext
only. Losing the file loses the stored keys (they must be uploaded again); documents already issued still verify,
since checking a signature needs no private key.
"""
import base64
import json
import os
import warnings

# cryptography 45, the last release for Python 3.7 (the runtime of Odoo 11), says so at import
warnings.filterwarnings("ignore", message="Python 3.7 is no longer supported")
from cryptography.fernet import Fernet, InvalidToken  # noqa: E402


def load_or_create_key(path):
    """The key in ``path``; a new one written there (mode 0600, its folder 0700) when the file does not exist."""
    if not os.path.exists(path):
        folder = os.path.dirname(path)
        if folder:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass    # another worker made it in between: read theirs
        else:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(Fernet.generate_key())
    with open(path, "rb") as handle:
        key = handle.read().strip()
    try:
        Fernet(key)
    except (TypeError, ValueError):
        raise ValueError("the secret key file %s does not hold a key" % path)
    return key


def seal(key, data, password):
    """``data`` (bytes) and ``password`` (text) encrypted together: an opaque token (bytes)."""
    payload = json.dumps({"data": base64.b64encode(data).decode("ascii"), "password": password or ""})
    return Fernet(key).encrypt(payload.encode("utf-8"))


def unseal(key, token):
    """``(data, password)`` of a token made by :func:`seal`; ValueError when the key is not the one it was sealed
    with (a lost or replaced key file) or the token was changed."""
    try:
        payload = json.loads(Fernet(key).decrypt(bytes(token)).decode("utf-8"))
    except InvalidToken:
        raise ValueError("the stored secret cannot be decrypted with this key file (lost or replaced key?)")
    return base64.b64decode(payload["data"]), payload["password"]
