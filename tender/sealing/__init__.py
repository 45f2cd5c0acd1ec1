"""Sealing bids to a tender's public key: nothing the server keeps can decrypt them alone.

Pure modules (the `cryptography` and `pycryptodome` libraries only, no Flask, no
database): `envelope` seals bytes to a tender's X25519 public key as they stream in;
`shares` splits the tender's private key among its opening officers (k of n).
"""
