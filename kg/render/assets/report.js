/* Wiring: read the JSON islands, build the views, keep them in step with KG.state,
 * and publish the page's small API:
 *
 * window.kgReport = {
 *   counts:    {items, actors, claims}   timeline items (dated claims), actors, all claims
 *   shown:     {items, claims, actors}   what passes the current selection (items: timeline,
 *                                        claims: claim list incl. undated, actors: network nodes)
 *   selection: {actor, from, to, claim, lanes, latin}   a copy of the current state
 *   select(actorId), clear(), setRange(from, to), open(claimId), search(query) -> {actors, claims}
 *   zoomTo(from, to)   show that span of the timeline (ISO dates); the view is not in the URL
 *   onChange(fn)   fn(selection) after every change
 *   ready          true once the network is drawn and still (readyAt: ms since navigation start)
 *   network()      the vis.Network, for tests and the curious
 * } */

/** The view: plain JSON, or for large reports a JSON string of gzip+base64 that the
 * browser's own DecompressionStream unpacks (no request of any kind). */
function readData() {
  var island = document.getElementById("kg-data");
  if (island.getAttribute("data-encoding") !== "gzip+base64") {
    return Promise.resolve(JSON.parse(island.textContent));
  }
  var letters = atob(JSON.parse(island.textContent));
  var bytes = new Uint8Array(letters.length);
  for (var i = 0; i < letters.length; i += 1) { bytes[i] = letters.charCodeAt(i); }
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).text().then(JSON.parse);
}

KG.strings = JSON.parse(document.getElementById("kg-strings").textContent);
readData().then(start).catch(function (error) { console.error("kg report:", error); });

function start(data) {
performance.mark("kg:data");  // marks for bench/report_interactive.py: data, views, ready
KG.data = data;
KG.allClaims = KG.data.claims.dated.concat(KG.data.claims.undated);
KG.actors = new Map(KG.data.actors.map(function (a) { return [a.id, a]; }));
KG.documents = new Map(KG.data.documents.map(function (d) { return [d.id, d]; }));
KG.claimsById = new Map(KG.allClaims.map(function (c) { return [c.id, c]; }));
KG.kindColours = new Map(KG.data.kinds.map(function (k) { return [k.kind, k.colour]; }));

var controls = {
  filter: document.querySelector('[data-kind="actor-filter"]'),
  latin: document.querySelector('[data-kind="latin-switch"]'),
  lanes: document.querySelector('[data-kind="lane-mode"]')
};
var timeline = new KG.Timeline(document.querySelector('[data-kind="timeline"]'), KG.data.claims.dated, KG.data.kinds);
var claimList = new KG.ClaimList(KG.data.claims.dated, KG.data.claims.undated);
var sourcePanel = new KG.SourcePanel();
var search = new KG.Search(document.querySelector('[data-kind="search"]'), document.querySelector('[data-kind="search-results"]'));
var network = null;
var lastListKey = null;

var report = {
  counts: { items: KG.data.claims.dated.length, actors: KG.data.counts.actors, claims: KG.data.counts.claims },
  shown: { items: 0, claims: 0, actors: KG.data.counts.actors },
  selection: null,
  ready: false,
  readyAt: null,
  select: function (actorId) { KG.setState({ actor: actorId || null }); },
  clear: function () { KG.setState({ actor: null, from: null, to: null, claim: null }); },
  setRange: function (from, to) { KG.setState({ from: from || null, to: to || null }); },
  open: function (claimId) { KG.setState({ claim: claimId || null }); },
  zoomTo: function (from, to) { timeline.zoomTo(from, to); },
  search: function (query) { return search.find(query); },
  onChange: function (fn) { KG.onChange(fn); },
  network: function () { return network && network.vis; }
};
window.kgReport = report;

/** Actors with at least one dated claim in the chosen range; null when no range is set. */
function actorsInRange(state) {
  if (!state.from && !state.to) { return null; }
  var inRange = new Set();
  KG.data.claims.dated.forEach(function (claim) {
    if (KG.matches(claim, { from: state.from, to: state.to }, false)) { claim.actors.forEach(function (a) { inRange.add(a); }); }
  });
  return inRange;
}

function redraw(state) {
  var listKey = [state.actor, state.from, state.to, state.latin].join("|");
  if (listKey !== lastListKey) { claimList.render(); lastListKey = listKey; }
  claimList.highlight(state.claim);
  timeline.render();
  sourcePanel.render(state.claim);
  var range = actorsInRange(state);
  if (network) { network.update(state, range); }
  controls.filter.value = state.actor || "";
  controls.latin.checked = state.latin;
  controls.lanes.value = state.lanes;
  report.selection = { actor: state.actor, from: state.from, to: state.to, claim: state.claim,
                       lanes: state.lanes, latin: state.latin };
  report.shown = { items: timeline.shown, claims: claimList.shown,
                   actors: range === null ? KG.data.counts.actors : KG.data.actors.filter(function (a) { return range.has(a.id); }).length };
}

function relabelFilter(latin) {
  Array.prototype.forEach.call(controls.filter.options, function (option) {
    if (!option.value) { return; }
    option.textContent = latin ? (option.getAttribute("data-latin") || KG.actors.get(option.value).name) : KG.actors.get(option.value).name;
  });
}

function wireControls() {
  controls.filter.addEventListener("change", function () { KG.setState({ actor: controls.filter.value || null }); });
  controls.latin.addEventListener("change", function () { KG.setState({ latin: controls.latin.checked }); });
  controls.lanes.addEventListener("change", function () { KG.setState({ lanes: controls.lanes.value }); });
  document.querySelector('[data-kind="clear"]').addEventListener("click", report.clear);
  document.querySelector('[data-kind="clear-range"]').addEventListener("click", function () { report.setRange(null, null); });
  document.querySelector('[data-kind="zoom-in"]').addEventListener("click", function () { timeline.zoom(1 / 1.6); });
  document.querySelector('[data-kind="zoom-out"]').addEventListener("click", function () { timeline.zoom(1.6); });
  document.querySelector('[data-kind="zoom-fit"]').addEventListener("click", function () { timeline.fit(); });
  window.addEventListener("hashchange", function () { KG.setState(KG.readHash()); });
  window.addEventListener("resize", function () { timeline.schedule(); });
}

KG.onChange(redraw);
KG.onChange(function (state) { relabelFilter(state.latin); });
wireControls();
network = new KG.ActorNetwork(document.querySelector('[data-kind="network"]'), KG.data.network, function () {
  report.ready = true;
  report.readyAt = performance.now();
  performance.mark("kg:ready");
  document.documentElement.setAttribute("data-ready", "true");
});
KG.setState(KG.readHash());
performance.mark("kg:views");
}
