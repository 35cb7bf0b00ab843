#!/usr/bin/env python3
"""Re-verifies a Theater for the JVM chain file (theater-chain/README.md) with nothing but the standard library."""
import hashlib, struct, sys

def verify(path):
    buf = open(path, 'rb').read()
    if buf[:8] != b'THCHAIN\x01':
        return f'BAD event 0 at offset 0: BAD_HEADER'
    pos, index, prev = 8, 0, None
    while pos < len(buf):
        if pos + 12 > len(buf):
            return f'BAD event {index} at offset {pos}: TORN_TAIL'
        n, _len_crc, _body_crc = struct.unpack_from('>III', buf, pos)  # CRC32C checks: optional here
        body = buf[pos + 12:pos + 12 + n]
        if len(body) < n or n < 32 + 19:
            return f'BAD event {index} at offset {pos}: TORN_TAIL or UNREADABLE_RECORD'
        stored, canonical = body[:32], body[32:]
        parent = canonical[2:34] if canonical[1] == 1 else None   # byte 0 = version 1, byte 1 = has parent
        if canonical[0] != 1 or parent != prev:
            return f'BAD event {index} at offset {pos}: BROKEN_PARENT_LINK'
        if hashlib.sha256(canonical).digest() != stored:
            return f'BAD event {index} at offset {pos}: HASH_MISMATCH'
        prev, pos, index = stored, pos + 12 + n, index + 1
    return f'OK {index} events head {prev.hex() if prev else "-"}'

if __name__ == '__main__':
    result = verify(sys.argv[1])
    print(result)
    sys.exit(0 if result.startswith('OK') else 1)
