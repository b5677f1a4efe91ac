// The vault worker: runs the WebAssembly the page already fetched and checked against its
// integrity hash, handed over compiled as the first message (so it is neither downloaded nor
// compiled twice), then holds the keys. The worker's name says whose module it is: the holders'
// bundle's or the grant link page's (each with its own glue).
const handedOver = new Promise((resolve) =>
  addEventListener("message", (event) => resolve(event.data), { once: true }),
);
const glue = await (self.name === "pde_grant_page"
  ? import("/pde_grant_page.js")
  : import("/pde_web.js"));
await glue.default({ module_or_path: await handedOver });
glue.start_vault();
