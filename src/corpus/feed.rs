//! Feed files (RSS 2.0, Atom), as a feed reader exports them or a reader
//! saves them: each entry is an article, read by `feed-rs`. HTML bodies go
//! through the same block reading as saved pages.

use super::frontmatter::Meta;
use super::html::{Block, Page, collapse, date_prefix, fragment_blocks, primary_lang};

/// The articles of a feed.
#[derive(Debug, Clone, Default)]
pub struct Feed {
    /// The entries, in the feed's order.
    pub entries: Vec<Page>,
}

/// A name from an RSS author field: "jane@example.org (Jane Doe)" -> "Jane
/// Doe".
fn person_name(s: &str) -> Option<String> {
    let t = s.trim();
    let t = match (t.find('('), t.rfind(')')) {
        (Some(a), Some(b)) if a < b && t[..a].contains('@') => &t[a + 1..b],
        _ => t,
    };
    let t = t.trim_start_matches('(').trim_end_matches(')');
    let t = collapse(t);
    (!t.is_empty() && !t.contains('@')).then_some(t)
}

/// Plain text as blocks: one paragraph per blank-line-separated run.
fn plain_blocks(s: &str) -> Vec<Block> {
    s.split("\n\n")
        .map(collapse)
        .filter(|p| !p.is_empty())
        .map(Block::Paragraph)
        .collect()
}

fn is_plain(mime: &str) -> bool {
    mime.starts_with("text/plain")
}

/// Reads a feed, or says why the file is not one.
pub fn parse(bytes: &[u8]) -> Result<Feed, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| e.to_string())?;
    let source = feed
        .title
        .as_ref()
        .map(|t| text_of(&t.content, t.content_type.as_ref()))
        .filter(|t| !t.is_empty());
    let feed_lang = feed.language.clone();
    let entries = feed
        .entries
        .into_iter()
        .map(|e| {
            let body_blocks = match (&e.content, &e.summary) {
                (Some(c), _) if c.body.as_deref().is_some_and(|b| !b.trim().is_empty()) => {
                    let body = c.body.as_deref().unwrap_or_default();
                    if is_plain(c.content_type.as_ref()) {
                        plain_blocks(body)
                    } else {
                        fragment_blocks(body)
                    }
                }
                (_, Some(t)) if is_plain(t.content_type.as_ref()) => plain_blocks(&t.content),
                (_, Some(t)) => fragment_blocks(&t.content),
                _ => Vec::new(),
            };
            let title = e
                .title
                .as_ref()
                .map(|t| text_of(&t.content, t.content_type.as_ref()))
                .filter(|t| !t.is_empty());
            let date = e
                .published
                .or(e.updated)
                .and_then(|d| date_prefix(&d.format("%Y-%m-%d").to_string()));
            let author = e
                .authors
                .iter()
                .find_map(|p| p.name.as_deref().and_then(person_name));
            let lang = e
                .language
                .clone()
                .or_else(|| feed_lang.clone())
                .and_then(|l| primary_lang(&l));
            Page {
                meta: Meta {
                    title,
                    author,
                    date,
                    source: source.clone(),
                    lang,
                    lang_line: None,
                },
                blocks: body_blocks,
            }
        })
        .collect();
    Ok(Feed { entries })
}

/// A title or text construct as plain text: HTML ones decoded and stripped.
fn text_of(s: &str, mime: &str) -> String {
    if mime.contains("html") {
        fragment_blocks(s)
            .into_iter()
            .map(|b| match b {
                Block::Heading(t) | Block::Paragraph(t) | Block::Item(t) => t,
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        collapse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_author_names() {
        assert_eq!(
            person_name("redaction@example.org (Claire Vasseur)").as_deref(),
            Some("Claire Vasseur")
        );
        assert_eq!(
            person_name("Claire Vasseur").as_deref(),
            Some("Claire Vasseur")
        );
        assert_eq!(person_name("redaction@example.org"), None);
        // What feed-rs leaves of "email (Name)".
        assert_eq!(
            person_name("(Lucas Bernard)").as_deref(),
            Some("Lucas Bernard")
        );
    }

    #[test]
    fn not_a_feed_is_an_error() {
        assert!(parse(b"<html><body>no</body></html>").is_err());
        assert!(parse(b"").is_err());
    }
}
