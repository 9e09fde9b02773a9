/* The claim list (dated, in timeline order; undated apart) and the source panel.
 * Rows are built page by page (PAGE rows, then "show more"), so a corpus of tens of
 * thousands of claims costs only what is on screen. */

var PAGE = 200;

KG.ClaimList = function (dated, undated) {
  this.dated = { claims: dated, list: document.querySelector('[data-kind="claim-list"]'),
                 more: document.querySelector('[data-kind="more"]'), limit: PAGE };
  this.undated = { claims: undated, list: document.querySelector('[data-kind="undated-list"]'),
                   more: document.querySelector('[data-kind="more-undated"]'), limit: PAGE };
  this.count = document.querySelector('[data-kind="visible-count"]');
  this.undatedCount = document.querySelector('[data-kind="undated-count"]');
  var self = this;
  [this.dated, this.undated].forEach(function (part) {
    part.more.addEventListener("click", function () { part.limit += PAGE; self.render(); });
    part.list.addEventListener("click", function (event) { self.click(event); });
  });
  this.shown = 0;
};

var C = KG.ClaimList.prototype;

C.render = function () {
  var shownDated = this.renderPart(this.dated, false);
  var shownUndated = this.renderPart(this.undated, true);
  this.shown = shownDated + shownUndated;
  this.count.textContent = "(" + KG.digits(shownDated) + " / " + KG.digits(this.dated.claims.length) + ")";
  this.undatedCount.textContent = "(" + KG.digits(shownUndated) + " / " + KG.digits(this.undated.claims.length) + ")";
};

C.renderPart = function (part, undated) {
  var state = KG.state;
  var passing = part.claims.filter(function (c) { return KG.matches(c, state, undated); });
  var fragment = document.createDocumentFragment();
  passing.slice(0, part.limit).forEach(function (claim) { fragment.appendChild(KG.claimRow(claim)); });
  KG.clear(part.list);
  part.list.appendChild(fragment);
  part.more.hidden = passing.length <= part.limit;
  return passing.length;
};

C.click = function (event) {
  var actor = event.target.closest("[data-actor]");
  if (actor) { KG.setState({ actor: actor.getAttribute("data-actor") }); return; }
  var row = event.target.closest('[data-kind="claim-row"]');
  if (row) { KG.setState({ claim: row.getAttribute("data-claim-id") }); }
};

C.highlight = function (claimId) {
  document.querySelectorAll('[data-kind="claim-row"].selected').forEach(function (row) { row.classList.remove("selected"); });
  if (!claimId) { return; }
  var row = document.querySelector('[data-kind="claim-row"][data-claim-id="' + CSS.escape(claimId) + '"]');
  if (row) { row.classList.add("selected"); }
};

/** One claim: date, kind, predicate, speaker and participants, the marked sentence, its source. */
KG.claimRow = function (claim) {
  var t = KG.t();
  var row = KG.el("li", { "class": "claim kind-" + claim.item_kind, "data-kind": "claim-row", "data-claim-id": claim.id,
                          style: "border-inline-start-color: " + KG.kindColour(claim.item_kind) });
  var head = row.appendChild(KG.el("div", { "class": "claim-date" }));
  if (claim.place) { head.appendChild(KG.el("time", { datetime: claim.date.start }, KG.readableDate(claim.date))); }
  if (claim.date.value) { head.appendChild(KG.el("code", { "class": "timex", dir: "ltr", title: "TIMEX3 value" }, claim.date.value)); }
  var meta = row.appendChild(KG.el("div", { "class": "claim-meta" }));
  meta.appendChild(KG.el("span", { "class": "badge", title: KG.strings.en.kinds[claim.item_kind] }, t.kinds[claim.item_kind]));
  if (t.status[claim.status]) { meta.appendChild(KG.el("span", { "class": "badge status" }, t.status[claim.status])); }
  if (claim.predicate) { meta.appendChild(KG.el("span", { "class": "predicate", dir: "ltr", title: "predicate" }, claim.predicate)); }
  if (claim.speaker) { meta.appendChild(KG.actorField(t.ui.speaker, [{ id: claim.speaker }])); }
  if (claim.participants.length) { meta.appendChild(KG.actorField(t.ui.participants, claim.participants)); }
  row.appendChild(KG.sentence(claim, "claim-text"));
  var doc = KG.documents.get(claim.doc) || {};
  row.appendChild(KG.el("div", { "class": "claim-source" }, t.ui.source + ": " + (doc.title || doc.file || "") +
                        (doc.dct ? " · " + KG.dctWords(doc) : "")));
  return row;
};

KG.kindColour = function (kind) { return KG.kindColours.get(kind) || "#777"; };

KG.actorField = function (label, refs) {
  var field = KG.el("span", { "class": "actors" });
  field.appendChild(KG.el("span", { "class": "field" }, label + ": "));
  refs.forEach(function (ref, i) {
    if (i) { field.appendChild(document.createTextNode("، ")); }
    var roleWord = ref.role ? KG.t().roles[ref.role] : "";
    field.appendChild(KG.el("button", { type: "button", "class": "actor-chip", "data-actor": ref.id,
                                        title: [ref.id, roleWord].filter(Boolean).join(" · ") }, KG.actorName(ref.id)));
  });
  return field;
};

/** The claim's sentence, its date and actor mentions in <mark>s (actor marks select the actor).
 * A piece is its text, [text] (the date) or [text, actor id]; until the details island is
 * unpacked a claim has no pieces yet and the quote stays empty (data-pending). */
KG.sentence = function (claim, className) {
  var quote = KG.el("blockquote", { "class": className });
  if (!claim.segments) { quote.setAttribute("data-pending", "true"); return quote; }
  claim.segments.forEach(function (piece) {
    if (typeof piece === "string") { quote.appendChild(document.createTextNode(piece)); return; }
    var attrs = piece.length === 1
      ? { "class": "date-mark", title: claim.date.value }
      : { "class": "actor-mark", "data-actor": piece[1], title: KG.actorName(piece[1]) };
    quote.appendChild(KG.el("mark", attrs, piece[0]));
  });
  return quote;
};

/** The sentence as plain text ("" until the details are unpacked). */
KG.sentenceText = function (claim) {
  return (claim.segments || []).map(function (piece) { return typeof piece === "string" ? piece : piece[0]; }).join("");
};

/** The source panel: the sentence, the document, and how its date was reached, in words. */
KG.SourcePanel = function () {
  this.panel = document.querySelector('[data-kind="source"]');
  this.body = document.querySelector('[data-kind="source-body"]');
  var self = this;
  document.querySelector('[data-kind="close-source"]').addEventListener("click", function () { KG.setState({ claim: null }); });
  this.body.addEventListener("click", function (event) {
    var actor = event.target.closest("[data-actor]");
    var other = event.target.closest("[data-claim-link]");
    if (actor) { KG.setState({ actor: actor.getAttribute("data-actor") }); }
    if (other) { KG.setState({ claim: other.getAttribute("data-claim-link") }); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !self.panel.hidden) { KG.setState({ claim: null }); }
  });
};

KG.SourcePanel.prototype.render = function (claimId) {
  var claim = claimId && KG.claimsById.get(claimId);
  this.panel.hidden = !claim;
  KG.clear(this.body);
  if (!claim) { return; }
  var t = KG.t(), doc = KG.documents.get(claim.doc) || {};
  var body = this.body;
  body.appendChild(KG.el("h3", { "class": "doc-title", "data-kind": "source-title" }, doc.title || doc.file || ""));
  if (doc.dct) { body.appendChild(KG.el("p", { "class": "doc-date", "data-kind": "source-date" }, t.ui.article_date + ": " + KG.dctWords(doc))); }
  body.appendChild(KG.sentence(claim, "source-text"));
  var facts = body.appendChild(KG.el("dl", { "class": "facts" }));
  var when = addFact(facts, t.ui.date, claim.place ? KG.readableDate(claim.date) + " " : t.resolution.none);
  if (claim.date.value) { when.appendChild(KG.el("code", { "class": "timex", dir: "ltr" }, claim.date.value)); }
  addFact(facts, t.ui.resolved, claim.resolution ? KG.resolutionWords(claim.resolution) : "", "resolution");
  addFact(facts, t.ui.kind, t.kinds[claim.item_kind] + (claim.predicate ? " · " + claim.predicate : ""));
  if (t.status[claim.status]) { addFact(facts, t.ui.status, t.status[claim.status]); }
  var meta = body.appendChild(KG.el("div", { "class": "claim-meta" }));
  if (claim.speaker) { meta.appendChild(KG.actorField(t.ui.speaker, [{ id: claim.speaker }])); }
  if (claim.participants.length) { meta.appendChild(KG.actorField(t.ui.participants, claim.participants)); }
  this.renderReports(claim, t);
};

KG.SourcePanel.prototype.renderReports = function (claim, t) {
  var body = this.body;
  if (claim.reports) {
    var list = body.appendChild(KG.el("ul", { "class": "reports", title: KG.strings.en.ui.other_reports }));
    claim.reports.forEach(function (report) {
      var doc = KG.documents.get(report.doc) || {};
      list.appendChild(KG.el("li", {}, t.ui.other_reports + ": " + (doc.title || report.doc) + (doc.dct ? " · " + KG.dctWords(doc) : "")));
    });
  }
  (claim.links || []).forEach(function (link) {
    var other = KG.claimsById.get(link.claim);
    var p = body.appendChild(KG.el("p", { "class": "claim-link" }, t.links[link.link] + ": "));
    p.appendChild(KG.el("button", { type: "button", "data-claim-link": link.claim },
                        other ? KG.readableDate(other.date) || link.claim : link.claim));
  });
};

function addFact(list, term, value, kind) {
  list.appendChild(KG.el("dt", {}, term));
  return list.appendChild(KG.el("dd", kind ? { "data-kind": kind } : {}, value));
}

/** A document's publication date in words ("٢٤ی ئابی ٢٠٢٠"), never as bidi-scrambled ISO digits. */
KG.dctWords = function (doc) {
  return doc.dct ? KG.readableDate({ parts: partsOf(doc.dct), value: doc.dct }) : "";
};

function partsOf(iso) {
  var p = iso.split("-");
  return p.length === 3 ? { year: +p[0], month: +p[1], day: +p[2] } : {};
}

/** "٢ ڕۆژ پێش بەرواری بابەتەکە" / "2 day(s) before the article's date", from a claim's resolution. */
KG.resolutionWords = function (resolution) {
  var words = KG.t().resolution;
  if (resolution.basis !== "dct") { return words[resolution.basis] || words.absolute; }
  if (resolution.offset === undefined) { return words.dct_same.replace("{unit}", ""); }
  var n = Math.abs(resolution.offset);
  var unit = (n === 1 || n === 0 ? KG.t().units_one : KG.t().units)[resolution.unit] || resolution.unit;
  var key = resolution.offset === 0 ? "dct_same" : resolution.offset < 0 ? "dct_before" : "dct_after";
  return words[key].replace("{n}", KG.digits(n)).replace("{unit}", unit);
};
