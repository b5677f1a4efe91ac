// Starts the page of a grant link (its own small bundle, web/grant-page): loads its
// WebAssembly with its integrity checked, then mounts the worker's screen.
import init, { start_page } from "/pde_grant_page.js";

await init({
  module_or_path: fetch("/pde_grant_page_bg.wasm", { integrity: "{{GRANT_SRI}}" }),
});
start_page();
