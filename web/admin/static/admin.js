// Starts the administration console (its own bundle, web/admin): loads its WebAssembly with its
// integrity checked, then mounts the console.
import init, { start_console } from "/pde_admin.js";

await init({
  module_or_path: fetch("/pde_admin_bg.wasm", { integrity: "{{WASM_SRI}}" }),
});
start_console();
