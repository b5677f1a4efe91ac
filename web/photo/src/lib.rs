//! Photo privacy: every image is decoded and encoded again before encryption, so nothing but
//! pixels survives — no EXIF (GPS position, camera serial, time), XMP, ICC comments or text
//! chunks. The orientation tag is applied to the pixels first, large photos are scaled down to a
//! longest side of [`MAX_SIDE`], and a small thumbnail is made for the wallet's cards. Every
//! cleaned image is a JPEG (a PNG's transparency is laid on white).
//!
//! Two ways in, one way out: [`clean_photo`] decodes a JPEG or PNG with the `image` crate
//! (native clients and tests); in the browser the vault lets the browser's own decoder do the
//! decoding, orientation and scaling (fast, and it keeps two image decoders out of the
//! WebAssembly) and hands the pixels to [`clean_pixels`]. Either way, the stored bytes are
//! written by this crate's JPEG encoder from bare pixels, so no metadata can pass through.
//!
//! Pure code (no I/O). A crate of its own so that the web build can compile it, and the image
//! code it instantiates, for speed while the interface is compiled for size.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::{self, FilterType};
use image::metadata::Orientation;
use image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, Limits,
    RgbImage,
};

/// Longest side of a stored photo, in pixels.
pub const MAX_SIDE: u32 = 2400;
/// Longest side of a thumbnail.
pub const THUMBNAIL_SIDE: u32 = 240;
/// JPEG quality of stored photos (good enough to read a document's small print).
pub const JPEG_QUALITY: u8 = 85;
/// JPEG quality of thumbnails (lowered step by step until the thumbnail fits).
pub const THUMBNAIL_QUALITY: u8 = 70;
/// Largest thumbnail: with a long name and note, it still fits in a metadata record's one size
/// class (`pde_crypto::metadata::RECORD_FRAME_LEN`), so a photo's record looks like a paper's.
pub const THUMBNAIL_MAX_BYTES: usize = 8 * 1024;
/// The (longest side, JPEG quality) a thumbnail is tried at, in order, until it fits
/// [`THUMBNAIL_MAX_BYTES`]: lower quality first, then fewer pixels. The last one is kept
/// whatever its size (a metadata record then leaves it out).
pub const THUMBNAIL_STEPS: [(u32, u8); 10] = [
    (THUMBNAIL_SIDE, THUMBNAIL_QUALITY),
    (THUMBNAIL_SIDE, 55),
    (THUMBNAIL_SIDE, 40),
    (THUMBNAIL_SIDE * 2 / 3, 55),
    (THUMBNAIL_SIDE * 2 / 3, 40),
    (THUMBNAIL_SIDE / 2, 55),
    (THUMBNAIL_SIDE / 2, 40),
    (THUMBNAIL_SIDE / 3, 55),
    (THUMBNAIL_SIDE / 3, 40),
    (THUMBNAIL_SIDE / 4, 40),
];
/// Largest picture accepted (a 100-megapixel camera is 12,000 px wide): guards against
/// decompression bombs.
pub const MAX_DECODED_SIDE: u32 = 16_000;
/// Most memory the decoder may allocate.
pub const MAX_DECODER_ALLOC: u64 = 512 * 1024 * 1024;
/// The type of every cleaned image.
pub const CLEAN_MIME: &str = "image/jpeg";
/// The file extension of every cleaned image.
pub const CLEAN_EXTENSION: &str = "jpg";

/// The type of a photo the app cannot clean: HEIC/HEIF (iPhones), which browsers do not
/// decode. It is stored as it is, download-only, and the app warns that it may hold where it
/// was taken.
pub const UNCLEANED_PHOTO_MIME: &str = "image/heic";

/// Whether `bytes` (the first 16 are enough) start a HEIC/HEIF picture, by its `ftyp` brand.
///
/// ```
/// assert!(pde_photo::is_heif(b"\0\0\0\x18ftypheic\0\0\0\0"));
/// assert!(!pde_photo::is_heif(b"\0\0\0\x18ftypavif\0\0\0\0"));
/// assert!(!pde_photo::is_heif(b"%PDF-1.4"));
/// ```
pub fn is_heif(bytes: &[u8]) -> bool {
    bytes.get(4..8) == Some(b"ftyp".as_slice())
        && matches!(
            bytes.get(8..12),
            Some(b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1")
        )
}

/// Image formats the app cleans (anything else is stored as it is, download-only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoFormat {
    /// JPEG (phone cameras).
    Jpeg,
    /// PNG (screenshots, scans).
    Png,
    /// WebP (messaging apps, web pages).
    WebP,
    /// GIF.
    Gif,
    /// BMP (old scanners).
    Bmp,
    /// AVIF (recent phones).
    Avif,
}

impl PhotoFormat {
    /// The format of `bytes` (the first 16 are enough), judged by their signature (never by a
    /// name or a claimed type).
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        let at = |range: std::ops::Range<usize>| bytes.get(range).unwrap_or_default();
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.starts_with(b"RIFF") && at(8..12) == b"WEBP" {
            Some(Self::WebP)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(Self::Gif)
        } else if bytes.starts_with(b"BM") && at(6..10) == [0, 0, 0, 0] {
            // "BM" alone starts many texts: the two reserved fields must be zero too.
            Some(Self::Bmp)
        } else if at(4..8) == b"ftyp" && matches!(at(8..12), b"avif" | b"avis") {
            Some(Self::Avif)
        } else {
            None
        }
    }

    /// Its usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::WebP => "webp",
            Self::Gif => "gif",
            Self::Bmp => "bmp",
            Self::Avif => "avif",
        }
    }

    /// Its MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::WebP => "image/webp",
            Self::Gif => "image/gif",
            Self::Bmp => "image/bmp",
            Self::Avif => "image/avif",
        }
    }
}

/// A photo made safe to store: always a JPEG ([`CLEAN_MIME`]).
pub struct CleanPhoto {
    /// The re-encoded image.
    pub jpeg: Vec<u8>,
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
    /// Not an image this build can decode (natively: JPEG or PNG).
    #[error("not an image this build can decode")]
    NotAnImage,
    /// The decoder refused it (damaged, or beyond the limits).
    #[error("the image cannot be read: {0}")]
    Unreadable(String),
    /// Encoding failed.
    #[error("the image cannot be written: {0}")]
    Encode(String),
}

/// `name` with its last extension replaced by `extension`.
fn with_extension(name: &str, extension: &str) -> String {
    // Only a short run of letters and digits after the last dot is an extension: in
    // `../../etc/passwd` the part after the dot is a path, not a type.
    let stem = match name.rsplit_once('.') {
        Some((stem, old))
            if !stem.is_empty()
                && (1..=5).contains(&old.len())
                && old.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            stem
        }
        _ => name,
    };
    format!("{stem}.{extension}")
}

/// Whether `name` is one a camera, a phone or a scanner made up (`IMG_1234.jpg`,
/// `PXL_20261204_101500.jpg`, `scan0001.pdf`, `WhatsApp Image 2026-12-04 at 10.15.00.jpeg`):
/// it says nothing to the holder, so the page gives the document a readable one instead (its
/// kind and the day it was added).
pub fn is_made_up_name(name: &str) -> bool {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem).trim();
    // ASCII only (no Unicode tables in the bundle): any other character counts as a letter, so a
    // name in Arabic or with accents is the holder's.
    let lower = stem.to_ascii_lowercase();
    let letter = |c: char| !c.is_ascii() || c.is_ascii_alphabetic();
    // What cameras, phones, scanners and screenshot tools start their names with (longest
    // first), followed only by numbers, dates and short codes such as `WA0003` or `at`.
    const MADE_UP: [&str; 21] = [
        "whatsapp image",
        "whatsapp video",
        "capture d'écran",
        "capture d\u{2019}écran",
        "schermafbeelding",
        "screen shot",
        "screenshot",
        "document",
        "fichier",
        "capture",
        "signal",
        "photo",
        "image",
        "mvimg",
        "file",
        "pict",
        "scan",
        "dcim",
        "img",
        "dsc",
        "pxl",
    ];
    let has_word = |text: &str| {
        text.split(|c: char| !letter(c))
            .any(|word| word.chars().count() >= 3)
    };
    match MADE_UP.iter().find_map(|prefix| lower.strip_prefix(prefix)) {
        Some(rest) => !has_word(rest),
        // Nothing but numbers ("20261204_101500"), or no name at all.
        None => !lower.chars().any(letter),
    }
}

/// The name a file is saved under, from the type its content was recognised as (`content_mime`,
/// by signature), never the one a sender gave it: a picture or a PDF gets its type's extension
/// (`attestation.pdf.exe` holding a PDF is saved as `attestation.pdf.pdf`), and a received
/// file of no recognised type gets `.bin`, so that a double click never runs it.
pub fn saved_name(name: &str, content_mime: &str, received: bool) -> String {
    let recognised = [
        PhotoFormat::Jpeg,
        PhotoFormat::Png,
        PhotoFormat::WebP,
        PhotoFormat::Gif,
        PhotoFormat::Bmp,
        PhotoFormat::Avif,
    ]
    .into_iter()
    .find(|format| format.mime() == content_mime)
    .map(PhotoFormat::extension)
    .or((content_mime == "application/pdf").then_some("pdf"))
    .or((content_mime == UNCLEANED_PHOTO_MIME).then_some("heic"));
    match recognised {
        Some(extension) => with_extension(name, extension),
        None if received => format!("{name}.bin"),
        None => name.to_owned(),
    }
}

/// The size of a `width`×`height` picture scaled down (never up) so that its longest side is at
/// most `max_side`, keeping its proportions.
pub fn scaled_size(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= max_side {
        return (width, height);
    }
    let scale = f64::from(max_side) / f64::from(longest);
    let side = |s: u32| ((f64::from(s) * scale).round() as u32).clamp(1, max_side);
    (side(width), side(height))
}

/// Natively: decodes a JPEG or PNG, applies its orientation, scales it down to [`MAX_SIDE`], and encodes
/// it again as a JPEG without any metadata; also makes a thumbnail.
pub fn clean_photo(input: &[u8]) -> Result<CleanPhoto, PhotoError> {
    let format = PhotoFormat::sniff(input).ok_or(PhotoError::NotAnImage)?;
    let unreadable = |e: image::ImageError| PhotoError::Unreadable(e.to_string());
    let mut reader = ImageReader::with_format(
        Cursor::new(input),
        match format {
            PhotoFormat::Jpeg => ImageFormat::Jpeg,
            PhotoFormat::Png => ImageFormat::Png,
            // The browser decodes these itself (web/src/decode.rs); natively only JPEG and PNG.
            _ => return Err(PhotoError::NotAnImage),
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
    let rgba = decoded.into_rgba8();
    let (width, height) = rgba.dimensions();
    let pixels = orient(on_white(rgba.as_raw(), width, height)?, orientation);
    finish(pixels)
}

/// Cleans pixels that a trusted decoder (the browser's) already decoded and oriented: RGBA,
/// 8 bits per channel, `width`×`height`. Scales them down to [`MAX_SIDE`] when larger.
pub fn clean_pixels(rgba: &[u8], width: u32, height: u32) -> Result<CleanPhoto, PhotoError> {
    if width == 0 || height == 0 || width.max(height) > MAX_DECODED_SIDE {
        return Err(PhotoError::Unreadable("size".into()));
    }
    finish(on_white(rgba, width, height)?)
}

/// RGBA to RGB, transparent parts laid on white.
fn on_white(rgba: &[u8], width: u32, height: u32) -> Result<RgbImage, PhotoError> {
    let expected = u64::from(width) * u64::from(height) * 4;
    if rgba.len() as u64 != expected {
        return Err(PhotoError::Unreadable("pixel count".into()));
    }
    let mut rgb = Vec::with_capacity(rgba.len() / 4 * 3);
    for px in rgba.chunks_exact(4) {
        let alpha = u32::from(px[3]);
        for &channel in &px[..3] {
            let value = (u32::from(channel) * alpha + 255 * (255 - alpha) + 127) / 255;
            rgb.push(value as u8);
        }
    }
    RgbImage::from_raw(width, height, rgb).ok_or(PhotoError::Unreadable("pixel count".into()))
}

fn finish(mut pixels: RgbImage) -> Result<CleanPhoto, PhotoError> {
    let (width, height) = pixels.dimensions();
    let (new_width, new_height) = scaled_size(width, height, MAX_SIDE);
    if (new_width, new_height) != (width, height) {
        pixels = imageops::resize(&pixels, new_width, new_height, FilterType::Triangle);
    }
    let (width, height) = pixels.dimensions();
    let thumbnail_jpeg = small_thumbnail(&pixels)?;
    Ok(CleanPhoto {
        jpeg: encode_jpeg(&pixels, JPEG_QUALITY)?,
        width,
        height,
        thumbnail_jpeg,
    })
}

/// A thumbnail of at most [`THUMBNAIL_MAX_BYTES`], by [`THUMBNAIL_STEPS`].
fn small_thumbnail(pixels: &RgbImage) -> Result<Vec<u8>, PhotoError> {
    let (width, height) = pixels.dimensions();
    let mut thumbnail_jpeg = Vec::new();
    for (side, quality) in THUMBNAIL_STEPS {
        let (thumb_width, thumb_height) = scaled_size(width, height, side);
        thumbnail_jpeg = if (thumb_width, thumb_height) == (width, height) {
            encode_jpeg(pixels, quality)?
        } else {
            encode_jpeg(
                &imageops::thumbnail(pixels, thumb_width, thumb_height),
                quality,
            )?
        };
        if thumbnail_jpeg.len() <= THUMBNAIL_MAX_BYTES {
            break;
        }
    }
    Ok(thumbnail_jpeg)
}

/// Turns the pixels the way the camera's orientation tag says.
fn orient(pixels: RgbImage, orientation: Orientation) -> RgbImage {
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

    #[test]
    fn names_a_camera_made_up_are_told_from_the_holders() {
        for made_up in [
            "IMG_1234.jpg",
            "IMG-20261204-WA0003.jpeg",
            "PXL_20261204_101500123.jpg",
            "DSC01234.JPG",
            "scan0001.pdf",
            "Scan 3.pdf",
            "WhatsApp Image 2026-12-04 at 10.15.00.jpeg",
            "Screenshot_20261204-101500.png",
            "image.jpg",
            "photo (2).png",
            "20261204_101500.jpg",
            "1733304900123.png",
            ".jpg",
            "document.pdf",
            "Capture d\u{2019}écran 2026-12-04 à 10.15.00.png",
            "signal-2026-12-04-101500.jpg",
        ] {
            assert!(is_made_up_name(made_up), "{made_up}");
        }
        for kept in [
            "decision-cpas.pdf",
            "carte identité.jpg",
            "Imagerie médicale.pdf",
            "Photocopie passeport.jpg",
            "attestation 2026.pdf",
            "Documentation AMU.pdf",
            "bail.pdf",
            "photo-carte.jpg",
            "docteur Martin.pdf",
            "AB.pdf",
            "بطاقة.jpg",
            "Médecin.pdf",
        ] {
            assert!(!is_made_up_name(kept), "{kept}");
        }
    }

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
        assert_eq!(PhotoFormat::sniff(&clean.jpeg), Some(PhotoFormat::Jpeg));
        assert!(!has_exif(&clean.jpeg));
        assert!(!clean.jpeg.windows(4).any(|w| w == b"MM\x00\x2a"));
        assert!(!has_exif(&clean.thumbnail_jpeg));
        assert_eq!((clean.width, clean.height), (64, 32));
    }

    #[test]
    fn orientation_is_applied_to_the_pixels() {
        // Orientation 6: the camera was turned; the picture must be rotated 90° clockwise.
        let clean = clean_photo(&with_exif(&jpeg(64, 32), 6)).unwrap();
        assert_eq!((clean.width, clean.height), (32, 64));
        let decoded = image::load_from_memory(&clean.jpeg).unwrap().to_rgb8();
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
    fn a_detailed_photo_still_gets_a_small_thumbnail() {
        // Small print everywhere (a pattern JPEG compresses badly): at 240 px and the usual
        // quality its thumbnail is well over the limit.
        let img = RgbImage::from_fn(1200, 800, |x, y| {
            let v = ((x * 7919 + y * 104_729) ^ (x * y)) % 251;
            Rgb([v as u8, (v * 3 % 251) as u8, (v * 7 % 251) as u8])
        });
        let mut png = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let clean = clean_photo(&png).unwrap();
        let thumb = image::load_from_memory(&clean.thumbnail_jpeg).unwrap();
        assert!(thumb.width() >= THUMBNAIL_SIDE / 4);
        assert!(
            clean.thumbnail_jpeg.len() <= THUMBNAIL_MAX_BYTES,
            "{} bytes",
            clean.thumbnail_jpeg.len()
        );
    }

    #[test]
    fn formats_are_told_by_their_signature_only() {
        let cases: [(&[u8], Option<PhotoFormat>); 9] = [
            (b"\xFF\xD8\xFF\xE0\0\x10JFIF", Some(PhotoFormat::Jpeg)),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some(PhotoFormat::Png)),
            (b"RIFF\x24\0\0\0WEBPVP8 ", Some(PhotoFormat::WebP)),
            (b"GIF89a\x01\0\x01\0", Some(PhotoFormat::Gif)),
            (
                b"BM\x36\0\0\0\0\0\0\0\x36\0\0\0\x28\0",
                Some(PhotoFormat::Bmp),
            ),
            (b"\0\0\0\x1cftypavif\0\0\0\0", Some(PhotoFormat::Avif)),
            // A text that starts with "BM", a HEIC photo, a PDF: not images to clean here.
            (b"BMW invoice 2026", None),
            (b"\0\0\0\x18ftypheic\0\0\0\0", None),
            (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3", None),
        ];
        for (head, expected) in cases {
            assert_eq!(PhotoFormat::sniff(head), expected, "{head:?}");
        }
        assert_eq!(PhotoFormat::sniff(b"RIFF"), None);
    }

    #[test]
    fn saved_names_follow_the_content() {
        let pdf = "application/pdf";
        let other = "application/octet-stream";
        assert_eq!(
            saved_name("attestation.pdf.exe", pdf, true),
            "attestation.pdf.pdf"
        );
        assert_eq!(
            saved_name("attestation.pdf.exe", other, true),
            "attestation.pdf.exe.bin"
        );
        assert_eq!(saved_name("lettre.docx", other, false), "lettre.docx");
        assert_eq!(saved_name("photo", "image/jpeg", true), "photo.jpg");
        assert_eq!(saved_name("scan.PNG", "image/jpeg", false), "scan.jpg");
        assert_eq!(saved_name(".bashrc", pdf, true), ".bashrc.pdf");
        assert_eq!(
            saved_name("../../etc/passwd", pdf, true),
            "../../etc/passwd.pdf"
        );
        assert_eq!(saved_name("a. b c.jpg", pdf, true), "a. b c.pdf");
        assert_eq!(saved_name("v1.2 final", pdf, true), "v1.2 final.pdf");
    }

    #[test]
    fn pngs_become_jpegs_on_white() {
        // Left half opaque blue, right half fully transparent, with a text chunk.
        let img = DynamicImage::ImageRgba8(image::RgbaImage::from_fn(20, 10, |x, _| {
            if x < 10 {
                image::Rgba([0, 0, 255, 255])
            } else {
                image::Rgba([0, 0, 0, 0])
            }
        }));
        let mut png = Vec::new();
        img.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let text = b"tEXtComment\0secret";
        let mut chunk = (text.len() as u32 - 4).to_be_bytes().to_vec();
        chunk.extend_from_slice(text);
        chunk.extend_from_slice(&[0; 4]); // CRC (the decoder ignores a bad one on text)
        png.splice(33..33, chunk);
        let clean = clean_photo(&png).unwrap();
        assert_eq!(PhotoFormat::sniff(&clean.jpeg), Some(PhotoFormat::Jpeg));
        assert!(!clean.jpeg.windows(6).any(|w| w == b"secret"));
        let decoded = image::load_from_memory(&clean.jpeg).unwrap().to_rgb8();
        let (left, right) = (decoded.get_pixel(2, 5), decoded.get_pixel(17, 5));
        assert!(left[2] > 200 && left[0] < 60, "left {left:?}");
        assert!(right.0.iter().all(|&c| c > 230), "right {right:?}");
    }

    #[test]
    fn pixels_from_the_browser_are_checked_and_scaled() {
        let rgba = vec![128u8; 3000 * 1000 * 4];
        let clean = clean_pixels(&rgba, 3000, 1000).unwrap();
        assert_eq!((clean.width, clean.height), (MAX_SIDE, 800));
        assert!(clean_pixels(&rgba, 3000, 999).is_err(), "wrong pixel count");
        assert!(clean_pixels(&[], 0, 0).is_err());
        assert!(clean_pixels(&rgba, MAX_DECODED_SIDE + 1, 1).is_err());
        assert_eq!(scaled_size(100, 50, MAX_SIDE), (100, 50));
        assert_eq!(scaled_size(4000, 3000, MAX_SIDE), (2400, 1800));
        assert_eq!(scaled_size(10_000, 1, MAX_SIDE), (2400, 1));
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
