#!/usr/bin/python3
"""Checks TrueType subsets against their source fonts with fontTools (Debian's python3-fonttools).

Reads JSON from stdin: a list of {"font": path, "subset": path, "gids": [font glyph id, ...]},
where subset glyph i should be font glyph gids[i]. For each, every table of the subset must
decompile, and each listed glyph must match its source: contours, points, flags, instructions,
bounds, horizontal metrics; a composite's components must name (through the subset's glyph order)
the source's components, with the same offsets and transforms. The hinting tables (cvt, fpgm,
prep) must be the source's bytes. Prints JSON: {"checked": glyphs compared, "problems": [...]}.
Used by test/truetype.system.test.ts.
"""
import json
import sys

from fontTools.ttLib import TTFont


def outline(font, glyph_set_name):
    glyf = font["glyf"]
    g = glyf[glyph_set_name]
    if g.isComposite():
        comps = []
        for c in g.components:
            name = c.glyphName
            comps.append([name, c.x, c.y, getattr(c, "transform", None) and [list(r) for r in c.transform]])
        return {"composite": comps}
    if g.numberOfContours == 0:
        return {"empty": True}
    coords, ends, flags = g.getCoordinates(glyf)
    return {
        "coordinates": [list(p) for p in coords],
        "ends": list(ends),
        "flags": [f & 1 for f in flags],  # on-curve bits (the rest are encoding choices)
        "program": g.program.getBytecode().hex() if hasattr(g, "program") else "",
        "bbox": [g.xMin, g.yMin, g.xMax, g.yMax],
    }


def main():
    cases = json.load(sys.stdin)
    problems = []
    checked = 0
    sources = {}
    for case in cases:
        src = sources.get(case["font"])
        if src is None:
            src = sources[case["font"]] = TTFont(case["font"])
        sub = TTFont(case["subset"])
        for tag in sub.keys():
            if tag != "GlyphOrder":
                sub[tag]  # decompiles, or raises
        src_order = src.getGlyphOrder()
        sub_order = sub.getGlyphOrder()
        for tag in ("cvt ", "fpgm", "prep"):
            if tag in src and src.getTableData(tag) != sub.getTableData(tag):
                problems.append(f"{case['subset']}: table {tag!r} differs from the source")
        # Subset glyph name -> the source glyph name it stands for: the glyphs asked for, then the
        # components the subset added, named by the source composite's components in order (a
        # composite comes before the components it adds).
        source = {}
        for i, gid in enumerate(case["gids"]):
            source[sub_order[i]] = src_order[gid] if gid < len(src_order) else None
        for name in sub_order:
            s_name = source.get(name)
            if s_name is None:
                continue
            g, h = sub["glyf"][name], src["glyf"][s_name]
            if g.isComposite() and h.isComposite() and len(g.components) == len(h.components):
                for c, d in zip(g.components, h.components):
                    if source.setdefault(c.glyphName, d.glyphName) != d.glyphName:
                        problems.append(f"{case['subset']}: {c.glyphName} stands for two source glyphs")
        for i, name in enumerate(sub_order):
            s_name = source.get(name)
            if s_name is None:
                if i < len(case["gids"]):
                    if sub["glyf"][name].numberOfContours != 0:
                        problems.append(f"{case['subset']}: glyph {i} (beyond the font) is not empty")
                    continue
                problems.append(f"{case['subset']}: glyph {i} was added but no composite names it")
                continue
            a, b = outline(src, s_name), outline(sub, name)
            if "composite" in b:
                b = {"composite": [[source.get(n), x, y, t] for n, x, y, t in b["composite"]]}
            if a != b:
                problems.append(f"{case['subset']}: glyph {i} ({s_name}) differs: {json.dumps(a)[:200]} vs {json.dumps(b)[:200]}")
            if src["hmtx"][s_name] != sub["hmtx"][name]:
                problems.append(f"{case['subset']}: metrics of glyph {i} ({s_name}) differ")
            checked += 1
        if sub["maxp"].numGlyphs != len(sub_order) or sub["hhea"].numberOfHMetrics > len(sub_order):
            problems.append(f"{case['subset']}: maxp/hhea counts do not match the glyphs")
    print(json.dumps({"checked": checked, "problems": problems}))


if __name__ == "__main__":
    main()
