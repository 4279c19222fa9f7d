//! Decoding, resizing and encoding of one photo. Pure: bytes in, bytes out.
//!
//! The photo is decoded once; renditions are resized (SIMD Lanczos3, largest
//! first, each smaller one from the previous) in the camera's orientation and
//! turned upright afterwards, which moves far fewer pixels than turning the
//! full-size photo. Colour profiles are converted to sRGB on the renditions.

use std::io::Cursor;

use fast_image_resize as fr;
use image::codecs::png::PngEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageBuffer, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::jpeg::jpeg_structure;
use super::srgb::SrgbConverter;
use super::{JPEG_QUALITY, card_size, rendition_sizes};
use crate::msg::{Message, msg};

/// Refuse images larger than this many pixels (a decompression-bomb guard).
/// 80 megapixels is well above any phone camera.
const MAX_PIXELS: u64 = 80_000_000;

/// The result of processing one photo.
#[derive(Debug)]
pub struct Encoded {
    /// Upright size of the source.
    pub source_width: u32,
    pub source_height: u32,
    /// `jpg`, or `png` for images with transparency.
    pub ext: &'static str,
    /// (width, bytes), narrowest first. Empty when encoding was not asked for.
    pub renditions: Vec<(u32, Vec<u8>)>,
    /// The same renditions as WebP, when each is smaller than its JPEG or
    /// PNG; else empty (and empty for the editor's preview of one).
    pub webp: Vec<(u32, Vec<u8>)>,
    pub card: Option<Vec<u8>>,
}

/// Decodes and checks `bytes`; when `encode` is true also produces every
/// rendition (and the social card when `card` is true). Errors are sentences
/// for the records officer.
pub fn process_bytes(bytes: &[u8], card: bool, encode: bool) -> Result<Encoded, Message> {
    let wanted = if encode { Wanted::All } else { Wanted::None };
    process(bytes, card, wanted)
}

/// One rendition only, the narrowest at least `min_width` wide (else the
/// widest), made as the build makes it: the editor's preview of a photo,
/// without encoding the others.
pub fn preview_bytes(bytes: &[u8], min_width: u32) -> Result<Encoded, Message> {
    process(bytes, false, Wanted::One(min_width))
}

/// Which renditions to encode.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wanted {
    None,
    All,
    One(u32),
}

fn process(bytes: &[u8], card: bool, wanted: Wanted) -> Result<Encoded, Message> {
    let encode = wanted != Wanted::None;
    if bytes.is_empty() {
        return Err(msg!("photo_empty"));
    }
    if is_heic(bytes) {
        return Err(msg!("photo_heic"));
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| msg!("photo_unreadable", error = e))?;
    let format = match reader.format() {
        Some(f @ (ImageFormat::Jpeg | ImageFormat::Png)) => f,
        _ => return Err(msg!("photo_not_jpeg_png")),
    };
    let name = if format == ImageFormat::Png {
        "PNG"
    } else {
        "JPEG"
    };
    if format == ImageFormat::Jpeg {
        // The JPEG decoder fills a cut-off photo with grey and says nothing.
        jpeg_structure(bytes)?;
    }
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| msg!("photo_damaged", format = name, error = e))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(msg!(
            "photo_too_large",
            width = w,
            height = h,
            limit = MAX_PIXELS / 1_000_000
        ));
    }
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    decoder
        .set_limits(limits)
        .map_err(|e| msg!("photo_memory", error = e))?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let has_alpha = format == ImageFormat::Png && decoder.color_type().has_alpha();
    let img =
        DynamicImage::from_decoder(decoder).map_err(|e| msg!("photo_truncated", error = e))?;

    let turned = swaps_sides(orientation);
    let (up_w, up_h) = if turned { (h, w) } else { (w, h) };
    let mut out = Encoded {
        source_width: up_w,
        source_height: up_h,
        ext: if has_alpha { "png" } else { "jpg" },
        renditions: Vec::new(),
        webp: Vec::new(),
        card: None,
    };
    if !encode {
        return Ok(out);
    }
    let srgb = icc.as_deref().and_then(SrgbConverter::new);
    let pixel = if has_alpha {
        fr::PixelType::U8x4
    } else {
        fr::PixelType::U8x3
    };
    let buffer = if has_alpha {
        img.to_rgba8().into_raw()
    } else {
        img.to_rgb8().into_raw()
    };
    let source = fr::images::Image::from_vec_u8(w, h, buffer, pixel)
        .map_err(|e| msg!("photo_resize", error = e))?;
    let mut resizer = fr::Resizer::new();

    // Largest first, each smaller rendition from the previous one.
    let mut sizes = rendition_sizes(up_w, up_h);
    if let Wanted::One(min) = wanted {
        let at = sizes
            .iter()
            .position(|(w, _)| *w >= min)
            .unwrap_or(sizes.len().saturating_sub(1));
        sizes = sizes.get(at).copied().into_iter().collect();
    }
    let with_webp = wanted == Wanted::All;
    let mut previous: Option<fr::images::Image> = None;
    let mut renditions = Vec::with_capacity(sizes.len());
    let mut webp = Vec::with_capacity(sizes.len());
    for &(rw, rh) in sizes.iter().rev() {
        let (sw, sh) = if turned { (rh, rw) } else { (rw, rh) };
        let from = previous.as_ref().unwrap_or(&source);
        let resized = if (sw, sh) == (from.width(), from.height()) {
            from.copy()
        } else {
            resize(&mut resizer, from, sw, sh, None)?
        };
        let (bytes, small) = finish(&resized, orientation, srgb.as_ref(), has_alpha, with_webp)?;
        webp.push(small.map(|w| (rw, w)));
        renditions.push((rw, bytes));
        previous = Some(resized);
    }
    renditions.reverse();
    webp.reverse();
    // All or none, so that a page offers one format per photo.
    if let Some(all) = webp.into_iter().collect::<Option<Vec<_>>>() {
        out.webp = all;
    }
    out.renditions = renditions;

    if card {
        // The crop is taken upright, so turn the full photo first (covers only).
        let mut upright = img;
        upright.apply_orientation(orientation);
        let rgb = upright.to_rgb8();
        let full = fr::images::Image::from_vec_u8(up_w, up_h, rgb.into_raw(), fr::PixelType::U8x3)
            .map_err(|e| msg!("photo_crop", error = e))?;
        let (cw, ch) = card_size(up_w, up_h);
        let crop = centred_crop(up_w, up_h, cw, ch);
        let resized = resize(&mut resizer, &full, cw, ch, Some(crop))?;
        let (card, _) = finish(
            &resized,
            Orientation::NoTransforms,
            srgb.as_ref(),
            false,
            false,
        )?;
        out.card = Some(card);
    }
    Ok(out)
}

/// Lanczos3 resize, optionally of a crop (left, top, width, height).
fn resize(
    resizer: &mut fr::Resizer,
    from: &fr::images::Image,
    width: u32,
    height: u32,
    crop: Option<(f64, f64, f64, f64)>,
) -> Result<fr::images::Image<'static>, Message> {
    let mut dst = fr::images::Image::new(width, height, from.pixel_type());
    let mut options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    if let Some((l, t, w, h)) = crop {
        options = options.crop(l, t, w, h);
    }
    resizer
        .resize(from, &mut dst, &options)
        .map_err(|e| msg!("photo_resize", error = e))?;
    Ok(dst)
}

/// The largest centred region of `width`×`height` with the shape of `cw`×`ch`.
fn centred_crop(width: u32, height: u32, cw: u32, ch: u32) -> (f64, f64, f64, f64) {
    let (w, h) = (f64::from(width), f64::from(height));
    let target = f64::from(cw) / f64::from(ch);
    if w / h > target {
        let cw = h * target;
        ((w - cw) / 2.0, 0.0, cw, h)
    } else {
        let chh = w / target;
        (0.0, (h - chh) / 2.0, w, chh)
    }
}

/// sRGB conversion, upright turn and encoding of one rendition: the JPEG
/// (or PNG), and with `with_webp` the WebP when it is smaller.
fn finish(
    img: &fr::images::Image,
    orientation: Orientation,
    srgb: Option<&SrgbConverter>,
    alpha: bool,
    with_webp: bool,
) -> Result<(Vec<u8>, Option<Vec<u8>>), Message> {
    let (w, h) = (img.width(), img.height());
    let mut pixels = img.buffer().to_vec();
    if let Some(c) = srgb {
        c.convert(&mut pixels, alpha);
    }
    let mut dynamic = if alpha {
        DynamicImage::ImageRgba8(
            ImageBuffer::from_raw(w, h, pixels).ok_or_else(|| msg!("photo_rendition_size"))?,
        )
    } else {
        DynamicImage::ImageRgb8(
            ImageBuffer::from_raw(w, h, pixels).ok_or_else(|| msg!("photo_rendition_size"))?,
        )
    };
    dynamic.apply_orientation(orientation);
    let (up_w, up_h) = (dynamic.width(), dynamic.height());
    let webp = with_webp
        .then(|| super::webp::encode(dynamic.as_bytes(), up_w, up_h, alpha))
        .flatten();
    let mut out = Vec::new();
    if alpha {
        dynamic
            .write_with_encoder(PngEncoder::new(&mut out))
            .map_err(|e| msg!("photo_encode", error = e))?;
    } else {
        let rgb = dynamic.into_rgb8();
        // Standard Huffman tables: jpeg-encoder's optimised tables produced
        // files that the zune-jpeg decoder (used by `image`) misreads.
        let encoder = jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY);
        let (w, h) = (rgb.width(), rgb.height());
        let (w, h) = (
            u16::try_from(w).map_err(|_| msg!("photo_too_wide"))?,
            u16::try_from(h).map_err(|_| msg!("photo_too_tall"))?,
        );
        encoder
            .encode(rgb.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
            .map_err(|e| msg!("photo_encode", error = e))?;
    }
    let webp = webp.filter(|w| w.len() < out.len());
    Ok((out, webp))
}

fn swaps_sides(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
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
    use image::codecs::jpeg::JpegEncoder;
    use image::{Rgb, RgbImage};

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap();
        out
    }

    /// Inserts an APP1 EXIF segment (orientation `o`, and a GPS marker) after SOI.
    pub(crate) fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        let mut tiff = Vec::new();
        tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
        tiff.extend_from_slice(&1u16.to_be_bytes());
        tiff.extend_from_slice(&0x0112u16.to_be_bytes());
        tiff.extend_from_slice(&3u16.to_be_bytes());
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

    fn dims(bytes: &[u8]) -> (u32, u32) {
        let img = image::load_from_memory(bytes).unwrap();
        (img.width(), img.height())
    }

    #[test]
    fn every_width_is_encoded_and_none_upscaled() {
        let e = process_bytes(&jpeg(2000, 1000), false, true).unwrap();
        let widths: Vec<u32> = e.renditions.iter().map(|r| r.0).collect();
        assert_eq!(widths, [480, 600, 800, 960, 1600]);
        assert_eq!(dims(&e.renditions[4].1), (1600, 800));
        assert_eq!(dims(&e.renditions[2].1), (800, 400));
        assert_eq!(dims(&e.renditions[0].1), (480, 240));
        let small = process_bytes(&jpeg(300, 200), false, true).unwrap();
        assert_eq!(small.renditions.len(), 1);
        assert_eq!(dims(&small.renditions[0].1), (300, 200));
    }

    #[test]
    fn a_preview_encodes_one_rendition_only() {
        let e = preview_bytes(&jpeg(2000, 1000), 801).unwrap();
        let widths: Vec<u32> = e.renditions.iter().map(|r| r.0).collect();
        assert_eq!(widths, [960]);
        assert_eq!(dims(&e.renditions[0].1), (960, 480));
        // A photo narrower than asked: its widest (its own size).
        let small = preview_bytes(&jpeg(300, 200), 480).unwrap();
        assert_eq!(small.renditions.len(), 1);
        assert_eq!(dims(&small.renditions[0].1), (300, 200));
        // Turned by its EXIF orientation, like the published one.
        let turned = preview_bytes(&with_exif(&jpeg(800, 400), 6), 480).unwrap();
        assert_eq!(dims(&turned.renditions[0].1), (400, 800));
    }

    #[test]
    fn exif_orientation_is_applied_and_metadata_dropped() {
        let src = with_exif(&jpeg(1000, 500), 6);
        assert!(src.windows(9).any(|w| w == b"GPSCANARY"));
        let e = process_bytes(&src, true, true).unwrap();
        assert_eq!(
            (e.source_width, e.source_height),
            (500, 1000),
            "orientation 6 turns the photo upright"
        );
        assert_eq!(dims(&e.renditions[0].1), (480, 960));
        for (_, bytes) in &e.renditions {
            assert!(!bytes.windows(9).any(|w| w == b"GPSCANARY"));
            assert!(!bytes.windows(4).any(|w| w == b"Exif"));
        }
        let card = e.card.unwrap();
        assert_eq!(
            dims(&card),
            (500, 263),
            "a card crop of the upright photo, not upscaled"
        );
    }

    /// Inserts an APP2 ICC_PROFILE segment after SOI.
    fn with_icc(jpeg: &[u8], icc: &[u8]) -> Vec<u8> {
        let mut seg = b"ICC_PROFILE\0\x01\x01".to_vec();
        seg.extend_from_slice(icc);
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE2]);
        out.extend_from_slice(&((seg.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&seg);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    fn mean_red(bytes: &[u8]) -> f64 {
        let img = image::load_from_memory(bytes).unwrap().to_rgb8();
        img.pixels().map(|p| f64::from(p[0])).sum::<f64>() / f64::from(img.width() * img.height())
    }

    #[test]
    fn a_display_p3_photo_is_converted_to_srgb() {
        let flat = RgbImage::from_pixel(64, 64, Rgb([200, 100, 50]));
        let mut plain = Vec::new();
        JpegEncoder::new_with_quality(&mut plain, 95)
            .encode_image(&flat)
            .unwrap();
        let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
        let tagged = with_icc(&plain, &p3);
        let as_srgb = process_bytes(&plain, false, true).unwrap();
        let from_p3 = process_bytes(&tagged, false, true).unwrap();
        // The same numbers mean a redder colour in Display P3 than in sRGB.
        let (a, b) = (
            mean_red(&as_srgb.renditions[0].1),
            mean_red(&from_p3.renditions[0].1),
        );
        assert!(b > a + 8.0, "P3 red {b} should exceed sRGB red {a}");
        assert!(
            !from_p3.renditions[0]
                .1
                .windows(11)
                .any(|w| w == b"ICC_PROFILE"),
            "the profile is not copied"
        );
    }

    /// Regression: optimised Huffman tables once made a flat orange photo
    /// decode as pure green.
    #[test]
    fn renditions_keep_the_source_colours() {
        let flat = RgbImage::from_pixel(64, 48, Rgb([200, 100, 50]));
        let mut src = Vec::new();
        JpegEncoder::new_with_quality(&mut src, 95)
            .encode_image(&flat)
            .unwrap();
        let e = process_bytes(&src, false, true).unwrap();
        let out = image::load_from_memory(&e.renditions[0].1)
            .unwrap()
            .to_rgb8();
        let p = out.get_pixel(20, 20);
        for (got, want) in p.0.iter().zip([200u8, 100, 50]) {
            assert!(got.abs_diff(want) <= 4, "{p:?}");
        }
    }

    #[test]
    fn a_card_is_1200_by_630() {
        let e = process_bytes(&jpeg(2400, 1800), true, true).unwrap();
        assert_eq!(dims(&e.card.unwrap()), (1200, 630));
    }

    #[test]
    fn check_mode_decodes_but_encodes_nothing() {
        let e = process_bytes(&jpeg(640, 480), true, false).unwrap();
        assert!(e.renditions.is_empty() && e.card.is_none());
        assert_eq!((e.source_width, e.source_height), (640, 480));
    }

    #[test]
    fn transparent_png_stays_png() {
        let img = image::RgbaImage::from_pixel(40, 20, image::Rgba([10, 20, 30, 128]));
        let mut png = Vec::new();
        img.write_with_encoder(PngEncoder::new(&mut png)).unwrap();
        let e = process_bytes(&png, false, true).unwrap();
        assert_eq!(e.ext, "png");
        let back = image::load_from_memory(&e.renditions[0].1).unwrap();
        assert!(back.color().has_alpha());
    }

    #[test]
    fn bad_files_get_sentences_not_panics() {
        assert!(
            process_bytes(b"", false, true)
                .unwrap_err()
                .to_string()
                .contains("kosong")
        );
        assert!(
            process_bytes(b"hello, not an image", false, true)
                .unwrap_err()
                .to_string()
                .contains("bukan foto JPEG atau PNG")
        );
        let whole = jpeg(64, 64);
        assert!(process_bytes(&whole[..whole.len() / 2], false, true).is_err());
        // Garbage after a sound header.
        let mut garbage = whole[..whole.len() / 3].to_vec();
        garbage.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        assert!(process_bytes(&garbage, false, true).is_err());
        let mut heic = vec![0, 0, 0, 24];
        heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
        assert!(
            process_bytes(&heic, false, true)
                .unwrap_err()
                .to_string()
                .contains("HEIC")
        );
    }

    /// Regression: the JPEG decoder filled photos cut short with grey and
    /// reported nothing, so a truncated photo was published half grey.
    #[test]
    fn a_jpeg_cut_anywhere_after_its_header_is_an_error() {
        let whole = jpeg(300, 200);
        assert!(jpeg_structure(&whole).is_ok());
        let mut trailer = whole.clone();
        trailer.extend_from_slice(b"camera trailer after EOI");
        assert!(process_bytes(&trailer, false, false).is_ok());
        for cut in [
            whole.len() / 4,
            whole.len() / 2,
            whole.len() - 3,
            whole.len() - 1,
        ] {
            let err = process_bytes(&whole[..cut], false, false)
                .unwrap_err()
                .to_string();
            assert!(err.contains("terpotong"), "cut at {cut}: {err}");
        }
    }

    #[test]
    fn a_decompression_bomb_is_refused_before_decoding() {
        // A real 1×1 PNG whose header is rewritten to claim 30000×30000 pixels.
        let mut png = Vec::new();
        image::GrayImage::new(1, 1)
            .write_with_encoder(PngEncoder::new(&mut png))
            .unwrap();
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend_from_slice(&30000u32.to_be_bytes());
        ihdr.extend_from_slice(&30000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
        let mut bomb = b"\x89PNG\r\n\x1a\n".to_vec();
        bomb.extend_from_slice(&13u32.to_be_bytes());
        bomb.extend_from_slice(&ihdr);
        bomb.extend_from_slice(&crc32(&ihdr).to_be_bytes());
        bomb.extend_from_slice(&png[33..]); // IDAT and IEND of the real image
        let err = process_bytes(&bomb, false, true).unwrap_err().to_string();
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
    fn output_is_deterministic() {
        let a = process_bytes(&jpeg(900, 600), true, true).unwrap();
        let b = process_bytes(&jpeg(900, 600), true, true).unwrap();
        assert_eq!(a.renditions, b.renditions);
        assert_eq!(a.card, b.card);
    }
}
