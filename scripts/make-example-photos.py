#!/usr/bin/env python3
"""Regenerate the example photos and partner logos of the rapor example site.

The example site in content/ needs images, but real photographs of a detention
centre would show people and places that must not be published. This script
draws simple illustrations instead (no faces, no people, no text in the photos)
and writes them where the content files expect them:

    content/trainings/barbershop-2025/barbershop-{1,2,3}.jpg
    content/trainings/meubel-2025/meubel-{1,2,3}.jpg
    content/stories/rutan-ruteng-gandeng-mitra/cover.jpg
    content/partners/skb-randong.png
    content/partners/elite-jaya-meubel.png

Some photos deliberately carry camera-like metadata, because rapor's tests use
them to check that published images are cleaned:

  * barbershop-1.jpg, meubel-1.jpg and cover.jpg carry EXIF GPS tags near
    Ruteng (about -8.61, 120.46) and a DateTimeOriginal; the public site must
    strip them.
  * meubel-2.jpg is stored rotated, with EXIF Orientation = 6 ("rotate 90
    degrees clockwise to view"): its pixels are 1067x1600, and a correct viewer
    shows it upright as 1600x1067 (sky at the top, floor at the bottom).

The output is deterministic: a fixed random seed per image, no clock. Run it
from anywhere (it finds content/ beside scripts/):

    pip install pillow
    python3 scripts/make-example-photos.py
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from PIL.ExifTags import GPS, IFD, Base
from PIL.TiffImagePlugin import IFDRational

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

PHOTO_W, PHOTO_H = 1600, 1067
COVER_W, COVER_H = 1600, 900
SS = 2  # supersampling factor: draw at twice the size, then downscale (smooth edges)


# --------------------------------------------------------------------------
# Drawing helpers
# --------------------------------------------------------------------------

def lerp(a, b, t):
    return a + (b - a) * t


def mix(c1, c2, t):
    return tuple(int(round(lerp(x, y, t))) for x, y in zip(c1, c2))


def vgradient(size, top, bottom):
    """A vertical gradient image."""
    w, h = size
    col = Image.new("RGB", (1, h))
    px = col.load()
    for y in range(h):
        px[0, y] = mix(top, bottom, y / max(1, h - 1))
    return col.resize((w, h))


def paste_gradient(img, box, top, bottom):
    x0, y0, x1, y1 = [int(v) for v in box]
    img.paste(vgradient((x1 - x0, y1 - y0), top, bottom), (x0, y0))


def shadow(img, box, radius=30, offset=(0, 18), strength=90, ellipse=True):
    """Soft shadow under an object: a blurred dark shape composited on img."""
    w, h = img.size
    mask = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(mask)
    x0, y0, x1, y1 = box
    b = (x0 + offset[0], y0 + offset[1], x1 + offset[0], y1 + offset[1])
    if ellipse:
        d.ellipse(b, fill=strength)
    else:
        d.rectangle(b, fill=strength)
    mask = mask.filter(ImageFilter.GaussianBlur(radius))
    img.paste((0, 0, 0), (0, 0), mask)


def light_grain(img, rng, amount=6, step=8):
    """A faint, seeded texture so flat areas look less synthetic."""
    w, h = img.size
    tex = Image.new("L", (w // step + 1, h // step + 1), 128)
    px = tex.load()
    for y in range(tex.size[1]):
        for x in range(tex.size[0]):
            px[x, y] = 128 + rng.randint(-amount, amount)
    tex = tex.resize((w, h), Image.BILINEAR)
    overlay = Image.merge("RGB", (tex, tex, tex))
    return Image.blend(img, overlay, 0.04)


def rounded(d, box, r, fill, outline=None, width=1):
    d.rounded_rectangle(box, radius=r, fill=fill, outline=outline, width=width)


def wood_plank(d, box, base, rng, grain=7):
    x0, y0, x1, y1 = box
    d.rectangle(box, fill=base)
    dark = mix(base, (60, 35, 15), 0.35)
    h = y1 - y0
    for i in range(grain):
        y = y0 + h * (i + 0.5) / grain + rng.uniform(-h / grain / 4, h / grain / 4)
        pts = []
        for k in range(0, 21):
            x = x0 + (x1 - x0) * k / 20
            pts.append((x, y + math.sin(k * 0.7 + i) * h * 0.02))
        d.line(pts, fill=dark, width=max(1, int(h * 0.015)))
    d.rectangle(box, outline=mix(base, (40, 20, 5), 0.5), width=max(2, int(h * 0.03)))


# --------------------------------------------------------------------------
# Objects
# --------------------------------------------------------------------------

def draw_scissors(d, cx, cy, scale, angle_deg, blade=(205, 210, 218), handle=(200, 40, 50)):
    """Open scissors, centred at the pivot."""
    def rot(x, y):
        a = math.radians(angle_deg)
        return (cx + (x * math.cos(a) - y * math.sin(a)) * scale,
                cy + (x * math.sin(a) + y * math.cos(a)) * scale)

    for side in (-1, 1):
        # blade: a long thin triangle from pivot outwards
        tip = rot(260, side * 55)
        base1 = rot(-10, side * 5 - 14)
        base2 = rot(-10, side * 5 + 14)
        d.polygon([base1, tip, base2], fill=blade, outline=(120, 125, 135))
        # shank and ring handle
        d.line([rot(-10, 0), rot(-90, -side * 45)], fill=handle, width=int(16 * scale))
        hx, hy = rot(-130, -side * 65)
        r = 42 * scale
        d.ellipse((hx - r, hy - r, hx + r, hy + r), outline=handle, width=int(15 * scale))
    px, py = rot(0, 0)
    r = 9 * scale
    d.ellipse((px - r, py - r, px + r, py + r), fill=(90, 95, 105))


def draw_comb(d, x, y, w, h, color=(30, 30, 35)):
    d.rounded_rectangle((x, y, x + w, y + h * 0.35), radius=h * 0.12, fill=color)
    teeth = int(w / (h * 0.09))
    for i in range(teeth):
        tx = x + w * (i + 0.5) / teeth
        d.rectangle((tx - h * 0.02, y + h * 0.3, tx + h * 0.02, y + h), fill=color)


def draw_clipper(d, x, y, w, h, body=(45, 50, 60), accent=(200, 150, 40)):
    """Hair clipper seen from above; head at the top."""
    d.rounded_rectangle((x, y + h * 0.12, x + w, y + h), radius=w * 0.35, fill=body)
    d.rounded_rectangle((x + w * 0.2, y + h * 0.45, x + w * 0.8, y + h * 0.55),
                        radius=w * 0.05, fill=accent)
    # blade head with teeth
    d.rectangle((x - w * 0.05, y, x + w * 1.05, y + h * 0.14), fill=(190, 195, 200))
    n = 18
    for i in range(n):
        tx = x - w * 0.05 + (w * 1.1) * (i + 0.5) / n
        d.polygon([(tx - w * 0.025, y), (tx + w * 0.025, y), (tx, y - h * 0.04)],
                  fill=(170, 175, 182))
    # cable
    d.line([(x + w / 2, y + h), (x + w / 2, y + h * 1.15), (x + w * 1.4, y + h * 1.3)],
           fill=(30, 30, 30), width=int(w * 0.06), joint="curve")


def draw_barber_chair(d, img, cx, floor_y, s):
    """A barber chair facing the viewer: seat, back, armrests, chrome column."""
    shadow(img, (cx - 260 * s, floor_y - 40 * s, cx + 260 * s, floor_y + 30 * s), radius=int(30 * s))
    chrome = (200, 205, 212)
    chrome_dark = (130, 135, 145)
    leather = (150, 30, 38)
    leather_hi = (190, 55, 60)
    # base plate and column
    d.ellipse((cx - 200 * s, floor_y - 40 * s, cx + 200 * s, floor_y + 20 * s), fill=chrome_dark)
    d.ellipse((cx - 190 * s, floor_y - 48 * s, cx + 190 * s, floor_y + 8 * s), fill=chrome)
    d.rectangle((cx - 40 * s, floor_y - 300 * s, cx + 40 * s, floor_y - 25 * s), fill=chrome)
    d.rectangle((cx - 40 * s, floor_y - 300 * s, cx - 20 * s, floor_y - 25 * s), fill=(235, 238, 242))
    # footrest
    d.rounded_rectangle((cx - 150 * s, floor_y - 150 * s, cx + 150 * s, floor_y - 120 * s),
                        radius=12 * s, fill=chrome_dark)
    # seat
    d.rounded_rectangle((cx - 230 * s, floor_y - 400 * s, cx + 230 * s, floor_y - 290 * s),
                        radius=40 * s, fill=leather)
    d.rounded_rectangle((cx - 210 * s, floor_y - 395 * s, cx + 210 * s, floor_y - 360 * s),
                        radius=20 * s, fill=leather_hi)
    # back
    d.rounded_rectangle((cx - 200 * s, floor_y - 800 * s, cx + 200 * s, floor_y - 380 * s),
                        radius=60 * s, fill=leather)
    d.rounded_rectangle((cx - 170 * s, floor_y - 770 * s, cx - 110 * s, floor_y - 420 * s),
                        radius=25 * s, fill=leather_hi)
    # headrest
    d.rounded_rectangle((cx - 110 * s, floor_y - 900 * s, cx + 110 * s, floor_y - 810 * s),
                        radius=40 * s, fill=leather)
    d.rectangle((cx - 15 * s, floor_y - 815 * s, cx + 15 * s, floor_y - 795 * s), fill=chrome)
    # armrests
    for side in (-1, 1):
        x_out = cx + side * 290 * s
        x_in = cx + side * 200 * s
        d.rounded_rectangle((min(x_out, x_in), floor_y - 520 * s, max(x_out, x_in), floor_y - 470 * s),
                            radius=20 * s, fill=(60, 45, 40))
        d.rectangle((min(x_out, x_in) + 30 * s, floor_y - 470 * s, max(x_out, x_in) - 30 * s, floor_y - 380 * s),
                    fill=chrome)


def draw_barber_pole(d, x, y, w, h):
    d.rounded_rectangle((x - w * 0.15, y - w * 0.3, x + w * 1.15, y), radius=w * 0.15, fill=(200, 205, 212))
    d.rounded_rectangle((x - w * 0.15, y + h, x + w * 1.15, y + h + w * 0.3), radius=w * 0.15, fill=(200, 205, 212))
    d.rectangle((x, y, x + w, y + h), fill=(245, 245, 245))
    stripes = 7
    colors = [(200, 35, 45), (30, 70, 160)]
    for i in range(stripes * 2):
        y0 = y + h * (i - 1) / stripes
        c = colors[i % 2]
        poly = [(x, y0), (x + w, y0 - h / stripes * 0.6), (x + w, y0 - h / stripes * 0.6 + h / stripes * 0.35),
                (x, y0 + h / stripes * 0.35)]
        poly = [(px_, min(max(py_, y), y + h)) for px_, py_ in poly]
        d.polygon(poly, fill=c)


def draw_wood_chair(d, img, cx, floor_y, s, wood=(166, 110, 60)):
    """A simple wooden chair in three-quarter view."""
    dark = mix(wood, (50, 25, 10), 0.35)
    shadow(img, (cx - 230 * s, floor_y - 30 * s, cx + 260 * s, floor_y + 30 * s), radius=int(25 * s))
    leg = 26 * s
    # back legs (taller, they carry the backrest)
    for x in (cx - 150 * s, cx + 170 * s):
        d.rectangle((x, floor_y - 800 * s, x + leg, floor_y - 40 * s), fill=dark)
    # backrest slats
    for i in range(3):
        y = floor_y - (760 - i * 110) * s
        d.rectangle((cx - 150 * s, y, cx + 170 * s + leg, y + 55 * s), fill=wood)
        d.line([(cx - 150 * s, y + 55 * s), (cx + 170 * s + leg, y + 55 * s)], fill=dark, width=int(4 * s))
    # seat (parallelogram for perspective)
    seat = [(cx - 230 * s, floor_y - 380 * s), (cx + 200 * s, floor_y - 380 * s),
            (cx + 250 * s, floor_y - 330 * s), (cx - 180 * s, floor_y - 330 * s)]
    d.polygon(seat, fill=mix(wood, (255, 230, 190), 0.15))
    d.rectangle((cx - 180 * s, floor_y - 330 * s, cx + 250 * s, floor_y - 295 * s), fill=wood)
    # front legs
    for x in (cx - 180 * s, cx + 250 * s - leg):
        d.rectangle((x, floor_y - 300 * s, x + leg, floor_y), fill=wood)
    # stretcher
    d.rectangle((cx - 180 * s, floor_y - 140 * s, cx + 250 * s, floor_y - 118 * s), fill=dark)


def draw_table(d, img, x0, floor_y, w, h, s, wood=(140, 88, 45)):
    shadow(img, (x0 - 20 * s, floor_y - 25 * s, x0 + w + 40 * s, floor_y + 25 * s), radius=int(25 * s))
    top = mix(wood, (255, 225, 180), 0.18)
    d.polygon([(x0, floor_y - h), (x0 + w, floor_y - h), (x0 + w + 50 * s, floor_y - h + 40 * s),
               (x0 + 50 * s, floor_y - h + 40 * s)], fill=top)
    d.rectangle((x0 + 50 * s, floor_y - h + 40 * s, x0 + w + 50 * s, floor_y - h + 80 * s), fill=wood)
    leg = 30 * s
    for x in (x0 + 70 * s, x0 + w + 20 * s - leg):
        d.rectangle((x, floor_y - h + 80 * s, x + leg, floor_y), fill=mix(wood, (40, 20, 5), 0.3))


def draw_shelf(d, img, x0, floor_y, w, h, s, rng, wood=(176, 122, 70)):
    shadow(img, (x0 - 20 * s, floor_y - 20 * s, x0 + w + 20 * s, floor_y + 25 * s), radius=int(25 * s), ellipse=False)
    dark = mix(wood, (50, 25, 10), 0.4)
    d.rectangle((x0, floor_y - h, x0 + w, floor_y), fill=dark)
    t = 24 * s
    d.rectangle((x0, floor_y - h, x0 + t, floor_y), fill=wood)
    d.rectangle((x0 + w - t, floor_y - h, x0 + w, floor_y), fill=wood)
    levels = 4
    for i in range(levels + 1):
        y = floor_y - h + (h - t) * i / levels
        d.rectangle((x0, y, x0 + w, y + t), fill=wood)
        if i < levels:
            # a few upright blocks on the shelf, like books or jars
            x = x0 + t + 10 * s
            while x < x0 + w - t - 60 * s:
                bw = rng.randint(25, 55) * s
                bh = rng.uniform(0.45, 0.85) * (h - t) / levels
                c = rng.choice([(70, 110, 140), (190, 150, 60), (120, 70, 60), (90, 130, 90), (220, 215, 200)])
                if rng.random() < 0.8:
                    d.rectangle((x, y + (h - t) / levels - bh + t, x + bw, y + (h - t) / levels + t - 2), fill=c)
                x += bw + rng.randint(4, 30) * s


def draw_saw(d, x, y, length, s):
    d.polygon([(x, y), (x + length, y + 20 * s), (x + length, y + 70 * s), (x, y + 120 * s)],
              fill=(190, 195, 202))
    teeth = 22
    for i in range(teeth):
        tx = x + length * i / teeth
        ty = y + 120 * s - (50 * s) * i / teeth
        d.polygon([(tx, ty), (tx + length / teeth, ty - 50 * s / teeth), (tx + length / teeth / 2, ty + 12 * s)],
                  fill=(160, 165, 172))
    d.rounded_rectangle((x - 110 * s, y - 10 * s, x + 10 * s, y + 130 * s), radius=30 * s, fill=(150, 60, 30))
    d.rounded_rectangle((x - 80 * s, y + 25 * s, x - 20 * s, y + 95 * s), radius=20 * s, fill=(70, 60, 55))


def draw_hammer(d, x, y, s):
    d.rounded_rectangle((x, y, x + 30 * s, y + 260 * s), radius=10 * s, fill=(150, 95, 45))
    d.rounded_rectangle((x - 60 * s, y - 40 * s, x + 90 * s, y + 15 * s), radius=8 * s, fill=(80, 85, 95))


# --------------------------------------------------------------------------
# Scenes
# --------------------------------------------------------------------------

def scene_barbershop_chair(rng):
    """barbershop-1: barber chair in front of a mirror, barber pole, scissors on a shelf."""
    W, H = PHOTO_W * SS, PHOTO_H * SS
    s = SS * 0.75
    img = vgradient((W, H), (64, 120, 128), (36, 80, 88))
    d = ImageDraw.Draw(img)
    floor_y = int(H * 0.74)
    # floor: checkerboard with perspective-ish rows
    paste_gradient(img, (0, floor_y, W, H), (225, 222, 214), (180, 176, 168))
    rows = 6
    for r in range(rows):
        y0 = floor_y + (H - floor_y) * (r / rows) ** 1.3
        y1 = floor_y + (H - floor_y) * ((r + 1) / rows) ** 1.3
        n = 10
        for c in range(n):
            if (r + c) % 2 == 0:
                d.rectangle((W * c / n, y0, W * (c + 1) / n, y1), fill=(40, 42, 48))
    d.rectangle((0, floor_y - 12, W, floor_y), fill=(30, 60, 66))
    # mirror
    mx0, my0, mx1, my1 = W * 0.27, H * 0.10, W * 0.73, H * 0.58
    d.rounded_rectangle((mx0 - 24, my0 - 24, mx1 + 24, my1 + 24), radius=40, fill=(120, 85, 50))
    paste_gradient(img, (mx0, my0, mx1, my1), (200, 222, 228), (150, 180, 190))
    d = ImageDraw.Draw(img)
    for k, a in ((0, 0.35), (1, 0.22)):
        off = k * 90
        d.polygon([(mx0 + 80 + off, my1), (mx0 + 260 + off, my0), (mx0 + 330 + off, my0),
                   (mx0 + 150 + off, my1)], fill=mix((200, 222, 228), (255, 255, 255), a))
    # counter shelf under the mirror with tools
    d.rectangle((W * 0.2, H * 0.60, W * 0.8, H * 0.635), fill=(235, 232, 225))
    d.rectangle((W * 0.2, H * 0.635, W * 0.8, H * 0.65), fill=(170, 165, 158))
    draw_scissors(d, W * 0.33, H * 0.585, SS * 0.45, 172)
    draw_comb(d, W * 0.63, H * 0.565, W * 0.09, H * 0.035)
    d.rounded_rectangle((W * 0.74, H * 0.44, W * 0.77, H * 0.60), radius=12, fill=(40, 140, 170))
    d.rounded_rectangle((W * 0.745, H * 0.41, W * 0.765, H * 0.445), radius=6, fill=(230, 230, 230))
    # barber pole on the wall, left
    draw_barber_pole(d, W * 0.09, H * 0.16, W * 0.05, H * 0.36)
    # chair
    draw_barber_chair(d, img, W * 0.5, H * 0.93, s * 1.05)
    d = ImageDraw.Draw(img)
    # hanging lamp
    d.line([(W * 0.88, 0), (W * 0.88, H * 0.12)], fill=(30, 30, 30), width=6)
    d.pieslice((W * 0.83, H * 0.09, W * 0.93, H * 0.21), 180, 360, fill=(240, 200, 90))
    return finish(img, rng)


def scene_barbershop_tray(rng):
    """barbershop-2: top-down view of a practice table with the barber's tools."""
    W, H = PHOTO_W * SS, PHOTO_H * SS
    img = vgradient((W, H), (150, 104, 66), (122, 82, 50))
    d = ImageDraw.Draw(img)
    # table wood grain
    for i in range(40):
        y = H * i / 40 + rng.uniform(-8, 8)
        d.line([(0, y), (W, y + rng.uniform(-20, 20))], fill=mix((150, 104, 66), (95, 60, 32), rng.uniform(0.2, 0.5)),
               width=rng.randint(2, 6))
    # towel
    shadow(img, (W * 0.08, H * 0.12, W * 0.55, H * 0.88), radius=40, ellipse=False, strength=70)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((W * 0.08, H * 0.12, W * 0.55, H * 0.88), radius=30, fill=(236, 238, 240))
    for i in range(1, 12):
        x = W * 0.08 + (W * 0.47) * i / 12
        d.line([(x, H * 0.12), (x, H * 0.88)], fill=(222, 225, 230), width=5)
    d.rectangle((W * 0.08, H * 0.78, W * 0.55, H * 0.82), fill=(60, 120, 170))
    # tools on the towel
    draw_scissors(d, W * 0.24, H * 0.35, SS * 0.9, 20)
    draw_comb(d, W * 0.14, H * 0.58, W * 0.3, H * 0.08)
    draw_clipper(d, W * 0.66, H * 0.22, W * 0.09, H * 0.45)
    # spray bottle (top view = circle with nozzle)
    cx, cy, r = W * 0.84, H * 0.30, H * 0.09
    shadow(img, (cx - r, cy - r, cx + r, cy + r), radius=25)
    d = ImageDraw.Draw(img)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(60, 150, 190))
    d.ellipse((cx - r * 0.55, cy - r * 0.55, cx + r * 0.55, cy + r * 0.55), fill=(235, 235, 235))
    d.rectangle((cx - r * 0.12, cy - r * 1.3, cx + r * 0.12, cy - r * 0.5), fill=(235, 235, 235))
    # neck brush
    bx, by = W * 0.80, H * 0.62
    d.rounded_rectangle((bx, by, bx + W * 0.035, by + H * 0.22), radius=20, fill=(40, 40, 45))
    d.ellipse((bx - W * 0.03, by + H * 0.18, bx + W * 0.065, by + H * 0.33), fill=(210, 180, 140))
    # cape folded
    d.rounded_rectangle((W * 0.6, H * 0.72, W * 0.76, H * 0.95), radius=20, fill=(30, 30, 34))
    return finish(img, rng)


def scene_clipper_closeup(rng):
    """barbershop-3 (internal): close-up of a clipper head on a towel."""
    W, H = PHOTO_W * SS, PHOTO_H * SS
    img = vgradient((W, H), (230, 232, 236), (200, 204, 210))
    d = ImageDraw.Draw(img)
    for i in range(0, 60):
        x = W * i / 60
        d.line([(x, 0), (x + 40, H)], fill=(216, 219, 224), width=8)
    shadow(img, (W * 0.33, H * 0.25, W * 0.67, H * 1.05), radius=30, offset=(24, 24), strength=70, ellipse=False)
    d = ImageDraw.Draw(img)
    draw_clipper(d, W * 0.33, H * 0.22, W * 0.34, H * 0.9)
    # cut hair wisps near the blade (dark short strokes)
    for _ in range(140):
        x = W * 0.25 + rng.random() * W * 0.5
        y = H * 0.05 + rng.random() * H * 0.2
        a = rng.uniform(0, math.pi)
        ln = rng.uniform(15, 45)
        d.line([(x, y), (x + math.cos(a) * ln, y + math.sin(a) * ln)], fill=(35, 30, 28), width=3)
    return finish(img.filter(ImageFilter.GaussianBlur(1.2)), rng)


def workshop_background(W, H, rng):
    img = vgradient((W, H), (214, 196, 170), (188, 168, 140))
    d = ImageDraw.Draw(img)
    floor_y = int(H * 0.72)
    paste_gradient(img, (0, floor_y, W, H), (150, 140, 126), (118, 108, 96))
    d = ImageDraw.Draw(img)
    d.rectangle((0, floor_y - 10, W, floor_y), fill=(110, 92, 70))
    # sawdust specks on the floor
    for _ in range(500):
        x, y = rng.random() * W, floor_y + rng.random() * (H - floor_y)
        r = rng.uniform(2, 6)
        d.ellipse((x - r, y - r * 0.5, x + r, y + r * 0.5), fill=(205, 175, 130))
    return img, d, floor_y


def scene_meubel_chair(rng):
    """meubel-1: a finished wooden chair, stacked planks, tools on a pegboard."""
    W, H = PHOTO_W * SS, PHOTO_H * SS
    img, d, floor_y = workshop_background(W, H, rng)
    # pegboard with tools
    pb = (W * 0.05, H * 0.08, W * 0.45, H * 0.5)
    d.rectangle(pb, fill=(196, 160, 112))
    for i in range(20):
        for j in range(11):
            x = pb[0] + (pb[2] - pb[0]) * (i + 0.5) / 20
            y = pb[1] + (pb[3] - pb[1]) * (j + 0.5) / 11
            d.ellipse((x - 4, y - 4, x + 4, y + 4), fill=(150, 118, 80))
    draw_saw(d, W * 0.12, H * 0.14, W * 0.2, SS)
    draw_hammer(d, W * 0.38, H * 0.2, SS * 0.9)
    d.rectangle((W * 0.10, H * 0.38, W * 0.30, H * 0.41), fill=(230, 200, 60))  # spirit level
    d.ellipse((W * 0.19, H * 0.385, W * 0.21, H * 0.405), fill=(120, 200, 120))
    # stacked planks, right
    for i in range(7):
        y1 = floor_y + 30 - i * 60
        x0 = W * 0.62 + rng.uniform(-30, 30)
        wood_plank(d, (x0, y1 - 55, x0 + W * 0.34, y1), mix((196, 140, 80), (150, 95, 50), i / 7), rng)
    # chair, centre-left in front
    draw_wood_chair(d, img, W * 0.42, H * 0.94, SS * 0.95)
    return finish(img, rng)


def scene_meubel_bench(rng):
    """meubel-2 (stored rotated): workbench with a shelf under a window; clearly upright."""
    W, H = PHOTO_W * SS, PHOTO_H * SS
    img, d, floor_y = workshop_background(W, H, rng)
    # window with sky at the top (so the upright orientation is obvious)
    wx0, wy0, wx1, wy1 = W * 0.12, H * 0.06, W * 0.52, H * 0.40
    paste_gradient(img, (wx0, wy0, wx1, wy1), (110, 170, 230), (200, 225, 245))
    d = ImageDraw.Draw(img)
    # distant Flores hills in the window
    pts = [(wx0, wy1)]
    for k in range(0, 41):
        x = wx0 + (wx1 - wx0) * k / 40
        pts.append((x, wy1 - (wy1 - wy0) * (0.25 + 0.18 * math.sin(k * 0.35) + 0.06 * math.sin(k * 1.3))))
    pts.append((wx1, wy1))
    d.polygon(pts, fill=(70, 125, 80))
    d.ellipse((wx1 - 170, wy0 + 40, wx1 - 80, wy0 + 130), fill=(255, 236, 170))
    d.rectangle((wx0 - 20, wy0 - 20, wx1 + 20, wy1 + 20), outline=(120, 90, 60), width=24)
    d.line([((wx0 + wx1) / 2, wy0), ((wx0 + wx1) / 2, wy1)], fill=(120, 90, 60), width=18)
    # workbench
    bx0, bx1, by = W * 0.06, W * 0.60, floor_y + H * 0.06
    shadow(img, (bx0, by - 20, bx1, by + 30), radius=30, ellipse=False)
    d = ImageDraw.Draw(img)
    wood_plank(d, (bx0, by - H * 0.32, bx1, by - H * 0.26), (170, 115, 62), rng)
    for x in (bx0 + 40, bx1 - 100):
        d.rectangle((x, by - H * 0.26, x + 60, by), fill=(120, 78, 40))
    d.rectangle((bx0 + 40, by - H * 0.1, bx1 - 40, by - H * 0.08), fill=(120, 78, 40))
    # items on the bench: a plank being planed, a plane, a clamp
    wood_plank(d, (W * 0.12, by - H * 0.36, W * 0.40, by - H * 0.32), (215, 170, 110), rng)
    d.rounded_rectangle((W * 0.43, by - H * 0.38, W * 0.53, by - H * 0.32), radius=14, fill=(60, 90, 140))
    d.ellipse((W * 0.47, by - H * 0.42, W * 0.50, by - H * 0.37), fill=(150, 95, 45))
    for _ in range(25):  # shavings
        x = W * 0.38 + rng.random() * W * 0.1
        y = by - H * 0.33 + rng.random() * H * 0.02
        d.arc((x, y - 25, x + 50, y + 25), 180, 360, fill=(230, 195, 140), width=6)
    # finished shelf on the right, standing on the floor
    draw_shelf(d, img, W * 0.68, H * 0.95, W * 0.25, H * 0.78, SS, rng)
    return finish(img, rng)


def scene_meubel_products(rng):
    """meubel-3: products on display: a table with two chairs and a shelf."""
    W, H = PHOTO_W * SS, PHOTO_H * SS
    img, d, floor_y = workshop_background(W, H, rng)
    # display platform
    d.rectangle((0, H * 0.80, W, H * 0.84), fill=(96, 80, 62))
    paste_gradient(img, (0, int(H * 0.84), W, H), (130, 112, 90), (100, 86, 70))
    d = ImageDraw.Draw(img)
    # wall banner band (plain colour, no text)
    d.rectangle((W * 0.05, H * 0.07, W * 0.95, H * 0.16), fill=(40, 90, 120))
    d.rectangle((W * 0.05, H * 0.16, W * 0.95, H * 0.175), fill=(230, 180, 60))
    draw_shelf(d, img, W * 0.05, H * 0.82, W * 0.22, H * 0.6, SS, rng, wood=(150, 96, 52))
    draw_wood_chair(d, img, W * 0.40, H * 0.82, SS * 0.62, wood=(176, 118, 66))
    draw_table(d, img, W * 0.48, H * 0.82, W * 0.26, H * 0.34, SS, wood=(156, 100, 54))
    draw_wood_chair(d, img, W * 0.86, H * 0.82, SS * 0.62, wood=(176, 118, 66))
    d = ImageDraw.Draw(img)
    # a small potted plant on the table
    px, py = W * 0.62, H * 0.82 - H * 0.34
    d.polygon([(px - 40, py - 90), (px + 40, py - 90), (px + 28, py), (px - 28, py)], fill=(180, 90, 60))
    for a in range(-60, 61, 20):
        ex = px + math.sin(math.radians(a)) * 120
        ey = py - 90 - math.cos(math.radians(a)) * 140
        d.ellipse((ex - 28, ey - 14, ex + 28, ey + 14), fill=(70, 140, 70))
        d.line([(px, py - 90), (ex, ey)], fill=(60, 110, 60), width=6)
    return finish(img, rng)


def icon_badge(d, cx, cy, r, color, kind, rng):
    d.ellipse((cx - r * 1.04, cy - r * 1.04, cx + r * 1.04, cy + r * 1.04), fill=(255, 255, 255))
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=color)
    if kind == "scissors":
        draw_scissors(d, cx + r * 0.05, cy + r * 0.1, r / 300, -35, blade=(245, 245, 248), handle=(255, 220, 120))
    elif kind == "palette":
        d.ellipse((cx - r * 0.6, cy - r * 0.45, cx + r * 0.6, cy + r * 0.45), fill=(245, 230, 210))
        for i, c in enumerate([(200, 60, 90), (230, 140, 120), (150, 80, 160), (240, 190, 150), (120, 60, 50)]):
            a = math.radians(200 + i * 36)
            x, y = cx + math.cos(a) * r * 0.35, cy + math.sin(a) * r * 0.25
            d.ellipse((x - r * 0.1, y - r * 0.1, x + r * 0.1, y + r * 0.1), fill=c)
        d.line([(cx + r * 0.1, cy + r * 0.1), (cx + r * 0.55, cy + r * 0.55)], fill=(60, 40, 30), width=int(r * 0.07))
    elif kind == "mat":
        # a yoga mat lying in perspective, its far end still rolled up
        d.polygon([(cx - r * 0.62, cy + r * 0.42), (cx + r * 0.62, cy + r * 0.42),
                   (cx + r * 0.36, cy - r * 0.22), (cx - r * 0.36, cy - r * 0.22)], fill=(120, 200, 170))
        d.line([(cx - r * 0.55, cy + r * 0.34), (cx + r * 0.55, cy + r * 0.34)], fill=(90, 170, 140),
               width=max(2, int(r * 0.03)))
        d.rounded_rectangle((cx - r * 0.42, cy - r * 0.42, cx + r * 0.42, cy - r * 0.16), radius=r * 0.13,
                            fill=(90, 170, 140))
        d.ellipse((cx + r * 0.3, cy - r * 0.42, cx + r * 0.52, cy - r * 0.16), fill=(70, 140, 115))
        d.ellipse((cx + r * 0.37, cy - r * 0.35, cx + r * 0.45, cy - r * 0.23), fill=(120, 200, 170))
    elif kind == "chair":
        wood = (235, 190, 130)
        d.rectangle((cx - r * 0.3, cy - r * 0.6, cx - r * 0.2, cy + r * 0.55), fill=wood)
        d.rectangle((cx - r * 0.3, cy - r * 0.55, cx + r * 0.05, cy - r * 0.4), fill=wood)
        d.rectangle((cx - r * 0.3, cy - r * 0.3, cx + r * 0.05, cy - r * 0.18), fill=wood)
        d.rectangle((cx - r * 0.3, cy + r * 0.0, cx + r * 0.4, cy + r * 0.12), fill=wood)
        d.rectangle((cx + r * 0.3, cy + r * 0.1, cx + r * 0.4, cy + r * 0.55), fill=wood)


def scene_cover(rng):
    """Story cover: Ruteng hills and a lingko (spider-web) rice field, with four skill badges."""
    W, H = COVER_W * SS, COVER_H * SS
    img = vgradient((W, H), (250, 196, 120), (255, 236, 200))
    d = ImageDraw.Draw(img)
    d.ellipse((W * 0.86, H * 0.04, W * 0.94, H * 0.18), fill=(255, 245, 215))
    # three layers of hills
    for layer, (col, base, amp, freq) in enumerate([((120, 150, 140), 0.42, 0.10, 0.9),
                                                    ((80, 125, 95), 0.52, 0.08, 1.4),
                                                    ((60, 105, 70), 0.62, 0.05, 2.1)]):
        pts = [(0, H)]
        ph = rng.uniform(0, 6)
        for k in range(0, 81):
            x = W * k / 80
            y = H * (base - amp * (0.6 * math.sin(k / 80 * math.pi * freq + ph) + 0.4 * math.sin(k / 80 * 7 + ph)))
            pts.append((x, y))
        pts.append((W, H))
        d.polygon(pts, fill=col)
    # lingko field: concentric rings cut into wedges from a centre point
    cx, cy = W * 0.5, H * 1.02
    for ring in range(9, 0, -1):
        r = W * 0.06 * ring
        for wedge in range(28):
            a0 = 180 + wedge * (180 / 28)
            c = mix((150, 190, 80), (95, 150, 60), ((ring + wedge) % 3) / 2)
            d.pieslice((cx - r, cy - r * 0.55, cx + r, cy + r * 0.55), a0, a0 + 180 / 28, fill=c,
                       outline=(200, 215, 150), width=4)
    # badges
    kinds = [("scissors", (200, 60, 60)), ("palette", (180, 80, 140)), ("mat", (40, 130, 140)),
             ("chair", (140, 90, 50))]
    for i, (kind, color) in enumerate(kinds):
        bx = W * (0.2 + 0.2 * i)
        by = H * 0.38
        r = 120 * SS
        shadow(img, (bx - r, by - r * 0.85, bx + r, by + r * 1.15), radius=15 * SS)
        d = ImageDraw.Draw(img)
        icon_badge(d, bx, by, r, color, kind, rng)
    return finish(img, rng)


def finish(img, rng):
    img = light_grain(img, rng)
    w, h = img.size
    return img.resize((w // SS, h // SS), Image.LANCZOS)


# --------------------------------------------------------------------------
# Logos
# --------------------------------------------------------------------------

def font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has only the small bitmap font
        return ImageFont.load_default()


def logo_skb():
    S = 256 * SS
    img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((8, 8, S - 8, S - 8), fill=(28, 110, 80))
    d.ellipse((40, 40, S - 40, S - 40), outline=(240, 200, 60), width=12)
    # open book
    cx, cy = S / 2, S * 0.62
    d.polygon([(cx, cy - 40), (cx - 150, cy - 80), (cx - 150, cy + 40), (cx, cy + 80)], fill=(250, 250, 245))
    d.polygon([(cx, cy - 40), (cx + 150, cy - 80), (cx + 150, cy + 40), (cx, cy + 80)], fill=(235, 235, 228))
    d.line([(cx, cy - 40), (cx, cy + 80)], fill=(28, 110, 80), width=6)
    f = font(int(S * 0.2))
    d.text((cx, S * 0.34), "SKB", fill=(255, 255, 255), font=f, anchor="mm")
    return img.resize((256, 256), Image.LANCZOS)


def logo_ejm():
    S = 256 * SS
    img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((8, 8, S - 8, S - 8), radius=80, fill=(120, 72, 36))
    d.rounded_rectangle((36, 36, S - 36, S - 36), radius=60, outline=(235, 200, 150), width=10)
    # chair silhouette
    c = (245, 225, 190)
    x0, y0 = S * 0.30, S * 0.18
    d.rectangle((x0, y0, x0 + 26, y0 + 250), fill=c)
    d.rectangle((x0, y0 + 20, x0 + 110, y0 + 50), fill=c)
    d.rectangle((x0, y0 + 80, x0 + 110, y0 + 105), fill=c)
    d.rectangle((x0, y0 + 150, x0 + 180, y0 + 180), fill=c)
    d.rectangle((x0 + 154, y0 + 180, x0 + 180, y0 + 250), fill=c)
    f = font(int(S * 0.16))
    d.text((S / 2, S * 0.80), "EJM", fill=(255, 255, 255), font=f, anchor="mm")
    return img.resize((256, 256), Image.LANCZOS)


# --------------------------------------------------------------------------
# Metadata and saving
# --------------------------------------------------------------------------

def dms(value):
    """Decimal degrees -> EXIF (degrees, minutes, seconds) rationals."""
    value = abs(value)
    deg = int(value)
    minutes_full = (value - deg) * 60
    minutes = int(minutes_full)
    seconds = round((minutes_full - minutes) * 60 * 100)
    return (IFDRational(deg, 1), IFDRational(minutes, 1), IFDRational(seconds, 100))


def make_exif(gps=None, orientation=None, taken=None):
    exif = Image.Exif()
    exif[Base.Make] = "ExampleCam"
    exif[Base.Model] = "Illustration 1"
    exif[Base.Software] = "make-example-photos.py"
    if orientation is not None:
        exif[Base.Orientation] = orientation
    if taken is not None:
        exif[Base.DateTime] = taken
        exif.get_ifd(IFD.Exif)[Base.DateTimeOriginal] = taken
    if gps is not None:
        lat, lon = gps
        g = exif.get_ifd(IFD.GPSInfo)
        g[GPS.GPSVersionID] = b"\x02\x03\x00\x00"
        g[GPS.GPSLatitudeRef] = "S" if lat < 0 else "N"
        g[GPS.GPSLatitude] = dms(lat)
        g[GPS.GPSLongitudeRef] = "E" if lon >= 0 else "W"
        g[GPS.GPSLongitude] = dms(lon)
    return exif


def save_jpeg(img, rel, exif=None):
    path = CONTENT / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    kwargs = dict(quality=85, optimize=True, subsampling="4:2:0")
    if exif is not None:
        kwargs["exif"] = exif.tobytes()
    img.convert("RGB").save(path, "JPEG", **kwargs)
    print(f"{path.relative_to(ROOT)}  {img.size[0]}x{img.size[1]}  {path.stat().st_size // 1024} KB")


def save_png(img, rel):
    path = CONTENT / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "PNG", optimize=True)
    print(f"{path.relative_to(ROOT)}  {img.size[0]}x{img.size[1]}  {path.stat().st_size // 1024} KB")


def main():
    # (relative path, scene, seed, gps, orientation, date taken)
    photos = [
        ("trainings/barbershop-2025/barbershop-1.jpg", scene_barbershop_chair, 101,
         (-8.6112, 120.4634), None, "2025:10:08 09:42:10"),
        ("trainings/barbershop-2025/barbershop-2.jpg", scene_barbershop_tray, 102,
         None, None, "2025:10:22 10:15:00"),
        ("trainings/barbershop-2025/barbershop-3.jpg", scene_clipper_closeup, 103,
         (-8.6113, 120.4635), None, "2025:10:22 10:18:31"),
        ("trainings/meubel-2025/meubel-1.jpg", scene_meubel_chair, 201,
         (-8.6105, 120.4641), None, "2025:10:29 13:05:44"),
        ("trainings/meubel-2025/meubel-2.jpg", scene_meubel_bench, 202,
         None, 6, "2025:10:29 13:20:02"),
        ("trainings/meubel-2025/meubel-3.jpg", scene_meubel_products, 203,
         None, None, "2025:11:13 15:30:00"),
        ("stories/rutan-ruteng-gandeng-mitra/cover.jpg", scene_cover, 301,
         (-8.6098, 120.4629), None, "2025:12:12 16:45:00"),
    ]
    for rel, scene, seed, gps, orientation, taken in photos:
        img = scene(random.Random(seed))
        if orientation == 6:
            # Store the pixels turned 90 degrees counter-clockwise; Orientation 6
            # tells a viewer to turn them 90 degrees clockwise to show them upright.
            img = img.transpose(Image.Transpose.ROTATE_90)
        exif = make_exif(gps=gps, orientation=orientation, taken=taken)
        save_jpeg(img, rel, exif)

    save_png(logo_skb(), "partners/skb-randong.png")
    save_png(logo_ejm(), "partners/elite-jaya-meubel.png")


if __name__ == "__main__":
    main()
