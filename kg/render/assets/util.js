/* Helpers shared by the report's scripts. Every piece of data reaches the page
 * through el()/textContent: no data is ever parsed as HTML. */

KG.SVG_NS = "http://www.w3.org/2000/svg";
KG.DAY_MS = 86400000;

/** Element with attributes and text; children appended in order. */
KG.el = function (tag, attrs, text) {
  var node = document.createElement(tag);
  KG.setAttrs(node, attrs);
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  return node;
};

KG.svg = function (tag, attrs, text) {
  var node = document.createElementNS(KG.SVG_NS, tag);
  KG.setAttrs(node, attrs);
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  return node;
};

KG.setAttrs = function (node, attrs) {
  Object.keys(attrs || {}).forEach(function (name) {
    if (attrs[name] !== undefined && attrs[name] !== null) { node.setAttribute(name, attrs[name]); }
  });
};

/** Days since 1970-01-01 for an ISO date "YYYY-MM-DD" (UTC, so no time-zone drift). */
KG.dayOf = function (iso) {
  var p = iso.split("-");
  return Date.UTC(+p[0], +p[1] - 1, +p[2]) / KG.DAY_MS;
};

KG.isoOf = function (day) {
  return new Date(Math.round(day) * KG.DAY_MS).toISOString().slice(0, 10);
};

var EASTERN_DIGITS = "٠١٢٣٤٥٦٧٨٩";

/** Digits for display: Eastern Arabic (٠–٩) in Sorani mode, ASCII in Latin mode. */
KG.digits = function (value) {
  var text = String(value);
  if (KG.state && KG.state.latin) { return text; }
  return text.replace(/[0-9]/g, function (d) { return EASTERN_DIGITS[+d]; });
};

/** The interface words of the current script mode (strings.json). */
KG.t = function () {
  return KG.strings[KG.state && KG.state.latin ? "en" : "local"];
};

/** Readable date from a claim's date parts: "کۆتایی ٢٠١٧", "٢٦ی تەمووزی ٢٠٢١", "end of 2017". */
KG.readableDate = function (date) {
  var t = KG.t();
  var p = date.parts || {};
  if (!p.year) { return date.value || ""; }
  var latin = KG.state.latin;
  var words = [];
  if (t.mods[date.mod]) { words.push(t.mods[date.mod]); }
  if (date.granularity === "WEEK") { words.push(t.ui.week_of); }
  var ezafe = latin ? "" : "ی";
  if (p.day) { words.push(KG.digits(p.day) + (p.month ? ezafe : "")); }
  if (p.month) { words.push(t.months[p.month - 1] + ezafe); }
  words.push(KG.digits(p.year));
  return words.join(" ");
};

/** Search key: Arabic-keyboard Sorani folded onto Kurdish letters, ZWNJ and tatweel gone,
 * Latin lower-cased without diacritics, so "كازمي", "کازمی" and "kazimi" all match. */
KG.normalize = function (text) {
  return String(text)
    .replace(/\u0647\u200c/g, "\u06d5")          // heh + ZWNJ: legacy ە
    .replace(/\u0643/g, "\u06a9")                 // Arabic kaf → keheh
    .replace(/[\u064a\u0649]/g, "\u06cc")         // Arabic yeh, alef maksura → Farsi yeh
    .replace(/[\u200c\u200d\u0640]/g, "")         // ZWNJ, ZWJ, tatweel
    .replace(/[٠-٩]/g, function (d) { return String(EASTERN_DIGITS.indexOf(d)); })
    .normalize("NFD").replace(/[\u0300-\u036f\u2019']/g, "")
    .toLowerCase();
};

/** Display name of an actor id in the current script mode. */
KG.actorName = function (id) {
  var actor = KG.actors.get(id);
  if (!actor) { return id ? id.replace(/^actor:/, "") : ""; }
  if (KG.state.latin) { return actor.name_en || actor.latin || actor.name; }
  return actor.name;
};

KG.clear = function (node) {
  while (node.firstChild) { node.removeChild(node.firstChild); }
};
