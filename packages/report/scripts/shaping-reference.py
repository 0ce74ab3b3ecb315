#!/usr/bin/python3
"""Writes test/fixtures/arabic-shaping.json: how HarfBuzz (Debian libharfbuzz-bin's hb-shape)
shapes Arabic, Persian and Urdu text with DejaVu Sans (the font's own GSUB tables), as glyph ids in
reading order, and the joining type of every letter @ds/report shapes, from Unicode's
ArabicShaping.txt (Debian unicode-data); and test/fixtures/complex-shaping.json: glyph ids,
advances and offsets (font units, reading order) HarfBuzz gives for N'Ko and Lao with DejaVu Sans
and for Devanagari and Bengali with Noto Sans (Debian fonts-noto-core 20201225).
Run from packages/report: /usr/bin/python3 scripts/shaping-reference.py
"""
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT.parent.parent / "node_modules" / "dejavu-fonts-ttf" / "ttf" / "DejaVuSans.ttf"
TEXTS = [
    "سلام",
    "السلام عليكم",
    "مرحبا بالعالم",
    "لا إله إلا الله",
    "الأرض لآلئ الإسلام",
    "بيت",
    "ب",
    "كتب الطالب كتابا",
    "محمد",
    "مُحَمَّد",
    "عَرَبِيّ",
    "ـبـ",
    "فارسی: پدر، چای، ژاله، گل، کتاب، یک",
    "اردو: ہے، کی",
    "ء آ أ ؤ إ ئ ا ب ة ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ى ي",
    "بب تت ثث جج حح خخ سس شش صص ضض طط ظظ عع غغ فف قق كك لل مم نن هه يي ئئ",
    "رب دب وب زب",
    "نص\u200cعربي",
    "نص\u200dعربي",
    "العدد ١٢٣ و 456",
]

def shape(text):
    out = subprocess.run(
        ["hb-shape", "--no-glyph-names", "--no-positions", "--no-clusters", "--direction=rtl", str(FONT), text],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    gids = [int(g) for g in out.strip("[]").split("|")]
    return list(reversed(gids))  # hb-shape lists right-to-left runs in visual order

joining = {}
for line in Path("/usr/share/unicode/ArabicShaping.txt").read_text().splitlines():
    if not line or line.startswith("#"):
        continue
    cp, _name, jt, _group = [f.strip() for f in line.split(";")]
    joining[cp] = jt

NOTO = Path("/usr/share/fonts/truetype/noto")
COMPLEX = [
    (FONT, "DejaVuSans.ttf", "ߒߞߏ ߞߊ߲"),
    (FONT, "DejaVuSans.ttf", "ߓߊ߯ߙߊ ߡߊ߬ ߞߍ߫"),
    (FONT, "DejaVuSans.ttf", "ສະບາຍດີ"),
    (FONT, "DejaVuSans.ttf", "ພາສາລາວ ເປັນ"),
    (NOTO / "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Regular.ttf", "नमस्ते"),
    (NOTO / "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Regular.ttf", "क्षत्रिय"),
    (NOTO / "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Regular.ttf", "हिन्दी"),
    (NOTO / "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Regular.ttf", "प्रार्थना"),
    (NOTO / "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Regular.ttf", "कि"),
    (NOTO / "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Regular.ttf", "ब्याज दर"),
    (NOTO / "NotoSansBengali-Regular.ttf", "NotoSansBengali-Regular.ttf", "বাংলা ভাষা"),
    (NOTO / "NotoSansBengali-Regular.ttf", "NotoSansBengali-Regular.ttf", "ক্ষমা"),
]

def shape_positions(path, text):
    rtl = ord(text[0]) < 0x0900
    out = subprocess.run(
        ["hb-shape", "--no-glyph-names", "--output-format=json", "--direction=" + ("rtl" if rtl else "ltr"), str(path), text],
        check=True, capture_output=True, text=True,
    ).stdout
    glyphs = [[g["g"], g["ax"], g["dx"], g["dy"]] for g in json.loads(out)]
    return rtl, list(reversed(glyphs)) if rtl else glyphs

complex_cases = []
for path, name, text in COMPLEX:
    rtl, glyphs = shape_positions(path, text)
    complex_cases.append({"font": name, "text": text, "rtl": rtl, "glyphs": glyphs})

version = subprocess.run(["hb-shape", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
out = ROOT / "test" / "fixtures" / "arabic-shaping.json"
out.write_text(json.dumps({
    "source": "%s with DejaVu Sans 2.37 (dejavu-fonts-ttf); joining types from ArabicShaping.txt (Debian unicode-data 15.0)" % version,
    "cases": [{"text": t, "gids": shape(t)} for t in TEXTS],
    "joining": joining,
}, ensure_ascii=False, separators=(",", ":")).replace('},{', '},\n{') + "\n")
print("wrote", out)
out = ROOT / "test" / "fixtures" / "complex-shaping.json"
out.write_text(json.dumps({
    "source": "%s; DejaVu Sans 2.37 (dejavu-fonts-ttf), Noto Sans Devanagari and Bengali (Debian fonts-noto-core 20201225-1)" % version,
    "fields": "glyphs: [glyph id, x advance, x offset, y offset] in font units, in reading order",
    "cases": complex_cases,
}, ensure_ascii=False, separators=(",", ":")).replace('},{', '},\n{') + "\n")
print("wrote", out)
