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
 *   ready          true once the views are drawn and the network is still (readyAt: ms since
 *                  navigation start); claims' sentences (rows, search, source panel) may
 *                  still be unpacking in a large report
 *   loaded         true once they are in too (loadedAt); at once in a small report
 *   network()      the vis.Network, for tests and the curious
 * } */

/** A JSON island: plain JSON, or for large reports a JSON string of gzip+base64 that the
 * browser's own DecompressionStream unpacks (no request of any kind). With `offThread`
 * the unpacking runs in a Worker made from a Blob URL, so the main thread keeps drawing. */
function readIsland(id, offThread) {
  var island = document.getElementById(id);
  if (island.getAttribute("data-encoding") !== "gzip+base64") {
    return Promise.resolve(JSON.parse(island.textContent));
  }
  var letters = JSON.parse(island.textContent);
  var unpacked = (offThread && unpackInWorker(letters)) || unpack(letters);
  return unpacked.then(JSON.parse);
}

/** gzip+base64 letters → the text they hold (also the whole of the worker's code). */
function unpack(letters) {
  var bytes;
  if (typeof Uint8Array.fromBase64 === "function") {
    bytes = Uint8Array.fromBase64(letters);
  } else {
    var raw = atob(letters);
    bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) { bytes[i] = raw.charCodeAt(i); }
  }
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
}

var WORKER_SOURCE = unpack.toString() + "\nself.onmessage = function (event) {\n" +
  "  unpack(event.data).then(function (text) { self.postMessage(text); },\n" +
  "                          function (error) { self.postMessage({ error: String(error) }); });\n};\n";

/** Promise of the unpacked text from a Blob-URL Worker, or null where workers are unavailable. */
function unpackInWorker(letters) {
  var url = null, worker;
  try {
    url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
    worker = new Worker(url);
  } catch (error) {
    if (url) { URL.revokeObjectURL(url); }
    return null;
  }
  return new Promise(function (resolve, reject) {
    function done() { worker.terminate(); URL.revokeObjectURL(url); }
    worker.onmessage = function (event) {
      done();
      if (typeof event.data === "string") { resolve(event.data); } else { reject(new Error(event.data.error)); }
    };
    worker.onerror = function (event) {  // a worker that cannot run: unpack here instead
      event.preventDefault();
      done();
      unpack(letters).then(resolve, reject);
    };
    worker.postMessage(letters);
  });
}

/** Put each claim's details (island kg-text: [pieces, resolution] in page order) on it. */
function applyDetails(details) {
  KG.allClaims.forEach(function (claim, i) {
    claim.segments = details[i][0];
    claim.resolution = details[i][1];
  });
  KG.detailsLoaded = true;
}

KG.strings = JSON.parse(document.getElementById("kg-strings").textContent);
KG.detailsLoaded = false;
readIsland("kg-data", false).then(start).catch(function (error) { console.error("kg report:", error); });

/** Claims from the rows of the data island (kg/render pack_claims): every repeated
 * string is an index into `strings`. Gives the same objects the view model holds. */
function unpackClaims(packed) {
  var s = packed.strings, PARTS = ["year", "month", "day"];
  function claim(r) {
    var flat = r[9], date = r[12], place = r[13], participants = [], parts = {};
    for (var i = 0; i < flat.length; i += 2) { participants.push({ id: s[flat[i]], role: s[flat[i + 1]] }); }
    for (var j = 0; j < date[5].length; j += 1) { parts[PARTS[j]] = date[5][j]; }
    var c = {
      id: r[0], kind: s[r[1]], item_kind: s[r[2]], predicate: s[r[3]], event_type: s[r[4]],
      status: s[r[5]], doc: s[r[6]], start: r[7], speaker: s[r[8]], participants: participants,
      actors: r[10].map(function (a) { return s[a]; }), lane: s[r[11]],
      date: { value: s[date[0]], start: s[date[1]], granularity: s[date[2]], mod: s[date[3]],
              anchor: s[date[4]], parts: parts },
      place: place ? { from: s[place[0]], to: s[place[1]], uncertain: Boolean(place[2]) } : null
    };
    return r[14] ? Object.assign(c, r[14]) : c;
  }
  return { dated: packed.dated.map(claim), undated: packed.undated.map(claim) };
}

function start(data) {
performance.mark("kg:data");  // marks for bench/report_interactive.py: data, views, ready
data.claims = unpackClaims(data.claims);
KG.data = data;
KG.allClaims = KG.data.claims.dated.concat(KG.data.claims.undated);
KG.actors = new Map(KG.data.actors.map(function (a) { return [a.id, a]; }));
KG.documents = new Map(KG.data.documents.map(function (d) { return [d.id, d]; }));
KG.claimsById = new Map(KG.allClaims.map(function (c) { return [c.id, c]; }));
var detailsIsland = document.getElementById("kg-text");
if (detailsIsland.getAttribute("data-encoding") === "json") {  // small reports: at once
  applyDetails(JSON.parse(detailsIsland.textContent));
}
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
  loaded: false,
  loadedAt: null,
  select: function (actorId) { KG.setState({ actor: actorId || null }); },
  clear: function () { KG.setState({ actor: null, from: null, to: null, claim: null }); },
  setRange: function (from, to) { KG.setState({ from: from || null, to: to || null }); },
  open: function (claimId) { KG.setState({ claim: claimId || null }); },
  zoomTo: function (from, to) { timeline.zoomTo(from, to); },
  view: function () { return timeline.range(); },
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
  window.addEventListener("hashchange", applyHash);
  window.addEventListener("resize", function () { timeline.schedule(); });
}

KG.onChange(redraw);
KG.onChange(function (state) { relabelFilter(state.latin); });
wireControls();

/** Ready once the network stands still; then, for large reports, the claims' sentences are
 * unpacked in a worker and the rows, search and source panel fill in (kgReport.loaded). */
function networkReady() {
  report.ready = true;
  report.readyAt = performance.now();
  performance.mark("kg:ready");
  document.documentElement.setAttribute("data-ready", "true");
  if (KG.detailsLoaded) { detailsDone(); return; }
  readIsland("kg-text", true).then(function (details) {
    applyDetails(details);
    search.reset();
    lastListKey = null;  // rows drawn so far lack their sentences
    redraw(KG.state);
    detailsDone();
  }).catch(function (error) { console.error("kg report:", error); });
}
function detailsDone() {
  report.loaded = true;
  report.loadedAt = performance.now();
  performance.mark("kg:text");
  document.documentElement.setAttribute("data-loaded", "true");
}
/** The selection, and the timeline's zoom, that the URL names. */
function applyHash() {
  KG.setState(KG.readHash());
  if (KG.state.view) {
    var days = KG.state.view.split("..");
    timeline.zoomTo(days[0], days[1]);
  }
}
network = new KG.ActorNetwork(document.querySelector('[data-kind="network"]'), KG.data.network, networkReady);
applyHash();
performance.mark("kg:views");
}
