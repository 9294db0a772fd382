//! Replays typing a query one char at a time through the search worker the
//! explorer uses, and reports for each keystroke the time to the first
//! published results and to the complete ranking.
//!
//! cargo run --release --example keystroke -- --corpus DIR --type "deepseek prix" [--backspace] [--runs 5]
//! (without --corpus: the built-in corpus)

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use triptyque::corpus::Progress;
use triptyque::search::SearchIndex;
use triptyque::search::worker::{Snapshot, Worker};

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let i = ((p / 100.0) * (v.len() - 1) as f64).round() as usize;
    v[i.min(v.len() - 1)]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut corpus_dir = None;
    let mut typed = "deepseek prix".to_string();
    let mut backspace = false;
    let mut runs = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--corpus" => corpus_dir = args.next().map(std::path::PathBuf::from),
            "--type" => typed = args.next().ok_or("--type needs a value")?,
            "--backspace" => backspace = true,
            "--runs" => runs = args.next().ok_or("--runs needs a value")?.parse()?,
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let cache = triptyque::fsutil::project_dirs().map(|d| d.cache_dir().to_path_buf());
    let t0 = Instant::now();
    let loaded = triptyque::cli::load(
        corpus_dir.as_deref(),
        cache.as_deref(),
        &Progress::default(),
        triptyque::corpus::ScanOptions::default(),
        triptyque::cache::Check::Now,
    )?;
    let load_time = t0.elapsed();
    let t1 = Instant::now();
    let built = SearchIndex::new(&loaded.dataset.corpus);
    let build_time = t1.elapsed();
    drop(built);
    let corpus = loaded.dataset.corpus;
    println!(
        "corpus: {} claims, loaded in {:.0} ms ({}); index build: {:.0} ms",
        corpus.claims.len(),
        load_time.as_secs_f64() * 1e3,
        loaded.status,
        build_time.as_secs_f64() * 1e3
    );
    let index = Arc::new(loaded.index);
    let (tx, rx) = mpsc::channel::<(Instant, Snapshot)>();
    let worker = Worker::spawn(index, Arc::new(corpus.lexicon.clone()), 500, move |s| {
        let _ = tx.send((Instant::now(), s));
    });
    let mut queries: Vec<String> = (1..=typed.chars().count())
        .map(|n| typed.chars().take(n).collect())
        .collect();
    if backspace {
        let mut back: Vec<String> = queries.iter().rev().skip(1).cloned().collect();
        queries.append(&mut back);
    }
    let (mut firsts, mut completes) = (Vec::new(), Vec::new());
    let mut generation = 0u64;
    for run in 0..runs {
        // A fresh start for each run: the empty query resets the worker's stack.
        generation += 1;
        worker.send(generation, String::new());
        while rx.recv_timeout(Duration::from_secs(60))?.1.generation != generation {}
        for q in &queries {
            generation += 1;
            let sent = Instant::now();
            worker.send(generation, q.clone());
            let mut first = None;
            loop {
                let (at, s) = rx.recv_timeout(Duration::from_secs(60))?;
                if s.generation != generation {
                    continue;
                }
                let ms = at.duration_since(sent).as_secs_f64() * 1e3;
                first.get_or_insert(ms);
                if s.complete {
                    if run == 0 {
                        println!(
                            "{:<16} first {:>7.2} ms  complete {:>7.2} ms  matched {:>8}  top: {}",
                            format!("{q:?}"),
                            first.unwrap_or(ms),
                            ms,
                            s.matched.unwrap_or(0),
                            s.hits
                                .first()
                                .map(|h| corpus
                                    .claims
                                    .text(h.claim)
                                    .chars()
                                    .take(48)
                                    .collect::<String>())
                                .unwrap_or_default()
                        );
                    }
                    firsts.push(first.unwrap_or(ms));
                    // "Complete ranking" targets queries of 3+ chars.
                    if q.chars().count() >= 3 {
                        completes.push(ms);
                    }
                    break;
                }
            }
        }
    }
    let max = |v: &[f64]| v.iter().cloned().fold(0.0, f64::max);
    println!(
        "{} keystrokes over {runs} run(s): first results p50 {:.2} ms p99 {:.2} ms max {:.2} ms; complete ranking (3+ chars) p50 {:.2} ms p99 {:.2} ms max {:.2} ms; peak RSS {} MB",
        firsts.len(),
        pct(&mut firsts.clone(), 50.0),
        pct(&mut firsts.clone(), 99.0),
        max(&firsts),
        pct(&mut completes.clone(), 50.0),
        pct(&mut completes.clone(), 99.0),
        max(&completes),
        peak_rss_kb().map(|k| k / 1024).unwrap_or(0)
    );
    Ok(())
}
