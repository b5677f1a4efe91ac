//! # pde-qr
//!
//! QR codes for links, slips and the recovery sheet, through the `qrcode` crate. It is a
//! WebAssembly module of its own, not part of the holders' bundle: the page loads it the first
//! time it draws a QR code, its WebAssembly checked against the hash the build wrote into
//! `boot.js` (as the language files are checked), which keeps the bundle within its budget.
#![forbid(unsafe_code)]

/// `text` as a QR code in SVG (error correction M: still readable when a printout is creased);
/// empty when `text` is too long for a QR code.
pub fn svg(text: &str) -> String {
    match qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(180, 180)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

/// [`svg`], for the page.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn qr_svg(text: &str) -> String {
    svg(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_becomes_an_svg_of_its_own() {
        let one = svg("https://pde.example/g/abc#secret.fr");
        let other = svg("https://pde.example/g/abd#secret.fr");
        assert!(one.starts_with("<?xml") || one.starts_with("<svg"), "{one}");
        assert!(one.contains("<svg") && one.contains("</svg>"));
        assert_ne!(one, other);
    }

    #[test]
    fn a_text_too_long_for_a_qr_code_gives_nothing() {
        assert_eq!(svg(&"x".repeat(5000)), "");
    }
}
