/* Pantau dashboard behaviour: charts from data attributes, mobile navigation, period form.
   No inline scripts anywhere: pages carry data in data-* attributes read here. */
(function () {
  "use strict";

  var FONT = '"Inter", "Segoe UI", "Noto Sans", Roboto, "Helvetica Neue", Arial, sans-serif';
  var idFormat = new Intl.NumberFormat("id-ID");

  function makeChart(canvas) {
    if (canvas.dataset.ready || typeof window.Chart === "undefined") return;
    var config;
    try { config = JSON.parse(canvas.dataset.chart); } catch (e) { return; }
    canvas.dataset.ready = "1";
    var isBar = config.type === "bar";
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: { duration: 250 },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 10, boxHeight: 10, usePointStyle: true, font: { family: FONT, size: 12 } } },
        tooltip: { callbacks: { label: function (ctx) { return " " + ctx.dataset.label + ": " + idFormat.format(ctx.parsed.y !== undefined && isBar ? ctx.parsed.y : ctx.parsed); } } }
      },
      onClick: function (evt, elements, chart) {
        if (!elements.length) return;
        var el = elements[0];
        var links = chart.data.datasets[el.datasetIndex].links;
        if (links && links[el.index]) window.location.assign(links[el.index]);
      },
      onHover: function (evt, elements) { evt.native.target.style.cursor = elements.length ? "pointer" : "default"; }
    };
    if (isBar) {
      options.scales = {
        x: { stacked: true, grid: { display: false }, ticks: { font: { family: FONT, size: 11 }, maxRotation: 0, autoSkipPadding: 12 } },
        y: { stacked: true, beginAtZero: true, grid: { color: "#e8edf3" }, ticks: { font: { family: FONT, size: 11 }, precision: 0, callback: function (v) { return idFormat.format(v); } } }
      };
      config.datasets.forEach(function (d) { d.borderRadius = 3; d.maxBarThickness = 28; });
    } else {
      options.cutout = "68%";
      options.plugins.legend.display = false;
      options.plugins.tooltip.callbacks.label = function (ctx) { return " " + ctx.label + ": " + idFormat.format(ctx.parsed); };
      config.datasets.forEach(function (d) { d.borderWidth = 2; d.borderColor = "#fff"; });
    }
    new window.Chart(canvas, { type: config.type, data: { labels: config.labels, datasets: config.datasets }, options: options });
  }

  function init(root) {
    (root || document).querySelectorAll("canvas[data-chart]").forEach(makeChart);
  }

  function setupNav() {
    var toggle = document.querySelector("[data-nav-toggle]");
    if (!toggle) return;
    toggle.addEventListener("click", function () {
      var open = document.body.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function setupPeriodForms(root) {
    (root || document).querySelectorAll("[data-period-preset]").forEach(function (select) {
      if (select.dataset.bound) return;
      select.dataset.bound = "1";
      var form = select.form;
      form.classList.toggle("is-custom", select.value === "");
      select.addEventListener("change", function () {
        form.classList.toggle("is-custom", select.value === "");
        if (select.value !== "") form.requestSubmit();
      });
      form.querySelectorAll("input[type=date]").forEach(function (input) {
        input.addEventListener("change", function () { select.value = ""; form.classList.add("is-custom"); });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    init(document);
    setupNav();
    setupPeriodForms(document);
  });
  document.addEventListener("htmx:afterSettle", function (evt) {
    init(evt.target);
    setupPeriodForms(evt.target);
  });
})();

/* The correction form: one value list per label, only the chosen one is submitted. */
(function () {
  "use strict";
  function bind(root) {
    (root || document).querySelectorAll("[data-correct-field]").forEach(function (select) {
      if (select.dataset.bound) return;
      select.dataset.bound = "1";
      function sync() {
        select.form.querySelectorAll(".correct-value").forEach(function (label) {
          var on = label.dataset.for === select.value;
          label.hidden = !on;
          label.querySelector("select").disabled = !on;
        });
      }
      select.addEventListener("change", sync);
      sync();
    });
  }
  document.addEventListener("DOMContentLoaded", function () { bind(document); });
  document.addEventListener("htmx:afterSettle", function (evt) { bind(evt.target); });
})();

/* Forms that delete ask first. */
document.addEventListener("submit", function (evt) {
  var form = evt.target;
  if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) evt.preventDefault();
}, true);
