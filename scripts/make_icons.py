"""Draws the app icons (a card with a chip on the brand blue). Run once; the PNGs are committed."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "app" / "static" / "icons"
BLUE = (0, 23, 193)


def draw(size: int, *, safe_zone: float) -> Image.Image:
    """`safe_zone` shrinks the drawing so maskable crops (a circle of 80%) keep it whole."""
    image = Image.new("RGB", (size, size), BLUE)
    d = ImageDraw.Draw(image)
    inset = size * (1 - safe_zone) / 2
    w = size - 2 * inset
    card = (inset + w * 0.12, inset + w * 0.25, inset + w * 0.88, inset + w * 0.75)
    d.rounded_rectangle(card, radius=w * 0.05, fill=(255, 255, 255))
    chip = (inset + w * 0.2, inset + w * 0.38, inset + w * 0.36, inset + w * 0.52)
    d.rounded_rectangle(
        chip, radius=w * 0.02, fill=(255, 212, 61), outline=(120, 90, 0), width=max(1, size // 128)
    )
    for i, y in enumerate((0.40, 0.48, 0.56)):
        x0 = inset + w * 0.44
        d.rounded_rectangle(
            (x0, inset + w * y, x0 + w * (0.36 - 0.08 * i), inset + w * (y + 0.04)),
            radius=w * 0.01,
            fill=BLUE,
        )
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    draw(192, safe_zone=0.9).save(OUT / "icon-192.png", optimize=True)
    draw(512, safe_zone=0.9).save(OUT / "icon-512.png", optimize=True)
    draw(512, safe_zone=0.7).save(OUT / "maskable-512.png", optimize=True)
    draw(180, safe_zone=0.9).save(OUT / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
