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

use std::sync::atomic::Ordering;

use crate::cache::Loaded;
use crate::corpus::{Article, ArticleSummary, Claim, ClaimKind, Corpus, Progress};
use crate::dataset::Dataset;
use crate::search::{Query, SearchIndex};
use crate::view::View;

/// Read and explore articles (French, English) on the geopolitics of AI: the United
/// States that closes and controls, China that publishes and diffuses, Europe
/// that regulates.
#[derive(Debug, Parser)]
#[command(
    name = "triptyque",
    version,
    max_term_width = 100,
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// Load the articles under DIR (text, Markdown, saved web pages, RSS and Atom feeds) instead of the built-in corpus
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,

    /// Treat loading warnings as errors (exit 2)
    #[arg(long, global = true)]
    pub strict: bool,

    /// Do not read or write the cache of a --corpus (parse it afresh)
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Follow symbolic links that lead out of the corpus folder (as ripgrep's
    /// --follow); without it they are skipped with a warning
    #[arg(long, short = 'L', global = true)]
    pub follow: bool,

    /// Start the explorer afresh instead of restoring the last session
    #[arg(long)]
    pub fresh: bool,

    /// Say what the cache did (on stderr)
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,

    /// When to use colors in plain output
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Draw with ASCII borders and symbols (on by itself when the locale is not UTF-8)
    #[arg(long, global = true)]
    pub ascii: bool,

    /// The interface language: en or fr (else the config's `lang`, else the
    /// locale: fr_* gives French)
    #[arg(long, global = true, value_name = "CODE")]
    pub lang: Option<String>,

    /// No colors in the explorer (also with NO_COLOR set)
    #[arg(long)]
    pub no_color: bool,

    /// Do not capture the mouse (to select text with it in your terminal)
    #[arg(long)]
    pub no_mouse: bool,

    /// What to do (without one, the full-screen explorer opens)
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Printed after every `--help`.
pub const EXIT_CODES: &str = "Exit codes: 0 success (also when the reader of the output goes away: `| head`), 1 a search that found nothing (like grep), 2 an error (a missing or empty --corpus, an unknown id or bloc, a file an export would overwrite, a loading warning under --strict, TERM=dumb for the explorer), 128+N the explorer ended by signal N.";

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
    #[command(after_help = EXIT_CODES)]
    Articles {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// List claims (sentences) with their blocs, topics and dates
    #[command(after_help = EXIT_CODES)]
    Claims {
        /// Only claims of this bloc (us, cn, eu, ...)
        #[arg(long, value_name = "B")]
        bloc: Option<String>,
        /// Only claims of this article id
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        /// Print JSON
        #[arg(long, conflicts_with = "text")]
        json: bool,
        /// Print only the text, one claim per line (to pipe into other tools)
        #[arg(long)]
        text: bool,
        /// Also list the boilerplate lines (bylines, credits, links), which
        /// are not claims of any view
        #[arg(long)]
        all: bool,
    },
    /// Fuzzy search over claims, best first (fzf syntax: 'exact ^prefix suffix$ !not a | b, @us)
    #[command(after_help = EXIT_CODES)]
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
    #[command(after_help = EXIT_CODES)]
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
    #[command(after_help = EXIT_CODES)]
    Render {
        /// The view to draw (blocs, reader, timeline, figures, bookmarks, search), or help
        #[arg(long, value_parser = parse_view, default_value = "blocs")]
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
    #[command(after_help = EXIT_CODES)]
    Figures {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// List bookmarks and notes, newest first
    #[command(after_help = EXIT_CODES)]
    Bookmarks {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Write a small, commented example corpus in DIR (text articles, a saved web page, a feed, a note, a lexicon, a timeline)
    #[command(after_help = EXIT_CODES)]
    Init {
        /// Where to write it (created if needed; existing files are never overwritten)
        dir: PathBuf,
    },
    /// Show where the config file is, or print a commented default one
    #[command(after_help = EXIT_CODES)]
    Config {
        /// Print the config file's path
        #[arg(long)]
        path: bool,
        /// Print a commented default config
        #[arg(long)]
        default: bool,
    },
    /// Export bookmarks, a search or the timeline as Markdown or JSON
    #[command(group(clap::ArgGroup::new("what").required(true).args(["bookmarks", "search", "timeline"])))]
    #[command(after_help = EXIT_CODES)]
    Export {
        /// Export the bookmarks and notes
        #[arg(long)]
        bookmarks: bool,
        /// Export the results of a search
        #[arg(long, value_name = "QUERY")]
        search: Option<String>,
        /// Export the timeline
        #[arg(long)]
        timeline: bool,
        /// md or json
        #[arg(long, default_value = "md", value_parser = ["md", "json"])]
        format: String,
        /// Write to FILE (atomically; only a regular file or a new path, in a folder that exists), or `-` for stdout
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists (else asked on a terminal, refused otherwise)
        #[arg(long, short = 'f')]
        force: bool,
    },
    /// List timeline events in date order, with their sources and disagreements
    #[command(after_help = EXIT_CODES)]
    Timeline {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

fn parse_view(s: &str) -> Result<String, String> {
    if s == "help" || View::from_name(s).is_some() {
        Ok(s.to_string())
    } else {
        let mut names: Vec<&str> = View::ALL.iter().map(|v| v.name()).collect();
        names.push("help");
        Err(format!("expected one of {}", names.join(", ")))
    }
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

/// Whether plain output writes symbols as ASCII: with `--ascii`, or on a
/// terminal whose locale is set and is not UTF-8 (`LANG=C`). A pipe keeps
/// the text as it is (a script may grep for "€"), and so does an unset
/// locale, which says nothing of the terminal.
fn plain_ascii(cli: &Cli) -> bool {
    use std::io::IsTerminal;
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let set = env("LC_ALL").or(env("LC_CTYPE")).or(env("LANG"));
    cli.ascii
        || (io::stdout().is_terminal()
            && set.is_some()
            && !crate::tui::theme::locale_is_utf8(set, None, None))
}

/// The explorer's settings from the flags and the environment.
pub fn settings(cli: &Cli) -> crate::tui::Settings {
    crate::tui::Settings::detect(cli.ascii, cli.no_color, cli.no_mouse)
}

/// The user's config, and the problems found parsing it.
fn user_config() -> (crate::config::Config, Vec<crate::warning::Warning>) {
    match crate::config::path() {
        Some(p) => crate::config::load(&p),
        None => (crate::config::Config::default(), Vec::new()),
    }
}

/// Chooses the interface language once: `--lang`, else the config's, else
/// the locale's. An unknown `--lang` is a usage error.
fn choose_language(cli: &Cli, config: &crate::config::Config) -> Result<(), UsageError> {
    if let Some(code) = &cli.lang
        && !crate::i18n::codes().any(|c| c == code)
    {
        return Err(UsageError(format!(
            "no interface language `{}` (known: {})",
            crate::text::term_safe(code),
            crate::i18n::codes().collect::<Vec<_>>().join(", ")
        )));
    }
    crate::i18n::select(cli.lang.as_deref().or(config.lang.as_deref()));
    Ok(())
}

/// Opens the explorer (no subcommand).
pub fn run_tui(cli: &Cli) -> ExitCode {
    let (config, w) = user_config();
    if let Err(e) = choose_language(cli, &config) {
        eprintln!("triptyque: error: {e}");
        return ExitCode::from(2);
    }
    let notices: Vec<String> = w
        .iter()
        .map(|w| crate::i18n::trf("config: {warning}", &[("warning", &w.shown())]))
        .collect();
    let mut settings = settings(cli);
    if config.mouse == Some(false) {
        settings.mouse = false;
    }
    let (dir, cache, strict) = (cli.corpus.clone(), cache_dir(cli), cli.strict);
    let opts = scan_options(cli);
    let loader: crate::tui::Loader = std::sync::Arc::new(move |progress| {
        let loaded = load(
            dir.as_deref(),
            cache.as_deref(),
            progress,
            opts,
            crate::cache::Check::Later,
        )?;
        let warnings = loaded.dataset.warnings();
        if strict && !warnings.is_empty() {
            let list = warnings.into_iter().cloned().collect();
            return Err(crate::tui::LoadFailed::Strict(list));
        }
        Ok(loaded)
    });
    let opts = crate::tui::RunOptions {
        settings,
        config,
        notices,
        fresh: cli.fresh,
    };
    match crate::tui::run(opts, loader) {
        Ok(crate::tui::Exit(0)) => ExitCode::SUCCESS,
        Ok(crate::tui::Exit(code)) => {
            // The terminal is restored by now: say why we stopped.
            eprintln!("{}", crate::tui::exit_message(code));
            ExitCode::from(code.clamp(1, 255) as u8)
        }
        Err(e) => {
            eprintln!("triptyque: {}", crate::text::term_safe(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// An error that ends the command with exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// How the corpus folder is walked (`--follow`).
fn scan_options(cli: &Cli) -> crate::corpus::ScanOptions {
    crate::corpus::ScanOptions { follow: cli.follow }
}

/// The cache directory, unless `--no-cache`.
pub fn cache_dir(cli: &Cli) -> Option<PathBuf> {
    if cli.no_cache {
        return None;
    }
    crate::fsutil::project_dirs().map(|d| d.cache_dir().to_path_buf())
}

/// Loads the corpus the flags ask for (from the cache when it is fresh).
pub fn load(
    corpus: Option<&std::path::Path>,
    cache: Option<&std::path::Path>,
    progress: &Progress,
    opts: crate::corpus::ScanOptions,
    check: crate::cache::Check,
) -> Result<Loaded, crate::corpus::LoadError> {
    let mut loaded = match corpus {
        Some(dir) => crate::cache::load(dir, cache, Some(progress), opts, check)?,
        None => {
            let dataset = Dataset::builtin();
            let index = SearchIndex::new(&dataset.corpus);
            Loaded {
                dataset,
                index,
                status: crate::cache::CacheStatus::Off,
                check: None,
            }
        }
    };
    loaded.dataset.set_language(crate::i18n::current());
    Ok(loaded)
}

/// Loads the corpus for a command: progress on stderr when it takes more than
/// half a second and stderr is a terminal; warnings on stderr; with
/// `--strict`, any warning is an error.
pub fn load_corpus(cli: &Cli) -> anyhow::Result<Loaded> {
    let progress = Progress::default();
    let cache = cache_dir(cli);
    let loaded = std::thread::scope(|s| {
        let job = s.spawn(|| {
            load(
                cli.corpus.as_deref(),
                cache.as_deref(),
                &progress,
                scan_options(cli),
                crate::cache::Check::Now,
            )
        });
        let start = std::time::Instant::now();
        let tty = io::stderr().is_terminal();
        let mut shown = false;
        while !job.is_finished() {
            std::thread::sleep(std::time::Duration::from_millis(50));
            if tty && start.elapsed() > std::time::Duration::from_millis(500) {
                let (d, t) = (
                    progress.done.load(Ordering::Relaxed),
                    progress.total.load(Ordering::Relaxed),
                );
                eprint!("\rtriptyque: loading {d}/{t} files");
                shown = true;
            }
        }
        if shown {
            eprint!("\r\x1b[K");
        }
        job.join()
            .map_err(|_| anyhow::anyhow!("the loader panicked"))
    })??;
    if cli.verbose {
        eprintln!("triptyque: {}", loaded.status);
    }
    report_warnings(cli, &loaded.dataset.warnings())?;
    Ok(loaded)
}

/// Prints loading warnings on stderr; with `--strict`, they are errors.
fn report_warnings<W: std::borrow::Borrow<crate::corpus::Warning>>(
    cli: &Cli,
    warnings: &[W],
) -> anyhow::Result<()> {
    let kind = if cli.strict { "error" } else { "warning" };
    let mut err = io::stderr().lock();
    for w in warnings {
        let _ = writeln!(
            err,
            "triptyque: {kind}: {}",
            crate::text::term_safe(&w.borrow().to_string())
        );
    }
    if cli.strict && !warnings.is_empty() {
        return Err(UsageError(format!(
            "{} problem(s) while loading, and --strict is set",
            warnings.len()
        ))
        .into());
    }
    Ok(())
}

/// Runs a subcommand and returns the process exit code.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    match run_inner(cli, command) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
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

/// Asks on the terminal whether to replace `path`; `false` (and the export
/// then refuses) when no one is there to answer.
fn confirm_overwrite(path: &std::path::Path) -> anyhow::Result<bool> {
    use std::io::IsTerminal;
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        return Ok(false);
    }
    eprint!(
        "triptyque: {} exists; overwrite? [y/N] ",
        crate::text::escape_path(path)
    );
    let mut answer = String::new();
    io::stdin().read_line(&mut answer)?;
    Ok(crate::export::is_yes(&answer))
}

/// Whether the error is the reader of our output going away (`| head`,
/// quitting `less`), however deep it was wrapped: as ripgrep does, that
/// ends the command quietly with success.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
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
    crate::json::to_writer(&mut out, items)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

fn run_inner(cli: &Cli, command: &Command) -> anyhow::Result<ExitCode> {
    // The config's warnings are reported by the commands that use it.
    choose_language(cli, &user_config().0)?;
    match command {
        Command::Init { dir } => {
            let written = crate::example::init(dir)?;
            for p in written {
                println!("{}", crate::text::escape_path(&p));
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::Config { path, default } => {
            let p = crate::config::path();
            if *default {
                print!("{}", crate::config::DEFAULT);
            } else if *path {
                let p =
                    p.ok_or_else(|| UsageError("no home directory: no config directory".into()))?;
                println!("{}", crate::text::escape_path(&p));
            } else {
                let p =
                    p.ok_or_else(|| UsageError("no home directory: no config directory".into()))?;
                let (cfg, mut warnings) = crate::config::load(&p);
                warnings.extend(config_checks(cli, &cfg));
                println!(
                    "{} ({})",
                    crate::text::escape_path(&p),
                    if p.exists() {
                        "present"
                    } else {
                        "absent: defaults in use"
                    }
                );
                for w in &warnings {
                    eprintln!(
                        "triptyque: warning: {}",
                        crate::text::term_safe(&w.to_string())
                    );
                }
                if !warnings.is_empty() {
                    return Ok(ExitCode::from(2));
                }
            }
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    if let Command::Search {
        query,
        limit,
        bloc,
        json,
    } = command
        && let (Some(dir), Some(cache)) = (&cli.corpus, cache_dir(cli))
        && let Ok(mut s) = crate::cache::searchable(dir, &cache, scan_options(cli))
        && let Some(code) = {
            // Bloc names as every other command gives them.
            s.lexicon.localize(crate::i18n::current());
            search_cached(cli, s, &query.join(" "), *limit, bloc.as_deref(), *json)?
        }
    {
        return Ok(code);
    }
    let Loaded {
        dataset: data,
        index,
        ..
    } = load_corpus(cli)?;
    let corpus = &data.corpus;
    let color = color_enabled(cli);
    let mut p = print::Printer::new(color, print::terminal_width(), plain_ascii(cli));
    match command {
        Command::Articles { json } => {
            if *json {
                let list: Vec<ArticleSummary> =
                    corpus.articles.iter().map(ArticleSummary::from).collect();
                json_out(&list)?;
            } else {
                p.articles(&corpus.articles)?;
            }
        }
        Command::Claims {
            bloc,
            article,
            json,
            text,
            all,
        } => {
            let b = bloc_arg(corpus, bloc)?;
            if let Some(a) = article
                && corpus.article(a).is_none()
            {
                return Err(
                    UsageError(format!("no article `{a}` (see `triptyque articles`)")).into(),
                );
            }
            let code = b.map(|i| corpus.lexicon.blocs[i].code.as_str());
            let range = match article.as_deref().and_then(|a| corpus.article(a)) {
                Some(a) => a.claim_range.clone(),
                None => 0..corpus.claims.len(),
            };
            let claims: Vec<std::borrow::Cow<'_, Claim>> = corpus
                .claims
                .range(range)
                .filter(|c| code.is_none_or(|code| c.blocs.iter().any(|x| x == code)))
                .filter(|c| *all || c.kind != ClaimKind::Boilerplate)
                .collect();
            if *json {
                json_out(&claims)?;
            } else if *text {
                let mut out = io::BufWriter::new(io::stdout().lock());
                for c in &claims {
                    writeln!(
                        out,
                        "{}",
                        crate::text::term_safe(&c.text).replace('\n', " ")
                    )?;
                }
                out.flush()?;
            } else {
                p.claims(
                    &corpus.lexicon,
                    claims.iter().map(|c| (&**c, None, &[][..])),
                )?;
            }
        }
        Command::Search {
            query,
            limit,
            bloc,
            json,
        } => {
            let b = bloc_arg(corpus, bloc)?;
            let q = Query::parse(&query.join(" "), &corpus.lexicon);
            if let Some(problem) = q.problems.first() {
                return Err(UsageError(problem.to_string()).into());
            }
            let results = index.results(corpus, &q, *limit, b);
            if *json {
                json_out(&results)?;
            } else {
                p.claims(
                    &corpus.lexicon,
                    results
                        .iter()
                        .map(|r| (&*r.claim, Some(r.score), r.indices.as_slice())),
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
                    json_out(&[ArticleView::new(corpus, article)])?;
                } else {
                    p.article(corpus, article)?;
                }
            } else if let Some(claim) = corpus.claim(id) {
                let article = corpus
                    .article_of(&claim)
                    .ok_or_else(|| UsageError(format!("claim `{id}` has no article")))?;
                if *json {
                    let paragraph = article.paragraph_text(claim.paragraph).unwrap_or_default();
                    json_out(&[ClaimView {
                        claim: &claim,
                        article: article.into(),
                        paragraph,
                    }])?;
                } else {
                    p.claim_in_context(&claim, article)?;
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
            let (config, w) = user_config();
            report_warnings(cli, &w)?;
            let opts = crate::tui::RenderOptions {
                view: view.clone(),
                size: *size,
                query: query.clone(),
                select: select.clone(),
                config,
            };
            let text = crate::tui::render_with(data, index, st, &opts)
                .map_err(|e| UsageError(e.to_string()))?;
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Bookmarks { json } => {
            let (mut store, msg) = crate::store::Store::for_corpus(corpus);
            if let Some(m) = msg {
                eprintln!(
                    "triptyque: warning: {}",
                    crate::text::term_safe(&m.to_string())
                );
            }
            let places = store.resolve(corpus);
            let views = crate::export::bookmark_views(&store, &places);
            if *json {
                json_out(&views)?;
            } else {
                p.bookmarks(&views)?;
            }
        }
        Command::Export {
            bookmarks: _,
            search,
            timeline,
            format,
            output,
            force,
        } => {
            let what = match (search, timeline) {
                (Some(q), _) => crate::export::What::Search(q.clone()),
                (None, true) => crate::export::What::Timeline(String::new()),
                _ => crate::export::What::Bookmarks,
            };
            let (store, msg) = crate::store::Store::for_corpus(corpus);
            if let Some(m) = msg {
                eprintln!(
                    "triptyque: warning: {}",
                    crate::text::term_safe(&m.to_string())
                );
            }
            let text = if format == "json" {
                crate::export::json(&data, &index, &store, &what)? + "\n"
            } else {
                crate::export::markdown(&data, &index, &store, &what)
            };
            match output {
                Some(path) if path.as_os_str() != "-" => {
                    let mut overwrite = *force;
                    if !overwrite && path.exists() && confirm_overwrite(path)? {
                        overwrite = true;
                    }
                    crate::fsutil::write_export(path, text.as_bytes(), overwrite)
                        .map_err(|e| UsageError(e.to_string()))?;
                    eprintln!("triptyque: exported to {}", crate::text::escape_path(path));
                }
                _ => {
                    let mut out = io::stdout().lock();
                    out.write_all(text.as_bytes())?;
                    out.flush()?;
                }
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::Init { .. } | Command::Config { .. } => {}
        Command::Figures { json } => {
            let figures = data.figures();
            if *json {
                json_out(&figures.all)?;
            } else {
                p.figures(figures)?;
            }
        }
        Command::Timeline { json } => {
            if *json {
                json_out(&data.events())?;
            } else {
                p.timeline(&data)?;
            }
        }
    }
    p.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `search` over a fresh cache: the mapped index, and only the records of
/// the hits decoded.
fn search_cached(
    cli: &Cli,
    s: crate::cache::Searchable,
    query: &str,
    limit: Option<usize>,
    bloc: Option<&str>,
    json: bool,
) -> anyhow::Result<Option<ExitCode>> {
    let b = match bloc {
        Some(code) => {
            let code = code.trim_start_matches('@').to_lowercase();
            Some(
                s.lexicon
                    .bloc_index(&code)
                    .ok_or_else(|| UsageError(format!("unknown bloc `{code}`")))?,
            )
        }
        None => None,
    };
    let q = Query::parse(query, &s.lexicon);
    if let Some(problem) = q.problems.first() {
        return Err(UsageError(problem.to_string()).into());
    }
    let hits = s.index.search(&q, limit, b);
    // A record that does not decode: the cache is rebuilt by a full load,
    // never trusted, never an error.
    let Some(claims) = hits
        .iter()
        .map(|h| crate::corpus::ClaimSource::claim(&s.claims, h.claim))
        .collect::<Option<Vec<Claim>>>()
    else {
        if cli.verbose {
            eprintln!("triptyque: cache: a claim record does not decode; rebuilding");
        }
        return Ok(None);
    };
    if cli.verbose {
        eprintln!("triptyque: cache: hit (search reads the mapped index)");
    }
    report_warnings(cli, &s.warnings)?;
    let results: Vec<crate::search::SearchResult> = claims
        .iter()
        .zip(&hits)
        .map(|(claim, h)| crate::search::SearchResult {
            claim: std::borrow::Cow::Borrowed(claim),
            score: h.score,
            indices: s.index.indices(&q, &claim.text),
        })
        .collect();
    if json {
        json_out(&results)?;
    } else {
        let mut p = print::Printer::new(
            color_enabled(cli),
            print::terminal_width(),
            plain_ascii(cli),
        );
        p.claims(
            &s.lexicon,
            results
                .iter()
                .map(|r| (&*r.claim, Some(r.score), r.indices.as_slice())),
        )?;
        p.flush()?;
    }
    Ok(if results.is_empty() {
        Some(ExitCode::from(1))
    } else {
        Some(ExitCode::SUCCESS)
    })
}

/// What `config` checks beyond the file's syntax: the actions and keys of
/// `[keys]`, and the bloc codes of `panes` and `[theme]` against the lexicon
/// (the built-in one, with `--corpus DIR`'s lexicon.toml).
fn config_checks(cli: &Cli, cfg: &crate::config::Config) -> Vec<crate::warning::Warning> {
    let (_, mut warnings) = crate::tui::keymap::Keymap::with_remap(&cfg.keys, &cfg.file);
    let mut lexicon = crate::corpus::Lexicon::builtin();
    if let Some(dir) = &cli.corpus
        && let Ok(src) = std::fs::read_to_string(dir.join("lexicon.toml"))
    {
        // A bad lexicon is reported when the corpus loads; here it only
        // widens the known blocs.
        let _ = lexicon.extend(&src);
    }
    let known: Vec<&str> = lexicon.blocs.iter().map(|b| b.code.as_str()).collect();
    warnings.extend(cfg.bloc_color_warnings(&known));
    warnings.extend(cfg.panes(&known).1);
    warnings
}

fn color_enabled(cli: &Cli) -> bool {
    match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// `show ARTICLE --json`: the article, with its paragraphs and their claims.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    /// The article's metadata.
    #[serde(flatten)]
    pub article: ArticleSummary<'a>,
    /// Its paragraphs in order.
    pub paragraphs: Vec<ParagraphView<'a>>,
}

/// One paragraph of an [`ArticleView`].
#[derive(Debug, Serialize)]
pub struct ParagraphView<'a> {
    /// The paragraph's text.
    pub text: String,
    /// Its claims.
    pub claims: Vec<std::borrow::Cow<'a, Claim>>,
}

impl<'a> ArticleView<'a> {
    /// Builds the view of `article`.
    pub fn new(corpus: &'a Corpus, article: &'a Article) -> Self {
        let mut paragraphs: Vec<ParagraphView<'a>> = (0..article.paragraphs.len())
            .map(|p| ParagraphView {
                text: article.paragraph_text(p).unwrap_or_default(),
                claims: Vec::new(),
            })
            .collect();
        for c in corpus.claims.range(article.claim_range.clone()) {
            if let Some(p) = paragraphs.get_mut(c.paragraph) {
                p.claims.push(c);
            }
        }
        ArticleView {
            article: article.into(),
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
    pub article: ArticleSummary<'a>,
    /// The text of its paragraph.
    pub paragraph: String,
}
