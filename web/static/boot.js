// Starts the page: loads the WebAssembly with its integrity checked, then mounts the app.
import init, { start_page } from "/pde_web.js";

const wasm = fetch("/pde_web_bg.wasm", { integrity: "{{WASM_SRI}}" });
await init({ module_or_path: wasm });

// The QR code maker is a WebAssembly module of its own (outside the bundle's budget), loaded
// the first time a QR code is drawn, checked against its integrity as the bundle is; its glue
// is preloaded by index.html with its own. A failed load is tried again next time.
let qr;
const qrMaker = async (text) => {
  qr ??= import("/pde_qr.js").then(async (maker) => {
    await maker.default({
      module_or_path: fetch("/pde_qr_bg.wasm", { integrity: "{{QR_SRI}}" }),
    });
    return maker;
  });
  try {
    return (await qr).qr_svg(text);
  } catch (error) {
    qr = undefined;
    throw error;
  }
};

// The wallet's management screens (web/manage) are a module of their own too, loaded the first
// time one is shown. Its glue is preloaded with its hash before it is imported, so the import
// runs that checked copy; a failed load is tried again next time.
let managed;
const managedLoader = async () => {
  managed ??= new Promise((resolve, reject) => {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = "/pde_manage.js";
    link.integrity = "{{MANAGE_GLUE_SRI}}";
    link.onload = resolve;
    link.onerror = () => reject(new Error("pde_manage.js"));
    document.head.append(link);
  })
    .then(() => import("/pde_manage.js"))
    .then(async (module) => {
      await module.default({
        module_or_path: fetch("/pde_manage_bg.wasm", { integrity: "{{MANAGE_SRI}}" }),
      });
      return module;
    });
  try {
    return await managed;
  } catch (error) {
    managed = undefined;
    throw error;
  }
};
start_page(qrMaker, managedLoader);
