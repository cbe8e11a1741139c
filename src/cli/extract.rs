//! `claimcheck extract`: what articles say, for review: every statement (quotation or
//! reported speech, with its speaker, cue, date and relay) and draft claims in the
//! claim-file format, as YAML (one document per article, `---` between them), one JSON
//! document for all articles, or JSON lines.

use super::Status;
use anyhow::{Context as _, Result, bail};
use claimcheck::extract::{self, Document, Draft, DraftObject};
use claimcheck::load::{self, Limits};
use claimcheck::model::FuzzyDate;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files, or folders of them (`*.txt`, `*.md`, `*.html`, `*.htm`).
    #[arg(required = true)]
    pub documents: Vec<PathBuf>,
    /// Claim files or folders with the story's entities, concepts and sources (repeatable;
    /// default: the claim files in the documents' folders).
    #[arg(long = "claims", value_name = "PATH")]
    pub claims: Vec<PathBuf>,
    /// A rules folder: its predicates' extraction cues and its vague amounts join the
    /// built-in ones, and its `extraction*.yaml` replaces lists of the built-in lexicon.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DraftFormat::Yaml)]
    pub format: DraftFormat,
    /// Write one `<document>.extracted.claims.yaml` (`.json`, `.jsonl`) per document into
    /// DIR instead of printing.
    #[arg(long, value_name = "DIR")]
    pub write: Option<PathBuf>,
    /// With `--write`: replace files that already exist.
    #[arg(long, requires = "write")]
    pub force: bool,
    /// The outlet of every document, over what the article (front matter, HTML metadata)
    /// or a claim file citing it says.
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// The publication date of every document (`2024-01-23`, `2024-01`, `2024`), over what
    /// the article or a claim file citing it says; the anchor for relative dates.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub published: Option<FuzzyDate>,
}

fn parse_date(s: &str) -> std::result::Result<FuzzyDate, String> {
    FuzzyDate::parse(s)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DraftFormat {
    /// Claim-file YAML, one document per article (`---` between them).
    Yaml,
    /// One JSON document: `{"documents": [{document, sources, statements, claims}, …]}`.
    Json,
    /// JSON lines: one source, statement or claim a line, each with its `type` and
    /// `document`.
    Jsonl,
}

/// A draft claim file, with the statements it was drafted from.
#[derive(Serialize)]
struct DraftFile {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<DraftSource>,
    statements: Vec<StatementOut>,
    claims: Vec<DraftClaim>,
}

/// One document of the JSON output.
#[derive(Serialize)]
struct JsonDocument<'a> {
    document: &'a str,
    #[serde(flatten)]
    file: &'a DraftFile,
}

/// One line of the JSON lines output.
#[derive(Serialize)]
struct JsonLine<'a, T: Serialize> {
    #[serde(rename = "type")]
    kind: &'static str,
    /// The article (a source line has its own `document`).
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a str>,
    #[serde(flatten)]
    item: &'a T,
}

/// A statement: a quotation or a piece of reported speech.
#[derive(Serialize)]
struct StatementOut {
    /// The words: inside the quotation marks, or the reported clause.
    words: String,
    /// `direct` (quoted, the speaker's own words) or `reported` (the outlet's account).
    kind: &'static str,
    source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<PartyOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    said: Option<String>,
    /// The time expression the date came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    said_text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<PartyOut>,
    confidence: f64,
    evidence: DraftEvidence,
}

/// A speaker or a relay: the entity id when the story's vocabulary knows it, the name
/// (the entity's, or as written), and the words in the text when they differ ("he").
#[derive(Serialize)]
struct PartyOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    /// An unnamed speaker, as the article describes them ("a spokesman for the company").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    described: bool,
}

#[derive(Serialize)]
struct DraftSource {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    document: String,
}

#[derive(Serialize)]
struct DraftClaim {
    id: String,
    origin: &'static str,
    confidence: f64,
    source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    via: Vec<String>,
    attribution: claimcheck::model::Attribution,
    #[serde(skip_serializing_if = "Option::is_none")]
    said: Option<String>,
    subject: String,
    predicate: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    object: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    scope: std::collections::BTreeMap<String, String>,
    polarity: claimcheck::model::Polarity,
    modality: claimcheck::model::Modality,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid: Option<extract::DraftValid>,
    quote: String,
    evidence: DraftEvidence,
}

#[derive(Serialize)]
struct DraftEvidence {
    document: String,
    line: usize,
    column: usize,
    bytes: [usize; 2],
    sentence: String,
    rule: String,
}

fn is_article(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e, "txt" | "md" | "html" | "htm"))
}

fn documents(args: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in args {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("cannot read `{}`", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_article(p))
                .collect();
            found.sort();
            out.extend(found);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            bail!("cannot read `{}`: no such file or folder", p.display());
        }
    }
    Ok(out)
}

/// A path to `target` from the folder `from`, `/`-separated (both made absolute first).
fn relative(target: &Path, from: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (t, f) = (abs(target), abs(from));
    let common = t
        .components()
        .zip(f.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = f.components().count() - common;
    let mut parts: Vec<String> = vec!["..".to_string(); ups];
    parts.extend(
        t.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

fn object_json(o: &DraftObject) -> serde_json::Value {
    match o {
        DraftObject::Entity(e) => serde_json::json!({"entity": e}),
        DraftObject::Concept(c) => serde_json::json!({"concept": c}),
        DraftObject::Literal(l) => serde_json::json!({"literal": l}),
        DraftObject::Number { value, unit } => match unit {
            Some(u) => serde_json::json!({"number": value, "unit": u}),
            None => serde_json::json!({"number": value}),
        },
        DraftObject::Figure { amount, unit } => {
            use claimcheck::model::Amount;
            let mut m = match *amount {
                Amount::Exact(n) => serde_json::json!({"number": n}),
                Amount::AtLeast(n) => serde_json::json!({"min": n}),
                Amount::AtMost(n) => serde_json::json!({"max": n}),
                Amount::Between(a, b) => serde_json::json!({"min": a, "max": b}),
                Amount::About(n) => serde_json::json!({"about": n}),
            };
            if let Some(u) = unit {
                m["unit"] = serde_json::json!(u);
            }
            m
        }
        DraftObject::Vague(name) => serde_json::json!(name),
    }
}

/// Runs `claimcheck extract`.
pub fn run(args: &ExtractArgs, out: &mut dyn Write) -> Result<Status> {
    let docs = documents(&args.documents)?;
    let claim_paths: Vec<PathBuf> = if args.claims.is_empty() {
        let mut dirs: Vec<PathBuf> = docs
            .iter()
            .map(|d| {
                d.parent().map_or_else(
                    || PathBuf::from("."),
                    |p| {
                        if p.as_os_str().is_empty() {
                            PathBuf::from(".")
                        } else {
                            p.to_path_buf()
                        }
                    },
                )
            })
            .collect();
        dirs.sort();
        dirs.dedup();
        dirs
    } else {
        args.claims.clone()
    };
    let limits = Limits::default();
    let loaded = load::load_paths(&claim_paths, &limits)?;
    let rules = claimcheck::rules::Rules::load(&args.rules)?;
    let lexicon = claimcheck::app::suggest::lexicon(&args.rules, &rules)?;
    let names = claimcheck::app::suggest::story_names(&loaded, &lexicon);
    // Sources already citing a document lend it their id, date and outlet.
    let mut known: Vec<(PathBuf, String, Option<FuzzyDate>, Option<String>)> = Vec::new();
    for f in &loaded.files {
        for (i, s) in f.sources.iter().enumerate() {
            if let Some(&doc) = loaded.documents.get(&(f.file, i)) {
                let path = std::fs::canonicalize(&loaded.map.get(doc).path).unwrap_or_default();
                known.push((
                    path,
                    s.id.value.clone(),
                    s.published.as_ref().map(|d| d.value),
                    s.outlet.clone(),
                ));
            }
        }
    }
    let mut outputs: Vec<(String, DraftFile)> = Vec::new();
    for doc in &docs {
        let text = load::read_document(doc, &limits).map_err(|e| anyhow::anyhow!(e.message))?;
        let canonical = std::fs::canonicalize(doc).unwrap_or_default();
        let cited = known.iter().find(|k| k.0 == canonical);
        let stem = doc
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("document")
            .to_string();
        // The command line, then a claim file citing the document, then the article.
        let meta = extract::article_meta(&text);
        let (source, published, outlet) = match cited {
            Some((_, id, published, outlet)) => (id.clone(), *published, outlet.clone()),
            None => (stem.clone(), None, None),
        };
        let published = args.published.or(published).or(meta.published);
        let outlet = args.outlet.clone().or(outlet).or(meta.outlet.clone());
        let x = extract::extract_compiled(
            &Document {
                text: &text,
                published,
                outlet: outlet.as_deref(),
            },
            &lexicon,
            &names,
        );
        let mut stderr = std::io::stderr().lock();
        for w in &x.warnings {
            let _ = writeln!(stderr, "claimcheck: {}: {w}", doc.display());
        }
        let base = args.write.clone().unwrap_or_else(|| PathBuf::from("."));
        let doc_path = relative(doc, &base);
        let file = DraftFile {
            sources: if cited.is_some() {
                Vec::new()
            } else {
                vec![DraftSource {
                    id: source.clone(),
                    outlet: outlet.clone(),
                    title: meta.title.clone(),
                    url: meta.url.clone(),
                    published: published.map(|d| d.to_string()),
                    document: doc_path.clone(),
                }]
            },
            statements: x
                .quotes
                .iter()
                .map(|q| statement(q, &text, &source, &doc_path))
                .collect(),
            claims: x
                .drafts
                .iter()
                .enumerate()
                .map(|(n, d)| draft(d, &source, n, &doc_path))
                .collect(),
        };
        match &args.write {
            None => outputs.push((doc_path, file)),
            Some(dir) => {
                let (ext, text) = match args.format {
                    DraftFormat::Yaml => {
                        ("extracted.claims.yaml", yaml_document(&doc_path, &file)?)
                    }
                    DraftFormat::Json => (
                        "extracted.json",
                        serde_json::to_string_pretty(&JsonOutput {
                            documents: vec![JsonDocument {
                                document: &doc_path,
                                file: &file,
                            }],
                        })? + "\n",
                    ),
                    DraftFormat::Jsonl => ("extracted.jsonl", json_lines(&doc_path, &file)?),
                };
                let path = dir.join(format!("{stem}.{ext}"));
                write_new(&path, &text, args.force)?;
                writeln!(
                    out,
                    "wrote {} statements and {} draft claims to {}",
                    file.statements.len(),
                    file.claims.len(),
                    path.display()
                )?;
            }
        }
    }
    match args.format {
        DraftFormat::Yaml => {
            for (k, (doc_path, file)) in outputs.iter().enumerate() {
                if k > 0 {
                    out.write_all(b"---\n")?;
                }
                out.write_all(yaml_document(doc_path, file)?.as_bytes())?;
            }
        }
        DraftFormat::Json => {
            let all = JsonOutput {
                documents: outputs
                    .iter()
                    .map(|(document, file)| JsonDocument { document, file })
                    .collect(),
            };
            if args.write.is_none() {
                out.write_all((serde_json::to_string_pretty(&all)? + "\n").as_bytes())?;
            }
        }
        DraftFormat::Jsonl => {
            for (doc_path, file) in &outputs {
                out.write_all(json_lines(doc_path, file)?.as_bytes())?;
            }
        }
    }
    Ok(Status::Success)
}

/// The JSON output: every document.
#[derive(Serialize)]
struct JsonOutput<'a> {
    documents: Vec<JsonDocument<'a>>,
}

/// One article's drafts as a claim file (YAML), with a header.
fn yaml_document(doc_path: &str, file: &DraftFile) -> Result<String> {
    Ok(format!(
        "# Drafted by `claimcheck extract` from {doc_path}: review, correct and commit.\n# Claims with `origin: extracted` are suggestions until a person has checked them;\n# `statements` lists what the article quotes and reports, and is not checked.\n{}",
        serde_saphyr::to_string(file).context("writing YAML")?
    ))
}

/// One article as JSON lines: its source, statements and claims.
fn json_lines(doc_path: &str, file: &DraftFile) -> Result<String> {
    let mut text = String::new();
    let mut line = |kind: &'static str, item: &dyn erased::Item| -> Result<()> {
        text.push_str(&item.line(kind, doc_path)?);
        text.push('\n');
        Ok(())
    };
    for s in &file.sources {
        line("source", s)?;
    }
    for s in &file.statements {
        line("statement", s)?;
    }
    for c in &file.claims {
        line("claim", c)?;
    }
    Ok(text)
}

/// Serialising the three kinds of line through one function.
mod erased {
    use super::{DraftClaim, DraftSource, JsonLine, StatementOut};

    pub trait Item {
        fn line(&self, kind: &'static str, document: &str) -> serde_json::Result<String>;
    }

    macro_rules! item {
        ($($t:ty),*) => {$(
            impl Item for $t {
                fn line(&self, kind: &'static str, document: &str) -> serde_json::Result<String> {
                    let document = (kind != "source").then_some(document);
                    serde_json::to_string(&JsonLine { kind, document, item: self })
                }
            }
        )*};
    }
    item!(DraftSource, StatementOut, DraftClaim);
}

/// The words of a byte range of the text, on one line.
fn words_at(text: &str, r: &std::ops::Range<usize>) -> String {
    text.get(r.clone())
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn party(s: &extract::Speaker, text: &str) -> PartyOut {
    let written = words_at(text, &s.range);
    PartyOut {
        id: s.entity.clone(),
        text: (!written.is_empty() && written != s.name).then_some(written),
        name: s.name.clone(),
        described: s.described,
    }
}

fn statement(q: &extract::Quote, text: &str, source: &str, document: &str) -> StatementOut {
    StatementOut {
        words: q.text.clone(),
        kind: if q.direct { "direct" } else { "reported" },
        source: source.to_string(),
        speaker: q.speaker.as_ref().map(|s| party(s, text)),
        cue: q.cue.as_ref().map(|r| words_at(text, r)),
        said: q.said.map(|d| d.to_string()),
        said_text: q.said_text.as_ref().map(|r| words_at(text, r)),
        via: q.via.as_ref().map(|s| party(s, text)),
        confidence: (q.confidence * 100.0).round() / 100.0,
        evidence: DraftEvidence {
            document: document.to_string(),
            line: q.line,
            column: q.column,
            bytes: [q.range.start, q.range.end],
            sentence: q.sentence.clone(),
            rule: q.rule.clone(),
        },
    }
}

fn draft(d: &Draft, source: &str, n: usize, document: &str) -> DraftClaim {
    DraftClaim {
        id: format!("{source}-x{}", n + 1),
        origin: "extracted",
        confidence: (d.confidence * 100.0).round() / 100.0,
        source: source.to_string(),
        speaker: d.speaker.clone(),
        via: d.via.clone(),
        attribution: d.attribution,
        said: d.said.map(|s| s.to_string()),
        subject: d.subject.clone(),
        predicate: d.predicate.clone(),
        object: d.object.as_ref().map(object_json),
        scope: d.scope.iter().cloned().collect(),
        polarity: d.polarity,
        modality: d.modality,
        valid: d.valid,
        quote: d.quote.clone(),
        evidence: DraftEvidence {
            document: document.to_string(),
            line: d.evidence.line,
            column: d.evidence.column,
            bytes: [d.evidence.range.start, d.evidence.range.end],
            sentence: d.evidence.sentence.clone(),
            rule: d.rule.clone(),
        },
    }
}

/// Writes a file atomically (a temporary file in the same folder, then a rename), refusing
/// to replace an existing file unless `force`.
fn write_new(path: &Path, text: &str, force: bool) -> Result<()> {
    if path.exists() && !force {
        bail!("`{}` exists; use --force to replace it", path.display());
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("draft"),
        std::process::id()
    ));
    std::fs::write(&tmp, text).with_context(|| format!("cannot write `{}`", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}
