//! Photo privacy: every image is decoded and encoded again before encryption, so nothing but
//! pixels survives — no EXIF (GPS position, camera serial, time), XMP, ICC comments or text
//! chunks. The orientation tag is applied to the pixels first, large photos are scaled down to a
//! longest side of [`MAX_SIDE`], and a small thumbnail is made for the wallet's cards.
//!
//! Pure code (no I/O): it runs in the vault worker in the browser and in native tests. A crate
//! of its own so that the web build can compile it, and the image code it instantiates, for
//! speed while the interface is compiled for size.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::{self, FilterType};
use image::metadata::Orientation;
use image::{
    DynamicImage, ExtendedColorType, ImageBuffer, ImageDecoder, ImageEncoder, ImageFormat,
    ImageReader, Limits, Pixel, PixelWithColorType, RgbImage,
};

/// Longest side of a stored photo, in pixels.
pub const MAX_SIDE: u32 = 2400;
/// Longest side of a thumbnail.
pub const THUMBNAIL_SIDE: u32 = 240;
/// JPEG quality of stored photos (good enough to read a document's small print).
pub const JPEG_QUALITY: u8 = 85;
/// JPEG quality of thumbnails.
pub const THUMBNAIL_QUALITY: u8 = 70;
/// Largest picture the decoder accepts (a 100-megapixel camera is 12,000 px wide): guards
/// against decompression bombs.
pub const MAX_DECODED_SIDE: u32 = 16_000;
/// Most memory the decoder may allocate.
pub const MAX_DECODER_ALLOC: u64 = 512 * 1024 * 1024;

/// Image formats the app re-encodes (anything else is stored as it is, download-only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoFormat {
    /// JPEG (phone cameras).
    Jpeg,
    /// PNG (screenshots, scans).
    Png,
}

impl PhotoFormat {
    /// The format of `bytes`, judged by their signature (never by a name or a claimed type).
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else {
            None
        }
    }

    /// Its MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
        }
    }
}

/// A photo made safe to store.
pub struct CleanPhoto {
    /// The re-encoded image.
    pub bytes: Vec<u8>,
    /// Its format (the same as the input's).
    pub format: PhotoFormat,
    /// Width after orientation and scaling.
    pub width: u32,
    /// Height after orientation and scaling.
    pub height: u32,
    /// A small JPEG for the wallet's cards.
    pub thumbnail_jpeg: Vec<u8>,
}

/// Why an image could not be cleaned.
#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    /// Not a JPEG or PNG.
    #[error("not a JPEG or PNG image")]
    NotAnImage,
    /// The decoder refused it (damaged, or beyond the limits).
    #[error("the image cannot be read: {0}")]
    Unreadable(String),
    /// Encoding failed.
    #[error("the image cannot be written: {0}")]
    Encode(String),
}

/// Decodes `input`, applies its orientation, scales it down to [`MAX_SIDE`], and encodes it
/// again without any metadata; also makes a thumbnail.
pub fn clean_photo(input: &[u8]) -> Result<CleanPhoto, PhotoError> {
    let format = PhotoFormat::sniff(input).ok_or(PhotoError::NotAnImage)?;
    let unreadable = |e: image::ImageError| PhotoError::Unreadable(e.to_string());
    let mut reader = ImageReader::with_format(
        Cursor::new(input),
        match format {
            PhotoFormat::Jpeg => ImageFormat::Jpeg,
            PhotoFormat::Png => ImageFormat::Png,
        },
    );
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(MAX_DECODER_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let orientation = decoder.orientation().map_err(unreadable)?;
    let decoded = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    // Everything below works on 8-bit RGB (or RGBA for PNGs with transparency): one code path
    // per pixel type keeps the WebAssembly small.
    match format {
        PhotoFormat::Png if decoded.color().has_alpha() => {
            finish(decoded.into_rgba8(), orientation, format)
        }
        _ => finish(decoded.into_rgb8(), orientation, format),
    }
}

fn finish<P>(
    pixels: ImageBuffer<P, Vec<u8>>,
    orientation: Orientation,
    format: PhotoFormat,
) -> Result<CleanPhoto, PhotoError>
where
    P: Pixel<Subpixel = u8> + PixelWithColorType + 'static,
    DynamicImage: From<ImageBuffer<P, Vec<u8>>>,
{
    let mut pixels = orient(pixels, orientation);
    let (width, height) = pixels.dimensions();
    if width.max(height) > MAX_SIDE {
        let scale = f64::from(MAX_SIDE) / f64::from(width.max(height));
        let new_width = ((f64::from(width) * scale).round() as u32).max(1);
        let new_height = ((f64::from(height) * scale).round() as u32).max(1);
        pixels = imageops::resize(&pixels, new_width, new_height, FilterType::Triangle);
    }
    let (width, height) = pixels.dimensions();
    let scale = f64::from(THUMBNAIL_SIDE) / f64::from(width.max(height));
    let thumbnail = if scale < 1.0 {
        imageops::thumbnail(
            &pixels,
            ((f64::from(width) * scale).round() as u32).max(1),
            ((f64::from(height) * scale).round() as u32).max(1),
        )
    } else {
        pixels.clone()
    };
    let thumbnail_jpeg = encode_jpeg(
        &DynamicImage::from(thumbnail).into_rgb8(),
        THUMBNAIL_QUALITY,
    )?;
    let bytes = match format {
        PhotoFormat::Jpeg => encode_jpeg(&DynamicImage::from(pixels).into_rgb8(), JPEG_QUALITY)?,
        PhotoFormat::Png => {
            let mut out = Vec::new();
            // Only pixels are written: no text, EXIF or colour-profile chunks.
            PngEncoder::new(&mut out)
                .write_image(pixels.as_raw(), width, height, P::COLOR_TYPE)
                .map_err(|e| PhotoError::Encode(e.to_string()))?;
            out
        }
    };
    Ok(CleanPhoto {
        bytes,
        format,
        width,
        height,
        thumbnail_jpeg,
    })
}

/// Turns the pixels the way the camera's orientation tag says.
fn orient<P: Pixel + 'static>(
    pixels: ImageBuffer<P, Vec<P::Subpixel>>,
    orientation: Orientation,
) -> ImageBuffer<P, Vec<P::Subpixel>> {
    match orientation {
        Orientation::NoTransforms => pixels,
        Orientation::Rotate90 => imageops::rotate90(&pixels),
        Orientation::Rotate180 => imageops::rotate180(&pixels),
        Orientation::Rotate270 => imageops::rotate270(&pixels),
        Orientation::FlipHorizontal => imageops::flip_horizontal(&pixels),
        Orientation::FlipVertical => imageops::flip_vertical(&pixels),
        Orientation::Rotate90FlipH => imageops::flip_horizontal(&imageops::rotate90(&pixels)),
        Orientation::Rotate270FlipH => imageops::flip_horizontal(&imageops::rotate270(&pixels)),
    }
}

fn encode_jpeg(pixels: &RgbImage, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(
            pixels.as_raw(),
            pixels.width(),
            pixels.height(),
            ExtendedColorType::Rgb8,
        )
        .map_err(|e| PhotoError::Encode(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use image::{Rgb, RgbImage};

    /// A JPEG of `w`×`h` whose left half is red and right half blue.
    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, _| {
            if x < w / 2 {
                Rgb([220, 20, 20])
            } else {
                Rgb([20, 20, 220])
            }
        });
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&DynamicImage::ImageRgb8(img))
            .unwrap();
        out
    }

    /// Inserts an EXIF APP1 segment after the JPEG's SOI: orientation `orientation` and a GPS
    /// position (the kind of tags a phone writes).
    pub(crate) fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        // Big-endian TIFF: IFD0 with Orientation (0x0112) and a GPS IFD pointer (0x8825).
        let mut tiff = Vec::new();
        tiff.extend_from_slice(b"MM\x00\x2a\x00\x00\x00\x08");
        let entry = |tag: u16, kind: u16, count: u32, value: u32| {
            let mut e = Vec::new();
            e.extend_from_slice(&tag.to_be_bytes());
            e.extend_from_slice(&kind.to_be_bytes());
            e.extend_from_slice(&count.to_be_bytes());
            e.extend_from_slice(&value.to_be_bytes());
            e
        };
        // IFD0 at 8: 2 entries (2 + 24 + 4 bytes) → GPS IFD at 38.
        tiff.extend_from_slice(&2u16.to_be_bytes());
        tiff.extend(entry(0x0112, 3, 1, u32::from(orientation) << 16));
        tiff.extend(entry(0x8825, 4, 1, 38));
        tiff.extend_from_slice(&0u32.to_be_bytes());
        // GPS IFD at 38: LatitudeRef 'N', Latitude (3 rationals at 38 + 2 + 24 + 4 = 68).
        tiff.extend_from_slice(&2u16.to_be_bytes());
        tiff.extend(entry(0x0001, 2, 2, u32::from_be_bytes(*b"N\0\0\0")));
        tiff.extend(entry(0x0002, 5, 3, 68));
        tiff.extend_from_slice(&0u32.to_be_bytes());
        for (num, den) in [(50u32, 1u32), (50, 1), (4242, 100)] {
            tiff.extend_from_slice(&num.to_be_bytes());
            tiff.extend_from_slice(&den.to_be_bytes());
        }
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    fn has_exif(bytes: &[u8]) -> bool {
        bytes.windows(6).any(|w| w == b"Exif\0\0")
    }

    #[test]
    fn exif_and_gps_are_dropped() {
        let input = with_exif(&jpeg(64, 32), 1);
        assert!(has_exif(&input));
        // The decoder really sees the tags we wrote.
        let mut decoder = ImageReader::new(Cursor::new(&input))
            .with_guessed_format()
            .unwrap()
            .into_decoder()
            .unwrap();
        assert!(decoder.exif_metadata().unwrap().is_some());
        let clean = clean_photo(&input).unwrap();
        assert_eq!(clean.format, PhotoFormat::Jpeg);
        assert!(!has_exif(&clean.bytes));
        assert!(!clean.bytes.windows(4).any(|w| w == b"MM\x00\x2a"));
        assert!(!has_exif(&clean.thumbnail_jpeg));
        assert_eq!((clean.width, clean.height), (64, 32));
    }

    #[test]
    fn orientation_is_applied_to_the_pixels() {
        // Orientation 6: the camera was turned; the picture must be rotated 90° clockwise.
        let clean = clean_photo(&with_exif(&jpeg(64, 32), 6)).unwrap();
        assert_eq!((clean.width, clean.height), (32, 64));
        let decoded = image::load_from_memory(&clean.bytes).unwrap().to_rgb8();
        // Red (left half) is now on top.
        let top = decoded.get_pixel(16, 4);
        let bottom = decoded.get_pixel(16, 60);
        assert!(top[0] > 150 && top[2] < 100, "top {top:?}");
        assert!(bottom[2] > 150 && bottom[0] < 100, "bottom {bottom:?}");
    }

    #[test]
    fn large_photos_are_scaled_down() {
        let clean = clean_photo(&jpeg(3000, 1500)).unwrap();
        assert_eq!((clean.width, clean.height), (MAX_SIDE, MAX_SIDE / 2));
        let thumb = image::load_from_memory(&clean.thumbnail_jpeg).unwrap();
        assert_eq!(thumb.width().max(thumb.height()), THUMBNAIL_SIDE);
    }

    #[test]
    fn pngs_stay_png_without_text_chunks() {
        let img = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            10,
            10,
            image::Rgba([1, 2, 3, 128]),
        ));
        let mut png = Vec::new();
        img.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let clean = clean_photo(&png).unwrap();
        assert_eq!(clean.format, PhotoFormat::Png);
        assert!(!clean.bytes.windows(4).any(|w| w == b"tEXt" || w == b"eXIf"));
    }

    #[test]
    fn other_files_and_damaged_images_are_refused() {
        assert!(matches!(
            clean_photo(b"%PDF-1.7"),
            Err(PhotoError::NotAnImage)
        ));
        assert!(matches!(
            clean_photo(b"<svg onload=alert(1)>"),
            Err(PhotoError::NotAnImage)
        ));
        let mut cut = jpeg(64, 64);
        cut.truncate(40);
        assert!(clean_photo(&cut).is_err());
    }
}
