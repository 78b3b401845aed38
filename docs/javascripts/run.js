/*
 * gdbook Run buttons: edit and run every executed example of a page, in the page.
 *
 * Each <div class="gd-run" data-session="…"> (an executed code block, book/pagecode.py) has
 * Run, Edit, Reset and Stop buttons above it, written by the build (book/runbar.py, which
 * also writes a few lines of inline script that enable them and load this file on the first
 * press); that press makes the example's plain <textarea> editor and a live output region
 * under the build's output. Nothing else loads until the reader presses
 * Run: then a Web Worker (run-worker.js) loads Python (Pyodide) from this site's
 * assets/pyodide/ folder. Blocks of
 * one session share a namespace; running a block first runs the earlier blocks of its session
 * that have not run yet, as the build did. Stop terminates the worker.
 */
(function () {
  "use strict";

  var TEXT = {
    en: {
      editor: "Code of example {n} (editable; Ctrl+Enter runs it)",
      result: "Output of your run of example {n}",
      heading: "Your run",
      loadingCore: "Loading Python in your browser (first run only)…",
      loadingPackages: "Loading numpy and gdbook…",
      loadingMatplotlib: "Loading matplotlib…",
      running: "Running example {n}…",
      runningFirst: "Running example {n} first (example {m} needs it)…",
      done: "Done in {s} s.",
      error: "The example raised an error; the traceback:",
      earlier: "Example {n} raised an error, so example {m} did not run.",
      failed: "Python could not be loaded: {e}",
      stopped: "Stopped. The next Run starts Python again.",
      figure: "Figure {k} drawn by example {n}",
      noOutput: "(The example printed nothing.)",
    },
    ko: {
      editor: "예제 {n}의 코드 (편집 가능, Ctrl+Enter로 실행)",
      result: "예제 {n} 실행 결과",
      heading: "실행 결과",
      loadingCore: "브라우저에서 Python을 불러오는 중 (처음 실행할 때만)…",
      loadingPackages: "numpy와 gdbook을 불러오는 중…",
      loadingMatplotlib: "matplotlib을 불러오는 중…",
      running: "예제 {n} 실행 중…",
      runningFirst: "예제 {m}에 필요한 앞 예제 {n} 실행 중…",
      done: "{s}초 만에 끝났습니다.",
      error: "예제에서 오류가 발생했습니다. 트레이스백:",
      earlier: "예제 {n}에서 오류가 발생해 예제 {m}까지 실행하지 못했습니다.",
      failed: "Python을 불러오지 못했습니다: {e}",
      stopped: "중지했습니다. 다음에 실행하면 Python을 다시 불러옵니다.",
      figure: "예제 {n}에서 그린 그림 {k}",
      noOutput: "(예제가 아무것도 출력하지 않았습니다.)",
    },
  };

  var script = document.currentScript;
  var WORKER_URL = new URL("run-worker.js", script ? script.src : location.href).href;
  var lang = (document.documentElement.lang || "en").slice(0, 2) === "ko" ? "ko" : "en";
  var text = TEXT[lang];
  var bars = document.querySelectorAll("div.gd-run-bar[data-example]");
  var blocks = document.querySelectorAll("div.gd-run");
  var examples = {}; // number -> example, made on first use
  var worker = null;
  var ran = {}; // session -> {example number: true}, for the current worker
  var current = null; // the run in progress: {id, target, examples, started}
  var nextId = 1;

  function say(key, values) {
    return text[key].replace(/\{(\w)\}/g, function (_, name) {
      return String(values && values[name] !== undefined ? values[name] : "");
    });
  }

  function element(tag, attributes, content) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function theme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  // The Run bars are in the HTML (book/runbar.py); an example's editor and output region are
  // made the first time one of its buttons is pressed, so loading this script costs the page
  // one click listener and nothing per block.
  function example(number) {
    if (examples[number]) return examples[number];
    var bar = bars[number - 1];
    var block = blocks[number - 1];
    var code = block.querySelector("code");
    var original = (code ? code.textContent : "").replace(/\n$/, "");
    var id = "gd-run-" + number;
    var buttons = {
      run: bar.querySelector(".gd-run-run"),
      edit: bar.querySelector(".gd-run-edit"),
      reset: bar.querySelector(".gd-run-reset"),
      stop: bar.querySelector(".gd-run-stop"),
    };
    var editor = element("textarea", {
      id: id + "-code",
      class: "gd-run-code",
      "aria-label": say("editor", { n: number }),
      spellcheck: "false",
      autocapitalize: "off",
      autocomplete: "off",
      rows: String(Math.min(Math.max(original.split("\n").length, 3), 30)),
      hidden: "",
    });
    editor.value = original;
    var result = element("div", { class: "gd-run-result", id: id + "-result", role: "region", "aria-label": say("result", { n: number }), hidden: "" });
    var status = element("p", { class: "gd-run-status", role: "status", "aria-live": "polite" });
    var output = element("pre", { class: "gd-run-output", tabindex: "0" });
    var figures = element("div", { class: "gd-run-figures" });
    result.append(element("p", { class: "gd-run-heading" }, text.heading), status, output, figures);

    block.parentNode.insertBefore(editor, block.nextSibling);
    buttons.edit.setAttribute("aria-controls", editor.id);
    // The build's output block (if any) follows the source; the reader's run goes after it.
    var after = editor.nextElementSibling;
    var anchor = after && after.classList.contains("highlight") && !after.classList.contains("gd-run") ? after : editor;
    anchor.parentNode.insertBefore(result, anchor.nextSibling);

    var made = {
      number: number,
      session: session(number),
      block: block,
      original: original,
      editor: editor,
      result: result,
      status: status,
      output: output,
      figures: figures,
      buttons: buttons,
    };
    editor.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey || event.shiftKey)) {
        event.preventDefault();
        if (!current) start(made);
      }
    });
    examples[number] = made;
    return made;
  }

  function session(number) {
    return blocks[number - 1].getAttribute("data-session") || "block" + number;
  }

  function press(event) {
    var button = event.target.closest ? event.target.closest(".gd-run-bar button") : null;
    if (button) pressed(button);
  }

  function pressed(button) {
    if (button.disabled) return;
    var chosen = example(Number(button.parentNode.getAttribute("data-example")));
    if (button === chosen.buttons.run) start(chosen);
    else if (button === chosen.buttons.stop) stopRun();
    else if (button === chosen.buttons.edit) setEditing(chosen, chosen.editor.hidden);
    else if (button === chosen.buttons.reset) {
      chosen.editor.value = chosen.original;
      setEditing(chosen, false);
      clear(chosen);
      chosen.result.hidden = true;
    }
  }

  function setEditing(example, on) {
    example.editor.hidden = !on;
    example.block.hidden = on;
    example.buttons.edit.setAttribute("aria-expanded", on ? "true" : "false");
    if (on) example.editor.focus();
  }

  function clear(example) {
    example.status.textContent = "";
    example.status.classList.remove("gd-run-failed");
    example.output.textContent = "";
    example.output.classList.remove("gd-run-error");
    example.output.hidden = true;
    example.figures.textContent = "";
  }

  function show(example) {
    example.result.hidden = false;
  }

  function busy(on, target) {
    Array.prototype.forEach.call(bars, function (bar, index) {
      bar.querySelector(".gd-run-run").disabled = on;
      bar.querySelector(".gd-run-stop").hidden = !(on && target && target.number === index + 1);
    });
  }

  function getWorker() {
    if (!worker) {
      worker = new Worker(WORKER_URL);
      worker.onmessage = receive;
      var started = worker;
      worker.onerror = function (event) {
        event.preventDefault();
        if (!current || worker !== started) return;
        worker.terminate();
        worker = null;
        finish(say("failed", { e: event.message || "Web Worker error" }), true);
      };
      ran = {};
    }
    return worker;
  }

  function start(target) {
    if (current) return;
    var done = ran[target.session] || {};
    var todo = [];
    for (var number = 1; number < target.number; number++) {
      if (session(number) === target.session && !done[number]) todo.push(example(number));
    }
    todo.push(target);
    todo.forEach(function (example) {
      clear(example);
    });
    show(target);
    current = { id: nextId++, target: target, examples: todo, started: performance.now() };
    busy(true, target);
    getWorker().postMessage({
      type: "run",
      id: current.id,
      theme: theme(),
      blocks: todo.map(function (example) {
        return {
          session: example.session,
          name: "<example " + example.number + ">",
          code: example.editor.value,
        };
      }),
    });
  }

  function finish(message, failed) {
    var target = current.target;
    if (message) {
      target.status.textContent = message;
      target.status.classList.toggle("gd-run-failed", !!failed);
    }
    current = null;
    busy(false, null);
  }

  function receive(event) {
    var message = event.data;
    if (!current || message.id !== current.id) return;
    var target = current.target;
    if (message.type === "progress") {
      if (message.stage === "core") target.status.textContent = text.loadingCore;
      else if (message.stage === "packages") target.status.textContent = text.loadingPackages;
      else if (message.stage === "matplotlib") target.status.textContent = text.loadingMatplotlib;
      else {
        var example = current.examples[message.index];
        target.status.textContent = example === target
          ? say("running", { n: target.number })
          : say("runningFirst", { n: example.number, m: target.number });
      }
    } else if (message.type === "stream") {
      var streaming = current.examples[message.index];
      show(streaming);
      streaming.output.hidden = false;
      streaming.output.textContent += message.text;
    } else if (message.type === "result") {
      var example = current.examples[message.index];
      show(example);
      // A block that raised runs again before the next block of its session needs it.
      if (!message.error) (ran[example.session] = ran[example.session] || {})[example.number] = true;
      example.output.hidden = false;
      example.output.textContent = message.error ? message.output + message.error : message.output || text.noOutput;
      example.output.classList.toggle("gd-run-error", !!message.error);
      if (message.error) {
        example.status.textContent = text.error;
        example.status.classList.add("gd-run-failed");
        if (example !== target) {
          target.status.textContent = say("earlier", { n: example.number, m: target.number });
          target.status.classList.add("gd-run-failed");
        }
      }
      message.figures.forEach(function (png, k) {
        var image = element("img", {
          src: "data:image/png;base64," + png,
          alt: say("figure", { k: k + 1, n: example.number }),
          class: "gd-run-figure",
        });
        example.figures.append(image);
      });
    } else if (message.type === "done") {
      var failed = target.status.classList.contains("gd-run-failed");
      var seconds = ((performance.now() - current.started) / 1000).toFixed(1);
      finish(failed ? null : say("done", { s: seconds }), failed);
    } else if (message.type === "failed") {
      worker.terminate();
      worker = null;
      finish(say("failed", { e: message.error }), true);
    }
  }

  function stopRun() {
    if (!current) return;
    if (worker) worker.terminate();
    worker = null;
    ran = {};
    var target = current.target;
    finish(text.stopped, true);
    target.buttons.run.focus();
  }

  if (bars.length !== blocks.length) {
    if (window.console) window.console.error("gdbook Run: " + bars.length + " bars for " + blocks.length + " examples");
    return;
  }
  document.addEventListener("click", press);
  // The page's loader (book/runbar.py) fetched this script on a first press and hands that
  // press over; later presses come to the listener above.
  window.gdbookRun = { press: pressed };
})();
