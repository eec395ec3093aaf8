#!/usr/bin/env bash
# Renders the HTML report of samples/ with headless Chromium and checks the screenshot: the PNG
# exists, has the requested size, and is not blank (enough pixels that are not the page's
# background, in enough colours: the charts and tables were drawn).
#
#   scripts/report-screenshot.sh            check only (the PNG goes to a temporary directory)
#   scripts/report-screenshot.sh --update   also copy it to docs/report-screenshot.png
#
# Needs chromium (apt-get install chromium) and python3. PERFLOG=path/to/perflog to use a given
# binary; otherwise the debug build is made with `swift build`.
set -euo pipefail
cd "$(dirname "$0")/.."
width=1240
height=1900
update=0
[ "${1:-}" = "--update" ] && update=1

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "report-screenshot: chromium is not installed (apt-get install chromium)" >&2
    exit 1
fi
if [ -z "${PERFLOG:-}" ]; then
    swift build -j 1 --product perflog >/dev/null
    PERFLOG="$(swift build --show-bin-path)/perflog"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PERFLOG" report samples/ --html "$work/report.html" --title "perflog report: samples/" 2>/dev/null
# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --user-data-dir="$work/profile" --window-size="$width,$height" \
    --screenshot="$work/report.png" "file://$work/report.html" >/dev/null 2>&1 || true
[ -s "$work/report.png" ] || { echo "report-screenshot: chromium wrote no screenshot" >&2; exit 1; }

python3 - "$work/report.png" "$width" "$height" <<'PY'
import struct, sys, zlib
path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("report-screenshot: not a PNG file")
pos, idat, w = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
if (w, h) != (want_w, want_h):
    sys.exit(f"report-screenshot: the PNG is {w}x{h}, expected {want_w}x{want_h}")
if depth != 8 or ctype not in (2, 6):
    sys.exit(f"report-screenshot: unexpected PNG format (depth {depth}, colour type {ctype})")
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, rows, at = bytearray(stride), [], 0
for _ in range(h):
    f, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
    at += 1 + stride
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line))
    prev = line
background = rows[0][:3]
colours, drawn = set(), 0
for r in rows[::4]:
    for x in range(0, stride, bpp * 4):
        px = r[x:x + 3]
        colours.add(px)
        drawn += px != background
sampled = len(rows[::4]) * len(range(0, stride, bpp * 4))
share = drawn / sampled
if share < 0.05 or len(colours) < 16:
    sys.exit(f"report-screenshot: the page looks blank ({share:.1%} drawn, {len(colours)} colours)")
print(f"report-screenshot: {w}x{h} PNG, {share:.1%} of the page drawn, {len(colours)} colours: ok")
PY
if [ "$update" = 1 ]; then
    cp "$work/report.png" docs/report-screenshot.png
    echo "report-screenshot: docs/report-screenshot.png updated"
fi
