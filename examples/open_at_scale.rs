//! The explorer's warm start at scale, checked against a bound: a generated
//! corpus of N claims is parsed and cached once, then opened from its cache
//! and drawn to a first frame (120x40, the blocs view), several times. The
//! open is what the explorer does before its first frame: scan the folder,
//! open and check the cache, decode the articles, list each pane's claims
//! and draw the rows on screen. Exits with an error when the median passes
//! the bound.
//!
//! cargo run --release --example open_at_scale -- [--claims 200000] [--bound-ms 150] [--runs 5]

use std::time::Instant;

use triptyque::cache::Check;
use triptyque::corpus::{Progress, ScanOptions};

#[path = "gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut claims = 200_000usize;
    let mut bound_ms = 150.0f64;
    let mut runs = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--claims" => claims = val()?.parse()?,
            "--bound-ms" => bound_ms = val()?.parse()?,
            "--runs" => runs = val()?.parse()?,
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let dir = tempfile::tempdir()?;
    let (corpus, cache) = (dir.path().join("corpus"), dir.path().join("cache"));
    gen_corpus::generate(claims, (claims / 100).max(1), 42, &corpus)?;
    let t = Instant::now();
    let cold = triptyque::cache::load(
        &corpus,
        Some(&cache),
        None,
        ScanOptions::default(),
        Check::Now,
    )?;
    eprintln!(
        "{claims} claims: parsed and cached in {:.1} s ({})",
        t.elapsed().as_secs_f64(),
        cold.status
    );
    drop(cold);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let loaded = triptyque::cli::load(
            Some(&corpus),
            Some(&cache),
            &Progress::default(),
            ScanOptions::default(),
            Check::Later,
        )?;
        let opts = triptyque::tui::RenderOptions {
            view: "blocs".into(),
            size: (120, 40),
            ..Default::default()
        };
        let frame = triptyque::tui::render_with(
            loaded.dataset,
            loaded.index,
            triptyque::tui::theme::Settings::default(),
            &opts,
        )?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if !frame.contains("US") {
            return Err("the first frame has no panes".into());
        }
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "open at {claims} claims, warm, to a first frame: median {median:.0} ms, min {:.0}, max {:.0} ({runs} runs; bound {bound_ms:.0} ms)",
        times[0],
        times[times.len() - 1]
    );
    if median > bound_ms {
        return Err(format!("median {median:.0} ms is over the bound of {bound_ms:.0} ms").into());
    }
    Ok(())
}
