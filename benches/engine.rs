//! Benchmarks: load+segment+tag per MB, index build, searches of 1, 3, 6 and
//! 13 chars, and one frame of each view at 200x60.
//!
//! cargo bench --bench engine

use std::path::Path;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use triptyque::corpus::{Corpus, SEEDS};
use triptyque::search::{Query, SearchIndex};
use triptyque::tui::{Action, App, Settings, frame_text};

/// The built-in articles, copied `n` times into `dir` (real French text).
fn replicate(dir: &Path, n: usize) -> usize {
    let mut bytes = 0;
    for k in 0..n {
        for (name, text) in SEEDS {
            std::fs::write(dir.join(format!("{k:03}-{name}")), text).expect("write a copy");
            bytes += text.len();
        }
    }
    bytes
}

fn load(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let bytes = replicate(dir.path(), 40);
    let mut g = c.benchmark_group("load");
    g.sample_size(10)
        .throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("load+segment+tag (seeds x40)", |b| {
        b.iter(|| Corpus::load_dir(dir.path()).expect("loads"));
    });
    let corpus = Corpus::load_dir(dir.path()).expect("loads");
    g.throughput(Throughput::Elements(corpus.claims.len() as u64));
    g.bench_function("index build (seeds x40)", |b| {
        b.iter(|| SearchIndex::new(&corpus))
    });
    g.finish();
}

fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    replicate(dir.path(), 40);
    let corpus = Corpus::load_dir(dir.path()).expect("loads");
    let index = SearchIndex::new(&corpus);
    let mut g = c.benchmark_group("search");
    g.sample_size(20)
        .throughput(Throughput::Elements(corpus.claims.len() as u64));
    for q in ["d", "dee", "deepse", "deepseek prix"] {
        let query = Query::parse(q, &corpus.lexicon);
        g.bench_with_input(
            BenchmarkId::new("top 20", format!("{} chars", q.len())),
            &query,
            |b, query| {
                b.iter(|| index.search(query, Some(20), None));
            },
        );
    }
    g.finish();
}

fn render(c: &mut Criterion) {
    let data = Arc::new(triptyque::dataset::Dataset::builtin());
    let mut g = c.benchmark_group("frame 200x60");
    g.sample_size(30);
    let views: [(&str, Vec<Action>); 6] = [
        ("blocs", vec![]),
        ("reader", vec![Action::Open]),
        ("timeline", vec![Action::ShowTimeline]),
        ("figures", vec![Action::ShowFigures]),
        (
            "search",
            vec![Action::Search, Action::Input('c'), Action::Input('h')],
        ),
        ("help", vec![Action::Help]),
    ];
    for (name, actions) in views {
        let mut app = App::new(data.clone(), Settings::default(), (200, 60));
        for a in actions {
            app.update(a);
        }
        triptyque::tui::settle(&mut app);
        assert!(!frame_text(&app).is_empty());
        // Frame build: what one redraw costs, on a terminal kept across frames.
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 60))
            .expect("a test terminal");
        g.bench_function(name, |b| {
            b.iter(|| {
                // A forced full redraw each time (as after a resize), not a diff.
                term.clear().expect("clear");
                term.draw(|f| triptyque::tui::screen::draw(&app, f))
                    .map(|_| ())
                    .expect("draws")
            })
        });
    }
    g.finish();
}

criterion_group!(benches, load, search, render);
criterion_main!(benches);
