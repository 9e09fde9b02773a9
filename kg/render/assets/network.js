/* The actor network, drawn by vis-network (inlined from the installed pyvis).
 * Small networks settle with a bounded number of physics iterations, then physics
 * is switched off; large ones arrive with positions computed in Python and never
 * run physics. KG.networkReady() resolves once the network is drawn and still. */

KG.ActorNetwork = function (container, network, onReady) {
  this.container = container;
  this.nodesData = network.nodes;
  this.vis = null;
  this.ready = false;
  this.onReady = onReady;
  if (typeof vis === "undefined" || !container) { this.finish(); return; }
  var options = network.options;
  // Canvas labels need a font stack that has the Sorani letters: use the page's.
  options.nodes.font.face = window.getComputedStyle(document.body).fontFamily;
  this.nodes = new vis.DataSet(network.nodes.map(function (n) { return Object.assign({}, n); }));
  this.vis = new vis.Network(container, { nodes: this.nodes, edges: new vis.DataSet(network.edges) }, options);
  var self = this;
  if (options.physics.enabled) {
    this.vis.once("stabilizationIterationsDone", function () {
      self.vis.setOptions({ physics: { enabled: false } });
      self.finish();
    });
  } else {
    this.vis.once("afterDrawing", function () { self.finish(); });
  }
  this.vis.on("click", function (params) {
    if (params.nodes.length) { KG.setState({ actor: params.nodes[0], claim: null }); }
    else if (!params.edges.length) { KG.setState({ actor: null }); }
  });
};

var N = KG.ActorNetwork.prototype;

N.finish = function () {
  if (this.ready) { return; }
  this.ready = true;
  this.container && this.container.setAttribute("data-ready", "true");
  if (this.onReady) { this.onReady(); }
};

/** Hide actors without a claim in the date range; select the chosen actor, or the actors of
 * the chosen claim; use Latin labels in Latin mode. Only changed nodes are updated. */
N.update = function (state, actorsInRange) {
  if (!this.vis) { return; }
  var changes = [];
  var nodes = this.nodes;
  this.nodesData.forEach(function (node) {
    var hidden = actorsInRange !== null && !actorsInRange.has(node.id);
    var label = KG.actorName(node.id);
    var current = nodes.get(node.id);
    if (current.hidden !== hidden || current.label !== label) { changes.push({ id: node.id, hidden: hidden, label: label }); }
  });
  if (changes.length) { nodes.update(changes); }
  var claim = state.claim && KG.claimsById.get(state.claim);
  var chosen = state.actor ? [state.actor] : claim ? claim.actors.filter(function (a) { return KG.actors.has(a); }) : [];
  if (chosen.length) { this.vis.selectNodes(chosen, false); } else { this.vis.unselectAll(); }
  this.hiddenCount = changes.length ? nodes.get({ filter: function (n) { return n.hidden; } }).length : (this.hiddenCount || 0);
};
