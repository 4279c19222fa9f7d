//! Writes synthetic phone-like JPEGs for the photo benchmark.
//!
//!     cargo run --release --example make_photos -- OUT_DIR [COUNT] [WIDTH HEIGHT]
//!
//! Defaults: 100 photos of 4000×3000 (12 megapixels), quality 90. The
//! pictures are smooth gradients with shapes and sensor-like noise, so they
//! compress like real photos (a few megabytes each). Every third photo is
//! stored sideways with EXIF orientation 6, as phones store portrait shots,
//! and every second one carries GPS coordinates. Deterministic: the same
//! arguments give the same files.

use std::path::PathBuf;

use image::{Rgb, RgbImage};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: make_photos OUT_DIR [COUNT] [WIDTH HEIGHT]");
        std::process::exit(2);
    };
    let count: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let width: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(4000);
    let height: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(3000);
    std::fs::create_dir_all(&out).expect("create output folder");
    for i in 0..count {
        let rotated = i % 3 == 0;
        // A sideways photo is stored with its sides swapped.
        let (w, h) = if rotated {
            (height, width)
        } else {
            (width, height)
        };
        let img = picture(w, h, i);
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .encode_image(&img)
            .expect("encode");
        let exif = exif(if rotated { 6 } else { 1 }, i % 2 == 0);
        let bytes = insert_app1(&jpeg, &exif);
        std::fs::write(out.join(format!("foto-{i:03}.jpg")), bytes).expect("write photo");
    }
    println!(
        "wrote {count} photos of {width}×{height} to {}",
        out.display()
    );
}

/// A landscape-like scene: sky and ground gradients, a few discs and bars,
/// and noise about as strong as a phone sensor's in dim indoor light.
fn picture(w: u32, h: u32, seed: u32) -> RgbImage {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let mut noise = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        (state % 25) as i32 - 12
    };
    let horizon = h * (40 + seed % 20) / 100;
    let discs: Vec<(i64, i64, i64, [u8; 3])> = (0..6)
        .map(|k| {
            let x = i64::from((seed * 37 + k * 613) % w);
            let y = i64::from((seed * 53 + k * 379) % h);
            let r = i64::from(h / 12 + (k * 97 + seed) % (h / 8));
            let c = [
                (60 + k * 30) as u8,
                (90 + seed * 7 % 120) as u8,
                (140 + k * 17) as u8,
            ];
            (x, y, r, c)
        })
        .collect();
    RgbImage::from_fn(w, h, |x, y| {
        let base = if y < horizon {
            let t = y * 255 / horizon.max(1);
            [
                120 + (t / 3) as u8,
                160 + (t / 4) as u8,
                230 - (t / 5) as u8,
            ]
        } else {
            let t = (y - horizon) * 255 / (h - horizon).max(1);
            [
                90 + (t / 4) as u8,
                120 - (t / 5) as u8,
                60 + ((x / 7) % 30) as u8,
            ]
        };
        let mut px = base;
        for &(cx, cy, r, c) in &discs {
            let (dx, dy) = (i64::from(x) - cx, i64::from(y) - cy);
            if dx * dx + dy * dy < r * r {
                px = c;
            }
        }
        let n = noise();
        Rgb(px.map(|v| (i32::from(v) + n).clamp(0, 255) as u8))
    })
}

/// A minimal big-endian EXIF block: Orientation, camera make, and optionally
/// a GPS IFD near Ruteng.
fn exif(orientation: u16, gps: bool) -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
    let entries: u16 = if gps { 3 } else { 2 };
    t.extend_from_slice(&entries.to_be_bytes());
    let ifd_end = 8 + 2 + u32::from(entries) * 12 + 4;
    // Make (ASCII, 8 bytes, stored after the IFD)
    t.extend_from_slice(&0x010Fu16.to_be_bytes());
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&8u32.to_be_bytes());
    t.extend_from_slice(&ifd_end.to_be_bytes());
    // Orientation (SHORT)
    t.extend_from_slice(&0x0112u16.to_be_bytes());
    t.extend_from_slice(&3u16.to_be_bytes());
    t.extend_from_slice(&1u32.to_be_bytes());
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0]);
    let gps_ifd = ifd_end + 8;
    if gps {
        t.extend_from_slice(&0x8825u16.to_be_bytes());
        t.extend_from_slice(&4u16.to_be_bytes());
        t.extend_from_slice(&1u32.to_be_bytes());
        t.extend_from_slice(&gps_ifd.to_be_bytes());
    }
    t.extend_from_slice(&0u32.to_be_bytes());
    t.extend_from_slice(b"PhoneCo\0");
    if gps {
        // GPSLatitudeRef 'S', GPSLongitudeRef 'E' (inline ASCII).
        t.extend_from_slice(&2u16.to_be_bytes());
        for (tag, value) in [(1u16, b'S'), (3u16, b'E')] {
            t.extend_from_slice(&tag.to_be_bytes());
            t.extend_from_slice(&2u16.to_be_bytes());
            t.extend_from_slice(&2u32.to_be_bytes());
            t.extend_from_slice(&[value, 0, 0, 0]);
        }
        t.extend_from_slice(&0u32.to_be_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&t);
    app1
}

fn insert_app1(jpeg: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}
