/* The one selection all views share, mirrored in the URL fragment:
 *   #actor=<actor id>&from=YYYY-MM-DD&to=YYYY-MM-DD&claim=<claim id>&lanes=kind&script=latin
 *   &view=YYYY-MM-DD..YYYY-MM-DD
 * Every key is optional. Views never talk to each other: they change the state
 * with KG.setState and redraw from it when notified. `view` (the timeline's zoom) only
 * rides along in the URL: KG.setView records it without redrawing anything. */

KG.state = { actor: null, from: null, to: null, claim: null, lanes: "actor", latin: false, view: null };
KG.listeners = [];

var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
var DAY_RANGE = /^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/;

KG.onChange = function (fn) { KG.listeners.push(fn); };

/** Merge `patch` into the state (unknown actors/claims and malformed dates are dropped),
 * write the URL, tell every view. */
KG.setState = function (patch) {
  var next = Object.assign({}, KG.state, patch);
  next.actor = KG.actors.has(next.actor) ? next.actor : null;
  next.claim = KG.claimsById.has(next.claim) ? next.claim : null;
  next.from = ISO_DATE.test(next.from || "") ? next.from : null;
  next.to = ISO_DATE.test(next.to || "") ? next.to : null;
  if (next.from && next.to && next.from > next.to) { var swap = next.from; next.from = next.to; next.to = swap; }
  next.lanes = next.lanes === "kind" ? "kind" : "actor";
  next.latin = Boolean(next.latin);
  next.view = DAY_RANGE.test(next.view || "") ? next.view : null;
  KG.state = next;
  KG.writeHash();
  KG.listeners.forEach(function (fn) { fn(KG.state); });
};

KG.readHash = function () {
  var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  return {
    actor: params.get("actor"),
    from: params.get("from"),
    to: params.get("to"),
    claim: params.get("claim"),
    lanes: params.get("lanes") || "actor",
    latin: params.get("script") === "latin",
    view: params.get("view")
  };
};

KG.writeHash = function () {
  var params = new URLSearchParams();
  var s = KG.state;
  if (s.actor) { params.set("actor", s.actor); }
  if (s.from) { params.set("from", s.from); }
  if (s.to) { params.set("to", s.to); }
  if (s.claim) { params.set("claim", s.claim); }
  if (s.lanes !== "actor") { params.set("lanes", s.lanes); }
  if (s.latin) { params.set("script", "latin"); }
  if (s.view) { params.set("view", s.view); }
  var hash = params.toString();
  if (hash !== window.location.hash.replace(/^#/, "")) {
    // replaceState: a shareable URL without one history entry per click.
    history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
  }
};

/** Record the timeline's zoom ("from..to", or null for "fit") in the URL; nothing redraws. */
KG.setView = function (view) {
  KG.state = Object.assign({}, KG.state, { view: DAY_RANGE.test(view || "") ? view : null });
  KG.writeHash();
};

/** Does `claim` pass the actor and date-range filters? Undated claims pass any range. */
KG.matches = function (claim, state, ignoreRange) {
  if (state.actor && claim.actors.indexOf(state.actor) < 0) { return false; }
  if (ignoreRange || !claim.place) { return true; }
  if (state.from && claim.place.to < state.from) { return false; }
  if (state.to && claim.place.from > state.to) { return false; }
  return true;
};
