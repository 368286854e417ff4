"""A software authenticator for tests: answers WebAuthn options as a passkey on a phone would.

Keys from ``cryptography`` (ES256); CBOR from cbor2 (py_webauthn's own dependency). The server side
never sees this code: it verifies what this produces with py_webauthn, as it would a real device.
``clone()`` copies the key with the same or an older sign count, as a cloned authenticator would.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

FLAG_UP, FLAG_UV, FLAG_BE, FLAG_BS, FLAG_AT = 0x01, 0x04, 0x08, 0x10, 0x40


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class SoftAuthenticator:
    origin: str = "http://127.0.0.1:8000"
    synced: bool = True  # a passkey in a cloud keychain: backup eligible and backed up
    user_verified: bool = True
    sign_count: int = 0
    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    credential_id: bytes = field(default_factory=lambda: os.urandom(32))
    user_handle: bytes | None = None
    counting: bool = True  # False: always 0, as many platform passkeys

    def _flags(self, attested: bool) -> int:
        flags = FLAG_UP | (FLAG_UV if self.user_verified else 0)
        flags |= (FLAG_BE | FLAG_BS) if self.synced else 0
        return flags | (FLAG_AT if attested else 0)

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}).encode()

    def _cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})

    def create(self, options: dict[str, Any]) -> dict[str, Any]:
        """The answer to ``navigator.credentials.create(options)``, JSON-encoded as browsers do."""
        rp_id = options["rp"]["id"]
        self.user_handle = unb64url(options["user"]["id"])
        attested = (b"\x00" * 16 + len(self.credential_id).to_bytes(2, "big") + self.credential_id
                    + self._cose_key())
        auth_data = hashlib.sha256(rp_id.encode()).digest() + bytes([self._flags(True)]) \
            + self.sign_count.to_bytes(4, "big") + attested
        client_data = self._client_data("webauthn.create", options["challenge"])
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64url(self.credential_id), "rawId": b64url(self.credential_id), "type": "public-key",
            "response": {"clientDataJSON": b64url(client_data), "attestationObject": b64url(attestation),
                         "transports": ["internal", "hybrid"]},
            "clientExtensionResults": {},
        }

    def get(self, options: dict[str, Any], *, rp_id: str | None = None) -> dict[str, Any]:
        """The answer to ``navigator.credentials.get(options)``: signs the challenge, counts up."""
        if self.counting:
            self.sign_count += 1
        auth_data = hashlib.sha256((rp_id or options["rpId"]).encode()).digest() + bytes([self._flags(False)]) \
            + self.sign_count.to_bytes(4, "big")
        client_data = self._client_data("webauthn.get", options["challenge"])
        signature = self.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64url(self.credential_id), "rawId": b64url(self.credential_id), "type": "public-key",
            "response": {"clientDataJSON": b64url(client_data), "authenticatorData": b64url(auth_data),
                         "signature": b64url(signature),
                         "userHandle": b64url(self.user_handle) if self.user_handle else None},
            "clientExtensionResults": {},
        }

    def clone(self, *, sign_count: int | None = None) -> SoftAuthenticator:
        """The same key in a second device, whose counter is behind (or as given)."""
        return SoftAuthenticator(origin=self.origin, synced=self.synced, sign_count=self.sign_count if sign_count is None
                                 else sign_count, key=self.key, credential_id=self.credential_id,
                                 user_handle=self.user_handle, counting=self.counting)
