// Starts the page: loads the WebAssembly with its integrity checked, then mounts the app.
import init, { start_page } from "/pde_web.js";

const wasm = fetch("/pde_web_bg.wasm", { integrity: "{{WASM_SRI}}" });
await init({ module_or_path: wasm });
start_page();
