#!/usr/bin/env python3
"""Writes wasm/data/gbk.bin, the GBK code table the page-text reader uses
for fonts with the predefined GBK-EUC-H/V and GB-EUC-H/V CMaps (layout in
wasm/src/text/gbk.h). Made once from Python's GBK codec (Microsoft's code
page 936, which Adobe-GB1's GBK-EUC CMaps follow) and committed; run again
only to check it:  python3 scripts/make_gbk_table.py && git diff --stat."""
import pathlib

out = bytearray()
for lead in range(0x81, 0xFF):
    for trail in range(0x40, 0xFF):
        cp = 0
        if trail != 0x7F:
            try:
                ch = bytes([lead, trail]).decode("gbk")
                if len(ch) == 1 and ord(ch) <= 0xFFFF and not 0xE000 <= ord(ch) <= 0xF8FF:
                    cp = ord(ch)
            except UnicodeDecodeError:
                pass
        out += cp.to_bytes(2, "big")
path = pathlib.Path(__file__).resolve().parent.parent / "wasm" / "data" / "gbk.bin"
path.write_bytes(bytes(out))
print(f"{path}: {len(out)} bytes, {sum(1 for i in range(0, len(out), 2) if out[i] or out[i + 1])} codes")
