//! Saved web pages: the article a reader view would show, as paragraphs,
//! with its metadata. The main block is found by `dom_smoothie` (a port of
//! Mozilla's Readability); this module only turns its HTML into the plain
//! paragraphs the segmenter reads. Nothing is fetched: links, images and
//! remote resources are dropped.

use dom_query::{Document, NodeRef};

use super::frontmatter::Meta;

/// A block of an article, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A subhead (`h1`..`h6`).
    Heading(String),
    /// A paragraph of prose (`p`, a quote, a `div` holding only text).
    Paragraph(String),
    /// A list item.
    Item(String),
}

/// An article read from a page or a feed entry.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Title, author, date, source and language, as a front matter has them.
    pub meta: Meta,
    /// The article's blocks.
    pub blocks: Vec<Block>,
}

impl Page {
    /// The body as the segmenter reads a Markdown file: one block per
    /// paragraph, subheads as `##` lines, list items as `-` lines.
    pub fn body(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            match b {
                Block::Heading(t) => {
                    out.push_str("## ");
                    out.push_str(t);
                }
                Block::Paragraph(t) => out.push_str(t),
                Block::Item(t) => {
                    out.push_str("- ");
                    out.push_str(t);
                }
            }
        }
        out
    }
}

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoArticle(pub String);

/// Elements whose content is never article text.
const SKIPPED: [&str; 20] = [
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "header",
    "form",
    "button",
    "figure",
    "figcaption",
    "iframe",
    "svg",
    "img",
    "picture",
    "video",
    "audio",
    "select",
    "textarea",
];

/// Elements that hold blocks rather than text.
const CONTAINERS: [&str; 14] = [
    "div",
    "section",
    "article",
    "main",
    "body",
    "html",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "li",
    "table",
    "tbody",
    "center",
];

fn name_of(n: &NodeRef) -> String {
    n.node_name()
        .map(|t| t.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The text of a node, whitespace collapsed; entities are already decoded
/// by the parser. Scripts, images and the like inside it give nothing, and a
/// line break is a space.
fn text_of(n: &NodeRef) -> String {
    let mut s = String::new();
    gather(n, &mut s);
    collapse(&s)
}

fn gather(n: &NodeRef, out: &mut String) {
    for c in n.children() {
        if c.is_text() {
            out.push_str(&c.text());
        } else if c.is_element() {
            let name = name_of(&c);
            if name == "br" {
                out.push(' ');
            } else if !SKIPPED.contains(&name.as_str()) && !c.has_attr("hidden") {
                gather(&c, out);
            }
        }
    }
}

/// Whitespace runs (U+00A0 included) as one space, trimmed.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether an element has a block child (then its blocks are read one by
/// one rather than as one text).
fn has_block_child(n: &NodeRef) -> bool {
    n.element_children().iter().any(|c| {
        let name = name_of(c);
        CONTAINERS.contains(&name.as_str())
            || matches!(
                name.as_str(),
                "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre"
            )
    })
}

/// A short paragraph that is all links ("Share", "Leave a comment"): a
/// button, not prose.
fn is_link_only(n: &NodeRef) -> bool {
    let all = text_of(n);
    if all.split_whitespace().count() > 12 {
        return false;
    }
    let mut links = String::new();
    for a in n.descendants_it().filter(|d| name_of(d) == "a") {
        gather(&a, &mut links);
        links.push(' ');
    }
    !all.is_empty() && collapse(&links) == all
}

/// Walks the blocks of `n` in document order into `out`. Inline content
/// between blocks ("<div>Du texte <b>gras</b><p>…</p></div>") is one
/// paragraph.
fn walk(n: &NodeRef, out: &mut Vec<Block>) {
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut Vec<Block>| {
        let t = collapse(run);
        run.clear();
        if t.chars().any(char::is_alphanumeric) {
            out.push(Block::Paragraph(t));
        }
    };
    for c in n.children() {
        if c.is_text() {
            run.push_str(&c.text());
            continue;
        }
        if !c.is_element() {
            continue;
        }
        let name = name_of(&c);
        if SKIPPED.contains(&name.as_str()) || c.has_attr("hidden") {
            continue;
        }
        let block = match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(Block::Heading(text_of(&c))),
            "p" | "pre" | "dd" | "dt" if is_link_only(&c) => None,
            "p" | "pre" | "dd" | "dt" => Some(Block::Paragraph(text_of(&c))),
            "li" if !has_block_child(&c) => Some(Block::Item(text_of(&c))),
            _ if CONTAINERS.contains(&name.as_str()) => {
                flush(&mut run, out);
                if has_block_child(&c) || matches!(name.as_str(), "ul" | "ol" | "dl") {
                    walk(&c, out);
                } else {
                    let t = text_of(&c);
                    if !t.is_empty() {
                        out.push(Block::Paragraph(t));
                    }
                }
                continue;
            }
            "br" => {
                run.push(' ');
                continue;
            }
            // Inline: part of the current run.
            _ => {
                gather(&c, &mut run);
                continue;
            }
        };
        flush(&mut run, out);
        if let Some(b) = block {
            let empty = match &b {
                Block::Heading(t) | Block::Paragraph(t) | Block::Item(t) => t.is_empty(),
            };
            if !empty {
                out.push(b);
            }
        }
    }
    flush(&mut run, out);
}

/// The blocks of an HTML fragment (a feed entry's body), with no content
/// scoring: a feed entry is the article already.
pub fn fragment_blocks(html: &str) -> Vec<Block> {
    let doc = Document::fragment(html);
    let mut out = Vec::new();
    walk(&doc.root(), &mut out);
    out
}

/// The first `YYYY-MM-DD` of a date-time ("2025-02-10T09:00:00+01:00").
pub fn date_prefix(s: &str) -> Option<super::dates::PartialDate> {
    let t = s.trim();
    let head = t.get(..10).unwrap_or(t);
    head.parse().ok()
}

/// The language's primary subtag ("fr-FR" -> "fr").
pub(crate) fn primary_lang(s: &str) -> Option<String> {
    let p = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (!p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphabetic())).then_some(p)
}

/// A byline as a name: "By Jane Doe" -> "Jane Doe".
fn clean_byline(s: &str) -> Option<String> {
    let t = collapse(s);
    let lower = t.to_lowercase();
    let t = ["by ", "par "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| t[p.len()..].to_string())
        .unwrap_or(t);
    (!t.is_empty()).then_some(t)
}

/// What a page's JSON-LD (schema.org) says of its article: the first
/// object with a `datePublished`, or of an `*Article`/`BlogPosting` type,
/// searched through `@graph` and lists.
#[derive(Debug, Default)]
struct JsonLd {
    date: Option<String>,
    headline: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
}

fn json_ld(page: &Document) -> JsonLd {
    use serde_json::Value;
    fn name_of_value(v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("name").and_then(name_of_value),
            Value::Array(a) => a.iter().find_map(name_of_value),
            _ => None,
        }
    }
    fn is_article(o: &serde_json::Map<String, Value>) -> bool {
        let t = |s: &str| s.ends_with("Article") || s == "BlogPosting" || s == "Report";
        o.contains_key("datePublished")
            || match o.get("@type") {
                Some(Value::String(s)) => t(s),
                Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(t)),
                _ => false,
            }
    }
    fn find(v: &Value, depth: usize) -> Option<&serde_json::Map<String, Value>> {
        if depth > 8 {
            return None;
        }
        match v {
            Value::Object(o) if is_article(o) => Some(o),
            Value::Object(o) => o.get("@graph").and_then(|g| find(g, depth + 1)),
            Value::Array(a) => a.iter().find_map(|x| find(x, depth + 1)),
            _ => None,
        }
    }
    for n in page.select(r#"script[type="application/ld+json"]"#).nodes() {
        let Ok(v) = serde_json::from_str::<Value>(n.text().trim()) else {
            continue;
        };
        if let Some(o) = find(&v, 0) {
            let text = |k: &str| o.get(k).and_then(Value::as_str).map(collapse);
            return JsonLd {
                date: text("datePublished"),
                headline: text("headline"),
                author: o
                    .get("author")
                    .and_then(name_of_value)
                    .map(|s| collapse(&s)),
                publisher: o
                    .get("publisher")
                    .and_then(name_of_value)
                    .map(|s| collapse(&s)),
            };
        }
    }
    JsonLd::default()
}

/// Words of a class, id or test id that mark page furniture: share bars,
/// subscribe boxes, related links, comments, ads, cookie banners. Matched
/// as whole words of the attribute ("sc-share-bar"), or, for the longer
/// ones, anywhere in it ("newsletter-promo__container").
const FURNITURE_WORDS: [&str; 12] = [
    "share",
    "sharing",
    "social",
    "related",
    "comments",
    "promo",
    "cta",
    "ad",
    "ads",
    "sponsored",
    "byline",
    "breadcrumb",
];
const FURNITURE_PARTS: [&str; 15] = [
    "subscri",
    "newsletter",
    "read-next",
    "readnext",
    "most-read",
    "most-popular",
    "mostpopular",
    "cookie",
    "consent",
    "trust-badge",
    "outbrain",
    "taboola",
    "ad-slot",
    "adslot",
    "paywall",
];

fn is_furniture(n: &NodeRef) -> bool {
    let attrs = ["class", "id", "data-testid", "role"]
        .iter()
        .filter_map(|a| n.attr(a))
        .map(|v| v.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    if attrs.is_empty() {
        return false;
    }
    attrs == "dialog"
        || attrs
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| FURNITURE_WORDS.contains(&w))
        || FURNITURE_PARTS.iter().any(|p| attrs.contains(p))
}

/// The page without its furniture, as HTML for the reader view. An element
/// that holds the article (its `h1`, or much text: sites mark the article
/// body itself "paywall") is kept whatever its class says.
fn without_furniture(html: &str) -> String {
    let doc = Document::from(html);
    let found: Vec<NodeRef> = doc
        .select("body *")
        .nodes()
        .iter()
        .filter(|n| is_furniture(n))
        .cloned()
        .collect();
    for n in found {
        let holds_article = n.text().len() > 1200
            || n.descendants_it()
                .any(|d| matches!(name_of(&d).as_str(), "h1" | "article"));
        if !holds_article {
            n.remove_from_parent();
        }
    }
    doc.html().to_string()
}

/// The title as a reader sees it: the page's `h1` when it says what the
/// metadata says, else the metadata's without the site's name after a
/// separator ("… - Octet Libre").
fn reader_title(
    candidates: &[Option<String>],
    h1: Option<String>,
    site: Option<&str>,
) -> Option<String> {
    let meta = candidates.iter().flatten().find(|t| !t.is_empty()).cloned();
    let words = |s: &str| -> std::collections::HashSet<String> {
        crate::text::fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2)
            .map(String::from)
            .collect()
    };
    if let Some(h) = h1.filter(|h| h.chars().count() >= 8) {
        let agrees = meta.as_deref().is_none_or(|m| {
            let (hw, mw) = (words(&h), words(m));
            hw.intersection(&mw).count() * 2 >= hw.len().max(1)
        });
        if agrees {
            return Some(h);
        }
    }
    let mut t = meta?;
    if let Some(site) = site {
        for sep in [" - ", " | ", " — ", " – ", " · ", " :: "] {
            if let Some(head) = t.strip_suffix(&format!("{sep}{site}")) {
                t = head.to_string();
                break;
            }
        }
    }
    Some(t)
}

/// The article of a saved page, or why there is none.
pub fn extract_page(html: &str) -> Result<Page, NoArticle> {
    let cfg = dom_smoothie::Config {
        max_elements_to_parse: 0,
        ..Default::default()
    };
    let cleaned = without_furniture(html);
    let mut r = dom_smoothie::Readability::new(cleaned.as_str(), None, Some(cfg))
        .map_err(|e| NoArticle(e.to_string()))?;
    let article = r.parse().map_err(|e| NoArticle(e.to_string()))?;
    let content = Document::from(article.content.as_ref());
    let mut blocks = Vec::new();
    walk(&content.root(), &mut blocks);
    let prose: usize = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(t) | Block::Item(t) => t.split_whitespace().count(),
            Block::Heading(_) => 0,
        })
        .sum();
    // A login page or a menu: a few words are not an article.
    if prose < 40 {
        return Err(NoArticle(format!(
            "no article found in the page ({prose} words of text outside menus and forms)"
        )));
    }
    // The source document again, for what the reader view leaves out.
    let page = Document::from(html);
    let meta_content = |sel: &str| -> Option<String> {
        page.select(sel)
            .nodes()
            .iter()
            .find_map(|n| n.attr("content").map(|c| collapse(&c)))
            .filter(|c| !c.is_empty())
    };
    let ld = json_ld(&page);
    let date = article
        .published_time
        .as_deref()
        .and_then(date_prefix)
        .or_else(|| ld.date.as_deref().and_then(date_prefix))
        .or_else(|| {
            meta_content(r#"meta[property="article:published_time"]"#).and_then(|d| date_prefix(&d))
        })
        .or_else(|| {
            page.select("time[datetime]")
                .nodes()
                .iter()
                .find_map(|n| n.attr("datetime").and_then(|d| date_prefix(&d)))
        });
    let author = meta_content(r#"meta[name="author"]"#)
        .or(ld.author.clone())
        .or_else(|| article.byline.as_deref().and_then(clean_byline));
    let source = article
        .site_name
        .as_deref()
        .map(collapse)
        .filter(|s| !s.is_empty())
        .or_else(|| meta_content(r#"meta[property="og:site_name"]"#))
        .or(ld.publisher.clone());
    let h1s = page
        .select("h1")
        .nodes()
        .iter()
        .map(text_of)
        .collect::<Vec<_>>();
    let title = reader_title(
        &[
            meta_content(r#"meta[property="og:title"]"#),
            ld.headline.clone(),
            Some(collapse(&article.title)),
        ],
        (h1s.len() == 1).then(|| h1s[0].clone()),
        source.as_deref(),
    );
    let lang = article.lang.as_deref().and_then(primary_lang).or_else(|| {
        page.select("html[lang]")
            .nodes()
            .first()
            .and_then(|n| n.attr("lang"))
            .and_then(|l| primary_lang(&l))
    });
    Ok(Page {
        meta: Meta {
            title,
            author,
            date,
            source,
            lang,
            lang_line: None,
        },
        blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_a_fragment_in_order() {
        let b = fragment_blocks(
            "<h2>Le contexte</h2><p>Un&nbsp;premier   paragraphe &laquo;cit&eacute;&raquo;.</p>\
             <ul><li>un point</li><li><p>un autre</p></li></ul>\
             <figure><img src=x><figcaption>Photo : AFP</figcaption></figure>\
             <script>var x = 1;</script><blockquote><p>Une citation.</p></blockquote>",
        );
        assert_eq!(
            b,
            vec![
                Block::Heading("Le contexte".into()),
                Block::Paragraph("Un premier paragraphe «cité».".into()),
                Block::Item("un point".into()),
                Block::Paragraph("un autre".into()),
                Block::Paragraph("Une citation.".into()),
            ]
        );
    }

    #[test]
    fn dates_languages_and_bylines() {
        assert_eq!(
            date_prefix("2024-12-03T09:00:00+01:00").map(|d| d.to_string()),
            Some("2024-12-03".into())
        );
        assert_eq!(primary_lang("fr-FR").as_deref(), Some("fr"));
        assert_eq!(primary_lang("<script>"), None);
        assert_eq!(clean_byline("By  Jane Doe").as_deref(), Some("Jane Doe"));
    }
}
