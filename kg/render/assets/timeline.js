/* The zoomable timeline: our own small SVG widget, no library.
 *
 * Time flows right to left (the page is RTL): the earliest date is at the right.
 * Each dated claim is one item in one lane (its lane actor, or its kind), drawn
 * over its interval: a band when wide enough, a dot when shorter than a few pixels.
 * Wheel zooms around the pointer (200 years down to 3 days), drag pans, drag on the
 * date ruler chooses a date range (the brush), a click on an item selects it.
 * When more than DENSITY_LIMIT items are in view, lanes show counts per few pixels
 * instead, so a large corpus stays fast; zoom in to see single items. */

var AXIS_H = 46, LABEL_W = 170, ROW_H = 15, LANE_PAD = 5, MAX_ROWS = 4, MAX_ACTOR_LANES = 24;
var DENSITY_LIMIT = 2500, BIN_PX = 3, MIN_SPAN = 3, MAX_SPAN = 365.25 * 200;
var REMEMBER_AFTER_MS = 300;  // the zoom goes into the URL this long after the wheel stops
var TICK_STEPS = [  // [unit, step, approximate days, least pixels between labels]
  ["day", 1, 1, 26], ["day", 2, 2, 26], ["day", 7, 7, 26], ["month", 1, 30.4, 92],
  ["month", 3, 91, 92], ["month", 6, 182, 92], ["year", 1, 365.25, 46], ["year", 2, 730, 46],
  ["year", 5, 1826, 46], ["year", 10, 3652, 46], ["year", 20, 7305, 46], ["year", 50, 18262, 46],
  ["year", 100, 36525, 46]
];

KG.Timeline = function (container, claims, kinds) {
  this.container = container;
  this.colours = new Map(kinds.map(function (k) { return [k.kind, k.colour]; }));
  this.kindOrder = kinds.map(function (k) { return k.kind; });
  this.items = claims.map(function (claim) {
    return { claim: claim, from: KG.dayOf(claim.place.from), to: KG.dayOf(claim.place.to) + 1 };
  });
  this.svg = KG.svg("svg", { "class": "timeline-svg", role: "img", "aria-label": "timeline" });
  container.appendChild(this.svg);
  this.view = this.extent(this.items);
  this.drag = null;
  this.shown = 0;
  this.listen();
};

var T = KG.Timeline.prototype;

/** The day interval that shows `items` with a margin (a month around a single day). */
T.extent = function (items) {
  if (!items.length) { var today = Date.now() / KG.DAY_MS; return { start: today - 365, end: today + 30 }; }
  var lo = Infinity, hi = -Infinity;
  items.forEach(function (item) { lo = Math.min(lo, item.from); hi = Math.max(hi, item.to); });
  var margin = Math.max((hi - lo) * 0.03, 15);
  return { start: lo - margin, end: hi + margin };
};

T.fit = function () {
  var state = KG.state;
  this.view = this.extent(this.items.filter(function (item) { return KG.matches(item.claim, state, true); }));
  KG.setView(null);
  this.render();
};

T.zoomTo = function (from, to) {
  this.view = { start: KG.dayOf(from), end: Math.max(KG.dayOf(to) + 1, KG.dayOf(from) + MIN_SPAN) };
  this.remember(0);
  this.render();
};

T.zoom = function (factor, atDay) {
  var span = this.view.end - this.view.start;
  var next = Math.min(MAX_SPAN, Math.max(MIN_SPAN, span * factor));
  var pivot = atDay === undefined ? this.view.start + span / 2 : atDay;
  this.view = { start: pivot - (pivot - this.view.start) * next / span };
  this.view.end = this.view.start + next;
  this.remember(REMEMBER_AFTER_MS);
  this.schedule();
};

/** The days in view, as the URL keeps them: "YYYY-MM-DD..YYYY-MM-DD" (last day included). */
T.range = function () {
  return KG.isoOf(Math.floor(this.view.start)) + ".." + KG.isoOf(Math.ceil(this.view.end) - 1);
};

/** Put the zoom in the URL once it settles (a wheel turn is many events; browsers limit
 * how often a page may rewrite its URL). */
T.remember = function (delay) {
  var self = this;
  window.clearTimeout(this.rememberTimer);
  this.rememberTimer = window.setTimeout(function () { KG.setView(self.range()); }, delay);
};

/* --- geometry: x grows leftwards in time ---------------------------------------------- */

T.plotRight = function () { return this.width - LABEL_W; };
T.xOf = function (day) {
  return this.plotRight() - (day - this.view.start) / (this.view.end - this.view.start) * this.plotRight();
};
T.dayAt = function (x) {
  return this.view.start + (this.plotRight() - x) / this.plotRight() * (this.view.end - this.view.start);
};

/* --- drawing ---------------------------------------------------------------------------- */

T.schedule = function () {
  var self = this;
  if (this.pending) { return; }
  this.pending = window.requestAnimationFrame(function () { self.pending = null; self.render(); });
};

T.render = function () {
  this.width = Math.max(this.container.clientWidth, LABEL_W + 200);
  var state = KG.state;
  var passing = this.items.filter(function (item) { return KG.matches(item.claim, state, true); });
  this.shown = passing.length;
  var lanes = this.lanes(passing);
  var self = this;
  var inView = passing.filter(function (i) { return i.to > self.view.start && i.from < self.view.end; });
  var dense = inView.length > DENSITY_LIMIT;
  var body = KG.svg("g", { "class": "lanes" });
  var y = AXIS_H;
  lanes.forEach(function (lane) {
    var members = inView.filter(function (item) { return lane.has(item); });
    var height = dense ? self.drawDensity(body, members, y) : self.drawItems(body, members, y);
    self.drawLaneLabel(body, lane, y, height);
    y += height;
  });
  var svg = this.svg;
  KG.clear(svg);
  KG.setAttrs(svg, { width: this.width, height: y + 4, viewBox: "0 0 " + this.width + " " + (y + 4) });
  svg.appendChild(this.drawRange(y));
  svg.appendChild(body);
  svg.appendChild(this.drawAxis(y));
  if (dense) { svg.appendChild(KG.svg("text", { x: this.plotRight() / 2, y: AXIS_H + 14, "class": "dense-note" }, KG.t().ui.too_many)); }
  this.drawn = dense ? 0 : inView.length;
  this.updateRangeLabel();
};

/** Lanes of the current mode, each with a `has(item)` test; only lanes with items. */
T.lanes = function (items) {
  var t = KG.t();
  if (KG.state.lanes === "kind") {
    var present = new Set(items.map(function (i) { return i.claim.item_kind; }));
    return this.kindOrder.filter(function (k) { return present.has(k); }).map(function (kind) {
      return { label: t.kinds[kind], title: KG.strings.en.kinds[kind], has: function (i) { return i.claim.item_kind === kind; } };
    });
  }
  var counts = new Map();
  items.forEach(function (i) { counts.set(i.claim.lane, (counts.get(i.claim.lane) || 0) + 1); });
  var ranked = Array.from(counts.keys()).filter(Boolean).sort(function (a, b) {
    return counts.get(b) - counts.get(a) || (a < b ? -1 : 1);
  });
  var own = new Set(ranked.slice(0, MAX_ACTOR_LANES));
  var lanes = ranked.slice(0, MAX_ACTOR_LANES).map(function (actor) {
    return { actor: actor, label: KG.actorName(actor), title: actor, has: function (i) { return i.claim.lane === actor; } };
  });
  if (ranked.length > MAX_ACTOR_LANES) {
    lanes.push({ label: t.ui.other_actors, has: function (i) { return i.claim.lane && !own.has(i.claim.lane); } });
  }
  if (counts.has("")) { lanes.push({ label: t.ui.no_actor, has: function (i) { return !i.claim.lane; } }); }
  return lanes;
};

/** Items of one lane, stacked in rows so that none hides another; returns the lane height. */
T.drawItems = function (group, members, top) {
  var self = this;
  var rowEdges = [];  // per row: the leftmost x used so far (items are placed right to left)
  var placed = members.map(function (item) {
    return { item: item, right: self.xOf(item.from), left: self.xOf(item.to) };
  }).sort(function (a, b) { return b.right - a.right; });
  placed.forEach(function (p) {
    var width = Math.max(p.right - p.left, 10);
    var row = rowEdges.findIndex(function (edge) { return p.right <= edge - 2; });
    if (row < 0) { row = rowEdges.length < MAX_ROWS ? rowEdges.length : MAX_ROWS - 1; }
    rowEdges[row] = Math.min(rowEdges[row] === undefined ? Infinity : rowEdges[row], p.right - width);
    group.appendChild(self.itemElement(p, top + LANE_PAD / 2 + row * ROW_H));
  });
  return Math.max(rowEdges.length, 1) * ROW_H + LANE_PAD;
};

T.itemElement = function (p, y) {
  var claim = p.item.claim, state = KG.state;
  var classes = ["item"];
  if (claim.place.uncertain) { classes.push("uncertain"); }
  if (claim.id === state.claim) { classes.push("selected"); }
  if (!KG.matches(claim, state, false)) { classes.push("out-of-range"); }
  var attrs = { "data-kind": "timeline-item", "data-claim-id": claim.id, "class": classes.join(" "),
                fill: this.colours.get(claim.item_kind), stroke: this.colours.get(claim.item_kind) };
  var node;
  if (p.right - p.left >= 8) {
    classes.push("band");
    attrs["class"] = classes.join(" ");
    node = KG.svg("rect", Object.assign(attrs, { x: p.left, y: y, width: p.right - p.left, height: ROW_H - 3, rx: 3 }));
  } else {
    node = KG.svg("circle", Object.assign(attrs, { cx: (p.left + p.right) / 2, cy: y + (ROW_H - 3) / 2, r: 5 }));
  }
  node.appendChild(KG.svg("title", {}, this.tooltip(claim)));
  return node;
};

T.tooltip = function (claim) {
  var t = KG.t();
  var who = claim.actors.map(KG.actorName).join("، ");
  return [KG.readableDate(claim.date), t.kinds[claim.item_kind], claim.predicate, who].filter(Boolean).join(" · ");
};

/** Counts per BIN_PX pixels, for more items than the page can draw one by one. */
T.drawDensity = function (group, members, top) {
  var bins = new Map(), self = this, most = 1;
  members.forEach(function (item) {
    var bin = Math.floor((self.xOf(item.from) + self.xOf(item.to)) / 2 / BIN_PX);
    bins.set(bin, (bins.get(bin) || 0) + 1);
    most = Math.max(most, bins.get(bin));
  });
  var height = 2 * ROW_H + LANE_PAD;
  bins.forEach(function (count, bin) {
    var h = Math.max(2, (height - LANE_PAD) * Math.sqrt(count / most));
    group.appendChild(KG.svg("rect", { "data-kind": "timeline-bin", "class": "bin", x: bin * BIN_PX, y: top + height - h - 2,
                                       width: BIN_PX, height: h }));
  });
  return height;
};

T.drawLaneLabel = function (group, lane, top, height) {
  var right = this.width;
  group.appendChild(KG.svg("line", { x1: 0, x2: right, y1: top + height, y2: top + height, "class": "lane-rule" }));
  var attrs = { x: right - 8, y: top + Math.min(height / 2, ROW_H) + 4, "class": "lane-label" + (lane.actor ? " actor" : "") };
  if (lane.actor) { attrs["data-actor"] = lane.actor; }
  if (lane.actor && lane.actor === KG.state.actor) { attrs["class"] += " selected"; }
  var label = lane.label.length > 24 ? lane.label.slice(0, 23) + "…" : lane.label;
  var text = KG.svg("text", attrs, label);
  text.appendChild(KG.svg("title", {}, lane.label + (lane.title ? " (" + lane.title + ")" : "")));
  group.appendChild(text);
};

/** The date ruler: tick lines across all lanes and Sorani labels, two rows. */
T.drawAxis = function (bottom) {
  var group = KG.svg("g", { "class": "axis", "data-kind": "ruler" });
  group.appendChild(KG.svg("rect", { x: 0, y: 0, width: this.plotRight(), height: AXIS_H - 4, "class": "ruler" }));
  var self = this;
  this.ticks().forEach(function (tick) {
    var x = self.xOf(tick.day);
    group.appendChild(KG.svg("line", { x1: x, x2: x, y1: tick.major ? 4 : 22, y2: bottom, "class": tick.major ? "tick major" : "tick" }));
    if (tick.label) { group.appendChild(KG.svg("text", { x: x - 3, y: 36, "class": "tick-label" }, tick.label)); }
    if (tick.major) { group.appendChild(KG.svg("text", { x: x - 3, y: 16, "class": "tick-label major" }, tick.major)); }
  });
  group.appendChild(KG.svg("rect", { x: this.plotRight(), y: 0, width: LABEL_W, height: AXIS_H - 4, "class": "ruler-corner" }));
  return group;
};

/** Tick days with labels for the current zoom: days, months or years. */
T.ticks = function () {
  var span = this.view.end - this.view.start, perDay = this.plotRight() / span;
  var choice = TICK_STEPS.find(function (s) { return s[2] * perDay >= s[3]; }) || TICK_STEPS[TICK_STEPS.length - 1];
  var unit = choice[0], step = choice[1], t = KG.t(), ticks = [];
  var first = new Date(Math.floor(this.view.start) * KG.DAY_MS);
  var y = first.getUTCFullYear(), m = first.getUTCMonth(), d = first.getUTCDate();
  if (unit === "year") { y = Math.floor(y / step) * step; m = 0; d = 1; }
  if (unit === "month") { m = Math.floor(m / step) * step; d = 1; }
  var labelledMajor = false;
  for (var guard = 0; guard < 400; guard += 1) {
    var day = Date.UTC(y, m, d) / KG.DAY_MS;
    if (day > this.view.end) { break; }
    if (day >= this.view.start) {
      var tick = { day: day };
      if (unit === "year") { tick.label = KG.digits(y); }
      if (unit === "month") {
        tick.label = t.months[m];
        if (m === 0 || !labelledMajor) { tick.major = KG.digits(y); labelledMajor = true; }
      }
      if (unit === "day") {
        tick.label = KG.digits(d);
        if (d === 1 || !labelledMajor) { tick.major = t.months[m] + " " + KG.digits(y); labelledMajor = true; }
      }
      ticks.push(tick);
    }
    if (unit === "year") { y += step; }
    else if (unit === "month") { m += step; if (m > 11) { y += Math.floor(m / 12); m %= 12; } }
    else {
      var next = new Date(Date.UTC(y, m, d + step));
      if (step > 1 && next.getUTCMonth() !== m) { next = new Date(Date.UTC(y, m + 1, 1)); }
      y = next.getUTCFullYear(); m = next.getUTCMonth(); d = next.getUTCDate();
    }
  }
  return ticks;
};

/** The chosen date range (or the one being dragged) as a shaded band. */
T.drawRange = function (bottom) {
  var group = KG.svg("g", { "class": "range-layer" });
  var range = this.drag && this.drag.mode === "brush" ? this.drag.range : null;
  if (!range && KG.state.from && KG.state.to) { range = [KG.dayOf(KG.state.from), KG.dayOf(KG.state.to) + 1]; }
  if (range) {
    var a = this.xOf(range[0]), b = this.xOf(range[1]);
    group.appendChild(KG.svg("rect", { x: Math.min(a, b), y: 0, width: Math.abs(a - b), height: bottom, "class": "range-band", "data-kind": "range-band" }));
  }
  return group;
};

T.updateRangeLabel = function () {
  var label = document.querySelector('[data-kind="range"]');
  var clear = document.querySelector('[data-kind="clear-range"]');
  var s = KG.state;
  label.textContent = s.from && s.to ? KG.readableDate({ parts: partsOf(s.from) }) + " ← " + KG.readableDate({ parts: partsOf(s.to) }) : "";
  clear.hidden = !(s.from || s.to);
};

/* --- interaction -------------------------------------------------------------------------- */

T.listen = function () {
  var self = this, svg = this.svg;
  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var box = svg.getBoundingClientRect();
    self.zoom(Math.exp(event.deltaY * 0.0015), self.dayAt(event.clientX - box.left));
  }, { passive: false });
  svg.addEventListener("pointerdown", function (event) {
    var box = svg.getBoundingClientRect();
    var x = event.clientX - box.left, onRuler = event.clientY - box.top < AXIS_H;
    self.drag = { mode: onRuler ? "brush" : "pan", x0: x, x: x, view: self.view, target: event.target, range: null };
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", function (event) {
    if (!self.drag) { return; }
    var x = event.clientX - svg.getBoundingClientRect().left, drag = self.drag;
    drag.x = x;
    if (drag.mode === "pan") {
      var shift = (x - drag.x0) * (drag.view.end - drag.view.start) / self.plotRight();
      self.view = { start: drag.view.start + shift, end: drag.view.end + shift };
    } else {
      drag.range = [self.dayAt(Math.max(drag.x0, x)), self.dayAt(Math.min(drag.x0, x))];
    }
    self.schedule();
  });
  svg.addEventListener("pointerup", function () { self.endDrag(); });
  svg.addEventListener("pointercancel", function () { self.drag = null; self.schedule(); });
};

T.endDrag = function () {
  var drag = this.drag;
  this.drag = null;
  if (!drag) { return; }
  var moved = Math.abs(drag.x - drag.x0) > 3;
  if (drag.mode === "brush" && moved) {
    KG.setState({ from: KG.isoOf(Math.floor(drag.range[0])), to: KG.isoOf(Math.floor(drag.range[1])) });
  } else if (moved) {
    this.remember(0);  // panned
  } else {
    this.click(drag.target);
  }
  this.schedule();
};

T.click = function (target) {
  var item = target.closest && target.closest('[data-kind="timeline-item"]');
  var lane = target.closest && target.closest("[data-actor]");
  if (item) { KG.setState({ claim: item.getAttribute("data-claim-id") }); }
  else if (lane) { KG.setState({ actor: lane.getAttribute("data-actor") }); }
};
