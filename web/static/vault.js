// The vault worker: runs the WebAssembly the page already fetched and checked against its
// integrity hash, handed over compiled as the first message (so it is neither downloaded nor
// compiled twice), then holds the keys.
import init, { start_vault } from "/pde_web.js";

const module = await new Promise((resolve) =>
  addEventListener("message", (event) => resolve(event.data), { once: true }),
);
await init({ module_or_path: module });
start_vault();
