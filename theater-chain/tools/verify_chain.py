#!/usr/bin/env python3
"""Re-verifies a Theater for the JVM chain file (theater-chain/README.md) with nothing but the standard library.

Makes every check the Java verifier makes, in the same order: the header; per record the CRC32C of the length
and of the body, the length's bounds, the encoding, the parent link and SHA-256; and the same torn-tail rule.
Prints `OK <n> events head <hex>` or `BAD event <i> at offset <o>: <REASON>: <detail>`; exit status 0 or 1
(2 for a usage error)."""
import hashlib, struct, sys

HEADER, MIN_BODY, MAX_BODY = b'THCHAIN\x01', 32 + 19, 256 << 20
CRC_TABLE = []  # CRC32C (Castagnoli, reflected polynomial 0x82F63B78), as java.util.zip.CRC32C
for i in range(256):
    for _ in range(8):
        i = (i >> 1) ^ 0x82F63B78 if i & 1 else i >> 1
    CRC_TABLE.append(i)

def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = CRC_TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF

def parse(enc):
    """The parent hash (or None) of a canonical encoding; raises ValueError when it is malformed."""
    def need(p, n):
        if len(enc) - p < n: raise ValueError('encoding ends early')
    def skip_bytes(p):  # u32 length, then that many bytes
        need(p, 4)
        n = struct.unpack_from('>I', enc, p)[0]
        if n > len(enc) - p - 4: raise ValueError('a length runs past the end')
        return p + 4 + n
    if enc[0] != 1: raise ValueError('unknown encoding version')
    if enc[1] not in (0, 1): raise ValueError('bad parent flag')
    need(2, 32 * enc[1])
    parent, p = (enc[2:34], 34) if enc[1] else (None, 2)
    p = skip_bytes(skip_bytes(p))  # event type, data
    need(p, 9)
    p, flag = p + 9, enc[p + 8]  # timestamp, description flag
    if flag not in (0, 1): raise ValueError('bad description flag')
    if flag: p = skip_bytes(p)
    if p != len(enc): raise ValueError('trailing bytes after the description')
    return parent

def check_record(buf, pos, prev):
    """(reason, detail) when the record at pos is torn or bad, else (None, its hash)."""
    rest = buf[pos:pos + 12]
    if len(rest) >= 8 and crc32c(rest[:4]) != struct.unpack_from('>I', rest, 4)[0]:
        if buf.count(0, pos) == len(buf) - pos:
            return 'TORN_TAIL', f'the file ends in {len(buf) - pos} zero bytes where this record starts'
        return 'UNREADABLE_RECORD', 'the record length checksum does not match'
    if len(rest) < 12:
        return 'TORN_TAIL', 'the file ends inside the record header'
    n, _, body_crc = struct.unpack_from('>III', buf, pos)
    if not MIN_BODY <= n <= MAX_BODY:
        return 'UNREADABLE_RECORD', f'impossible record length {n}'
    body = buf[pos + 12:pos + 12 + n]
    if len(body) < n:
        return 'TORN_TAIL', f'the record needs {12 + n} bytes but the file ends after {len(buf) - pos}'
    if crc32c(body) != body_crc:
        return 'UNREADABLE_RECORD', 'the record body checksum does not match'
    stored, enc = body[:32], body[32:]
    try:
        parent = parse(enc)
    except ValueError as e:
        return 'UNREADABLE_RECORD', f'malformed event encoding: {e}'
    if parent != prev:
        return 'BROKEN_PARENT_LINK', 'the parent hash is not the previous event\'s hash'
    if hashlib.sha256(enc).digest() != stored:
        return 'HASH_MISMATCH', 'the stored hash is not SHA-256 of the encoding'
    return None, stored

def verify(buf):
    if buf[:8] != HEADER:
        torn = len(buf) < 8 and HEADER.startswith(buf)
        return 'BAD event 0 at offset 0: ' + ('TORN_TAIL: the file ends inside the header' if torn
                                               else 'BAD_HEADER: not a chain file')
    pos, index, prev = 8, 0, None
    while pos < len(buf):
        reason, found = check_record(buf, pos, prev)
        if reason:
            return f'BAD event {index} at offset {pos}: {reason}: {found}'
        prev, pos, index = found, pos + 12 + struct.unpack_from('>I', buf, pos)[0], index + 1
    return f'OK {index} events head {prev.hex() if prev else "-"}'

def verify_file(path):
    with open(path, 'rb') as f:
        return verify(f.read())

def usage_error(message=None):
    print(*[m for m in (message, 'usage: verify_chain.py CHAIN_FILE') if m], sep='\n', file=sys.stderr)
    sys.exit(2)

if __name__ == '__main__':
    if len(sys.argv) != 2:
        usage_error()
    try:
        result = verify_file(sys.argv[1])
    except OSError as e:
        usage_error(f'verify_chain.py: cannot read {sys.argv[1]}: {e.strerror}')
    print(result)
    sys.exit(0 if result.startswith('OK') else 1)
