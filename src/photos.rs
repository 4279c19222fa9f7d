//! Photos: decode, turn upright, resize, re-encode without any metadata.
//!
//! An original file is never published: every photo is decoded and encoded
//! again, which drops EXIF (GPS included), XMP, IPTC and comments. Output
//! names are content hashes, so a file name chosen by staff (which could
//! contain a person's name) never reaches the output either.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use rayon::prelude::*;

use crate::diag::{Diagnostics, Pos};

/// Longest side of a published photo, in pixels. Never upscaled.
pub const MAX_SIDE: u32 = 1600;
/// JPEG quality of published photos.
pub const JPEG_QUALITY: u8 = 82;
/// Refuse images larger than this many pixels (a decompression bomb guard).
const MAX_PIXELS: u64 = 80_000_000;

/// One processed photo, ready to be written.
#[derive(Debug, Clone)]
pub struct Processed {
    /// Output path relative to a site root, e.g. `media/3f2a...c1.jpg`.
    pub file: String,
    pub width: u32,
    pub height: u32,
    pub bytes: Arc<Vec<u8>>,
}

/// Processed photos by their path relative to `content/`.
pub type PhotoMap = BTreeMap<String, Processed>;

/// Processes every photo in `paths` (relative to `content/`), in parallel.
pub fn process(site: &Path, paths: &[String], diags: &mut Diagnostics) -> PhotoMap {
    let content = site.join("content");
    let results: Vec<(String, Result<Processed, String>)> = paths
        .par_iter()
        .map(|rel| (rel.clone(), process_file(&content.join(rel))))
        .collect();
    let mut out = PhotoMap::new();
    for (rel, result) in results {
        match result {
            Ok(p) => {
                out.insert(rel, p);
            }
            Err(message) => {
                let shown = PathBuf::from("content").join(&rel);
                diags.error(&shown, Pos::default(), message);
            }
        }
    }
    out
}

fn process_file(path: &Path) -> Result<Processed, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read this photo: {e}"))?;
    process_bytes(&bytes)
}

/// Decodes, orients, resizes and re-encodes one image. Errors are sentences
/// for the records officer.
pub fn process_bytes(bytes: &[u8]) -> Result<Processed, String> {
    if bytes.is_empty() {
        return Err(
            "this photo file is empty (0 bytes); copy it again from the camera or phone".into(),
        );
    }
    if is_heic(bytes) {
        return Err("this is a HEIC photo (the iPhone format), which rapor cannot read; export it as JPEG (on the phone: Settings > Camera > Formats > Most Compatible) and name it .jpg".into());
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read this photo: {e}"))?;
    let format =
        match reader.format() {
            Some(f @ (ImageFormat::Jpeg | ImageFormat::Png)) => f,
            _ => return Err(
                "this file is not a JPEG or PNG photo (whatever its name says); save it as JPEG"
                    .into(),
            ),
        };
    let mut decoder = reader.into_decoder().map_err(|e| {
        format!(
            "this photo is damaged or not really a {}: {e}",
            format_name(format)
        )
    })?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "this photo is {w}×{h} pixels, too large to process safely (the limit is {} megapixels); resize it first",
            MAX_PIXELS / 1_000_000
        ));
    }
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    decoder
        .set_limits(limits)
        .map_err(|e| format!("this photo needs too much memory to decode: {e}"))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder)
        .map_err(|e| format!("this photo is damaged or truncated and cannot be decoded: {e}"))?;
    img.apply_orientation(orientation);
    let img = fit(img, MAX_SIDE);

    let mut out = Vec::new();
    let ext = match format {
        ImageFormat::Png => {
            img.write_with_encoder(PngEncoder::new(&mut out))
                .map_err(|e| format!("cannot encode this photo: {e}"))?;
            "png"
        }
        _ => {
            let rgb = img.to_rgb8();
            JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .encode_image(&rgb)
                .map_err(|e| format!("cannot encode this photo: {e}"))?;
            "jpg"
        }
    };
    let mut hasher = blake3::Hasher::new();
    hasher.update(bytes);
    hasher.update(format!("max={MAX_SIDE};q={JPEG_QUALITY};v1").as_bytes());
    let hash = hasher.finalize().to_hex();
    Ok(Processed {
        file: format!("media/{}.{ext}", &hash[..20]),
        width: img.width(),
        height: img.height(),
        bytes: Arc::new(out),
    })
}

fn format_name(f: ImageFormat) -> &'static str {
    if f == ImageFormat::Png { "PNG" } else { "JPEG" }
}

/// Scales down so that the longest side is at most `max`.
fn fit(img: DynamicImage, max: u32) -> DynamicImage {
    let (w, h) = (img.width(), img.height());
    if w <= max && h <= max {
        return img;
    }
    img.resize(max, max, FilterType::Lanczos3)
}

/// ISO-BMFF `ftyp` box with a HEIF brand.
fn is_heic(bytes: &[u8]) -> bool {
    bytes.len() > 12
        && &bytes[4..8] == b"ftyp"
        && matches!(
            &bytes[8..12],
            b"heic" | b"heix" | b"mif1" | b"msf1" | b"heim" | b"heis" | b"hevc"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap();
        out
    }

    /// Inserts an APP1 EXIF segment (orientation `o`, a fake GPS marker) after SOI.
    fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        let mut tiff = Vec::new();
        tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
        tiff.extend_from_slice(&1u16.to_be_bytes()); // one IFD entry
        tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
        tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
        tiff.extend_from_slice(&1u32.to_be_bytes());
        tiff.extend_from_slice(&orientation.to_be_bytes());
        tiff.extend_from_slice(&[0, 0]);
        tiff.extend_from_slice(&0u32.to_be_bytes());
        tiff.extend_from_slice(b"GPSCANARY-8.61,120.46");
        let mut seg = b"Exif\0\0".to_vec();
        seg.extend_from_slice(&tiff);
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((seg.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&seg);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    #[test]
    fn large_photos_are_scaled_down_never_up() {
        let p = process_bytes(&jpeg(2000, 1000)).unwrap();
        assert_eq!((p.width, p.height), (1600, 800));
        let small = process_bytes(&jpeg(300, 200)).unwrap();
        assert_eq!((small.width, small.height), (300, 200));
        assert!(p.file.starts_with("media/") && p.file.ends_with(".jpg"));
    }

    #[test]
    fn exif_orientation_is_applied_and_metadata_dropped() {
        let src = with_exif(&jpeg(400, 200), 6);
        assert!(src.windows(9).any(|w| w == b"GPSCANARY"));
        let p = process_bytes(&src).unwrap();
        assert_eq!(
            (p.width, p.height),
            (200, 400),
            "orientation 6 turns the photo upright"
        );
        assert!(!p.bytes.windows(9).any(|w| w == b"GPSCANARY"));
        assert!(!p.bytes.windows(4).any(|w| w == b"Exif"));
    }

    #[test]
    fn bad_files_get_sentences_not_panics() {
        assert!(process_bytes(b"").unwrap_err().contains("empty"));
        assert!(
            process_bytes(b"hello, not an image")
                .unwrap_err()
                .contains("not a JPEG or PNG")
        );
        let whole = jpeg(64, 64);
        let truncated = &whole[..whole.len() / 2];
        assert!(process_bytes(truncated).is_err());
        let mut heic = vec![0, 0, 0, 24];
        heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
        assert!(process_bytes(&heic).unwrap_err().contains("HEIC"));
    }

    #[test]
    fn a_decompression_bomb_is_refused_before_decoding() {
        // A valid PNG header claiming 30000×30000 pixels, with almost no data.
        let img = image::GrayImage::new(1, 1);
        let mut png = Vec::new();
        img.write_with_encoder(PngEncoder::new(&mut png)).unwrap();
        // IHDR width/height live at bytes 16..24; patch them and the CRC is
        // then wrong, so build the header by hand instead.
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend_from_slice(&30000u32.to_be_bytes());
        ihdr.extend_from_slice(&30000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
        let crc = crc32(&ihdr);
        let mut bomb = b"\x89PNG\r\n\x1a\n".to_vec();
        bomb.extend_from_slice(&13u32.to_be_bytes());
        bomb.extend_from_slice(&ihdr);
        bomb.extend_from_slice(&crc.to_be_bytes());
        bomb.extend_from_slice(&png[33..]);
        let err = process_bytes(&bomb).unwrap_err();
        assert!(err.contains("30000×30000"), "{err}");
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn the_same_bytes_give_the_same_file() {
        let a = process_bytes(&jpeg(50, 40)).unwrap();
        let b = process_bytes(&jpeg(50, 40)).unwrap();
        assert_eq!(a.file, b.file);
        assert_eq!(a.bytes, b.bytes);
    }
}
