// Applies wasm-opt's renaming of imports and exports (its JSON) to the wasm-bindgen glue, then
// checks the result against the module: every import it asks for is provided, and the glue
// uses no export the module lacks. Run by xtask (web.rs, `rename_in_glue`) as
//   node -e "<this file>" <glue.js> <module.wasm> <renaming.json>
// Tested against a fixture by xtask's `renaming_the_glue_follows_the_module`.
const fs = require('fs');
const [gluePath, wasmPath, renamingPath] = process.argv.slice(1);
const renaming = JSON.parse(fs.readFileSync(renamingPath, 'utf8'));
const compiled = new WebAssembly.Module(fs.readFileSync(wasmPath));
const importNames = new Map(renaming.imports.map(([, from, to]) => [from, to]));
const exportNames = new Map(renaming.exports);
const oldModules = [...new Set(renaming.imports.map(([moduleName]) => moduleName))];
const newModules = [...new Set(WebAssembly.Module.imports(compiled).map((i) => i.module))];
if (oldModules.length !== 1 || newModules.length !== 1) {
  throw new Error(`one import module expected: ${oldModules} -> ${newModules}`);
}
let glue = fs.readFileSync(gluePath, 'utf8');
const moduleKey = JSON.stringify(oldModules[0]) + ':';
if (glue.split(moduleKey).length !== 2) throw new Error(`${moduleKey} is not once in the glue`);
glue = glue.replace(moduleKey, JSON.stringify(newModules[0]) + ':');
const renamed = new Set();
glue = glue.replace(/(?<![\w$.])([A-Za-z_$][\w$]*)(?=:)/g, (name) => {
  if (!importNames.has(name)) return name;
  renamed.add(name);
  return importNames.get(name);
});
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (all, name) =>
  exportNames.has(name) ? 'wasm.' + exportNames.get(name) : all);
const missing = [...importNames.keys()].filter((name) => !renamed.has(name));
if (missing.length) throw new Error(`imports not found in the glue: ${missing}`);
const provided = new Set(WebAssembly.Module.exports(compiled).map((e) => e.name));
const unknown = [...glue.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)]
  .map((m) => m[1]).filter((name) => !provided.has(name));
if (unknown.length) throw new Error(`the glue uses exports the module lacks: ${unknown}`);
fs.writeFileSync(gluePath, glue);
