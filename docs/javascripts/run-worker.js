/*
 * gdbook Run buttons: the Web Worker that runs Python (Pyodide, served by the site itself).
 *
 * Started by run.js on the first Run of a page. It loads Pyodide from ../assets/pyodide/,
 * numpy (and matplotlib once a block may draw; wheels verified against Pyodide's lock file
 * when the site was built),
 * the gdbook wheel built from the book's repository, and the driver (book/rundriver.py), then
 * runs the blocks it is sent, one message per block. Every URL is relative to this file:
 * no request leaves the site.
 *
 * Messages in:  {type: "run", id, theme, blocks: [{session, name, code}]}
 * Messages out: {type: "progress", id, stage: "core" | "packages" | "matplotlib" | "block",
 *                index, total}
 *               {type: "stream", id, index, text}
 *               {type: "result", id, index, output, error, figures}
 *               {type: "done", id} | {type: "failed", id, error}
 */
/* global importScripts, loadPyodide */
"use strict";

var ASSETS = new URL("../assets/pyodide/", self.location.href).href;
var ready = null;

function load(id) {
  if (ready) return ready;
  ready = (async function () {
    self.postMessage({ type: "progress", id: id, stage: "core" });
    importScripts(ASSETS + "pyodide.js");
    var pyodide = await loadPyodide({ indexURL: ASSETS, stdout: function () {}, stderr: function () {} });
    self.postMessage({ type: "progress", id: id, stage: "packages" });
    var manifest = await (await fetch(ASSETS + "runtime.json")).json();
    await pyodide.loadPackage(manifest.packages, { messageCallback: function () {} });
    await pyodide.loadPackage(ASSETS + manifest.wheel, { messageCallback: function () {} });
    var home = "/home/pyodide/";
    Object.keys(manifest.files).forEach(function (name) {
      var target = home + name;
      pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
      pyodide.FS.writeFile(target, manifest.files[name]);
    });
    var driver = await (await fetch(ASSETS + "driver.py")).text();
    pyodide.runPython(driver);
    return { pyodide: pyodide, lazy: manifest.lazy, runBlock: pyodide.globals.get("run_block") };
  })();
  return ready;
}

self.onmessage = async function (event) {
  var message = event.data;
  if (message.type !== "run") return;
  var id = message.id;
  try {
    var python = await load(id);
    var total = message.blocks.length;
    for (var index = 0; index < total; index++) {
      var block = message.blocks[index];
      self.postMessage({ type: "progress", id: id, stage: "block", index: index, total: total });
      var echo = (function (i) {
        return function (text) {
          self.postMessage({ type: "stream", id: id, index: i, text: text });
        };
      })(index);
      if (python.lazy.length && /matplotlib|plot/.test(block.code)) {
        // matplotlib loads on the first block that may draw (gdbook imports it lazily too).
        self.postMessage({ type: "progress", id: id, stage: "matplotlib" });
        await python.pyodide.loadPackage(python.lazy, { messageCallback: function () {} });
        python.lazy = [];
        self.postMessage({ type: "progress", id: id, stage: "block", index: index, total: total });
      }
      var answer = python.runBlock(block.session, block.name, block.code, message.theme, echo);
      var result = answer.toJs({ dict_converter: Object.fromEntries });
      answer.destroy();
      self.postMessage({
        type: "result",
        id: id,
        index: index,
        output: result.output,
        error: result.error || null,
        figures: result.figures || [],
      });
      if (result.error) break; // a later block would run on an incomplete state
    }
    self.postMessage({ type: "done", id: id });
  } catch (error) {
    ready = null;
    self.postMessage({ type: "failed", id: id, error: String((error && error.message) || error) });
  }
};
