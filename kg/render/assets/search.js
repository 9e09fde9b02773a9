/* Search over actors (name, aliases, Latin transliteration, English name) and claims
 * (sentence, predicate), Sorani or Latin. Queries and texts go through KG.normalize,
 * so Arabic-keyboard ك/ي, ZWNJ and diacritics do not matter. */

var MAX_RESULTS = 8;

KG.Search = function (input, box) {
  this.input = input;
  this.box = box;
  this.actorKeys = Array.from(KG.actors.values()).map(function (a) {
    return { actor: a, key: KG.normalize([a.name, a.latin, a.name_en].concat(a.aliases).join(" | ")) };
  });
  this.claimKeys = null;  // built on the first search: costs nothing until someone searches
  var self = this, timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { self.run(input.value); }, 120);
  });
  input.addEventListener("keydown", function (event) { if (event.key === "Escape") { self.close(); } });
  box.addEventListener("click", function (event) {
    var hit = event.target.closest("[data-actor], [data-claim-id]");
    if (!hit) { return; }
    if (hit.hasAttribute("data-actor")) { KG.setState({ actor: hit.getAttribute("data-actor") }); }
    else { KG.setState({ claim: hit.getAttribute("data-claim-id") }); }
    self.close();
  });
};

var S = KG.Search.prototype;

/** Matching actors (most mentioned first) and claims, for a query; used by the box and tests. */
S.find = function (query) {
  var needle = KG.normalize(query).trim();
  if (!needle) { return { actors: [], claims: [] }; }
  var claimKeys = this.claimKeys || KG.allClaims.map(function (c) {
    return { claim: c, key: KG.normalize(KG.sentenceText(c) + " | " + c.predicate) };
  });
  if (KG.detailsLoaded) { this.claimKeys = claimKeys; }  // kept once the sentences are in
  return {
    actors: this.actorKeys.filter(function (e) { return e.key.indexOf(needle) >= 0; }).map(function (e) { return e.actor; }),
    claims: claimKeys.filter(function (e) { return e.key.indexOf(needle) >= 0; }).map(function (e) { return e.claim; })
  };
};

/** Forget the claim keys (the sentences have arrived) and refresh open results. */
S.reset = function () {
  this.claimKeys = null;
  if (!this.box.hidden && this.input.value.trim()) { this.run(this.input.value); }
};

S.run = function (query) {
  var found = this.find(query), box = this.box, t = KG.t();
  KG.clear(box);
  if (!query.trim()) { this.close(); return; }
  box.hidden = false;
  if (!found.actors.length && !found.claims.length) { box.appendChild(KG.el("p", { "class": "empty" }, t.ui.no_results)); return; }
  if (found.actors.length) {
    box.appendChild(KG.el("h4", {}, t.ui.actors + " (" + KG.digits(found.actors.length) + ")"));
    found.actors.slice(0, MAX_RESULTS).forEach(function (actor) {
      var other = KG.state.latin ? actor.name : (actor.name_en || actor.latin);
      box.appendChild(KG.el("button", { type: "button", "class": "hit", "data-kind": "search-actor", "data-actor": actor.id },
                            KG.actorName(actor.id) + (other ? " — " + other : "")));
    });
  }
  if (found.claims.length) {
    box.appendChild(KG.el("h4", {}, t.ui.claims + " (" + KG.digits(found.claims.length) + ")"));
    found.claims.slice(0, MAX_RESULTS).forEach(function (claim) {
      var text = KG.sentenceText(claim);
      box.appendChild(KG.el("button", { type: "button", "class": "hit", "data-kind": "search-claim", "data-claim-id": claim.id },
                            (claim.place ? KG.readableDate(claim.date) + " · " : "") + text.slice(0, 90)));
    });
  }
};

S.close = function () { this.box.hidden = true; KG.clear(this.box); };
