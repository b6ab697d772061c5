#!/usr/bin/env python3
"""png-check.py FILE WIDTH HEIGHT: is FILE a real, non-blank PNG of that size?

Decodes the PNG with the standard library only (zlib; 8-bit RGB/RGBA, no
interlace: what QImage::save writes) and prints one line: size and colour
statistics. Exit 0 when the size matches and the picture is not blank (at
least 32 distinct colours, none covering more than 97% of the pixels).
Used by tools/package-test.sh on the screenshot of the installed app.
"""
import struct
import sys
import zlib
from collections import Counter


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG (bad signature)")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    if ihdr is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, ctype, _, _, interlace = ihdr
    channels = {2: 3, 6: 4}.get(ctype)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {ctype}, interlace {interlace})")
    raw = zlib.decompress(idat)
    stride = width * channels
    if len(raw) != height * (stride + 1):
        raise ValueError("truncated image data")
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        bpp = channels
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif f == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xFF
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        elif f != 0:
            raise ValueError(f"bad filter type {f} in row {y}")
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def main():
    if len(sys.argv) != 4:
        print(__doc__.splitlines()[0])
        return 2
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    try:
        width, height, channels, rows = decode(path)
    except (OSError, ValueError, zlib.error) as e:
        print(f"{path}: {e}")
        return 1
    colours = Counter()
    for line in rows:
        for i in range(0, len(line), channels):
            colours[line[i:i + 3]] += 1
    top = colours.most_common(1)[0][1] / (width * height)
    summary = f"{width}x{height}, {len(colours)} colours, the commonest on {top:.0%} of the pixels"
    if (width, height) != (want_w, want_h):
        print(f"{path}: {summary}: expected {want_w}x{want_h}")
        return 1
    if len(colours) < 32 or top > 0.97:
        print(f"{path}: {summary}: looks blank")
        return 1
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
