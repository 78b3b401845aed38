/*
 * gdbook explorers: sliders over data that gdbook computed when the site was built.
 *
 * Every <div class="gd-explorer" data-explorer="gd-1d|gd-2d|minibatch|momentum" data-src="….json"
 * data-lang="en|ko"> becomes a labelled slider (plus a start-point <select> for gd-1d, a second
 * slider for the momentum of "momentum"), an SVG
 * drawing and an <output class="gd-explorer-value">. The browser computes no optimisation step:
 * trajectories, curves, contour lines and printed values all come from the JSON (book/explorers.py),
 * so the numbers shown are the numbers gdbook prints. No libraries, no network but the JSON.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  var TEXT = {
    en: {
      eta: "Learning rate η",
      start: "Start x₀",
      batch: "Batch size b",
      converges: "converges: η < 2/L = ",
      noConvergence: "does not converge: η ≥ 2/L = ",
      error: "The explorer's data could not be loaded.",
      x: "x",
      fx: "f(x)",
      intercept: "intercept x₁",
      slope: "slope x₂",
      examples: "examples processed",
      loss: "loss f(x) (log scale)",
      lossTitle: "Loss against examples processed",
      plane: "Path of (x₁, x₂) on the contour lines of the loss",
      plot1d: function (d) {
        return "Gradient descent on f(x) = x² from x₀ = " + d.start + " with η = " + d.eta +
          ": " + d.steps + " steps drawn as points on the curve";
      },
      plot2d: function (d) {
        return "Gradient descent on f(x) = x₁² + 2x₂² from (" + d.start + ") with η = " + d.eta +
          ": " + d.steps + " steps drawn on the contour lines";
      },
      after: function (d) {
        return "after " + d.budget + " examples (" + d.updates + " steps of b = " + d.b + ")";
      },
      lossName: "loss",
      beta: "Momentum β",
      convergesMomentum: "converges: η < 2(1 + β)/L = ",
      noConvergenceMomentum: "does not converge: η ≥ 2(1 + β)/L = ",
      rate: "factor per step ρ = ",
      plotMomentum: function (d) {
        return "Heavy ball on f(x) = x₁² + 10x₂² from (" + d.start + ") with η = " + d.eta +
          " and β = " + d.beta + ": " + d.steps + " steps drawn on the contour lines";
      },
    },
    ko: {
      eta: "학습률 η",
      start: "시작점 x₀",
      batch: "배치 크기 b",
      converges: "수렴한다: η < 2/L = ",
      noConvergence: "수렴하지 않는다: η ≥ 2/L = ",
      error: "탐색기 데이터를 불러오지 못했습니다.",
      x: "x",
      fx: "f(x)",
      intercept: "절편 x₁",
      slope: "기울기 x₂",
      examples: "처리한 예제 수",
      loss: "손실 f(x) (로그 스케일)",
      lossTitle: "처리한 예제 수에 따른 손실",
      plane: "손실 함수의 등고선 위에 그린 (x₁, x₂)의 궤적",
      plot1d: function (d) {
        return "f(x) = x²에서 x₀ = " + d.start + "부터 학습률 η = " + d.eta +
          "로 진행한 경사 하강법 " + d.steps + "스텝의 궤적";
      },
      plot2d: function (d) {
        return "f(x) = x₁² + 2x₂²에서 (" + d.start + ")부터 학습률 η = " + d.eta +
          "로 진행한 경사 하강법 " + d.steps + "스텝의 궤적과 등고선";
      },
      after: function (d) {
        return "예제 " + d.budget + "개 처리 후 (b = " + d.b + ", " + d.updates + "스텝)";
      },
      lossName: "손실",
      beta: "모멘텀 β",
      convergesMomentum: "수렴한다: η < 2(1 + β)/L = ",
      noConvergenceMomentum: "수렴하지 않는다: η ≥ 2(1 + β)/L = ",
      rate: "스텝당 배율 ρ = ",
      plotMomentum: function (d) {
        return "f(x) = x₁² + 10x₂²에서 (" + d.start + ")부터 학습률 η = " + d.eta + ", 모멘텀 β = " +
          d.beta + "로 진행한 헤비 볼 방법 " + d.steps + "스텝의 궤적과 등고선";
      },
    },
  };

  var SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

  function subscript(n) {
    return String(n).replace(/[0-9]/g, function (digit) { return SUBSCRIPTS[+digit]; });
  }

  function tickText(value, step) {
    var decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    var text = Math.abs(value) < step / 1e6 ? (0).toFixed(decimals) : value.toFixed(decimals);
    return text.replace(/^-/, "−");
  }

  // --- DOM helpers ----------------------------------------------------------------------------

  function html(tag, attrs, parent, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function svg(tag, attrs, parent, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  // --- scales, ticks, axes --------------------------------------------------------------------

  function linear(domain, range) {
    var k = (range[1] - range[0]) / (domain[1] - domain[0]);
    return function (v) { return range[0] + (v - domain[0]) * k; };
  }

  function logarithmic(domain, range) {
    var scale = linear([Math.log10(domain[0]), Math.log10(domain[1])], range);
    return function (v) { return scale(Math.log10(v)); };
  }

  function niceStep(span, count) {
    var raw = span / Math.max(count, 1);
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * power >= raw) return steps[i] * power;
    }
    return 10 * power;
  }

  function ticks(domain, count) {
    var step = niceStep(domain[1] - domain[0], count);
    var values = [];
    for (var v = Math.ceil(domain[0] / step) * step; v <= domain[1] + step * 1e-9; v += step) {
      values.push({ value: v, label: tickText(v, step) });
    }
    return values;
  }

  function logTicks(domain) {
    var values = [];
    for (var p = Math.ceil(Math.log10(domain[0])); p <= Math.floor(Math.log10(domain[1])); p++) {
      values.push({ value: Math.pow(10, p), label: p >= 0 ? String(Math.pow(10, p)) : "10" + superscript(p) });
    }
    return values;
  }

  function superscript(n) {
    var map = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
    return String(n).split("").map(function (c) { return map[c]; }).join("");
  }

  // A plot: an <svg> with a viewBox, a clipped drawing area and axes that can be redrawn.
  function makePlot(parent, width, height, margin, uid) {
    var root = svg("svg", {
      class: "gd-explorer-plot",
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-labelledby": uid + "-title",
      preserveAspectRatio: "xMidYMid meet",
    }, parent);
    var title = svg("title", { id: uid + "-title" }, root);
    var inner = { x0: margin.left, x1: width - margin.right, y0: height - margin.bottom, y1: margin.top };
    var clip = svg("clipPath", { id: uid + "-clip" }, svg("defs", {}, root));
    svg("rect", {
      x: inner.x0, y: inner.y1, width: inner.x1 - inner.x0, height: inner.y0 - inner.y1,
    }, clip);
    var axes = svg("g", { class: "gd-explorer-axes" }, root);
    var area = svg("g", { "clip-path": "url(#" + uid + "-clip)" }, root);
    return { root: root, title: title, inner: inner, axes: axes, area: area, height: height };
  }

  function drawAxes(plot, sx, sy, xTicks, yTicks, xLabel, yLabel) {
    var g = plot.axes;
    var box = plot.inner;
    clear(g);
    xTicks.forEach(function (t) {
      var x = sx(t.value);
      if (x < box.x0 - 0.5 || x > box.x1 + 0.5) return;
      svg("line", { class: "gd-explorer-grid", x1: x, x2: x, y1: box.y0, y2: box.y1 }, g);
      svg("text", { class: "gd-explorer-tick", x: x, y: box.y0 + 16, "text-anchor": "middle" }, g, t.label);
    });
    yTicks.forEach(function (t) {
      var y = sy(t.value);
      if (y > box.y0 + 0.5 || y < box.y1 - 0.5) return;
      svg("line", { class: "gd-explorer-grid", x1: box.x0, x2: box.x1, y1: y, y2: y }, g);
      svg("text", { class: "gd-explorer-tick", x: box.x0 - 6, y: y + 4, "text-anchor": "end" }, g, t.label);
    });
    svg("line", { class: "gd-explorer-axis", x1: box.x0, x2: box.x1, y1: box.y0, y2: box.y0 }, g);
    svg("line", { class: "gd-explorer-axis", x1: box.x0, x2: box.x0, y1: box.y0, y2: box.y1 }, g);
    svg("text", {
      class: "gd-explorer-label", x: (box.x0 + box.x1) / 2, y: box.y0 + 34, "text-anchor": "middle",
    }, g, xLabel);
    svg("text", {
      class: "gd-explorer-label", x: 14, y: (box.y0 + box.y1) / 2, "text-anchor": "middle",
      transform: "rotate(-90 14 " + (box.y0 + box.y1) / 2 + ")",
    }, g, yLabel);
  }

  function points(xs, ys, sx, sy) {
    var out = [];
    for (var i = 0; i < xs.length; i++) {
      out.push(sx(xs[i]).toFixed(2) + "," + sy(ys[i]).toFixed(2));
    }
    return out.join(" ");
  }

  // The trajectory: one polyline and a circle per iterate (the start drawn larger).
  function makeTrace(parent) {
    var g = svg("g", { class: "gd-explorer-trace" }, parent);
    return { group: g, line: svg("polyline", { class: "gd-explorer-path" }, g), dots: [] };
  }

  function drawTrace(trace, xs, ys, sx, sy) {
    trace.line.setAttribute("points", points(xs, ys, sx, sy));
    while (trace.dots.length < xs.length) {
      trace.dots.push(svg("circle", { class: "gd-explorer-point", r: 3.5 }, trace.group));
    }
    trace.dots.forEach(function (dot, i) {
      var shown = i < xs.length;
      dot.style.display = shown ? "" : "none";
      if (!shown) return;
      dot.setAttribute("cx", sx(xs[i]).toFixed(2));
      dot.setAttribute("cy", sy(ys[i]).toFixed(2));
      dot.setAttribute("class", i === 0 ? "gd-explorer-point gd-explorer-start" : "gd-explorer-point");
      dot.setAttribute("r", i === 0 ? 5 : 3.5);
    });
  }

  // --- controls -------------------------------------------------------------------------------

  function makeSlider(parent, uid, label, count, index, describe) {
    var row = html("div", { class: "gd-explorer-control" }, parent);
    html("label", { for: uid }, row, label);
    var input = html("input", {
      type: "range", id: uid, min: 0, max: count - 1, step: 1, value: index,
    }, row);
    var shown = html("span", { class: "gd-explorer-setting", "aria-hidden": "true" }, row);
    function sync() {
      var text = describe(+input.value);
      input.setAttribute("aria-valuetext", text);
      shown.textContent = text;
    }
    sync();
    input.addEventListener("input", sync);
    return input;
  }

  function makeSelect(parent, uid, label, options, value) {
    var row = html("div", { class: "gd-explorer-control" }, parent);
    html("label", { for: uid }, row, label);
    var select = html("select", { id: uid }, row);
    options.forEach(function (option) {
      var node = html("option", { value: option.value }, select, option.label);
      if (option.value === value) node.selected = true;
    });
    return select;
  }

  function makeResult(parent, forIds) {
    var p = html("p", { class: "gd-explorer-result" }, parent);
    var output = html("output", { class: "gd-explorer-value", for: forIds, "aria-live": "polite" }, p);
    var status = html("span", { class: "gd-explorer-status" }, p);
    return { output: output, status: status };
  }

  function nearestIndex(values, target) {
    var best = 0;
    values.forEach(function (v, i) { if (Math.abs(v - target) < Math.abs(values[best] - target)) best = i; });
    return best;
  }

  function etaText(eta) {
    return "η = " + eta.toFixed(2);
  }

  function number(value) {
    return String(value).replace(/^-/, "−");
  }

  // --- gd-1d: ten steps on x², learning rate and start chosen by the reader --------------------

  function explorer1d(root, data, t, uid) {
    var controls = html("div", { class: "gd-explorer-controls" }, root);
    var slider = makeSlider(controls, uid + "-eta", t.eta, data.etas.length,
      nearestIndex(data.etas, data.default_eta), function (i) { return etaText(data.etas[i]); });
    var select = makeSelect(controls, uid + "-start", t.start, data.starts.map(function (x0) {
      return { value: String(x0), label: "x₀ = " + number(x0) };
    }), String(data.default_start));
    var plot = makePlot(root, 640, 360, { left: 56, right: 16, top: 12, bottom: 44 }, uid);
    var curve = svg("polyline", { class: "gd-explorer-curve" }, plot.area);
    var trace = makeTrace(plot.area);
    var result = makeResult(root, slider.id + " " + select.id);
    var sub = subscript(data.steps);

    function update() {
      var i = +slider.value;
      var eta = data.etas[i];
      var run = data.runs[select.value][i];
      var reach = Math.max.apply(null, run.x.map(Math.abs));
      var half = Math.max(11, reach * 1.08);
      var cx = [], cy = [], top = 0;
      data.curve.x.forEach(function (x, k) {
        if (Math.abs(x) <= half * 1.02) {
          cx.push(x); cy.push(data.curve.y[k]); top = Math.max(top, data.curve.y[k]);
        }
      });
      var sx = linear([-half, half], [plot.inner.x0, plot.inner.x1]);
      var yDomain = [-0.04 * top, top * 1.04];
      var sy = linear(yDomain, [plot.inner.y0, plot.inner.y1]);
      drawAxes(plot, sx, sy, ticks([-half, half], 8), ticks(yDomain, 6), t.x, t.fx);
      curve.setAttribute("points", points(cx, cy, sx, sy));
      drawTrace(trace, run.x, run.f, sx, sy);
      var stable = data.stable[i];
      result.output.textContent = "x" + sub + " = " + run.final;
      result.status.textContent = (stable ? t.converges : t.noConvergence) + data.stability_limit;
      plot.title.textContent = t.plot1d({
        start: number(+select.value), eta: eta.toFixed(2), steps: data.steps,
      }) + "; x" + sub + " = " + run.final;
    }
    slider.addEventListener("input", update);
    select.addEventListener("change", update);
    update();
  }

  function drawContours(parent, contours, sx, sy) {
    var g = svg("g", { class: "gd-explorer-contours" }, parent);
    contours.forEach(function (contour) {
      contour.lines.forEach(function (flat) {
        var xs = [], ys = [];
        for (var k = 0; k + 1 < flat.length; k += 2) { xs.push(flat[k]); ys.push(flat[k + 1]); }
        svg("polyline", { class: "gd-explorer-contour", points: points(xs, ys, sx, sy) }, g);
      });
    });
    return g;
  }

  // A plot whose two axes share one scale (so ellipses keep their shape).
  function makeEqualPlot(parent, view, width, margin, uid) {
    var innerWidth = width - margin.left - margin.right;
    var unit = innerWidth / (view.x[1] - view.x[0]);
    var height = Math.round(unit * (view.y[1] - view.y[0]) + margin.top + margin.bottom);
    var plot = makePlot(parent, width, height, margin, uid);
    plot.sx = linear(view.x, [plot.inner.x0, plot.inner.x1]);
    plot.sy = linear(view.y, [plot.inner.y0, plot.inner.y1]);
    return plot;
  }

  // --- gd-2d: twenty steps on x₁² + 2x₂², learning rate chosen by the reader -------------------

  function explorer2d(root, data, t, uid) {
    var controls = html("div", { class: "gd-explorer-controls" }, root);
    var slider = makeSlider(controls, uid + "-eta", t.eta, data.etas.length,
      nearestIndex(data.etas, data.default_eta), function (i) { return etaText(data.etas[i]); });
    var margin = { left: 56, right: 16, top: 12, bottom: 44 };
    var plot = makeEqualPlot(root, data.view, 640, margin, uid);
    drawAxes(plot, plot.sx, plot.sy, ticks(data.view.x, 12), ticks(data.view.y, 8), "x₁", "x₂");
    drawContours(plot.area, data.contours, plot.sx, plot.sy);
    var minimum = svg("circle", { class: "gd-explorer-minimum", r: 3, cx: plot.sx(0), cy: plot.sy(0) }, plot.area);
    minimum.setAttribute("aria-hidden", "true");
    var trace = makeTrace(plot.area);
    var result = makeResult(root, slider.id);
    var sub = subscript(data.steps);
    var start = data.start.map(number).join(", ");

    function update() {
      var i = +slider.value;
      var run = data.runs[i];
      drawTrace(trace, run.x1, run.x2, plot.sx, plot.sy);
      var value = "x" + sub + " = (" + run.final.join(", ") + "), f(x" + sub + ") = " + run.final_loss;
      result.output.textContent = value;
      result.status.textContent = (data.stable[i] ? t.converges : t.noConvergence) + data.stability_limit;
      plot.title.textContent = t.plot2d({ start: start, eta: data.etas[i].toFixed(2), steps: data.steps }) +
        "; " + value;
    }
    slider.addEventListener("input", update);
    update();
  }

  // --- minibatch: a budget of examples, batch size chosen by the reader ------------------------

  function explorerMinibatch(root, data, t, uid) {
    var controls = html("div", { class: "gd-explorer-controls" }, root);
    var sizes = data.batch_sizes;
    var slider = makeSlider(controls, uid + "-batch", t.batch, sizes.length,
      nearestIndex(sizes, data.default_batch_size), function (i) { return "b = " + sizes[i]; });
    var figures = html("div", { class: "gd-explorer-figures" }, root);

    var margin = { left: 56, right: 20, top: 12, bottom: 44 };
    var plane = makeEqualPlot(figures, data.view, 360, margin, uid + "-plane");
    plane.title.textContent = t.plane;
    drawAxes(plane, plane.sx, plane.sy, ticks(data.view.x, 5), ticks(data.view.y, 6), t.intercept, t.slope);
    drawContours(plane.area, data.contours, plane.sx, plane.sy);
    svg("path", {
      class: "gd-explorer-solution",
      d: "M" + (plane.sx(data.solution[0]) - 5) + "," + (plane.sy(data.solution[1]) - 5) + "l10,10m0,-10l-10,10",
    }, plane.area);
    var trace = makeTrace(plane.area);

    var curves = makePlot(figures, 360, Math.max(280, plane.height), margin, uid + "-loss");
    curves.title.textContent = t.lossTitle;
    var low = Math.pow(10, Math.floor(Math.log10(data.min_loss)));
    var high = 0;
    data.runs.forEach(function (run) { high = Math.max(high, Math.max.apply(null, run.loss)); });
    high = Math.pow(10, Math.ceil(Math.log10(high)));
    var sx = linear([0, data.budget], [curves.inner.x0, curves.inner.x1]);
    var sy = logarithmic([low, high], [curves.inner.y0, curves.inner.y1]);
    drawAxes(curves, sx, sy, ticks([0, data.budget], 4), logTicks([low, high]), t.examples, t.loss);
    var others = data.runs.map(function (run) {
      return svg("polyline", { class: "gd-explorer-loss-other", points: points(run.examples, run.loss, sx, sy) }, curves.area);
    });
    var current = svg("polyline", { class: "gd-explorer-loss" }, curves.area);
    var result = makeResult(root, slider.id);

    function update() {
      var i = +slider.value;
      var run = data.runs[i];
      drawTrace(trace, run.intercept, run.slope, plane.sx, plane.sy);
      others.forEach(function (line, k) { line.style.display = k === i ? "none" : ""; });
      current.setAttribute("points", points(run.examples, run.loss, sx, sy));
      result.output.textContent = t.lossName + " = " + run.final_loss + ", (x₁, x₂) = (" + run.final.join(", ") + ")";
      result.status.textContent = t.after({ budget: data.budget, updates: run.updates, b: sizes[i] });
    }
    slider.addEventListener("input", update);
    update();
  }

  // --- momentum: thirty heavy-ball steps on x₁² + 10x₂², learning rate and momentum chosen ---

  function explorerMomentum(root, data, t, uid) {
    var controls = html("div", { class: "gd-explorer-controls" }, root);
    var slider = makeSlider(controls, uid + "-eta", t.eta, data.etas.length,
      nearestIndex(data.etas, data.default_eta), function (i) { return etaText(data.etas[i]); });
    var betaSlider = makeSlider(controls, uid + "-beta", t.beta, data.betas.length,
      nearestIndex(data.betas, data.default_beta), function (j) { return "β = " + data.betas[j].toFixed(1); });
    var margin = { left: 56, right: 16, top: 12, bottom: 44 };
    var plot = makeEqualPlot(root, data.view, 640, margin, uid);
    drawAxes(plot, plot.sx, plot.sy, ticks(data.view.x, 12), ticks(data.view.y, 6), "x₁", "x₂");
    drawContours(plot.area, data.contours, plot.sx, plot.sy);
    var minimum = svg("circle", { class: "gd-explorer-minimum", r: 3, cx: plot.sx(0), cy: plot.sy(0) }, plot.area);
    minimum.setAttribute("aria-hidden", "true");
    var trace = makeTrace(plot.area);
    var result = makeResult(root, slider.id + " " + betaSlider.id);
    var sub = subscript(data.steps);
    var start = data.start.map(number).join(", ");

    function update() {
      var i = +slider.value;
      var j = +betaSlider.value;
      var run = data.runs[j][i];
      var limit = data.limits[j];
      drawTrace(trace, run.x1, run.x2, plot.sx, plot.sy);
      var value = "x" + sub + " = (" + run.final.join(", ") + "), f(x" + sub + ") = " + run.final_loss;
      result.output.textContent = value;
      result.status.textContent = (data.etas[i] < limit ? t.convergesMomentum : t.noConvergenceMomentum) +
        limit + "; " + t.rate + run.rate;
      plot.title.textContent = t.plotMomentum({
        start: start, eta: data.etas[i].toFixed(2), beta: data.betas[j].toFixed(1), steps: data.steps,
      }) + "; " + value;
    }
    slider.addEventListener("input", update);
    betaSlider.addEventListener("input", update);
    update();
  }

  var EXPLORERS = {
    "gd-1d": explorer1d, "gd-2d": explorer2d, minibatch: explorerMinibatch, momentum: explorerMomentum,
  };

  function setup(root, index) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "loading");
    var t = TEXT[root.getAttribute("data-lang")] || TEXT.en;
    var name = root.getAttribute("data-explorer");
    var build = EXPLORERS[name];
    var uid = "gd-explorer-" + name + "-" + index;
    fetch(root.getAttribute("data-src"))
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      })
      .then(function (data) {
        clear(root);
        build(root, data, t, uid);
        root.setAttribute("data-ready", "true");
      })
      .catch(function (error) {
        clear(root);
        html("p", { class: "gd-explorer-error", role: "alert" }, root, t.error);
        root.setAttribute("data-ready", "error");
        if (window.console) window.console.error("gdbook explorer " + name + ":", error);
      });
  }

  function init() {
    var roots = document.querySelectorAll("div.gd-explorer[data-explorer]");
    Array.prototype.forEach.call(roots, function (root, index) {
      if (EXPLORERS[root.getAttribute("data-explorer")]) setup(root, index);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material's page-load stream
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
