//! # pde-pdf
//!
//! A PDF's properties can name people: its Info dictionary (Title, Author, Creator, Producer,
//! dates) and its XMP metadata streams travel with it to every social worker it is shown to,
//! and Chromium's viewer puts the Title at the top of the page. Before a PDF is sealed, the page
//! hands it here: [`clean`] removes the Info dictionary, every `/Metadata` stream and every
//! application's private data (`/PieceInfo`), through `lopdf`, and writes the document anew
//! (which also drops what earlier incremental updates left behind).
//!
//! A **signed** PDF (a signature dictionary's `/ByteRange`) is never rewritten: any change
//! breaks its signature, and with it its legal value. It is kept byte for byte, as is a PDF
//! this crate cannot read (damaged, or encrypted); the page then tells the holder that its
//! properties may name an author.
//!
//! It is a WebAssembly module of its own, not part of the holders' bundle: the page loads it
//! the first time a PDF is added, checked against the hash the build wrote into `boot.js`.
#![forbid(unsafe_code)]

use lopdf::{Document, Object};

/// What became of a PDF.
#[derive(Debug, PartialEq, Eq)]
pub enum Cleaning {
    /// Written anew without its properties: store these bytes.
    Cleaned(Vec<u8>),
    /// Signed: kept as it is.
    Signed,
    /// Not a PDF this crate can read (damaged or encrypted): kept as it is.
    Unreadable,
}

/// Keys whose values describe the file rather than show its pages: removed from every
/// dictionary. (The trailer's `/Info` is removed apart: it is the trailer's alone.)
const PROPERTY_KEYS: [&[u8]; 2] = [b"Metadata", b"PieceInfo"];

/// Cleans `pdf` (see the crate's documentation).
pub fn clean(pdf: &[u8]) -> Cleaning {
    if contains(pdf, b"/ByteRange") {
        return Cleaning::Signed;
    }
    let Ok(mut document) = Document::load_mem(pdf) else {
        return Cleaning::Unreadable;
    };
    if document.was_encrypted() || document.is_encrypted() {
        return Cleaning::Unreadable;
    }
    // A signature's name may be written with escapes (`/Byte#52ange`): read, it is the same.
    if document.objects.values().any(is_signature) {
        return Cleaning::Signed;
    }
    let pages = document.get_pages().len();
    if pages == 0 {
        return Cleaning::Unreadable;
    }
    document.trailer.remove(b"Info");
    document.traverse_objects(|object| {
        let dictionary = match object {
            Object::Dictionary(dictionary) => dictionary,
            Object::Stream(stream) => &mut stream.dict,
            _ => return,
        };
        for key in PROPERTY_KEYS {
            dictionary.remove(key);
        }
    });
    // The Info dictionary and the XMP streams, now referred to by nothing, go.
    document.prune_objects();
    let mut cleaned = Vec::with_capacity(pdf.len());
    if document.save_to(&mut cleaned).is_err() || !cleaned.starts_with(b"%PDF-") {
        return Cleaning::Unreadable;
    }
    // What was written must read back with the same pages, or the original is kept.
    match Document::load_mem(&cleaned) {
        Ok(written) if written.get_pages().len() == pages => Cleaning::Cleaned(cleaned),
        _ => Cleaning::Unreadable,
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn is_signature(object: &Object) -> bool {
    let dictionary = match object {
        Object::Dictionary(dictionary) => dictionary,
        Object::Stream(stream) => &stream.dict,
        _ => return false,
    };
    dictionary.has(b"ByteRange")
}

/// [`clean`], for the page: the cleaned bytes, or nothing when the PDF is kept as it is.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn clean_pdf(pdf: &[u8]) -> Option<Vec<u8>> {
    match clean(pdf) {
        Cleaning::Cleaned(bytes) => Some(bytes),
        Cleaning::Signed | Cleaning::Unreadable => None,
    }
}

/// PDFs for tests: one page saying `text`, with an Info dictionary (Title `title`, Author
/// `author`) and an XMP stream naming both; `signed` adds a signature field whose dictionary
/// has a `/ByteRange` (the structure only: no certificate is involved in keeping it whole).
#[cfg(any(test, feature = "fixtures"))]
pub fn sample(text: &str, title: &str, author: &str, signed: bool) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Stream, StringFormat};

    let mut document = Document::with_version("1.7");
    let pages_id = document.new_object_id();
    let font_id = document.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
    });
    let content = Content {
        operations: vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 24.into()]),
            Operation::new("Td", vec![72.into(), 700.into()]),
            Operation::new("Tj", vec![Object::string_literal(text)]),
            Operation::new("ET", vec![]),
        ],
    };
    let content_id = document.add_object(Stream::new(
        dictionary! {},
        content.encode().unwrap_or_default(),
    ));
    let page_id = document.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    document.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let xmp = format!(
        "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
         <rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
         <dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>\
         </rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"
    );
    let mut metadata = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp.into_bytes(),
    );
    metadata.allows_compression = false;
    let metadata_id = document.add_object(metadata);
    let mut catalog = dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
        "Metadata" => metadata_id,
    };
    if signed {
        let signature_id = document.add_object(dictionary! {
            "Type" => "Sig",
            "Filter" => "Adobe.PPKLite",
            "SubFilter" => "adbe.pkcs7.detached",
            "ByteRange" => vec![0.into(), 100.into(), 200.into(), 300.into()],
            "Contents" => Object::String(vec![0; 64], StringFormat::Hexadecimal),
        });
        let field_id = document.add_object(dictionary! {
            "FT" => "Sig",
            "T" => Object::string_literal("Signature1"),
            "V" => signature_id,
        });
        catalog.set(
            "AcroForm",
            dictionary! { "Fields" => vec![field_id.into()], "SigFlags" => 3 },
        );
    }
    let catalog_id = document.add_object(catalog);
    let info_id = document.add_object(dictionary! {
        "Title" => Object::string_literal(title),
        "Author" => Object::string_literal(author),
        "Producer" => Object::string_literal("Scanner 3000"),
    });
    document.trailer.set("Root", catalog_id);
    document.trailer.set("Info", info_id);
    let mut bytes = Vec::new();
    let _ = document.save_to(&mut bytes);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLE: &str = "Rapport Jean Dupont";
    const AUTHOR: &str = "Marie Assistante";

    fn has(bytes: &[u8], text: &str) -> bool {
        contains(bytes, text.as_bytes())
    }

    #[test]
    fn the_properties_and_the_xmp_are_gone_and_the_page_stays() {
        let original = sample("Attestation 2031", TITLE, AUTHOR, false);
        assert!(has(&original, TITLE) && has(&original, AUTHOR) && has(&original, "xmpmeta"));
        let Cleaning::Cleaned(cleaned) = clean(&original) else {
            panic!("an unsigned PDF is cleaned");
        };
        for gone in [
            TITLE,
            AUTHOR,
            "xmpmeta",
            "Scanner 3000",
            "/Info",
            "/Metadata",
        ] {
            assert!(!has(&cleaned, gone), "{gone} is still there");
        }
        let read = Document::load_mem(&cleaned).expect("the cleaned PDF reads");
        assert_eq!(read.get_pages().len(), 1);
        let text = read.extract_text(&[1]).unwrap_or_default();
        assert!(text.contains("Attestation 2031"), "{text:?}");
    }

    #[test]
    fn a_signed_pdf_is_kept_byte_for_byte() {
        let signed = sample("Décision", TITLE, AUTHOR, true);
        assert!(has(&signed, "/ByteRange"));
        assert_eq!(clean(&signed), Cleaning::Signed);
    }

    /// `bytes` with the first `from` replaced by `to`.
    fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
        let at = bytes
            .windows(from.len())
            .position(|window| window == from)
            .expect("there");
        [&bytes[..at], to, &bytes[at + from.len()..]].concat()
    }

    #[test]
    fn a_signature_written_with_escapes_is_seen_once_read() {
        let signed = sample("Décision", TITLE, AUTHOR, true);
        // Two characters more in the name, two fewer in the same object's filter: every
        // object stays where the cross-reference table says it is.
        let escaped = replace(&signed, b"/ByteRange", b"/Byte#52ange");
        let escaped = replace(&escaped, b"/Adobe.PPKLite", b"/Adobe.PPKLi");
        assert_eq!(escaped.len(), signed.len());
        assert!(!contains(&escaped, b"/ByteRange"));
        assert_eq!(clean(&escaped), Cleaning::Signed);
    }

    #[test]
    fn what_cannot_be_read_is_kept_as_it_is() {
        assert_eq!(clean(b"%PDF-1.7\nnot really a PDF"), Cleaning::Unreadable);
        assert_eq!(clean(b""), Cleaning::Unreadable);
        let original = sample("Attestation", TITLE, AUTHOR, false);
        assert_eq!(clean(&original[..original.len() / 3]), Cleaning::Unreadable);
    }
}
