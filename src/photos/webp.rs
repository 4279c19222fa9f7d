//! Lossy WebP encoding of a rendition, through libwebp 1.6 (C, built from
//! the source that libwebp-sys vendors). This is rapor's only `unsafe` code:
//! a picture and a memory writer handed to the encoder and freed by their
//! owners' `Drop`, on every path.
//!
//! The settings are fixed (photo preset, quality [`WEBP_QUALITY`], method 4,
//! one thread), so the same pixels always give the same bytes.

use std::ffi::c_void;
use std::mem::MaybeUninit;

use libwebp_sys as sys;

/// WebP quality of published photos: about what JPEG quality 82 looks like.
pub const WEBP_QUALITY: f32 = 80.0;
/// libwebp's effort, 0 (fast) to 6 (small): 4 is its default.
const METHOD: i32 = 4;
/// libwebp refuses larger sides.
const MAX_SIDE: u32 = 16383;

/// The WebP file of `pixels` (rows of RGB, or RGBA when `alpha`), or `None`
/// when libwebp cannot encode it (the JPEG or PNG is then published alone).
pub fn encode(pixels: &[u8], width: u32, height: u32, alpha: bool) -> Option<Vec<u8>> {
    let channels: usize = if alpha { 4 } else { 3 };
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return None;
    }
    let expected = (width as usize)
        .checked_mul(height as usize)?
        .checked_mul(channels)?;
    if pixels.len() != expected {
        return None;
    }
    let w = i32::try_from(width).ok()?;
    let h = i32::try_from(height).ok()?;
    let stride = w.checked_mul(channels as i32)?;
    let abi = sys::WEBP_ENCODER_ABI_VERSION as i32;

    let mut config = MaybeUninit::<sys::WebPConfig>::uninit();
    // SAFETY: the init function fills every field of the config it is given
    // and says whether it did; the config is read only when it did.
    let mut config = unsafe {
        if sys::WebPConfigInitInternal(
            config.as_mut_ptr(),
            sys::WebPPreset::WEBP_PRESET_PHOTO,
            WEBP_QUALITY,
            abi,
        ) == 0
        {
            return None;
        }
        config.assume_init()
    };
    config.method = METHOD;
    config.thread_level = 0;
    // SAFETY: a fully initialised config, only read.
    if unsafe { sys::WebPValidateConfig(&config) } == 0 {
        return None;
    }

    let mut picture = Picture::new(abi)?;
    picture.0.width = w;
    picture.0.height = h;
    picture.0.use_argb = 0;
    // SAFETY: `pixels` holds `height` rows of `stride` bytes (checked
    // above); libwebp copies them into the picture's own planes.
    let imported = unsafe {
        if alpha {
            sys::WebPPictureImportRGBA(&mut picture.0, pixels.as_ptr(), stride)
        } else {
            sys::WebPPictureImportRGB(&mut picture.0, pixels.as_ptr(), stride)
        }
    };
    if imported == 0 {
        return None;
    }
    let mut writer = Writer::new();
    picture.0.writer = Some(sys::WebPMemoryWrite);
    picture.0.custom_ptr = (&raw mut writer.0).cast::<c_void>();
    // SAFETY: config and picture are initialised; the writer outlives the
    // call, and WebPMemoryWrite is the writer function made for it.
    let encoded = unsafe { sys::WebPEncode(&config, &mut picture.0) };
    if encoded == 0 || writer.0.mem.is_null() {
        return None;
    }
    // SAFETY: libwebp wrote `size` bytes at `mem`, which the writer owns
    // until it is dropped below.
    let bytes = unsafe { std::slice::from_raw_parts(writer.0.mem, writer.0.size) };
    Some(bytes.to_vec())
}

/// A libwebp picture, freed when dropped.
struct Picture(sys::WebPPicture);

impl Picture {
    fn new(abi: i32) -> Option<Picture> {
        let mut p = MaybeUninit::<sys::WebPPicture>::uninit();
        // SAFETY: the init function fills every field (no allocation yet)
        // and says whether it did.
        unsafe {
            if sys::WebPPictureInitInternal(p.as_mut_ptr(), abi) == 0 {
                return None;
            }
            Some(Picture(p.assume_init()))
        }
    }
}

impl Drop for Picture {
    fn drop(&mut self) {
        // SAFETY: an initialised picture; freeing one without planes is a no-op.
        unsafe { sys::WebPPictureFree(&mut self.0) }
    }
}

/// libwebp's in-memory output, freed when dropped.
struct Writer(sys::WebPMemoryWriter);

impl Writer {
    fn new() -> Writer {
        let mut w = MaybeUninit::<sys::WebPMemoryWriter>::uninit();
        // SAFETY: WebPMemoryWriterInit sets every field (an empty buffer).
        unsafe {
            sys::WebPMemoryWriterInit(w.as_mut_ptr());
            Writer(w.assume_init())
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // SAFETY: an initialised writer; its buffer is libwebp's to free.
        unsafe { sys::WebPMemoryWriterClear(&mut self.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(w: u32, h: u32, channels: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for y in 0..h {
            for x in 0..w {
                let px = [(x * 255 / w) as u8, (y * 255 / h) as u8, 128, 200];
                out.extend_from_slice(&px[..channels]);
            }
        }
        out
    }

    #[test]
    fn a_webp_file_comes_out_the_same_every_time() {
        let pixels = gradient(64, 48, 3);
        let a = encode(&pixels, 64, 48, false).unwrap();
        let b = encode(&pixels, 64, 48, false).unwrap();
        assert_eq!(a, b);
        assert_eq!(&a[..4], b"RIFF");
        assert_eq!(&a[8..12], b"WEBP");
        let rgba = encode(&gradient(64, 48, 4), 64, 48, true).unwrap();
        assert_eq!(&rgba[8..12], b"WEBP");
    }

    #[test]
    fn wrong_sizes_are_refused_not_read() {
        let pixels = gradient(8, 8, 3);
        assert!(encode(&pixels, 8, 9, false).is_none());
        assert!(encode(&pixels, 0, 8, false).is_none());
        assert!(encode(&pixels, 8, 8, true).is_none());
        assert!(encode(&[], 20_000, 1, false).is_none());
    }
}
