// Run page-code blocks in the site's own Pyodide under Node.js, with the Run buttons' driver.
// Usage: node run_pyodide.js <site folder>; stdin: [[session, name, code], ...] per page as
// {"page": [[...], ...]}; stdout: {"page": [{output, error, figures}, ...]}.
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
  const site = path.resolve(process.argv[2]);
  const indexURL = path.join(site, "assets", "pyodide") + path.sep;
  const { loadPyodide } = require(path.join(indexURL, "pyodide.js"));
  const manifest = JSON.parse(fs.readFileSync(path.join(indexURL, "runtime.json"), "utf8"));
  const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
  await pyodide.loadPackage([...manifest.packages, ...manifest.lazy], { messageCallback: () => {} });
  await pyodide.loadPackage(path.join(indexURL, manifest.wheel), { messageCallback: () => {} });
  const home = "/home/pyodide";
  for (const [name, text] of Object.entries(manifest.files)) {
    pyodide.FS.mkdirTree(path.posix.dirname(path.posix.join(home, name)));
    pyodide.FS.writeFile(path.posix.join(home, name), text);
  }
  pyodide.runPython(fs.readFileSync(path.join(indexURL, "driver.py"), "utf8"));
  const runBlock = pyodide.globals.get("run_block");
  const reset = pyodide.globals.get("reset");
  const pages = JSON.parse(fs.readFileSync(0, "utf8"));
  const results = {};
  for (const [page, blocks] of Object.entries(pages)) {
    reset();
    results[page] = blocks.map(([session, name, code]) => {
      const answer = runBlock(session, name, code, "light");
      const result = answer.toJs({ dict_converter: Object.fromEntries });
      answer.destroy();
      return result;
    });
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
