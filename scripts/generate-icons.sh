#!/usr/bin/env sh
# Rasterises app/icon.svg into the PWA's icons under public/icons (committed; run again only when
# the icon changes). Needs rsvg-convert (Debian: apt-get install librsvg2-bin).
set -eu
cd "$(dirname "$0")/.."
out=public/icons
mkdir -p "$out"
glyph='<path d="M14 32 32 16l18 16v16a2 2 0 0 1-2 2H38V38H26v12H16a2 2 0 0 1-2-2z" fill="#fff"/><path d="m32 22 1.9 3.9 4.3.6-3.1 3 .7 4.3-3.8-2-3.8 2 .7-4.3-3.1-3 4.3-.6z" fill="#f4c542"/>'
tmp=$(mktemp -d)
# Full bleed for masks and iOS (they cut their own shape); the glyph kept inside the 80% safe zone.
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#c8161d"/><g transform="translate(32 33) scale(.78) translate(-32 -33)">%s</g></svg>' "$glyph" > "$tmp/full.svg"
# Android's status-bar badge: white on transparent, the shape alone.
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><path d="M14 32 32 16l18 16v16a2 2 0 0 1-2 2H38V38H26v12H16a2 2 0 0 1-2-2z" fill="#fff"/></svg>' > "$tmp/badge.svg"
for size in 16 32 48 192 512; do rsvg-convert -w "$size" -h "$size" app/icon.svg -o "$out/icon-$size.png"; done
rsvg-convert -w 512 -h 512 "$tmp/full.svg" -o "$out/icon-maskable-512.png"
rsvg-convert -w 192 -h 192 "$tmp/full.svg" -o "$out/icon-maskable-192.png"
rsvg-convert -w 180 -h 180 "$tmp/full.svg" -o "$out/apple-touch-icon.png"
rsvg-convert -w 96 -h 96 "$tmp/badge.svg" -o "$out/badge-96.png"
rm -r "$tmp"
