"""Sealing bids to a tender's public key: nothing the server keeps can decrypt them alone.

Pure modules (`cryptography`, `pycryptodome` and `argon2-cffi` only, no Flask, no
database): `envelope` seals bytes to a tender's X25519 public key as they stream in;
`shares` locks the tender's private key under a key split among its opening officers
(k of n); `passphrase` keeps each officer's own key wrapped under the officer's passphrase.
"""
