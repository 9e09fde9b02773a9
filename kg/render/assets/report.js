/* kg report behaviour. Reads the JSON island; builds DOM only with textContent.
 *
 * window.kgReport = {counts: {items, actors, claims}, selection, select(id), clear()}
 *   counts.items: claim rows currently shown (changes with the actor filter).
 * A later zoomable timeline subscribes with kgReport.onChange(fn) instead of
 * re-implementing selection.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var allClaims = data.claims.dated.concat(data.claims.undated);
  var actorsByClaim = new Map(allClaims.map(function (c) { return [c.id, new Set(c.actors)]; }));
  var knownActors = new Set(data.actors.map(function (a) { return a.id; }));
  var rows = Array.prototype.slice.call(document.querySelectorAll('[data-kind="claim-row"]'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('[data-kind="year-group"]'));
  var filter = document.querySelector('[data-kind="actor-filter"]');
  var visibleCount = document.querySelector('[data-kind="visible-count"]');
  var listeners = [];
  var network = null;

  var report = {
    data: data,
    counts: { items: rows.length, actors: data.counts.actors, claims: data.counts.claims },
    selection: null,
    select: select,
    clear: clear,
    onChange: function (fn) { listeners.push(fn); },
    network: function () { return network; }
  };
  window.kgReport = report;

  function select(actorId) {
    if (!actorId || !knownActors.has(actorId)) { clear(); return; }
    report.selection = actorId;
    update();
  }

  function clear() {
    report.selection = null;
    update();
  }

  function update() {
    var chosen = report.selection;
    var shown = 0;
    rows.forEach(function (row) {
      var actors = actorsByClaim.get(row.getAttribute("data-claim-id"));
      var visible = !chosen || (actors !== undefined && actors.has(chosen));
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = group.querySelector('[data-kind="claim-row"]:not([hidden])') === null;
    });
    report.counts.items = shown;
    filter.value = chosen || "";
    visibleCount.textContent = shown + " / " + rows.length;
    if (network) {
      if (chosen) { network.selectNodes([chosen]); } else { network.unselectAll(); }
    }
    listeners.forEach(function (fn) { fn(report); });
  }

  function buildNetwork() {
    var container = document.querySelector('[data-kind="network"]');
    if (typeof vis === "undefined" || !container) { return; }
    var options = data.network.options;
    // Canvas labels need a font stack that has the Sorani letters: use the page's.
    options.nodes.font.face = window.getComputedStyle(document.body).fontFamily;
    network = new vis.Network(container, {
      nodes: new vis.DataSet(data.network.nodes),
      edges: new vis.DataSet(data.network.edges)
    }, options);
    // Bounded stabilisation, then physics off: the page never waits on convergence.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
    });
    network.on("click", function (params) {
      if (params.nodes.length) { select(params.nodes[0]); } else { clear(); }
    });
  }

  filter.addEventListener("change", function () { select(filter.value); });
  document.querySelector('[data-kind="clear-filter"]').addEventListener("click", clear);
  buildNetwork();
  update();
}());
