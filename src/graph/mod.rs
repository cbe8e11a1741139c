//! The statement graph (petgraph): sources, speakers, entities, concepts, aliases and
//! claims as nodes; `reports`, `says`, `about`, `object`, `same-as` edges from the claim
//! files, and the relations the checker derives (`contradicts`, `in-tension-with`,
//! `revises`, `misreports`, `changed-from`, `corroborates`). Exported as DOT or JSON.
//!
//! Built from the resolved corpus; `check` adds the derived edges.

use crate::resolve::{Corpus, Object, Term};
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::fmt::Write as _;

/// A node of the statement graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Node {
    /// A source (article).
    Source {
        /// Source id.
        id: String,
        /// Outlet.
        outlet: String,
    },
    /// An entity (person, relationship, organisation, …); speakers are entities.
    Entity {
        /// Entity id.
        id: String,
        /// Display name.
        name: String,
    },
    /// A concept.
    Concept {
        /// Concept id.
        id: String,
        /// Display name.
        name: String,
    },
    /// An alias or surface form.
    Alias {
        /// The text.
        text: String,
    },
    /// A claim.
    Claim {
        /// Claim id.
        id: String,
        /// `subject predicate object`.
        proposition: String,
    },
}

/// An edge of the statement graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edge {
    /// Source → claim it reports.
    Reports,
    /// Speaker → claim he said.
    Says,
    /// Claim → its subject.
    About,
    /// Claim → its object (entity or concept).
    Object,
    /// Alias → the entity or concept it names.
    SameAs,
    /// Claim → claim it contradicts (derived).
    Contradicts,
    /// Claim → claim it is in tension with (derived).
    InTensionWith,
    /// Later claim → the same speaker's earlier claim it revises (derived).
    Revises,
    /// Paraphrase → the speaker's own words it contradicts (derived).
    Misreports,
    /// Later status → earlier status it succeeds (derived).
    ChangedFrom,
    /// Claim → claim from another outlet that states the same (derived).
    Corroborates,
}

/// The statement graph with an index from claim to node.
#[derive(Debug, Default)]
pub struct StatementGraph {
    /// The petgraph graph.
    pub graph: DiGraph<Node, Edge>,
    /// Node of each claim, by claim index.
    pub claim_nodes: Vec<NodeIndex>,
}

impl StatementGraph {
    /// Builds the graph of a corpus (no derived edges yet).
    pub fn build(corpus: &Corpus) -> Self {
        let mut g = DiGraph::new();
        let sources: Vec<NodeIndex> = corpus
            .sources
            .iter()
            .map(|s| {
                g.add_node(Node::Source {
                    id: s.id.clone(),
                    outlet: s.outlet.clone(),
                })
            })
            .collect();
        let entities: Vec<NodeIndex> = corpus
            .entities
            .iter()
            .map(|e| {
                g.add_node(Node::Entity {
                    id: e.id.clone(),
                    name: e.name.clone(),
                })
            })
            .collect();
        let concepts: Vec<NodeIndex> = corpus
            .concepts
            .iter()
            .map(|c| {
                g.add_node(Node::Concept {
                    id: c.id.clone(),
                    name: c.name.clone(),
                })
            })
            .collect();
        let term = |t: Term| match t {
            Term::Entity(i) => entities[i as usize],
            Term::Concept(i) => concepts[i as usize],
        };
        for (infos, nodes) in [(&corpus.entities, &entities), (&corpus.concepts, &concepts)] {
            for (info, &node) in infos.iter().zip(nodes.iter()) {
                for alias in &info.aliases {
                    let a = g.add_node(Node::Alias {
                        text: alias.clone(),
                    });
                    g.add_edge(a, node, Edge::SameAs);
                }
            }
        }
        let mut claim_nodes = Vec::with_capacity(corpus.claims.len());
        for c in &corpus.claims {
            let n = g.add_node(Node::Claim {
                id: c.id().to_string(),
                proposition: corpus.proposition(c),
            });
            g.add_edge(sources[c.source as usize], n, Edge::Reports);
            if let Some(s) = c.speaker {
                g.add_edge(entities[s as usize], n, Edge::Says);
            }
            g.add_edge(n, term(c.subject), Edge::About);
            if let Some(Object::Term(t)) = &c.object {
                g.add_edge(n, term(*t), Edge::Object);
            }
            claim_nodes.push(n);
        }
        Self {
            graph: g,
            claim_nodes,
        }
    }

    /// Adds a derived relation between two claims (by claim index).
    pub fn relate(&mut self, from: u32, to: u32, edge: Edge) {
        let (a, b) = (
            self.claim_nodes[from as usize],
            self.claim_nodes[to as usize],
        );
        self.graph.add_edge(a, b, edge);
    }

    /// DOT text.
    pub fn to_dot(&self) -> String {
        let mut out = String::from("digraph claims {\n  rankdir=LR;\n");
        for i in self.graph.node_indices() {
            let (label, shape) = match &self.graph[i] {
                Node::Source { id, outlet } => (format!("{outlet}\\n{id}"), "folder"),
                Node::Entity { id, name } => (format!("{name}\\n{id}"), "ellipse"),
                Node::Concept { id, name } => (format!("{name}\\n{id}"), "hexagon"),
                Node::Alias { text } => (text.clone(), "plaintext"),
                Node::Claim { id, proposition } => (format!("{id}\\n{proposition}"), "box"),
            };
            let _ = writeln!(
                out,
                "  n{} [label=\"{}\", shape={shape}];",
                i.index(),
                escape(&label)
            );
        }
        for e in self.graph.edge_indices() {
            let Some((a, b)) = self.graph.edge_endpoints(e) else {
                continue;
            };
            let kind = serde_json::to_value(self.graph[e])
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            let style = match self.graph[e] {
                Edge::Contradicts | Edge::Misreports => ", color=red",
                Edge::InTensionWith | Edge::Revises => ", color=orange",
                Edge::Corroborates => ", color=darkgreen",
                Edge::ChangedFrom => ", color=gray",
                _ => "",
            };
            let _ = writeln!(
                out,
                "  n{} -> n{} [label=\"{kind}\"{style}];",
                a.index(),
                b.index()
            );
        }
        out.push_str("}\n");
        out
    }

    /// JSON value: `{"nodes": [...], "edges": [{"from", "to", "kind"}]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let nodes: Vec<serde_json::Value> = self
            .graph
            .node_indices()
            .map(|i| {
                let mut v = serde_json::to_value(&self.graph[i]).unwrap_or_default();
                v["index"] = i.index().into();
                v
            })
            .collect();
        let edges: Vec<serde_json::Value> = self
            .graph
            .edge_indices()
            .filter_map(|e| {
                let (a, b) = self.graph.edge_endpoints(e)?;
                Some(serde_json::json!({"from": a.index(), "to": b.index(), "kind": self.graph[e]}))
            })
            .collect();
        serde_json::json!({"nodes": nodes, "edges": edges})
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace("\\\\n", "\\n")
}
