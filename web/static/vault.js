// The vault worker: loads the same WebAssembly (integrity checked), then holds the keys.
import init, { start_vault } from "/pde_web.js";

const wasm = fetch("/pde_web_bg.wasm", { integrity: "{{WASM_SRI}}" });
await init({ module_or_path: wasm });
start_vault();
