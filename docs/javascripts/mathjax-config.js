// MathJax 3 reads this object when tex-chtml.js (served from the site) loads.
// pymdownx.arithmatex (generic mode) wraps math in \( \) and \[ \] inside .arithmatex elements.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
    tags: "ams",
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
  chtml: {
    fontURL: new URL("../assets/mathjax/output/chtml/fonts/woff-v2", document.currentScript.src).href,
  },
};
