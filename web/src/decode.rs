//! Image decoding by the browser, for the vault (and the bench): the browser's own decoder
//! reads the file, applies its orientation tag and scales it down; only the resulting pixels
//! reach [`photo::clean_pixels`], which writes the stored JPEG. The browser's decoders are
//! hardened, fast (native code) and already there, so the WebAssembly carries no JPEG or PNG
//! decoder of its own.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ColorSpaceConversion, ImageBitmap, ImageBitmapOptions, ImageOrientation, OffscreenCanvas,
    OffscreenCanvasRenderingContext2d, PremultiplyAlpha, Window, WorkerGlobalScope,
};

use crate::photo::{self, CleanPhoto};
use crate::protocol::Failure;

/// Decodes `blob` (a JPEG or PNG the caller sniffed), then cleans it: see the module doc.
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
    let pixels = scaled_pixels(&bitmap);
    bitmap.close();
    let (rgba, width, height) = pixels?;
    photo::clean_pixels(&rgba, width, height).map_err(|_| Failure::BadImage)
}

/// Draws the bitmap scaled to at most [`photo::MAX_SIDE`] and reads its pixels back (RGBA).
fn scaled_pixels(bitmap: &ImageBitmap) -> Result<(Vec<u8>, u32, u32), Failure> {
    let (width, height) = (bitmap.width(), bitmap.height());
    if width == 0 || height == 0 || width.max(height) > photo::MAX_DECODED_SIDE {
        return Err(Failure::BadImage);
    }
    let (width, height) = photo::scaled_size(width, height, photo::MAX_SIDE);
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
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, width.into(), height.into())
        .map_err(|_| unexpected("draw"))?;
    let data = context
        .get_image_data(0.0, 0.0, width.into(), height.into())
        .map_err(|_| unexpected("read pixels"))?;
    Ok((data.data().0, width, height))
}
