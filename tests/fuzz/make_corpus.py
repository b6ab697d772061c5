#!/usr/bin/env python3
"""Regenerate the seed corpora in corpus/<target>/ from the reference vectors.

Usage: python3 tests/fuzz/make_corpus.py [/path/to/shared/vectors]
Seeds: the QUERY packet, the kat ERROR packet, one packet of each greeting
type and one data packet of the 5-member capture, two decrypted plaintexts
(values also pinned in tests/unit/codec_plaintext_test.cpp) and a few bodies,
including the chain-ack-1 extension body (tests/unit/chain_ack_test.cpp).
"""
import base64, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
vec = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', '..', 'shared', 'vectors')
kat = json.load(open(os.path.join(vec, 'mpenc-js-kat.json')))
cap = json.load(open(os.path.join(vec, 'mpenc-js-session-5members.json')))

def write(target, name, data):
    d = os.path.join(here, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)

def frame(b):
    return b'?mpENC:' + base64.b64encode(b) + b'.'

packets = {'query': bytes.fromhex('000100010100020001' '01'),
           'kat-error': bytes.fromhex(kat['error_packet']),
           'kat-upflow-9c': bytes.fromhex(kat['greet_upflow_packet'])}
for p in cap['packets']:
    if 'pubtxt' not in p:
        continue
    name = (p.get('greetType') or 'data').lower()
    if name not in packets:
        packets[name] = base64.b64decode(p['pubtxt'][7:-1], validate=True)
for name, tlv in sorted(packets.items()):
    write('packet', name + '.bin', tlv)
    write('wire', name + '.txt', frame(tlv))

plain = {
    'bob-1parent': '004a00130014195661c8176e2b1b5d5c291f90de9a5f9a97fdbd0014002e005b22626f623a206772c3bcc39f65'
                   '20617573204bc3b66c6e20e2809420e697a5e69cace8aa9e20f09f9880225d' + '00' * 52,
    'alice-2parents': '00550013001412165a88347c02ee1a0b995169300d52243bc29f0013001467bd03f249eb6883c1735ef11321af'
                      '50c6968d5f00140021005b22616c6963652073617720626f7468202874776f20706172656e747329225d' + '00' * 41,
}
for name, h in plain.items():
    write('plaintext', name + '.bin', bytes.fromhex(h))
def padded(t):
    n, size = len(t), 128
    while size < n + 2:
        size *= 2
    return n.to_bytes(2, 'big') + t + bytes(size - n - 2)
def body_record(b):
    return (0x14).to_bytes(2, 'big') + len(b).to_bytes(2, 'big') + b
write('plaintext', 'fin.bin', padded(body_record(b'\x03[true]')))
write('plaintext', 'ack.bin', padded(body_record(b'\x01[false]')))
write('plaintext', 'heartbeat.bin', padded(body_record(b'\x02[]')))
# Extension chain-ack-1 (docs/protocol.md §9.2): packet ID 00..1f, chain hash e0..ff.
chain_ack = b'\x04' + json.dumps([base64.b64encode(bytes(range(32))).decode(),
                                   base64.b64encode(bytes(range(0xe0, 0x100))).decode()],
                                  separators=(',', ':')).encode()
write('plaintext', 'chain-ack.bin', padded(body_record(chain_ack)))
write('plaintext', 'body-escapes.bin', b'\x00 [ "q\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\\ud83d\\ude00\xc3\xa9" ] ')
