"""Sealed bids: who may bid, resumable sealed uploads, the price form, receipts, withdrawal and replacement.

What the intake protects against. A copy of the database, the storage folder or the
temporary folder holds no readable byte of a bid or a price: file chunks and the price
form are sealed to the tender's public key as they arrive (the server never has the
private key before the opening), and the SHA-256 on the receipts is kept only sealed,
wrapped under the instance key, or as a keyed HMAC. Someone with root on the running
server cannot open what is already sealed, but can read the instance keys (and so
confirm a guessed file by its hash, or forge a receipt) and can watch the plaintext of
chunks that arrive while they watch: sealing at rest does not defend a live server
against its own administrator; the officers' key does keep the past bids closed.
"""
