// Starts the page: loads the WebAssembly with its integrity checked, then mounts the app.
import init, { start_page } from "/pde_web.js";

const wasm = fetch("/pde_web_bg.wasm", { integrity: "{{WASM_SRI}}" });
await init({ module_or_path: wasm });

// The modules loaded on demand, outside the bundle's budget: the QR code maker (web/qr) and
// reader (web/qr-reader), the wallet's management screens (web/manage) and the PDF cleaner
// (web/pdf). Each
// is fetched the first time it is needed: its glue preloaded with its hash before it is
// imported (so the import runs that checked copy), its WebAssembly checked against its own.
// A failed load is tried again next time.
const onDemand = (name, glueIntegrity, wasmIntegrity, ready = (module) => module) => {
  let loading;
  return async () => {
    loading ??= new Promise((resolve, reject) => {
      const link = document.createElement("link");
      link.rel = "modulepreload";
      link.href = `/${name}.js`;
      link.integrity = glueIntegrity;
      link.onload = resolve;
      link.onerror = () => reject(new Error(`${name}.js`));
      document.head.append(link);
    })
      .then(() => import(`/${name}.js`))
      .then(async (module) => {
        await module.default({
          module_or_path: fetch(`/${name}_bg.wasm`, { integrity: wasmIntegrity }),
        });
        return ready(module);
      });
    try {
      return await loading;
    } catch (error) {
      loading = undefined;
      throw error;
    }
  };
};

const qr = onDemand("pde_qr", "{{QR_GLUE_SRI}}", "{{QR_SRI}}");
// `text` → a promise of its QR code in SVG.
const qrMaker = async (text) => (await qr()).qr_svg(text);
const qrReader = onDemand("pde_qr_reader", "{{QR_READER_GLUE_SRI}}", "{{QR_READER_SRI}}");
// The management screens read QR codes (the recovery sheet's, with the camera).
const managed = onDemand("pde_manage", "{{MANAGE_GLUE_SRI}}", "{{MANAGE_SRI}}", (module) => {
  module.set_qr_reader(async (rgba, width, height) =>
    (await qrReader()).qr_read(rgba, width, height),
  );
  return module;
});
const pdf = onDemand("pde_pdf", "{{PDF_GLUE_SRI}}", "{{PDF_SRI}}");
// `file` → a promise of `[what is stored for it, kept as it is]`: a PDF without its
// properties; a PDF kept as it is (signed, or unreadable: `true`); anything else as it is.
const pdfCleaner = async (file) => {
  const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
  if (String.fromCharCode(...head) !== "%PDF-") return [file, false];
  const cleaned = (await pdf()).clean_pdf(new Uint8Array(await file.arrayBuffer()));
  return cleaned
    ? [new File([cleaned], file.name, { type: "application/pdf" }), false]
    : [file, true];
};
// An invitation slip's link (`/#invite=<code>`, pde_api::INVITE_FRAGMENT): the code leaves the
// address bar and the history at once, and fills the create page's field when it appears (if it
// does within ten minutes: the watch then stops).
const slip = location.hash.split("#invite=")[1];
if (slip) {
  history.replaceState(null, "", "/");
  const fill = setInterval(() => {
    const field = document.getElementById("invite");
    if (field) {
      field.value = slip;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      clearInterval(fill);
    }
  }, 200);
  setTimeout(() => clearInterval(fill), 6e5);
}
start_page(qrMaker, managed, pdfCleaner);
