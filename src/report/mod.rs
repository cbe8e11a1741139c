//! Reporting: one file per output format, all fed by the same finished [`Report`] and the
//! run's [`Review`] (fingerprints, baseline and `--new-since` state). Formats only lay data
//! out; they never filter, sort, reword or change severity. What a format cannot show (a
//! suppressed finding in GitHub annotations) it leaves out the same way for every finding,
//! through [`Ctx::hidden`].
//!
//! Called by the CLI after `check`, once per sink (`--format` on stdout, each `--output`).

pub mod docs;
pub mod export;
pub mod fingerprint;
mod github;
mod gitlab;
mod html;
mod json;
mod junit;
pub mod links;
mod markdown;
mod rdjson;
mod review;
mod sarif;
pub mod text;

use crate::check::{Finding, Label, Report, Severity};
use crate::model::{FileId, Span};
use crate::resolve::Corpus;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use json::{JsonClaim, JsonReport, SCHEMA_VERSION, claim_json, location_json};
pub use links::LinkTemplate;
pub use review::{BaselineStatus, Change, Gone, Review, Reviewed, Since, StaleEntry};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc-style diagnostics with labelled spans, then a dispute summary.
    Text,
    /// One line per finding.
    Concise,
    /// Versioned JSON.
    Json,
    /// SARIF 2.1.0 (GitHub code scanning and other SARIF viewers).
    Sarif,
    /// GitHub Actions workflow commands (annotations on the changed lines).
    Github,
    /// GitHub-flavoured Markdown (a pull-request comment or a job summary).
    Markdown,
    /// GitLab Code Quality (`artifacts:reports:codequality`).
    Gitlab,
    /// reviewdog diagnostic format (`reviewdog -f=rdjson`).
    Rdjson,
    /// JUnit XML (test dashboards, GitLab `artifacts:reports:junit`).
    Junit,
    /// One self-contained HTML page: disputes, voices, timelines and the article words.
    Html,
}

impl Format {
    /// Every format with its command-line name.
    pub const ALL: &[(&'static str, Format)] = &[
        ("text", Format::Text),
        ("concise", Format::Concise),
        ("json", Format::Json),
        ("sarif", Format::Sarif),
        ("github", Format::Github),
        ("markdown", Format::Markdown),
        ("gitlab", Format::Gitlab),
        ("rdjson", Format::Rdjson),
        ("junit", Format::Junit),
        ("html", Format::Html),
    ];

    /// The format of a name (`sarif`), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }

    /// Whether the format is for people (and so may be coloured).
    pub fn is_human(self) -> bool {
        matches!(self, Self::Text | Self::Concise)
    }
}

/// One `--output FORMAT=PATH` sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    /// The format written.
    pub format: Format,
    /// Where (`-` is standard output).
    pub path: PathBuf,
    /// Append instead of replacing (`github-summary`: `$GITHUB_STEP_SUMMARY` is shared by
    /// the steps of a job).
    pub append: bool,
}

impl std::str::FromStr for OutputSpec {
    type Err = String;

    /// Parses `FORMAT=PATH`; `github-summary=PATH` appends the Markdown report.
    fn from_str(s: &str) -> Result<Self, String> {
        let (name, path) = s
            .split_once('=')
            .ok_or_else(|| format!("`{s}`: expected FORMAT=PATH, e.g. sarif=claims.sarif"))?;
        if path.is_empty() {
            return Err(format!("`{s}`: the path is empty"));
        }
        let (format, append) = if name == "github-summary" {
            (Format::Markdown, true)
        } else {
            let format = Format::from_name(name).ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|(n, _)| *n).collect();
                format!(
                    "`{s}`: unknown format `{name}` ({}, github-summary)",
                    names.join(", ")
                )
            })?;
            (format, false)
        };
        Ok(Self {
            format,
            path: PathBuf::from(path),
            append,
        })
    }
}

/// The plain context: a corpus and whether to colour. [`render`] fingerprints the findings
/// itself and shows paths as given; runs with a baseline or `--new-since` use [`Ctx`].
pub struct RenderCtx<'a> {
    /// The corpus the findings refer to.
    pub corpus: &'a Corpus,
    /// Whether to use ANSI colour (text formats only).
    pub color: bool,
}

/// What every renderer may read.
pub struct Ctx<'a> {
    /// The corpus the findings refer to.
    pub corpus: &'a Corpus,
    /// Whether to use ANSI colour (text formats only).
    pub color: bool,
    /// Fingerprints, baseline and `--new-since` state, one entry per finding.
    pub review: &'a Review,
    /// Each file's path relative to the project root, `/`-separated (by [`FileId`]); the
    /// machine formats use these, the text formats the paths as given.
    pub paths: Vec<String>,
    /// Links to places in files on a forge (`--link-template`), for the HTML report.
    pub links: Option<LinkTemplate>,
}

/// Why a finding is not shown as a live problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden<'a> {
    /// A `suppress:` entry on a claim, with its reason.
    InSource(&'a str),
    /// A baseline entry, with its reason.
    Baseline(&'a str),
}

impl Hidden<'_> {
    /// The reason given.
    pub fn reason(&self) -> &str {
        match self {
            Self::InSource(r) | Self::Baseline(r) => r,
        }
    }
}

impl<'a> Ctx<'a> {
    /// A context; `paths` are the project-relative paths by file id (see
    /// [`relative_paths`]).
    pub fn new(corpus: &'a Corpus, review: &'a Review, paths: Vec<String>, color: bool) -> Self {
        Self {
            corpus,
            color,
            review,
            paths,
            links: None,
        }
    }

    /// The same context, linking places with a template.
    #[must_use]
    pub fn with_links(mut self, links: Option<LinkTemplate>) -> Self {
        self.links = links;
        self
    }

    /// Why finding `i` is hidden, if it is.
    pub fn hidden(&self, i: usize, f: &'a Finding) -> Option<Hidden<'a>> {
        if let Some(r) = &f.suppressed {
            return Some(Hidden::InSource(r));
        }
        self.review
            .findings
            .get(i)
            .and_then(|r| r.baseline.as_deref())
            .map(Hidden::Baseline)
    }

    /// The finding's review entry.
    pub fn reviewed(&self, i: usize) -> &'a Reviewed {
        &self.review.findings[i]
    }

    /// The project-relative path of a file.
    pub fn path(&self, file: FileId) -> &str {
        &self.paths[file.0 as usize]
    }

    /// Where a span starts and ends, counted every way the formats need.
    pub fn region(&self, span: Span) -> Region {
        region(self.corpus, span)
    }

    /// `path:line:col` of a label, project-relative.
    pub fn place(&self, span: Span) -> String {
        format!("{}:{}:{}", self.path(span.file), span.line, span.column)
    }

    /// The related locations in words, for formats with one location per finding:
    /// `path:line:col (label)`.
    pub fn related_text(&self, f: &Finding) -> Vec<String> {
        f.related
            .iter()
            .map(|l: &Label| {
                if l.text.is_empty() {
                    self.place(l.span)
                } else {
                    format!("{} ({})", self.place(l.span), l.text)
                }
            })
            .collect()
    }

    /// Counts of shown findings by severity: (errors, warnings, notes), and hidden ones.
    pub fn counts(&self, report: &Report) -> Counts {
        let mut c = Counts::default();
        for (i, f) in report.findings.iter().enumerate() {
            match self.hidden(i, f) {
                Some(Hidden::InSource(_)) => c.suppressed += 1,
                Some(Hidden::Baseline(_)) => c.baselined += 1,
                None => match f.severity {
                    Severity::Error => c.errors += 1,
                    Severity::Warning => c.warnings += 1,
                    Severity::Note => c.notes += 1,
                },
            }
        }
        c
    }
}

/// Finding counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Shown errors.
    pub errors: usize,
    /// Shown warnings.
    pub warnings: usize,
    /// Shown notes.
    pub notes: usize,
    /// Hidden by a `suppress:` entry.
    pub suppressed: usize,
    /// Hidden by the baseline.
    pub baselined: usize,
}

/// A span's start and end: 1-based lines, columns in characters and in UTF-8 bytes. The
/// end is exclusive (the position after the last character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// First line.
    pub start_line: u32,
    /// First column, characters.
    pub start_column: u32,
    /// First column, bytes.
    pub start_byte_column: u32,
    /// Line of the end.
    pub end_line: u32,
    /// Column after the last character, characters.
    pub end_column: u32,
    /// Column after the last byte, bytes.
    pub end_byte_column: u32,
    /// Whether the span is empty (a point).
    pub empty: bool,
}

fn region(corpus: &Corpus, span: Span) -> Region {
    let text: &str = corpus.map.get(span.file).text();
    let byte_column = |offset: usize| {
        let offset = offset.min(text.len());
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        (offset - line_start + 1) as u32
    };
    let start = span.start as usize;
    let end = (span.start + span.len) as usize;
    let (end_line, end_column) = crate::model::line_col(text, end);
    Region {
        start_line: span.line,
        start_column: span.column,
        start_byte_column: byte_column(start),
        end_line,
        end_column,
        end_byte_column: byte_column(end),
        empty: span.len == 0,
    }
}

/// A claim file that could not be read or parsed, as reports name it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnreadFile {
    /// Its display path.
    pub path: String,
    /// About how many claims it holds (so were not checked); `None` when unknown.
    pub claims_not_checked: Option<usize>,
}

/// The claim files of a run that could not be read or parsed, in path order.
pub fn unread_files(corpus: &Corpus) -> Vec<UnreadFile> {
    corpus
        .unread
        .iter()
        .map(|u| UnreadFile {
            path: corpus.map.display(u.file),
            claims_not_checked: u.claims,
        })
        .collect()
}

/// Paths relative to `root`, `/`-separated.
pub fn relative_paths(corpus: &Corpus, root: Option<&Path>) -> Vec<String> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = root.map(|r| normalize(&cwd.join(r)));
    (0..corpus.map.len())
        .map(|i| {
            let id = FileId(i as u32);
            let shown = corpus.map.display(id);
            let Some(root) = &root else { return shown };
            let abs = normalize(&cwd.join(&corpus.map.get(id).path));
            match abs.strip_prefix(root) {
                Ok(rel) if !rel.as_os_str().is_empty() => rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/"),
                _ => shown,
            }
        })
        .collect()
}

/// Resolves `.` and `..` without touching the file system.
pub use crate::model::normalize_path as normalize;

/// Renders a report in a format, with fingerprints and no baseline or ref.
pub fn render(
    format: Format,
    report: &Report,
    cx: &RenderCtx<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let paths = relative_paths(cx.corpus, None);
    let review = Review::new(report, cx.corpus, &paths);
    render_with(
        format,
        report,
        &Ctx::new(cx.corpus, &review, paths, cx.color),
        out,
    )
}

/// Renders a report in a format, with the run's review.
pub fn render_with(
    format: Format,
    report: &Report,
    cx: &Ctx<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::render(report, cx, out, false),
        Format::Concise => text::render(report, cx, out, true),
        Format::Json => json::render(report, cx, out),
        Format::Sarif => sarif::render(report, cx, out),
        Format::Github => github::render(report, cx, out),
        Format::Markdown => markdown::render(report, cx, out),
        Format::Gitlab => gitlab::render(report, cx, out),
        Format::Rdjson => rdjson::render(report, cx, out),
        Format::Junit => junit::render(report, cx, out),
        Format::Html => html::render(report, cx, out),
    }
}

/// Writes a file so that readers see the old or the new content, never a part: the bytes
/// go to a temporary file in the same folder, which is then renamed over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.claimcheck-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
