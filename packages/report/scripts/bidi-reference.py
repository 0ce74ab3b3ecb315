#!/usr/bin/python3
"""Writes test/fixtures/bidi-character-test.json: every 40th case of Unicode's BidiCharacterTest.txt
(the conformance test of UAX #9 through rule L2: resolved levels and the visual order of each line)
from Debian's unicode-data package. Run: /usr/bin/python3 scripts/bidi-reference.py
"""
import json
from pathlib import Path

SOURCE = Path("/usr/share/unicode/BidiCharacterTest.txt")
header = next(line for line in SOURCE.read_text().splitlines() if line.startswith("# BidiCharacterTest-"))
cases = []
lines = [line for line in SOURCE.read_text().splitlines() if line and not line.startswith("#")]
for i, line in enumerate(lines):
    if i % 40:
        continue
    text, direction, level, levels, order = line.split(";")
    cases.append({
        "text": text,
        "direction": ["ltr", "rtl", "auto"][int(direction)],
        "level": int(level),
        "levels": levels,
        "order": order,
    })
out = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "bidi-character-test.json"
out.write_text(json.dumps({
    "source": "%s (Debian unicode-data), every 40th of its %d cases" % (header[2:], len(lines)),
    "fields": "text: code points; direction of the paragraph; level: its resolved level; levels: per character (x: removed by rule X9); order: the visual order of the characters not removed",
    "cases": cases,
}, ensure_ascii=False, separators=(",", ":")).replace('},{', '},\n{') + "\n")
print("wrote", out, len(cases), "cases")
