//! Words for findings: who said what, when, where; shared by every check so findings read
//! the same way. A clash finding names the dispute's question, each side with its voices
//! (one voice per speaker and speech act, however many outlets printed it), the primary
//! claim's words in the article, and what else explains the same two positions.

use super::compare::{Clash, Frame};
use super::{CheckInfo, Context, DisputeKey, Finding, Label, Severity, Side};
use crate::model::{Attribution, FuzzyDate, Origin};
use crate::resolve::{ClaimIdx, Object, ResolvedClaim};
use rustc_hash::FxHashMap;

/// Claims shown as related locations besides the two a finding is about; the rest are
/// counted ("and 3 more") and listed in full in the JSON report.
pub const MORE_CLAIMS_SHOWN: usize = 3;

/// Voices listed per side in an explanation before "and N more".
const VOICES_SHOWN: usize = 4;

/// `subject predicate object`, with `not` for a denial, ids in backticks, and the scope.
pub fn proposition(cx: &Context<'_>, c: &ResolvedClaim) -> String {
    cx.corpus.position_text(c)
}

/// The names on a claim's chain from its origin to its outlet: relays (farthest first),
/// then the outlet.
fn chain_links<'c>(cx: &'c Context<'_>, c: &ResolvedClaim) -> Vec<&'c str> {
    let corpus = cx.corpus;
    let mut links: Vec<&str> = c
        .via
        .iter()
        .rev()
        .map(|&v| corpus.entities[v as usize].name.as_str())
        .collect();
    if c.speaker.is_none() && !links.is_empty() {
        links.remove(0); // the farthest relay is the origin itself
    }
    links.push(corpus.sources[c.source as usize].outlet.as_str());
    links
}

/// Where two chains from one origin part: "the disagreement enters at AFP's or Le Point's
/// link"; `None` when the chains are the same.
pub fn divergence(cx: &Context<'_>, a: &ResolvedClaim, b: &ResolvedClaim) -> Option<String> {
    if a.via == b.via || cx.corpus.origin(a) != cx.corpus.origin(b) {
        return None;
    }
    let (la, lb) = (chain_links(cx, a), chain_links(cx, b));
    let common = la.iter().zip(&lb).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = Vec::new();
    for l in [la.get(common), lb.get(common)].into_iter().flatten() {
        let p = possessive(l);
        if !parts.contains(&p) {
            parts.push(p);
        }
    }
    let shared = match common {
        0 => String::new(),
        n => format!(" (both come through {})", join_and(&la[..n])),
    };
    match parts.len() {
        0 => None,
        1 => Some(format!(
            "the disagreement enters at {} link{shared}",
            parts[0]
        )),
        _ => Some(format!(
            "the disagreement enters at {} or {} link{shared}",
            parts[0], parts[1]
        )),
    }
}

/// The position a side holds: its proposition, or for joint values one account gives
/// together ("led by Kim and Lee"), the values joined: "`x` led-by `kim` and `lee`".
pub fn side_label(cx: &Context<'_>, side: &[ClaimIdx]) -> String {
    let corpus = cx.corpus;
    let mut objects: Vec<String> = Vec::new();
    for &i in side {
        let c = &corpus.claims[i as usize];
        let o = format!(
            "`{}`",
            corpus.object_text(c.object.as_ref()).trim_matches('"')
        );
        if !objects.contains(&o) {
            objects.push(o);
        }
    }
    let Some(&first) = side.first() else {
        return String::new();
    };
    let c = &corpus.claims[first as usize];
    if objects.len() < 2 {
        return proposition(cx, c);
    }
    let refs: Vec<&str> = objects.iter().map(String::as_str).collect();
    format!(
        "`{}` {} {}",
        corpus.term(c.subject).id,
        corpus.vocabulary.def(c.predicate).name,
        join_and(&refs)
    )
}

/// "Legend's", "Reuters'": the possessive of a name.
pub fn possessive(name: &str) -> String {
    // "the prefecture (prefect Lallement)" → "the prefecture's (prefect Lallement)".
    if name.ends_with(')')
        && let Some(i) = name.rfind(" (")
        && i > 0
    {
        return format!("{}{}", possessive(&name[..i]), &name[i..]);
    }
    if name.ends_with('s') || name.ends_with('S') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// Who says it and through whom: "John Legend (quoted by OK!, said 2022-08-04)".
pub fn voice(cx: &Context<'_>, c: &ResolvedClaim) -> String {
    let corpus = cx.corpus;
    let outlet = &corpus.sources[c.source as usize].outlet;
    let said = said_text(c.said_date);
    let hedge = if c.is_hedged() { ", hedged" } else { "" };
    let relays = relays_text(cx, c);
    match c.speaker {
        Some(s) => {
            let how = match c.claim.attribution {
                Attribution::Direct => "quoted by",
                Attribution::Paraphrase => "as paraphrased by",
            };
            format!(
                "{} ({how} {outlet}{relays}, {said}{hedge})",
                corpus.entities[s as usize].name
            )
        }
        None => match c.via.last() {
            Some(&origin) => format!(
                "{} (reported by {outlet}{relays}, {said}{hedge})",
                corpus.entities[origin as usize].name
            ),
            None => format!("{outlet} ({said}{hedge})"),
        },
    }
}

/// ", via AP and Le Point" (nearest the origin first), or "" without relays; for a
/// claim without speaker the farthest relay is the origin and is not repeated.
fn relays_text(cx: &Context<'_>, c: &ResolvedClaim) -> String {
    let mut names: Vec<&str> = c
        .via
        .iter()
        .rev()
        .map(|&v| cx.corpus.entities[v as usize].name.as_str())
        .collect();
    if c.speaker.is_none() && !names.is_empty() {
        names.remove(0);
    }
    if names.is_empty() {
        String::new()
    } else {
        format!(", via {}", join_and(&names))
    }
}

fn said_text(d: Option<FuzzyDate>) -> String {
    d.map_or_else(|| "date unknown".to_string(), |d| format!("said {d}"))
}

/// One voice: a speaker in one speech act (same said date), or an outlet in its own
/// voice; reprints of the same statement by several outlets are one voice.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VoiceKey {
    /// A speaker (entity index) on a said date.
    Speaker(u32, Option<FuzzyDate>),
    /// An outlet in its own voice on a said date.
    Outlet(String, Option<FuzzyDate>),
    /// The origin of a relayed report (the farthest `via` of a claim without speaker),
    /// whichever outlets relayed it and when.
    Relayed(u32),
}

/// The voice a claim belongs to.
pub fn voice_key(cx: &Context<'_>, c: &ResolvedClaim) -> VoiceKey {
    match (c.speaker, c.via.last()) {
        (Some(s), _) => VoiceKey::Speaker(s, c.said_date),
        (None, Some(&origin)) => VoiceKey::Relayed(origin),
        (None, None) => VoiceKey::Outlet(
            cx.corpus.sources[c.source as usize].outlet.clone(),
            c.said_date,
        ),
    }
}

/// Who holds a side: one entry per voice, in order of first claim, e.g. "John Legend
/// (quoted by OK! and TMZ, said 2022-08-04, hedged)".
pub fn voices(cx: &Context<'_>, claims: &[ClaimIdx]) -> Vec<String> {
    let corpus = cx.corpus;
    let mut groups: Vec<(VoiceKey, Vec<&ResolvedClaim>)> = Vec::new();
    for &i in claims {
        let c = &corpus.claims[i as usize];
        let k = voice_key(cx, c);
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, v)) => v.push(c),
            None => groups.push((k, vec![c])),
        }
    }
    groups
        .into_iter()
        .map(|(k, cs)| {
            // The relays, when every claim of the voice came through the same ones; else
            // each outlet with its own ("Asia Financial and Gulf News (via Bloomberg)").
            let mut chains: Vec<String> = cs.iter().map(|c| relays_text(cx, c)).collect();
            chains.dedup();
            let one_chain = chains.len() == 1;
            let mut outlets: Vec<String> = Vec::new();
            for c in &cs {
                let o = corpus.sources[c.source as usize].outlet.as_str();
                let o = match relays_text(cx, c) {
                    r if one_chain || r.is_empty() => o.to_string(),
                    r => format!("{o} ({})", r.trim_start_matches(", ")),
                };
                if !outlets.contains(&o) {
                    outlets.push(o);
                }
            }
            let outlets: Vec<&str> = outlets.iter().map(String::as_str).collect();
            let outlets = join_and(&outlets);
            let relays = if one_chain {
                chains.pop().unwrap_or_default()
            } else {
                String::new()
            };
            let hedged = cs.iter().filter(|c| c.is_hedged()).count();
            let hedge = match hedged {
                0 => "",
                n if n == cs.len() => ", hedged",
                _ => ", partly hedged",
            };
            match k {
                VoiceKey::Speaker(s, said) => {
                    let direct = cs.iter().filter(|c| c.is_direct()).count();
                    let how = match direct {
                        0 => "as paraphrased by",
                        n if n == cs.len() => "quoted by",
                        _ => "quoted or paraphrased by",
                    };
                    format!(
                        "{} ({how} {outlets}{relays}, {}{hedge})",
                        corpus.entities[s as usize].name,
                        said_text(said)
                    )
                }
                VoiceKey::Outlet(_, said) => format!("{outlets} ({}{hedge})", said_text(said)),
                VoiceKey::Relayed(origin) => format!(
                    "{} (reported by {outlets}{relays}{hedge})",
                    corpus.entities[origin as usize].name
                ),
            }
        })
        .collect()
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The number of independent voices among some claims: distinct origins (speakers, or the
/// first relay of a relayed report), plus distinct outlets for the claims an outlet states
/// in its own voice.
pub fn independent_voices(cx: &Context<'_>, claims: &[ClaimIdx]) -> usize {
    let mut seen: Vec<Result<u32, &str>> = claims
        .iter()
        .map(|&i| {
            let c = &cx.corpus.claims[i as usize];
            cx.corpus
                .origin(c)
                .ok_or(cx.corpus.sources[c.source as usize].outlet.as_str())
        })
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// The question a dispute asks, from its predicate's `question` template.
pub fn question(cx: &Context<'_>, key: DisputeKey, example: &ResolvedClaim) -> String {
    let def = cx.corpus.vocabulary.def(example.predicate);
    let subject = &cx.corpus.term(key.subject).name;
    let object = match &example.object {
        Some(Object::Term(t)) => cx.corpus.term(*t).name.clone(),
        Some(o) => cx.corpus.object_text(Some(o)).trim_matches('"').to_string(),
        None => String::new(),
    };
    def.question.as_deref().map_or_else(
        || format!("What about {subject} {}?", def.name),
        |q| q.replace("{subject}", subject).replace("{object}", &object),
    )
}

/// The label on a claim: its voice and proposition.
pub fn claim_label(cx: &Context<'_>, i: ClaimIdx) -> Label {
    let c = &cx.corpus.claims[i as usize];
    Label {
        span: c.claim.id.span,
        text: format!("{}: {}", voice(cx, c), proposition(cx, c)),
    }
}

/// The label on the article words a claim quotes, when they were found.
pub fn quote_label(cx: &Context<'_>, i: ClaimIdx) -> Option<Label> {
    let c = &cx.corpus.claims[i as usize];
    let doc = cx.corpus.sources[c.source as usize].document?;
    let range = c.quote_range()?;
    Some(Label {
        span: cx.corpus.map.span_of(doc, range),
        text: format!("`{}` quotes these words", c.claim.id.value),
    })
}

/// "the valid times (2018; from 2020-01-01 on)".
pub fn times(a: &ResolvedClaim, b: &ResolvedClaim) -> String {
    let (x, y) = (a.valid_text(), b.valid_text());
    if x == y {
        format!("both {x}")
    } else {
        format!("{x} and {y}")
    }
}

/// Whether every claim involved was drafted by the extractor.
pub fn extracted_only(cx: &Context<'_>, claims: &[ClaimIdx]) -> bool {
    claims
        .iter()
        .all(|&i| cx.corpus.claims[i as usize].claim.origin == Origin::Extracted)
}

/// Whether any claim involved was drafted by the extractor (an unreviewed suggestion).
pub fn involves_draft(cx: &Context<'_>, claims: &[ClaimIdx]) -> bool {
    claims
        .iter()
        .any(|&i| cx.corpus.claims[i as usize].claim.origin == Origin::Extracted)
}

/// The highest severity a clash may have given hedging: a side that rests only on hedged
/// words makes it at most a warning; both sides hedged, at most a note.
pub fn hedge_cap(cx: &Context<'_>, sides: &[Vec<ClaimIdx>; 2]) -> Option<Severity> {
    let hedged = |side: &[ClaimIdx]| {
        side.iter()
            .all(|&i| cx.corpus.claims[i as usize].is_hedged())
    };
    match (hedged(&sides[0]), hedged(&sides[1])) {
        (true, true) => Some(Severity::Note),
        (true, false) | (false, true) => Some(Severity::Warning),
        (false, false) => None,
    }
}

/// What a frame is called in a finding's text.
pub fn frame_words(f: Frame) -> &'static str {
    match f {
        Frame::Plain => "a contradiction between different voices",
        Frame::Reporting => {
            "a possible misreport (an outlet's paraphrase against the speaker's own words)"
        }
        Frame::Revision => "a revised account (one speaker's own words at different dates)",
        Frame::TimeExplained => "a change over time (valid times that do not overlap)",
    }
}

/// A clash between two positions as one finding: the primary claim is the latest said
/// on side 0, the latest of side 1 and a few more claims of each side are related
/// locations, and the explanation lists both sides with their voices.
pub fn clash_finding(
    cx: &Context<'_>,
    check: &'static CheckInfo,
    view: &ClashView<'_>,
    message: String,
    explanation: String,
    help: String,
) -> Finding {
    let clash = view.clash;
    let (p, o) = (clash.primary, clash.other);
    let label = |c: &ResolvedClaim, prop: &str| Label {
        span: c.claim.id.span,
        text: format!("{}: {prop}", voice(cx, c)),
    };
    let mut primary = label(view.later, &proposition(cx, view.later));
    primary.text.push_str(" — this claim");
    let mut related = vec![label(view.earlier, &proposition(cx, view.earlier))];
    let rest: Vec<ClaimIdx> = clash.sides[0]
        .iter()
        .chain(&clash.sides[1])
        .copied()
        .filter(|&i| i != p && i != o)
        .collect();
    for &i in rest.iter().take(MORE_CLAIMS_SHOWN) {
        let c = &cx.corpus.claims[i as usize];
        let mut l = label(c, &proposition(cx, c));
        l.text.push_str(" — also on this side");
        related.push(l);
    }
    related.extend(quote_label(cx, p));
    related.extend(quote_label(cx, o));
    let mut claims = vec![p, o];
    claims.extend(rest.iter().copied());
    let mut text = explanation;
    if let Some(gap) = view.gap(cx) {
        match clash.frame {
            // Figures of different times both held, each in its time.
            Frame::TimeExplained => {}
            Frame::Revision => text.push_str(&format!(" The figures differ: {gap}.")),
            Frame::Plain | Frame::Reporting => {
                text.push_str(&format!(" The figures cannot both hold: {gap}."));
            }
        }
    }
    if clash.frame == Frame::Reporting
        && let Some(d) = divergence(cx, view.later, view.earlier)
    {
        text.push_str(&format!(" Both come from one origin; {d}."));
    }
    text.push('\n');
    text.push_str(&view.question);
    for (k, side) in clash.sides.iter().enumerate() {
        let vs = voices(cx, side);
        let more = vs.len().saturating_sub(VOICES_SHOWN);
        let mut shown = vs
            .into_iter()
            .take(VOICES_SHOWN)
            .collect::<Vec<_>>()
            .join("; ");
        if more > 0 {
            shown.push_str(&format!("; and {more} more"));
        }
        text.push_str(&format!("\n  - {}: {shown}", view.propositions[k]));
    }
    if rest.len() > MORE_CLAIMS_SHOWN {
        text.push_str(&format!(
            "\n{} claims in all; {} more {} not shown here (the JSON report lists every claim).",
            claims.len(),
            rest.len() - MORE_CLAIMS_SHOWN,
            if rest.len() - MORE_CLAIMS_SHOWN == 1 {
                "is"
            } else {
                "are"
            }
        ));
    }
    if !clash.siblings.is_empty() {
        let also: Vec<&str> = clash.siblings.iter().map(|&f| frame_words(f)).collect();
        text.push_str(&format!(
            "\nBetween the same two positions there is also {} (reported on its own).",
            join_and(&also)
        ));
    }
    let positions = clash
        .sides
        .iter()
        .enumerate()
        .map(|(k, side)| Side {
            label: view.propositions[k].clone(),
            claims: side.clone(),
        })
        .collect();
    Finding {
        check,
        severity: check.severity,
        message,
        primary,
        related,
        extracted_only: extracted_only(cx, &claims),
        suggested: involves_draft(cx, &claims),
        // A paraphrase that states flatly what the speaker hedged is still a misreport.
        cap: if clash.frame == Frame::Reporting {
            None
        } else {
            hedge_cap(cx, &clash.sides)
        },
        // Only when some pair across the sides is not part of it.
        pairs: if clash.pairs.len() < clash.sides[0].len() * clash.sides[1].len() {
            clash.pairs.clone()
        } else {
            Vec::new()
        },
        claims,
        positions,
        explanation: text,
        help,
        dispute: Some(clash.dispute),
        suppressed: None,
    }
}

/// A clash with the words for it computed once: the two claims a finding is about
/// (primary first) and the two positions.
pub struct ClashView<'a> {
    /// The clash.
    pub clash: &'a Clash,
    /// The primary claim (latest said on side 0).
    pub later: &'a ResolvedClaim,
    /// The latest-said claim of side 1.
    pub earlier: &'a ResolvedClaim,
    /// The dispute's question.
    pub question: String,
    voices: [String; 2],
    voice_counts: [usize; 2],
    propositions: [String; 2],
}

impl<'a> ClashView<'a> {
    fn new(cx: &'a Context<'_>, clash: &'a Clash) -> Self {
        let later = &cx.corpus.claims[clash.primary as usize];
        let earlier = &cx.corpus.claims[clash.other as usize];
        let summary = |side: &[ClaimIdx]| {
            let vs = voices(cx, side);
            let n = vs.len();
            let mut s = vs.into_iter().take(2).collect::<Vec<_>>().join(" and ");
            if n > 2 {
                s.push_str(&format!(" and {} more", n - 2));
            }
            (s, n)
        };
        let (s0, n0) = summary(&clash.sides[0]);
        let (s1, n1) = summary(&clash.sides[1]);
        Self {
            clash,
            later,
            earlier,
            question: question(cx, clash.dispute, later),
            voices: [s0, s1],
            voice_counts: [n0, n1],
            propositions: [
                side_label(cx, &clash.sides[0]),
                side_label(cx, &clash.sides[1]),
            ],
        }
    }

    /// 0 for the primary claim, 1 for the other one.
    fn side(&self, c: &ResolvedClaim) -> usize {
        usize::from(!std::ptr::eq(c, self.later))
    }

    /// The voices of the side a claim is on (all of them, in short).
    pub fn voice(&self, c: &ResolvedClaim) -> &str {
        &self.voices[self.side(c)]
    }

    /// "says" or "say", after [`Self::voice`] of the side a claim is on.
    pub fn says(&self, c: &ResolvedClaim) -> &'static str {
        says(self.voice_counts[self.side(c)])
    }

    /// The proposition of the side a claim is on.
    pub fn proposition(&self, c: &ResolvedClaim) -> &str {
        &self.propositions[self.side(c)]
    }

    /// For two figures that cannot both hold: "500 against 10–50: no overlap, a gap of 450";
    /// `None` when they overlap (a denial) or a side holds several figures.
    pub fn gap(&self, cx: &Context<'_>) -> Option<String> {
        let figure = |side: &[ClaimIdx]| -> Option<&crate::resolve::Quantity> {
            // The side's figure when every claim of it gives the same one.
            let mut qs = side.iter().map(|&i| {
                cx.corpus.claims[i as usize]
                    .object
                    .as_ref()
                    .and_then(Object::quantity)
            });
            let first = qs.next()??;
            qs.all(|q| q == Some(first)).then_some(first)
        };
        let (a, b) = (figure(&self.clash.sides[0])?, figure(&self.clash.sides[1])?);
        let gap = crate::model::figure_gap(a.interval(), b.interval());
        // Overlapping figures clash only through a denial, which the text already says.
        if gap <= 0.0 {
            return None;
        }
        Some(format!(
            "{a} against {b}: no overlap, a gap of {}",
            crate::model::Number(gap)
        ))
    }

    /// Whether either side holds more than one claim.
    pub fn many(&self) -> bool {
        self.clash.sides.iter().any(|s| s.len() > 1)
    }

    /// " (3 claims against 2)" when a side holds several claims, else "".
    pub fn counts(&self) -> String {
        if self.many() {
            format!(
                " ({} claim{} against {})",
                self.clash.sides[0].len(),
                if self.clash.sides[0].len() == 1 {
                    ""
                } else {
                    "s"
                },
                self.clash.sides[1].len()
            )
        } else {
            String::new()
        }
    }

    /// "A says X, but B says Y" (primary side first): the two sides of a contradiction.
    pub fn but(&self) -> String {
        format!(
            "{} {} {}, but {} {} {}",
            self.voices[0],
            says(self.voice_counts[0]),
            self.propositions[0],
            self.voices[1],
            says(self.voice_counts[1]),
            self.propositions[1]
        )
    }
}

/// "says" after one voice, "say" after several.
fn says(voices: usize) -> &'static str {
    if voices > 1 { "say" } else { "says" }
}

/// The standard suppression hint for a clash finding.
pub fn suppress_help(check: &CheckInfo, a: &ResolvedClaim, b: &ResolvedClaim) -> String {
    format!(
        "or, if the difference is understood, add to `{}`: `suppress: [{{check: {}, claim: {}, reason: \"…\"}}]`",
        a.claim.id.value, check.name, b.claim.id.value
    )
}

/// The findings a clash check makes of the clashes it `takes`: built in parallel, pushed
/// in clash order (so the result does not depend on the thread count).
pub fn clash_findings(
    cx: &Context<'_>,
    out: &mut Vec<Finding>,
    takes: impl Fn(&Clash) -> bool + Sync,
    finding: impl Fn(&ClashView<'_>) -> Finding + Sync + Send,
) {
    use rayon::prelude::*;
    out.par_extend(
        cx.comparison
            .clashes
            .par_iter()
            .filter(|c| takes(c))
            .map(|c| finding(&ClashView::new(cx, c))),
    );
}

/// One finding (from `finding`) for each speaker whose figures clash (as `takes` says)
/// in more than one pair of one dispute: his versions of one figure, not one finding per
/// pair. Returns the clashes these findings cover, for the check's per-pair findings to
/// leave out.
pub fn speaker_figure_findings(
    cx: &Context<'_>,
    out: &mut Vec<Finding>,
    takes: impl Fn(&Clash) -> bool,
    finding: impl Fn(DisputeKey, &[&Clash]) -> Finding,
) -> Covered {
    let (groups, order) = per_speaker_figures(cx, takes);
    for key in &order {
        out.push(finding(key.0, &groups[key]));
    }
    Covered(groups.into_keys().collect())
}

/// The (dispute, speaker) groups of figures that [`speaker_figure_findings`] reported.
pub struct Covered(rustc_hash::FxHashSet<SpeakerFigure>);

impl Covered {
    /// Whether a clash is one of those reported as a group.
    pub fn covers(&self, cx: &Context<'_>, c: &Clash) -> bool {
        figure_clash(cx, c) && self.0.contains(&speaker_figure(cx, c))
    }
}

/// One speaker's figures that clash (as `takes` says) in more than one pair of one
/// dispute: the clashes by (dispute, speaker), and those keys in the order first met.
fn per_speaker_figures<'c>(
    cx: &'c Context<'_>,
    takes: impl Fn(&Clash) -> bool,
) -> (FxHashMap<SpeakerFigure, Vec<&'c Clash>>, Vec<SpeakerFigure>) {
    let mut groups: FxHashMap<SpeakerFigure, Vec<&Clash>> = FxHashMap::default();
    let mut order = Vec::new();
    for c in cx
        .comparison
        .clashes
        .iter()
        .filter(|c| takes(c) && figure_clash(cx, c))
    {
        let key = speaker_figure(cx, c);
        groups
            .entry(key)
            .or_insert_with(|| {
                order.push(key);
                Vec::new()
            })
            .push(c);
    }
    groups.retain(|_, v| v.len() > 1);
    order.retain(|k| groups.contains_key(k));
    (groups, order)
}

/// A dispute and the speaker (origin) of a clash.
type SpeakerFigure = (DisputeKey, Option<u32>);

/// The dispute and the speaker of a clash, as [`per_speaker_figures`] groups them.
fn speaker_figure(cx: &Context<'_>, c: &Clash) -> SpeakerFigure {
    (
        c.dispute,
        cx.corpus.origin(&cx.corpus.claims[c.primary as usize]),
    )
}

/// "500 against 600: a gap of 100", one for each pair of figures of `clashes` that
/// cannot both hold, sorted, without repeats.
pub fn figure_gaps(cx: &Context<'_>, clashes: &[&Clash]) -> Vec<String> {
    let quantity = |i: ClaimIdx| {
        cx.corpus.claims[i as usize]
            .object
            .as_ref()
            .and_then(Object::quantity)
    };
    let mut gaps: Vec<String> = clashes
        .iter()
        .filter_map(|c| {
            let (a, b) = (quantity(c.primary)?, quantity(c.other)?);
            Some(format!(
                "{a} against {b}: a gap of {}",
                crate::model::Number(crate::model::figure_gap(a.interval(), b.interval()))
            ))
        })
        .collect();
    gaps.sort();
    gaps.dedup();
    gaps
}

/// Whether a clash is between figures, listed pair by pair (mergeable per dispute).
pub fn figure_clash(cx: &Context<'_>, c: &Clash) -> bool {
    let figure = |i: ClaimIdx| {
        matches!(
            cx.corpus.claims[i as usize].object,
            Some(Object::Quantity(_))
        )
    };
    !c.pairs.is_empty() && figure(c.primary) && figure(c.other)
}

/// The disputes where more than one clash that `takes` is between figures, with those
/// clashes, and the disputes in the order they were first met: one finding each.
pub fn figure_disputes<'c>(
    cx: &'c Context<'_>,
    takes: impl Fn(&Clash) -> bool,
) -> (FxHashMap<DisputeKey, Vec<&'c Clash>>, Vec<DisputeKey>) {
    several_per_dispute(cx, |c| takes(c) && figure_clash(cx, c))
}

/// The disputes where more than one clash listed pair by pair `takes` place, with those
/// clashes, and the disputes in the order they were first met: one finding each.
pub fn several_per_dispute<'c>(
    cx: &'c Context<'_>,
    takes: impl Fn(&Clash) -> bool,
) -> (FxHashMap<DisputeKey, Vec<&'c Clash>>, Vec<DisputeKey>) {
    let mut disputes: FxHashMap<DisputeKey, Vec<&Clash>> = FxHashMap::default();
    let mut order: Vec<DisputeKey> = Vec::new();
    for c in cx
        .comparison
        .clashes
        .iter()
        .filter(|c| !c.pairs.is_empty() && takes(c))
    {
        disputes
            .entry(c.dispute)
            .or_insert_with(|| {
                order.push(c.dispute);
                Vec::new()
            })
            .push(c);
    }
    disputes.retain(|_, v| v.len() > 1);
    order.retain(|k| disputes.contains_key(k));
    (disputes, order)
}

/// The related locations of a finding over several positions: the latest claim of every
/// position but the primary's (`limit` at most), then the primary claim's quoted words;
/// and every claim, the primary first, then those latest claims, then the rest.
pub fn related_positions<'p>(
    cx: &Context<'_>,
    primary: ClaimIdx,
    positions: impl Iterator<Item = &'p [ClaimIdx]>,
    claims: &[ClaimIdx],
    limit: usize,
) -> (Vec<Label>, Vec<ClaimIdx>) {
    let mut related = Vec::new();
    let mut flat = vec![primary];
    for v in positions {
        if let Some(l) = super::compare::latest_said(cx.corpus, v)
            .filter(|l| !v.contains(&primary) && *l != primary)
        {
            if related.len() < limit {
                related.push(claim_label(cx, l));
            }
            flat.push(l);
        }
    }
    related.extend(quote_label(cx, primary));
    for &i in claims {
        if !flat.contains(&i) {
            flat.push(i);
        }
    }
    (related, flat)
}

/// Several clashes of one dispute gathered into one finding: each position (lowest figure
/// first) with the claims that hold it, the claim pairs, where the finding points and the
/// positions listed with their voices.
pub struct Gathered {
    /// The dispute's question ("How many people …?").
    pub question: String,
    /// The positions, each with its claims (sorted).
    pub positions: Vec<Side>,
    /// Every clashing claim pair of the clashes.
    pub pairs: Vec<(ClaimIdx, ClaimIdx)>,
    /// The latest-said claim: where the finding points.
    pub primary: ClaimIdx,
    /// The positions, one line each with its voices, for the explanation.
    pub listed: String,
    related: Vec<Label>,
    claims: Vec<ClaimIdx>,
    cap: Option<Severity>,
    dispute: DisputeKey,
}

/// Gathers clashes of one dispute (`key`) for one finding.
pub fn gather(cx: &Context<'_>, key: DisputeKey, clashes: &[&Clash]) -> Gathered {
    let corpus = cx.corpus;
    let mut positions: Vec<(String, Vec<ClaimIdx>)> = Vec::new();
    for c in clashes {
        for side in &c.sides {
            let label = side_label(cx, side);
            match positions.iter_mut().find(|(l, _)| *l == label) {
                Some((_, v)) => v.extend(side.iter().copied()),
                None => positions.push((label, side.clone())),
            }
        }
    }
    for (_, v) in &mut positions {
        v.sort_unstable();
        v.dedup();
    }
    let low = |v: &[ClaimIdx]| {
        corpus.claims[v[0] as usize]
            .object
            .as_ref()
            .and_then(Object::quantity)
            .map_or(f64::NAN, |q| q.low)
    };
    positions.sort_by(|a, b| low(&a.1).total_cmp(&low(&b.1)).then(a.0.cmp(&b.0)));
    let mut pairs: Vec<(ClaimIdx, ClaimIdx)> = clashes
        .iter()
        .flat_map(|c| c.pairs.iter().copied())
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut claims: Vec<ClaimIdx> = positions
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .collect();
    claims.sort_unstable();
    claims.dedup();
    let primary = super::compare::latest_said(corpus, &claims).unwrap_or(claims[0]);
    let question = question(cx, key, &corpus.claims[primary as usize]);
    let (related, flat) = related_positions(
        cx,
        primary,
        positions.iter().map(|(_, v)| v.as_slice()),
        &claims,
        MORE_CLAIMS_SHOWN + 1,
    );
    let listed = positions
        .iter()
        .map(|(label, v)| format!("\n  - {label}: {}", voices(cx, v).join("; ")))
        .collect();
    // Capped only when every clash is (hedged claims on one side of each).
    let cap = clashes
        .iter()
        .map(|c| hedge_cap(cx, &c.sides))
        .try_fold(Severity::Note, |acc, cap| cap.map(|c| acc.max(c)));
    Gathered {
        question,
        positions: positions
            .into_iter()
            .map(|(label, claims)| Side { label, claims })
            .collect(),
        pairs,
        primary,
        listed,
        related,
        claims: flat,
        cap,
        dispute: key,
    }
}

impl Gathered {
    /// The finding of `check` for the gathered clashes; the caller fills in the message,
    /// explanation and help.
    pub fn finding(self, cx: &Context<'_>, check: &'static CheckInfo) -> Finding {
        let mut primary = claim_label(cx, self.primary);
        primary.text.push_str(" — this claim");
        Finding {
            check,
            severity: check.severity,
            message: String::new(),
            primary,
            related: self.related,
            extracted_only: extracted_only(cx, &self.claims),
            suggested: involves_draft(cx, &self.claims),
            cap: self.cap,
            positions: self.positions,
            pairs: self.pairs,
            claims: self.claims,
            explanation: String::new(),
            help: String::new(),
            dispute: Some(self.dispute),
            suppressed: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessives_of_names_ending_in_s() {
        assert_eq!(possessive("TMZ"), "TMZ's");
        assert_eq!(possessive("Reuters"), "Reuters'");
        assert_eq!(possessive("James"), "James'");
        assert_eq!(
            possessive("the Paris police prefecture (prefect Didier Lallement)"),
            "the Paris police prefecture's (prefect Didier Lallement)"
        );
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(join_and(&["a"]), "a");
        assert_eq!(join_and(&["a", "b"]), "a and b");
        assert_eq!(join_and(&["a", "b", "c"]), "a, b and c");
    }
}
