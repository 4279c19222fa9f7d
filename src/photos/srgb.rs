//! Colour profiles: renditions are converted to sRGB, the profile the web
//! assumes, with moxcms.

/// Converts pixels from an embedded ICC profile to sRGB. A profile that
/// cannot be read is ignored (the pixels are then taken as sRGB), since a
/// photo with a broken profile is still worth publishing.
pub struct SrgbConverter {
    rgb: std::sync::Arc<moxcms::Transform8BitExecutor>,
    rgba: std::sync::Arc<moxcms::Transform8BitExecutor>,
}

impl SrgbConverter {
    pub fn new(icc: &[u8]) -> Option<Self> {
        let src = moxcms::ColorProfile::new_from_slice(icc).ok()?;
        let dst = moxcms::ColorProfile::new_srgb();
        let opts = moxcms::TransformOptions::default();
        let rgb = src
            .create_transform_8bit(moxcms::Layout::Rgb, &dst, moxcms::Layout::Rgb, opts)
            .ok()?;
        let rgba = src
            .create_transform_8bit(moxcms::Layout::Rgba, &dst, moxcms::Layout::Rgba, opts)
            .ok()?;
        Some(SrgbConverter { rgb, rgba })
    }

    pub fn convert(&self, pixels: &mut [u8], alpha: bool) {
        let src = pixels.to_vec();
        let t = if alpha { &self.rgba } else { &self.rgb };
        if t.transform(&src, pixels).is_err() {
            pixels.copy_from_slice(&src);
        }
    }
}
