//! The site's own sharing card: the facility's logo on the site's colour,
//! 1200×630, made at build time for every page and story that has no cover
//! of its own (a link shared on WhatsApp or Facebook then shows the
//! facility, not a blank box). Made from the logo's published rendition, so
//! it carries no byte the logo's file had besides its pixels; the same logo
//! gives the same bytes.

use std::sync::{Arc, Mutex};

use image::{ImageEncoder, Rgba, RgbaImage, imageops};

use super::CARD;

/// The theme's brand colour (`--brand`, `theme-color`).
const BRAND: Rgba<u8> = Rgba([0x0f, 0x52, 0x57, 0xff]);
/// The logo's box: 60% of the card's height.
const LOGO_SIDE: u32 = 378;

/// The card of the logo rendition at `logo` (an output path, named by a
/// hash of the photo, or `None`), whose bytes `read` gives. Made once per
/// logo and process: `rapor serve` and the editor rebuild on every save,
/// and making it takes about a tenth of a second.
pub fn card_for(logo: Option<&str>, read: impl FnOnce(&str) -> Option<Vec<u8>>) -> Arc<Vec<u8>> {
    /// The logo a card was last made of, and the card.
    type Made = (Option<String>, Arc<Vec<u8>>);
    static LAST: Mutex<Option<Made>> = Mutex::new(None);
    let key = logo.map(str::to_string);
    if let Ok(last) = LAST.lock()
        && let Some((k, bytes)) = last.as_ref()
        && *k == key
    {
        return Arc::clone(bytes);
    }
    let bytes = Arc::new(default_card(logo.and_then(read).as_deref()));
    if let Ok(mut last) = LAST.lock() {
        *last = Some((key, Arc::clone(&bytes)));
    }
    bytes
}

/// The card as PNG bytes; without a logo (or one that cannot be read), the
/// colour alone.
fn default_card(logo: Option<&[u8]>) -> Vec<u8> {
    let (w, h) = CARD;
    let mut canvas = RgbaImage::from_pixel(w, h, BRAND);
    if let Some(img) = logo.and_then(|b| image::load_from_memory(b).ok()) {
        let img = img.to_rgba8();
        let scale = f64::from(LOGO_SIDE) / f64::from(img.width().max(img.height()).max(1));
        let lw = ((f64::from(img.width()) * scale).round() as u32).max(1);
        let lh = ((f64::from(img.height()) * scale).round() as u32).max(1);
        let logo = imageops::resize(&img, lw, lh, imageops::FilterType::Lanczos3);
        let x = i64::from((w - lw.min(w)) / 2);
        let y = i64::from((h - lh.min(h)) / 2);
        imageops::overlay(&mut canvas, &logo, x, y);
    }
    let mut out = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new(&mut out);
    // Encoding pixels already in memory into a Vec cannot fail.
    let _ = encoder.write_image(canvas.as_raw(), w, h, image::ExtendedColorType::Rgba8);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_card_is_the_logo_centred_on_the_brand_colour() {
        let mut logo = RgbaImage::from_pixel(64, 64, Rgba([255, 255, 255, 255]));
        logo.put_pixel(0, 0, Rgba([0, 0, 0, 0]));
        let mut png = Vec::new();
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(logo.as_raw(), 64, 64, image::ExtendedColorType::Rgba8)
            .unwrap();
        let card = default_card(Some(&png));
        assert_eq!(
            card,
            default_card(Some(&png)),
            "the same logo, the same bytes"
        );
        let img = image::load_from_memory(&card).unwrap().to_rgba8();
        assert_eq!((img.width(), img.height()), CARD);
        assert_eq!(*img.get_pixel(10, 10), BRAND);
        assert_eq!(*img.get_pixel(600, 315), Rgba([255, 255, 255, 255]));
        let bare = image::load_from_memory(&default_card(None))
            .unwrap()
            .to_rgba8();
        assert_eq!(*bare.get_pixel(600, 315), BRAND);
        // Made once per logo: the second ask reads nothing.
        let first = card_for(Some("media/x-256.png"), |_| Some(png.clone()));
        let again = card_for(Some("media/x-256.png"), |_| panic!("read again"));
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(*first, card);
        let other = card_for(None, |_| panic!("no logo, nothing to read"));
        assert_eq!(*other, default_card(None));
        // A logo that is not an image: the colour alone, no panic.
        assert_eq!(default_card(Some(b"not a png")), default_card(None));
    }
}
