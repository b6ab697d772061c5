#!/usr/bin/env python3
"""Generate the seed corpora of the persisted-format fuzz targets.

Usage: python3 tests/fuzz/make_corpus_persisted.py
  corpus/identity/: identity key texts (xmpp/identity_store.h): a valid v1
    text (fixed seed; the public key is computed by `openssl pkey`), a newer
    version header, a truncated text and non-canonical base64.
  corpus/history/: row plaintexts (xmpp/history_codec.h): varint(len(body))
    body CBOR-map, for a message and a notice, written by a tiny CBOR encoder.
  corpus/trust/: trust.json files (xmpp/trust_codec.h): an empty and a full
    v1 store (jid and nick entries, verified, pending change), a newer
    version, a non-normalised account and times with offsets/milliseconds.
  corpus/headless/: command lines of `mpenc-chat --headless`
    (app/headless_command.h, docs/headless.md): every command with good
    fields, and bad ids, fields and JSON.
"""
import base64, json, os, subprocess

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

# ---- trust.json (xmpp/trust_codec.h) ----
k1, k2, k3 = (base64.b64encode(bytes([i]) * 32).decode() for i in (1, 2, 3))
def store(entries, fmt='mpenc-trust-v1'):
    return json.dumps({'format': fmt, 'entries': entries}, indent=4).encode()
write('trust', 'empty.json', store([]))
write('trust', 'full.json', store([
    {'account': 'alice@example.com', 'peer': 'bob@example.org', 'kind': 'jid', 'key': k1, 'verified': True,
     'firstSeen': '2026-01-02T03:04:05Z'},
    {'account': 'alice@example.com', 'peer': 'room@muc.example.org/dave', 'kind': 'nick', 'key': k2,
     'verified': False, 'firstSeen': '2026-01-02T03:04:05Z', 'pending': k3, 'changedAt': '2026-02-03T04:05:06Z'},
    {'account': 'alice@example.com', 'peer': 'carol@example.org', 'kind': 'jid', 'key': k3, 'verified': False}]))
write('trust', 'newer.json', store({}, 'mpenc-trust-v2'))
write('trust', 'not-normalised.json', store([
    {'account': 'Alice@Example.com', 'peer': 'bob@example.org', 'kind': 'jid', 'key': k1, 'verified': False}]))
write('trust', 'time-offsets.json', store([
    {'account': 'alice@example.com', 'peer': 'bob@example.org', 'kind': 'jid', 'key': k1, 'verified': False,
     'firstSeen': '2026-01-02T03:04:05.678+02:00', 'pending': k2, 'changedAt': '0001-01-01T00:00:00Z'}]))

# ---- headless command lines (app/headless_command.h) ----
def line(**o):
    return json.dumps(o, ensure_ascii=False).encode() + b'\n'
write('headless', 'connect.json', line(cmd='connect', id='c1', jid='alice@localhost', password='pw',
      host='127.0.0.1', port=5222, tls='disabled-unsafe'))
write('headless', 'join.json', line(cmd='join', id=2, room='room@muc.localhost', nick='alice'))
write('headless', 'send.json', line(cmd='send', id='m1', text='hello wörld ✓'))
write('headless', 'include.json', line(cmd='include', id='i', members=['room@muc.localhost/bob', 'carol']))
write('headless', 'exclude-one.json', line(cmd='exclude', members='bob'))
write('headless', 'verify.json', line(cmd='verify', member='bob', fingerprint='0123abcd ' * 8))
write('headless', 'accept-key.json', line(cmd='accept-key', id=1.5, member='bob'))
for c in ('refresh', 'abort', 'ack', 'consistency', 'part', 'status', 'quit'):
    write('headless', c + '.json', line(cmd=c, id=c))
write('headless', 'bad-id.json', line(cmd='status', id=[1]))
write('headless', 'bad-port.json', line(cmd='connect', jid='a@b', password='', port=70000.5))
write('headless', 'bad-members.json', line(cmd='include', members=[1, 'x']))
write('headless', 'unknown.json', line(cmd='fly', id='x'))
write('headless', 'not-json.txt', b'{"cmd": "send", "text": "\\ud800"')
