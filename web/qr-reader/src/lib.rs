//! # pde-qr-reader
//!
//! Reads the QR code in a camera's picture, through `rqrr`: the recovery screen reads the
//! recovery sheet's key with it, frame by frame, in the browser (nothing is sent anywhere).
//! It is a WebAssembly module of its own, apart from the QR code maker (pde-qr, which every
//! shared link's QR code needs, and which stays small): the page loads it, checked against the
//! hash the build wrote into `boot.js`, the first time the camera is used.
#![forbid(unsafe_code)]

/// The text of the first QR code found in a `width`×`height` greyscale picture (`luma`, one byte
/// a pixel, row by row), if any can be read.
pub fn read(luma: &[u8], width: usize, height: usize) -> Option<String> {
    if width == 0 || height == 0 || luma.len() < width.saturating_mul(height) {
        return None;
    }
    let mut picture =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| luma[y * width + x]);
    picture
        .detect_grids()
        .into_iter()
        .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}

/// [`read`], for the page: a camera frame as the canvas gives it (RGBA, four bytes a pixel)
/// turned to grey, then read; empty when no QR code could be read.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn qr_read(rgba: &[u8], width: usize, height: usize) -> String {
    let luma: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|p| ((u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29) >> 8) as u8)
        .collect();
    read(&luma, width, height).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as a QR code drawn in grey on a `side`×`side` picture, `scale` pixels a module,
    /// its top-left corner at `offset`, as a camera might see a printed sheet (light grey
    /// paper, dark grey ink).
    fn picture(text: &str, side: usize, scale: usize, offset: usize) -> Vec<u8> {
        let code =
            qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).expect("fits");
        let modules = code.width();
        let colors = code.to_colors();
        let mut luma = vec![200u8; side * side];
        for y in 0..modules * scale {
            for x in 0..modules * scale {
                if colors[(y / scale) * modules + x / scale] == qrcode::Color::Dark {
                    luma[(offset + y) * side + offset + x] = 40;
                }
            }
        }
        luma
    }

    #[test]
    fn a_recovery_key_drawn_as_a_qr_code_reads_back() {
        let key = "K7QM-2XPA-9RTD-WE4H-JN3B-C8VF-L6YS-U5GZ";
        assert_eq!(
            read(&picture(key, 320, 4, 60), 320, 320).as_deref(),
            Some(key)
        );
    }

    #[test]
    fn a_picture_without_a_qr_code_reads_nothing() {
        assert_eq!(read(&vec![200u8; 320 * 320], 320, 320), None);
        assert_eq!(read(&[], 0, 0), None);
        assert_eq!(read(&[0; 10], 320, 320), None);
    }
}
