// Render TeX to MathJax CHTML markup at build time (used by book/math.py).
//
// stdin:  {"mathjax": "<MathJax es5 folder>", "formulas": [[tex, display], ...]}
// stdout: {"html": [markup, ...], "css": "<the CHTML stylesheet>", "errors": [[i, message], ...]}
//
// MathJax 3 runs from the es5 folder of the pinned django-static-mathjax wheel: no npm
// package, nothing fetched. The stylesheet covers every character of the fonts
// (adaptiveCSS: false), so it does not depend on which formulas were rendered and one file
// serves every page. TeX errors are collected, not rendered in red: the build fails on them.
"use strict";

const fs = require("fs");

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const MathJaxMain = require(request.mathjax + "/node-main.js");

MathJaxMain.init({
  loader: { load: ["input/tex", "output/chtml", "a11y/assistive-mml"] },
  tex: {
    // base, ams, newcommand, require, autoload, configmacros: the tex component's packages,
    // without noundefined, so an unknown macro is an error rather than red text.
    packages: ["base", "ams", "newcommand", "require", "autoload", "configmacros"],
    tags: "none",
    processEscapes: true,
    processEnvironments: true,
  },
  chtml: { fontURL: "output/chtml/fonts/woff-v2", adaptiveCSS: false },
  startup: { typeset: false },
})
  .then(async (MathJax) => {
    const adaptor = MathJax.startup.adaptor;
    const html = [];
    const errors = [];
    for (let i = 0; i < request.formulas.length; i++) {
      const [tex, display] = request.formulas[i];
      MathJax.texReset();
      const node = await MathJax.tex2chtmlPromise(tex, { display: display });
      const markup = adaptor.outerHTML(node);
      const error = /data-mjx-error="([^"]*)"/.exec(markup);
      if (error) errors.push([i, error[1]]);
      html.push(markup);
    }
    const css = adaptor.textContent(MathJax.chtmlStylesheet());
    process.stdout.write(JSON.stringify({ html, css, errors }));
  })
  .catch((error) => {
    process.stderr.write(String((error && error.stack) || error) + "\n");
    process.exit(1);
  });
