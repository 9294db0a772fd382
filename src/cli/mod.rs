//! The command line: `triptyque [--corpus DIR] <command>`, plain or `--json`.
//!
//! JSON output is one array per command and prints the same structs the TUI
//! renders. Exit codes: 0 success, 1 a search that found nothing, 2 an error.

mod print;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::corpus::{Article, Claim, Corpus};
use crate::search::{Query, SearchIndex};

/// Read and explore French articles on the geopolitics of AI: the United
/// States that closes and controls, China that publishes and diffuses, Europe
/// that regulates.
#[derive(Debug, Parser)]
#[command(name = "triptyque", version, max_term_width = 100)]
pub struct Cli {
    /// Load the articles (*.md, *.txt) under DIR instead of the built-in corpus
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,

    /// Treat loading warnings as errors (exit 2)
    #[arg(long, global = true)]
    pub strict: bool,

    /// When to use colors in plain output
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Draw with ASCII borders and symbols (on by itself when the locale is not UTF-8)
    #[arg(long, global = true)]
    pub ascii: bool,

    /// No colors in the explorer (also with NO_COLOR set)
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Do not capture the mouse (to select text with it in your terminal)
    #[arg(long, global = true)]
    pub no_mouse: bool,

    /// What to do (without one, the full-screen explorer opens)
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--color`
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// When stdout is a terminal and NO_COLOR is not set
    Auto,
    /// Always
    Always,
    /// Never
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles: id, title, author, date, source, number of claims
    Articles {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// List claims (sentences) with their blocs, topics and dates
    Claims {
        /// Only claims of this bloc (us, cn, eu, ...)
        #[arg(long, value_name = "B")]
        bloc: Option<String>,
        /// Only claims of this article id
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy search over claims, best first (fzf syntax: 'exact ^prefix suffix$ !not a | b, @us)
    Search {
        /// The query; several words are joined with spaces (use -- before one that starts with -)
        #[arg(required = true, num_args = 1.., value_name = "QUERY")]
        query: Vec<String>,
        /// Show at most N results
        #[arg(long, short = 'n', value_name = "N")]
        limit: Option<usize>,
        /// Only claims of this bloc
        #[arg(long, value_name = "B")]
        bloc: Option<String>,
        /// Print JSON (each claim plus `score` and `indices`)
        #[arg(long)]
        json: bool,
    },
    /// Show an article, or a claim in its paragraph (ID: article id or <article>#<n>)
    Show {
        /// Article id or claim id
        id: String,
        /// Wrap to this many columns (default: the terminal's width)
        #[arg(long, value_name = "COLS")]
        width: Option<usize>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Print one frame of the explorer as plain text, exactly as it would draw it
    Render {
        /// The view to draw
        #[arg(long, value_parser = ["blocs", "reader", "timeline", "figures", "search", "help"], default_value = "blocs")]
        view: String,
        /// Terminal size, COLSxROWS
        #[arg(long, default_value = "120x40", value_parser = parse_size)]
        size: (u16, u16),
        /// Search query (search view)
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        /// Claim id to select (an event id for the timeline, a claim id for figures)
        #[arg(long, value_name = "ID")]
        select: Option<String>,
    },
    /// List the figures in the claims (amounts, token prices, ratios, scores), by group
    Figures {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// List timeline events in date order, with their sources and disagreements
    Timeline {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or("expected COLSxROWS, such as 120x40")?;
    let w: u16 = w.trim().parse().map_err(|_| format!("bad width `{w}`"))?;
    let h: u16 = h.trim().parse().map_err(|_| format!("bad height `{h}`"))?;
    if w == 0 || h == 0 || w > 1000 || h > 1000 {
        return Err("size must be from 1x1 to 1000x1000".into());
    }
    Ok((w, h))
}

/// The explorer's settings from the flags and the environment.
pub fn settings(cli: &Cli) -> crate::tui::Settings {
    crate::tui::Settings::detect(cli.ascii, cli.no_color, cli.no_mouse)
}

/// Opens the explorer (no subcommand).
pub fn run_tui(cli: &Cli) -> ExitCode {
    let corpus = match load_corpus(cli) {
        Ok(c) => c,
        Err(e) => {
            eprintln!(
                "triptyque: error: {}",
                crate::text::term_safe(&format!("{e:#}"))
            );
            return ExitCode::from(2);
        }
    };
    match crate::tui::run(corpus, settings(cli)) {
        Ok(crate::tui::Exit(0)) => ExitCode::SUCCESS,
        Ok(crate::tui::Exit(code)) => ExitCode::from(code.clamp(1, 255) as u8),
        Err(e) => {
            eprintln!("triptyque: {e}");
            ExitCode::from(2)
        }
    }
}

/// An error that ends the command with exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Loads the corpus the flags ask for and reports warnings on stderr. With
/// `--strict`, any warning is an error.
pub fn load_corpus(cli: &Cli) -> anyhow::Result<Corpus> {
    let corpus = match &cli.corpus {
        Some(dir) => Corpus::load_dir(dir)?,
        None => Corpus::builtin(),
    };
    let mut err = io::stderr().lock();
    for w in &corpus.warnings {
        let kind = if cli.strict { "error" } else { "warning" };
        let _ = writeln!(
            err,
            "triptyque: {kind}: {}",
            crate::text::term_safe(&w.to_string())
        );
    }
    if cli.strict && !corpus.warnings.is_empty() {
        return Err(UsageError(format!(
            "{} problem(s) while loading, and --strict is set",
            corpus.warnings.len()
        ))
        .into());
    }
    Ok(corpus)
}

/// Runs a subcommand and returns the process exit code.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    match run_inner(cli, command) {
        Ok(code) => code,
        Err(e) => {
            if let Some(io) = e.downcast_ref::<io::Error>()
                && io.kind() == io::ErrorKind::BrokenPipe
            {
                return ExitCode::SUCCESS; // `triptyque claims | head`
            }
            eprintln!(
                "triptyque: error: {}",
                crate::text::term_safe(&format!("{e:#}"))
            );
            ExitCode::from(2)
        }
    }
}

fn bloc_arg(corpus: &Corpus, bloc: &Option<String>) -> anyhow::Result<Option<usize>> {
    let Some(b) = bloc else { return Ok(None) };
    let code = b.trim_start_matches('@').to_lowercase();
    match corpus.lexicon.bloc_index(&code) {
        Some(i) => Ok(Some(i)),
        None => {
            let known: Vec<&str> = corpus
                .lexicon
                .blocs
                .iter()
                .map(|b| b.code.as_str())
                .collect();
            Err(UsageError(format!("unknown bloc `{b}` (known: {})", known.join(", "))).into())
        }
    }
}

fn json_out<T: Serialize>(items: &T) -> anyhow::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, items)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

fn run_inner(cli: &Cli, command: &Command) -> anyhow::Result<ExitCode> {
    let corpus = load_corpus(cli)?;
    let color = match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut p = print::Printer::new(color, print::terminal_width());
    match command {
        Command::Articles { json } => {
            if *json {
                json_out(&corpus.articles)?;
            } else {
                p.articles(&corpus.articles)?;
            }
        }
        Command::Claims {
            bloc,
            article,
            json,
        } => {
            let b = bloc_arg(&corpus, bloc)?;
            if let Some(a) = article
                && corpus.article(a).is_none()
            {
                return Err(
                    UsageError(format!("no article `{a}` (see `triptyque articles`)")).into(),
                );
            }
            let code = b.map(|i| corpus.lexicon.blocs[i].code.as_str());
            let claims: Vec<&Claim> = corpus
                .claims
                .iter()
                .filter(|c| article.as_deref().is_none_or(|a| &*c.article == a))
                .filter(|c| code.is_none_or(|code| c.blocs.iter().any(|x| x == code)))
                .collect();
            if *json {
                json_out(&claims)?;
            } else {
                p.claims(&corpus, claims.iter().map(|c| (*c, None, &[][..])))?;
            }
        }
        Command::Search {
            query,
            limit,
            bloc,
            json,
        } => {
            let b = bloc_arg(&corpus, bloc)?;
            let q = Query::parse(&query.join(" "), &corpus.lexicon);
            if let Some(problem) = q.problems.first() {
                return Err(UsageError(problem.clone()).into());
            }
            let index = SearchIndex::new(&corpus);
            let results = index.results(&corpus, &q, *limit, b);
            if *json {
                json_out(&results)?;
            } else {
                p.claims(
                    &corpus,
                    results
                        .iter()
                        .map(|r| (r.claim, Some(r.score), r.indices.as_slice())),
                )?;
            }
            if results.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Show { id, width, json } => {
            if let Some(w) = width {
                p.width = (*w).max(10);
            }
            if let Some(article) = corpus.article(id) {
                if *json {
                    json_out(&[ArticleView::new(&corpus, article)])?;
                } else {
                    p.article(&corpus, article)?;
                }
            } else if let Some(claim) = corpus.claim(id) {
                let article = corpus
                    .article_of(claim)
                    .ok_or_else(|| UsageError(format!("claim `{id}` has no article")))?;
                if *json {
                    let paragraph = article.paragraph_text(claim.paragraph).unwrap_or_default();
                    json_out(&[ClaimView {
                        claim,
                        article,
                        paragraph,
                    }])?;
                } else {
                    p.claim_in_context(claim, article)?;
                }
            } else {
                return Err(UsageError(format!(
                    "no article or claim `{id}` (article ids: `triptyque articles`; claim ids look like <article>#<n>)"
                ))
                .into());
            }
        }
        Command::Render {
            view,
            size,
            query,
            select,
        } => {
            let mut st = settings(cli);
            // A frame on stdout: color is meaningless, the ASCII choice is the user's.
            st.ascii = cli.ascii;
            let opts = crate::tui::RenderOptions {
                view: view.clone(),
                size: *size,
                query: query.clone(),
                select: select.clone(),
            };
            let text = crate::tui::render(corpus, st, &opts).map_err(UsageError)?;
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Figures { json } => {
            let figures = crate::figures::all(&corpus);
            if *json {
                json_out(&figures)?;
            } else {
                p.figures(&figures)?;
            }
        }
        Command::Timeline { json } => {
            if *json {
                json_out(&corpus.events)?;
            } else {
                p.timeline(&corpus)?;
            }
        }
    }
    p.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `show ARTICLE --json`: the article, with its paragraphs and their claims.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    /// The article's metadata.
    #[serde(flatten)]
    pub article: &'a Article,
    /// Its paragraphs in order.
    pub paragraphs: Vec<ParagraphView<'a>>,
}

/// One paragraph of an [`ArticleView`].
#[derive(Debug, Serialize)]
pub struct ParagraphView<'a> {
    /// The paragraph's text.
    pub text: String,
    /// Its claims.
    pub claims: Vec<&'a Claim>,
}

impl<'a> ArticleView<'a> {
    /// Builds the view of `article`.
    pub fn new(corpus: &'a Corpus, article: &'a Article) -> Self {
        let claims = &corpus.claims[article.claim_range.clone()];
        let paragraphs = (0..article.paragraphs.len())
            .map(|p| ParagraphView {
                text: article.paragraph_text(p).unwrap_or_default(),
                claims: claims.iter().filter(|c| c.paragraph == p).collect(),
            })
            .collect();
        ArticleView {
            article,
            paragraphs,
        }
    }
}

/// `show CLAIM --json`: the claim, its article and its paragraph.
#[derive(Debug, Serialize)]
pub struct ClaimView<'a> {
    /// The claim.
    pub claim: &'a Claim,
    /// Its article's metadata.
    pub article: &'a Article,
    /// The text of its paragraph.
    pub paragraph: String,
}
