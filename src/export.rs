//! Export what a view shows (bookmarks, a search, the timeline) as Markdown
//! or JSON: claims as block quotes with their article's title, date and id,
//! notes under their claims, events with their quotes.

use serde::Serialize;

use crate::corpus::{Claim, Corpus};
use crate::dataset::Dataset;
use crate::i18n::{plural, tr, trf};
use crate::search::{Query, SearchIndex, SearchResult};
use crate::store::{Bookmark, Place, Store};
use crate::text::capitalized;
use crate::timeline::Event;

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// The bookmarks, newest first.
    Bookmarks,
    /// The results of a query.
    Search(String),
    /// The timeline's events that a filter keeps (all, with none): what
    /// the Timeline view shows.
    Timeline(String),
}

/// How many search results an export holds at most.
pub const SEARCH_EXPORT_LIMIT: usize = 500;

/// A file name for the export of `what`, in the current directory.
pub fn default_file_name(what: &What) -> String {
    match what {
        What::Bookmarks => "triptyque-bookmarks.md".into(),
        What::Timeline(_) => "triptyque-timeline.md".into(),
        What::Search(q) => {
            let slug: String = crate::text::fold(q)
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect::<String>()
                .split('-')
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            if slug.is_empty() {
                "triptyque-search.md".into()
            } else {
                format!("triptyque-search-{slug}.md")
            }
        }
    }
}

/// Escapes Markdown's special chars in text from the corpus.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::text::term_safe(s).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn quote_claim(out: &mut String, corpus: &Corpus, text: &str, id: &str, article: &str) {
    out.push_str(&format!("> {}\n>\n", escape(text)));
    let source = match corpus.article(article) {
        Some(a) => {
            let date = a.date.map(|d| format!(" ({d})")).unwrap_or_default();
            format!("*{}*{date}", escape(&a.title))
        }
        None => escape(article),
    };
    out.push_str(&format!("> — {source} · `{id}`\n\n"));
}

fn note(out: &mut String, note: Option<&str>) {
    if let Some(n) = note {
        let label = trf("{prompt}: ", &[("prompt", &capitalized(tr("note")))]);
        out.push_str(&format!("**{}** {}\n\n", label.trim_end(), escape(n)));
    }
}

/// A bookmark with where its claim is now, as exported.
#[derive(Debug, Serialize)]
pub struct BookmarkView<'a> {
    /// The bookmark.
    #[serde(flatten)]
    pub bookmark: &'a Bookmark,
    /// `here`, `moved` or `orphaned`.
    pub status: &'static str,
}

/// The bookmarks, newest first, with their status.
pub fn bookmark_views<'a>(store: &'a Store, places: &[Place]) -> Vec<BookmarkView<'a>> {
    let b = &store.state.bookmarks;
    let mut order: Vec<usize> = (0..b.len()).collect();
    order.sort_by(|&x, &y| b[y].created.cmp(&b[x].created).then(y.cmp(&x)));
    order
        .into_iter()
        .map(|i| BookmarkView {
            bookmark: &b[i],
            status: match places.get(i) {
                Some(Place::Here(_)) => "here",
                Some(Place::Moved(_)) => "moved",
                _ => "orphaned",
            },
        })
        .collect()
}

fn search<'a>(corpus: &'a Corpus, index: &SearchIndex, q: &str) -> Vec<SearchResult<'a>> {
    let query = Query::parse(q, &corpus.lexicon);
    index.results(corpus, &query, Some(SEARCH_EXPORT_LIMIT), None)
}

/// A copy of the store with its bookmarks found in `corpus` (the export does
/// not change what is saved).
fn resolved(corpus: &Corpus, store: &Store) -> (Store, Vec<Place>) {
    let mut s = Store::in_memory();
    s.state = store.state.clone();
    let places = s.resolve(corpus);
    (s, places)
}

/// The events the Timeline's filter keeps (all, with none).
fn kept<'a>(data: &'a Dataset, filter: &str) -> Vec<&'a Event> {
    data.events()
        .iter()
        .filter(|e| filter.trim().is_empty() || crate::timeline::keeps(e, filter))
        .collect()
}

/// The Markdown export of `what`.
pub fn markdown(data: &Dataset, index: &SearchIndex, store: &Store, what: &What) -> String {
    let corpus = &data.corpus;
    let mut out = String::new();
    match what {
        What::Bookmarks => {
            let (s, places) = resolved(corpus, store);
            let views = bookmark_views(&s, &places);
            out.push_str(&format!(
                "# {}\n\n{}.\n\n",
                tr("Bookmarks"),
                plural(
                    views.len(),
                    tr("1 bookmark"),
                    trf("{n} bookmarks", &[("n", &views.len())])
                )
            ));
            for v in views {
                let b = v.bookmark;
                if v.status == "orphaned" {
                    let why = capitalized(tr("this claim is no longer in the corpus (orphaned)"));
                    out.push_str(&format!("*{why}.*\n\n"));
                }
                quote_claim(&mut out, corpus, &b.text, &b.claim, &b.article);
                note(&mut out, b.note.as_deref());
            }
        }
        What::Search(q) => {
            let results = search(corpus, index, q);
            out.push_str(&format!(
                "# {}`{}`\n\n{}.\n\n",
                trf("{prompt}: ", &[("prompt", &tr("Search"))]),
                q.replace('`', "'"),
                plural(
                    results.len(),
                    tr("1 claim"),
                    trf("{n} claims", &[("n", &results.len())])
                )
            ));
            for r in results {
                let c: &Claim = &r.claim;
                quote_claim(&mut out, corpus, &c.text, &c.id, &c.article);
                let i = corpus.claim_index(&c.id);
                note(
                    &mut out,
                    i.and_then(|i| store.find(corpus, i))
                        .and_then(|b| store.state.bookmarks[b].note.as_deref()),
                );
            }
        }
        What::Timeline(filter) => {
            let events = kept(data, filter);
            let all = data.events().len();
            let n = events.len();
            let shown = if n < all {
                trf("{shown}/{n} events", &[("shown", &n), ("n", &all)])
            } else {
                plural(n, tr("1 event"), trf("{n} events", &[("n", &n)]))
            };
            out.push_str(&format!("# {}\n\n{shown}.\n\n", tr("Timeline")));
            for e in events {
                event(&mut out, corpus, e);
            }
        }
    }
    out
}

fn event(out: &mut String, corpus: &Corpus, e: &Event) {
    let when = e.when_shown();
    out.push_str(&format!(
        "## {when} — {}\n\n{}\n\n",
        escape(&e.title),
        escape(&e.summary)
    ));
    let backed = plural(
        e.corroboration,
        tr("backed by 1 article"),
        trf("backed by {n} articles", &[("n", &e.corroboration)]),
    );
    out.push_str(&format!("{}.", capitalized(&backed)));
    for d in &e.disagreements {
        let what = escape(&d.summary_shown());
        let line = trf("sources disagree: {what}", &[("what", &what)]);
        out.push_str(&format!(" {}.", capitalized(&line)));
    }
    out.push_str("\n\n");
    if let Some(n) = &e.note_shown(corpus) {
        out.push_str(&format!(
            "*{}*\n\n",
            trf("Date: {note}", &[("note", &escape(n))])
        ));
    }
    for s in &e.sources {
        let id = s.claim.clone().unwrap_or_else(|| s.article.clone());
        quote_claim(out, corpus, &s.quote, &id, &s.article);
    }
}

/// The JSON export of `what`: the same structs the `--json` commands print.
pub fn json(
    data: &Dataset,
    index: &SearchIndex,
    store: &Store,
    what: &What,
) -> serde_json::Result<String> {
    let corpus = &data.corpus;
    match what {
        What::Bookmarks => {
            let (s, places) = resolved(corpus, store);
            crate::json::to_string(&bookmark_views(&s, &places))
        }
        What::Search(q) => crate::json::to_string(&search(corpus, index, q)),
        What::Timeline(filter) => crate::json::to_string(&kept(data, filter)),
    }
}

/// Whether an answer to "overwrite?" is yes, in English or French.
pub fn is_yes(answer: &str) -> bool {
    matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "o" | "oui"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_and_escapes() {
        assert_eq!(
            default_file_name(&What::Search("DeepSeek coût !@us".into())),
            "triptyque-search-deepseek-cout-us.md"
        );
        assert_eq!(
            escape("a *b* _c_ #1 [x](y) <z>"),
            "a \\*b\\* \\_c\\_ \\#1 \\[x\\](y) \\<z\\>"
        );
    }

    #[test]
    fn markdown_quotes_claims_with_source_and_notes() {
        let d = Dataset::builtin();
        let c = &d.corpus;
        let idx = SearchIndex::new(c);
        let mut store = Store::in_memory();
        let i = c
            .claim_index("2025-02-europe-face-aux-ia-chinoises#16")
            .unwrap();
        store.annotate(c, i, "le prix d’entrée");
        let md = markdown(&d, &idx, &store, &What::Bookmarks);
        assert!(
            md.starts_with("# Bookmarks\n\n1 bookmark.\n\n> DeepSeek-R1, avec un coût"),
            "{md}"
        );
        assert!(md.contains("> — *L’Europe face aux IA chinoises : entre fascination, dépendance et stratégie en panne* (2025-02) · `2025-02-europe-face-aux-ia-chinoises#16`"), "{md}");
        assert!(md.contains("**Note:** le prix d’entrée"));
        let md = markdown(&d, &idx, &store, &What::Search("deepseek cout".into()));
        assert!(md.starts_with("# Search: `deepseek cout`\n\n"));
        assert!(
            md.contains("**Note:** le prix d’entrée"),
            "notes under their claims in a search too"
        );
        let md = markdown(&d, &idx, &store, &What::Timeline(String::new()));
        assert!(md.contains("## 27 Jan 2025 — Market drop after DeepSeek"));
        assert!(md.contains("Sources disagree: 1 120 Md$ vs 800 Md$."));
    }
}
