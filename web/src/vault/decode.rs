//! Image cleaning by the browser, for the vault (and the bench): the browser's own decoder
//! reads the file (JPEG, PNG, WebP, GIF, BMP, AVIF: whatever it can show) and applies its
//! orientation tag; the picture is drawn on white (transparent parts), scaled to at most
//! [`photo::MAX_SIDE`], and written anew by the browser's JPEG encoder, which writes pixels
//! only (no EXIF, GPS, XMP or text). The thumbnail follows pde-photo's steps until it fits
//! [`photo::THUMBNAIL_MAX_BYTES`]. The browser's decoders and encoder are hardened, fast
//! (native code) and already there, so the WebAssembly carries no image codec of its own.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ColorSpaceConversion, ImageBitmap, ImageBitmapOptions, ImageEncodeOptions,
    ImageOrientation, OffscreenCanvas, OffscreenCanvasRenderingContext2d, PremultiplyAlpha, Window,
    WorkerGlobalScope,
};

use crate::photo::{self, CleanPhoto};
use crate::protocol::Failure;

/// Decodes `blob` (an image the caller sniffed), then cleans it: see the module doc.
pub(crate) async fn clean_image(blob: &Blob) -> Result<CleanPhoto, Failure> {
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    options.set_premultiply_alpha(PremultiplyAlpha::None);
    options.set_color_space_conversion(ColorSpaceConversion::Default);
    let global = js_sys::global();
    let promise = if let Some(worker) = global.dyn_ref::<WorkerGlobalScope>() {
        worker.create_image_bitmap_with_blob_and_image_bitmap_options(blob, &options)
    } else if let Some(window) = global.dyn_ref::<Window>() {
        window.create_image_bitmap_with_blob_and_image_bitmap_options(blob, &options)
    } else {
        return Err(Failure::BadImage);
    }
    .map_err(|_| Failure::BadImage)?;
    // A damaged file, or one beyond the browser's own limits, is refused here.
    let bitmap: ImageBitmap = JsFuture::from(promise)
        .await
        .map_err(|_| Failure::BadImage)?
        .unchecked_into();
    let cleaned = encode(&bitmap).await;
    bitmap.close();
    cleaned
}

/// The stored JPEG and its thumbnail, both drawn from the decoded bitmap.
async fn encode(bitmap: &ImageBitmap) -> Result<CleanPhoto, Failure> {
    let (width, height) = (bitmap.width(), bitmap.height());
    if width == 0 || height == 0 || width.max(height) > photo::MAX_DECODED_SIDE {
        return Err(Failure::BadImage);
    }
    let (width, height) = photo::scaled_size(width, height, photo::MAX_SIDE);
    let jpeg = draw_jpeg(bitmap, width, height, photo::JPEG_QUALITY).await?;
    let mut thumbnail_jpeg = Vec::new();
    for (side, quality) in photo::THUMBNAIL_STEPS {
        let (thumb_width, thumb_height) = photo::scaled_size(width, height, side);
        thumbnail_jpeg = draw_jpeg(bitmap, thumb_width, thumb_height, quality).await?;
        if thumbnail_jpeg.len() <= photo::THUMBNAIL_MAX_BYTES {
            break;
        }
    }
    Ok(CleanPhoto {
        jpeg,
        width,
        height,
        thumbnail_jpeg,
    })
}

/// Draws the bitmap on white at `width`×`height` and encodes it as a JPEG of `quality` (0–100).
async fn draw_jpeg(
    bitmap: &ImageBitmap,
    width: u32,
    height: u32,
    quality: u8,
) -> Result<Vec<u8>, Failure> {
    let unexpected = |what: &str| Failure::Unexpected {
        detail: format!("image: {what}"),
    };
    let canvas = OffscreenCanvas::new(width, height).map_err(|_| unexpected("canvas"))?;
    let context: OffscreenCanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or_else(|| unexpected("2d context"))?
        .unchecked_into();
    // Good resampling when scaling a photo down (web-sys has no setter for it here).
    let _ = Reflect::set(
        &context,
        &JsValue::from_str("imageSmoothingQuality"),
        &JsValue::from_str("high"),
    );
    let (w, h) = (f64::from(width), f64::from(height));
    context.set_fill_style_str("#fff");
    context.fill_rect(0.0, 0.0, w, h);
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, w, h)
        .map_err(|_| unexpected("draw"))?;
    let options = ImageEncodeOptions::new();
    options.set_type(photo::CLEAN_MIME);
    options.set_quality(f64::from(quality) / 100.0);
    let promise = canvas
        .convert_to_blob_with_options(&options)
        .map_err(|_| unexpected("encode"))?;
    let blob: Blob = JsFuture::from(promise)
        .await
        .map_err(|_| unexpected("encode"))?
        .unchecked_into();
    if blob.type_() != photo::CLEAN_MIME {
        return Err(unexpected("the browser wrote no JPEG"));
    }
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| unexpected("read"))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
