#!/usr/bin/env python3
"""Generate the seed corpora of the persisted-format fuzz targets.

Usage: python3 tests/fuzz/make_corpus_persisted.py
  corpus/identity/: identity key texts (xmpp/identity_store.h): a valid v1
    text (fixed seed; the public key is computed by `openssl pkey`), a newer
    version header, a truncated text and non-canonical base64.
  corpus/history/: row plaintexts (xmpp/history_codec.h): varint(len(body))
    body CBOR-map, for a message and a notice, written by a tiny CBOR encoder.
"""
import base64, os, subprocess

here = os.path.dirname(os.path.abspath(__file__))

def write(target, name, data):
    d = os.path.join(here, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)

seed = bytes(range(1, 33))
# PKCS#8 DER of an Ed25519 private key = fixed prefix + seed; the SPKI ends with the public key.
der = bytes.fromhex('302e020100300506032b657004220420') + seed
pub = subprocess.run(['openssl', 'pkey', '-inform', 'DER', '-pubout', '-outform', 'DER'], input=der,
                     capture_output=True, check=True).stdout[-32:]
b64 = lambda b: base64.b64encode(b)
write('identity', 'v1.txt', b'mpenc-identity-v1\n' + b64(seed) + b'\n' + b64(pub) + b'\n')
write('identity', 'v2.txt', b'mpenc-identity-v2\n' + b64(seed) + b'\n')
write('identity', 'truncated.txt', b'mpenc-identity-v1\n' + b64(seed) + b'\n')
write('identity', 'noncanonical.txt', b'mpenc-identity-v1\n' + b64(seed)[:-2] + b'B=\n' + b64(pub) + b'\n')

def head(major, n):
    if n < 24: return bytes([major << 5 | n])
    for ai, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size): return bytes([major << 5 | ai]) + n.to_bytes(size, 'big')

def cbor(v):
    if isinstance(v, bool): return b'\xf5' if v else b'\xf4'
    if isinstance(v, int): return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, str): e = v.encode(); return head(3, len(e)) + e
    if isinstance(v, list): return head(4, len(v)) + b''.join(cbor(x) for x in v)
    if isinstance(v, dict): return head(5, len(v)) + b''.join(cbor(k) + cbor(x) for k, x in v.items())

def varint(n):
    out = b''
    while True:
        b = n & 0x7f; n >>= 7
        out += bytes([b | (0x80 if n else 0)])
        if not n: return out

def row(body, m):
    e = body.encode()
    return varint(len(e)) + e + cbor(m)

# Keys: xmpp/history_codec.cpp enum Key (kKind = 1 ... kMentions = 22).
write('history', 'message.bin', row('hello wörld', {1: 1, 2: 'id-1', 3: 'alice@example.org', 4: 'Alice', 5: False,
      6: 1700000000000, 7: 1699999999000, 8: [0, 1], 9: [0, 5], 10: ['bob'], 11: False, 12: ['carol'], 13: 2,
      14: [['bob', 'Bob', True]], 15: 3, 20: 7, 21: 'ab' * 16, 22: True}))
write('history', 'notice.bin', row('', {1: 2, 6: 1700000000000, 16: 1, 17: 2, 18: 'key-changed', 19: ['bob'],
      21: ''}))
write('history', 'long-body.bin', row('x' * 300, {1: 1, 20: 0}))
