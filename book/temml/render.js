// Typeset TeX as MathML Core at build time with Temml (used by book/math.py).
//
// stdin:  {"temml": "<path of temml.cjs>", "formulas": [[tex, display], ...]}
// stdout: {"mathml": [markup, ...], "errors": [[i, message], ...]}
//
// Temml is the pinned npm tarball book/vendor.py verified; nothing is fetched. TeX errors are
// collected, not rendered in red: the build fails on them.
"use strict";

const fs = require("fs");

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const temml = require(request.temml);

const mathml = [];
const errors = [];
request.formulas.forEach(([tex, display], i) => {
  try {
    mathml.push(temml.renderToString(tex, { displayMode: display, throwOnError: true }));
  } catch (error) {
    // Temml underlines the offending token with combining low lines; plain text reads better.
    const message = String((error && error.message) || error);
    errors.push([i, message.replace(/\u0332/g, "").replace(/\s+/g, " ").trim()]);
    mathml.push("");
  }
});
process.stdout.write(JSON.stringify({ mathml, errors }));
