//! `claimcheck extract`: draft claims from article text, as claim-file YAML (or JSON) to
//! review, correct and commit.

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
    /// A rules folder whose `extraction*.yaml` replaces lists of the built-in lexicon.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DraftFormat::Yaml)]
    pub format: DraftFormat,
    /// Write one `<document>.extracted.claims.yaml` per document into DIR instead of printing.
    #[arg(long, value_name = "DIR")]
    pub write: Option<PathBuf>,
    /// With `--write`: replace files that already exist.
    #[arg(long, requires = "write")]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DraftFormat {
    /// Claim-file YAML.
    Yaml,
    /// The same structure as JSON.
    Json,
}

/// A draft claim file.
#[derive(Serialize)]
struct DraftFile {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<DraftSource>,
    claims: Vec<DraftClaim>,
}

#[derive(Serialize)]
struct DraftSource {
    id: String,
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
    attribution: claimcheck::model::Attribution,
    #[serde(skip_serializing_if = "Option::is_none")]
    said: Option<String>,
    subject: String,
    predicate: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    object: Option<serde_json::Value>,
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
    let lexicon = claimcheck::app::suggest::lexicon(&args.rules)?;
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
    for doc in &docs {
        let text = load::read_document(doc, &limits).map_err(|e| anyhow::anyhow!(e.message))?;
        let canonical = std::fs::canonicalize(doc).unwrap_or_default();
        let cited = known.iter().find(|k| k.0 == canonical);
        let stem = doc
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("document")
            .to_string();
        let (source, published, outlet) = match cited {
            Some((_, id, published, outlet)) => (id.clone(), *published, outlet.clone()),
            None => (stem.clone(), None, None),
        };
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
                    document: doc_path.clone(),
                }]
            },
            claims: x
                .drafts
                .iter()
                .enumerate()
                .map(|(n, d)| draft(d, &source, n, &doc_path))
                .collect(),
        };
        let text = match args.format {
            DraftFormat::Yaml => format!(
                "# Drafted by `claimcheck extract` from {doc_path}: review, correct and commit.\n# Claims with `origin: extracted` are suggestions until a person has checked them.\n{}",
                serde_saphyr::to_string(&file).context("writing YAML")?
            ),
            DraftFormat::Json => serde_json::to_string_pretty(&file)? + "\n",
        };
        match &args.write {
            None => out.write_all(text.as_bytes())?,
            Some(dir) => {
                let ext = if args.format == DraftFormat::Yaml {
                    "extracted.claims.yaml"
                } else {
                    "extracted.json"
                };
                let path = dir.join(format!("{stem}.{ext}"));
                write_new(&path, &text, args.force)?;
                writeln!(
                    out,
                    "wrote {} draft claims to {}",
                    file.claims.len(),
                    path.display()
                )?;
            }
        }
    }
    Ok(Status::Success)
}

fn draft(d: &Draft, source: &str, n: usize, document: &str) -> DraftClaim {
    DraftClaim {
        id: format!("{source}-x{}", n + 1),
        origin: "extracted",
        confidence: (d.confidence * 100.0).round() / 100.0,
        source: source.to_string(),
        speaker: d.speaker.clone(),
        attribution: d.attribution,
        said: d.said.map(|s| s.to_string()),
        subject: d.subject.clone(),
        predicate: d.predicate.clone(),
        object: d.object.as_ref().map(object_json),
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
