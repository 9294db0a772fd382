//! What survives between runs, through the real binary with a private HOME:
//! the corpus cache, bookmarks and notes, a corrupt state file, config,
//! init and export.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Home(tempfile::TempDir);

impl Home {
    fn new() -> Self {
        Home(tempfile::tempdir().unwrap())
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_triptyque"))
            .args(args)
            .env("HOME", self.path())
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            .env("COLUMNS", "100")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> (String, String) {
        let o = self.run(args);
        let (out, err) = (
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        );
        assert!(o.status.success(), "{args:?}: {err}");
        (out, err)
    }

    /// The state file of the built-in corpus.
    fn builtin_state(&self) -> PathBuf {
        self.path()
            .join("data/triptyque/corpora/builtin/state.json")
    }
}

fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("a.md"),
        "+++\ntitle = \"A\"\ndate = \"2025-03\"\n+++\nLa Chine publie. Les États-Unis ferment.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "L’Europe régule. DeepSeek coûte 0,55$ par million de tokens.\n",
    )
    .unwrap();
}

#[test]
fn the_cache_is_reused_and_rebuilt_when_a_file_changes() {
    let h = Home::new();
    let dir = h.path().join("corpus");
    corpus(&dir);
    let d = dir.to_str().unwrap();
    let (first, err) = h.ok(&["--corpus", d, "-v", "claims", "--json"]);
    assert!(err.contains("cache: rebuilt (absent)"), "{err}");
    let (second, err) = h.ok(&["--corpus", d, "-v", "claims", "--json"]);
    assert!(err.contains("cache: hit"), "{err}");
    assert_eq!(first, second, "the cache gives the same claims");
    let (s1, _) = h.ok(&["--corpus", d, "search", "deepseek", "--json"]);
    assert!(s1.contains("0,55$"));
    // A changed file (new size and time) makes the cache stale.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(
        dir.join("b.txt"),
        "L’Europe régule toujours. Une phrase de plus.\n",
    )
    .unwrap();
    let (third, err) = h.ok(&["--corpus", d, "-v", "claims", "--json"]);
    assert!(err.contains("cache: rebuilt (stale"), "{err}");
    assert!(third.contains("Une phrase de plus."));
    // A corrupt cache is detected, never trusted.
    let cache_files: Vec<PathBuf> = std::fs::read_dir(h.path().join("cache/triptyque/corpora"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(cache_files.len(), 1);
    let mut bytes = std::fs::read(&cache_files[0]).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&cache_files[0], &bytes).unwrap();
    let (fourth, err) = h.ok(&["--corpus", d, "-v", "claims", "--json"]);
    assert!(err.contains("cache: rebuilt (corrupt"), "{err}");
    assert_eq!(third, fourth);
    std::fs::write(&cache_files[0], b"garbage").unwrap();
    let (_, err) = h.ok(&["--corpus", d, "-v", "claims", "--json"]);
    assert!(
        err.contains("cache: rebuilt (corrupt: bad header)"),
        "{err}"
    );
    // A search over the fresh cache reads the mapped index and gives exactly
    // what a search without the cache gives.
    for q in ["chine", "'europe @eu", "regule | ferme"] {
        let (cached, err) = h.ok(&["--corpus", d, "-v", "search", q, "--json"]);
        assert!(
            err.contains("cache: hit (search reads the mapped index)"),
            "{err}"
        );
        let (plain, _) = h.ok(&["--corpus", d, "--no-cache", "search", q, "--json"]);
        assert_eq!(cached, plain, "{q}");
    }
    // Article bodies come back from the cache as they were read.
    let (cached, _) = h.ok(&["--corpus", d, "show", "b"]);
    let (plain, _) = h.ok(&["--corpus", d, "--no-cache", "show", "b"]);
    assert_eq!(cached, plain);
    // --no-cache bypasses it.
    let (_, err) = h.ok(&["--corpus", d, "-v", "--no-cache", "claims"]);
    assert!(err.contains("cache: off"), "{err}");
}

fn bookmark(claim: &str, hash_of: &str, note: Option<&str>, created: u64) -> Value {
    serde_json::json!({
        "claim": claim, "hash": triptyque::store::text_hash(hash_of), "text": hash_of,
        "article": claim.split('#').next().unwrap(), "note": note, "created": created, "updated": created
    })
}

#[test]
fn bookmarks_from_the_cli_newest_first_with_orphans() {
    let h = Home::new();
    let c = triptyque::corpus::Corpus::builtin();
    let claim = c.claim("2025-02-europe-face-aux-ia-chinoises#16").unwrap();
    let state = serde_json::json!({
        "version": 1,
        "bookmarks": [
            bookmark(&claim.id, &claim.text, Some("le prix d’entrée"), 100),
            bookmark("2025-05-trois-visions-de-l-ia#999", "Une phrase disparue.", None, 200),
        ]
    });
    std::fs::create_dir_all(h.builtin_state().parent().unwrap()).unwrap();
    std::fs::write(h.builtin_state(), serde_json::to_vec(&state).unwrap()).unwrap();
    let (out, _) = h.ok(&["bookmarks", "--json"]);
    let v: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["status"], "orphaned", "newest first");
    assert_eq!(v[0]["text"], "Une phrase disparue.");
    assert_eq!(v[1]["status"], "here");
    assert_eq!(v[1]["note"], "le prix d’entrée");
    let (plain, _) = h.ok(&["bookmarks"]);
    assert!(
        plain.contains("[orphaned]") && plain.contains("note: le prix d’entrée"),
        "{plain}"
    );
    // Export: Markdown block quotes with title, date and id, the note under.
    // (Into a folder that is there: export makes none.)
    std::fs::create_dir_all(h.path().join("out")).unwrap();
    let md_path = h.path().join("out/bookmarks.md");
    let (_, err) = h.ok(&["export", "--bookmarks", "-o", md_path.to_str().unwrap()]);
    assert!(err.contains("exported to"), "{err}");
    let md = std::fs::read_to_string(&md_path).unwrap();
    assert!(md.starts_with("# Bookmarks\n\n2 bookmarks.\n\n"), "{md}");
    assert!(
        md.contains(
            "*This claim is no longer in the corpus (orphaned).*\n\n> Une phrase disparue."
        )
    );
    assert!(
        md.contains(
            "> DeepSeek-R1, avec un coût d'entrée de seulement 0,55$ par million de tokens"
        )
    );
    assert!(md.contains("> — *L’Europe face aux IA chinoises : entre fascination, dépendance et stratégie en panne* (2025-02) · `2025-02-europe-face-aux-ia-chinoises#16`\n\n**Note:** le prix d’entrée"));
    let (json, _) = h.ok(&["export", "--bookmarks", "--format", "json"]);
    let v: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(v[1]["claim"], "2025-02-europe-face-aux-ia-chinoises#16");
}

#[test]
fn a_corrupt_state_file_is_backed_up_and_reported() {
    let h = Home::new();
    std::fs::create_dir_all(h.builtin_state().parent().unwrap()).unwrap();
    std::fs::write(h.builtin_state(), b"{\"bookmarks\": [ {oops").unwrap();
    let o = h.run(&["bookmarks", "--json"]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("was corrupt") && err.contains("state.json.corrupt-"),
        "{err}"
    );
    let backups: Vec<String> = std::fs::read_dir(h.builtin_state().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("state.json.corrupt-"))
        .collect();
    assert_eq!(backups.len(), 1);
    let kept = std::fs::read(h.builtin_state().parent().unwrap().join(&backups[0])).unwrap();
    assert_eq!(
        kept, b"{\"bookmarks\": [ {oops",
        "the only copy is kept as it was"
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&o.stdout).unwrap(),
        serde_json::json!([])
    );
}

#[test]
fn export_search_and_timeline() {
    let h = Home::new();
    let (md, _) = h.ok(&["export", "--search", "deepseek cout"]);
    assert!(md.starts_with("# Search: `deepseek cout`\n\n"), "{md}");
    let first = md.lines().find(|l| l.starts_with("> ")).unwrap();
    assert!(first.contains("DeepSeek-R1, avec un coût"), "{first}");
    assert!(md.contains("· `2025-02-europe-face-aux-ia-chinoises#16`"));
    let (json, _) = h.ok(&["export", "--search", "deepseek cout", "--format", "json"]);
    let v: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert!(v[0]["text"].as_str().unwrap().contains("0,55$") && v[0]["indices"].is_array());
    let (tl, _) = h.ok(&["export", "--timeline"]);
    assert!(tl.contains("## 27 Jan 2025 — Market drop after DeepSeek"));
    assert!(tl.contains("Backed by 3 articles. Sources disagree: 1 120 Md$ vs 800 Md$."));
    let (tj, _) = h.ok(&["export", "--timeline", "--format", "json"]);
    assert!(serde_json::from_str::<Vec<Value>>(&tj).unwrap().len() >= 20);
    let o = h.run(&["export"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "one of --bookmarks, --search, --timeline is required"
    );
}

#[test]
fn init_writes_a_clean_example_and_never_overwrites() {
    let h = Home::new();
    let dir = h.path().join("ex");
    let (out, _) = h.ok(&["init", dir.to_str().unwrap()]);
    assert_eq!(out.lines().count(), 8, "{out}");
    let d = dir.to_str().unwrap();
    let (list, err) = h.ok(&["--corpus", d, "--strict", "articles", "--json"]);
    assert!(err.is_empty(), "the example loads without a warning: {err}");
    // One of each format: a page, a feed's two entries, a YAML note.
    let list: Vec<Value> = serde_json::from_str(&list).unwrap();
    let has = |f: &dyn Fn(&Value) -> bool| list.iter().any(f);
    assert!(has(&|a| a["path"]
        .as_str()
        .is_some_and(|p| p.ends_with(".html"))
        && a["source"] == "Exemple Hebdo"));
    assert_eq!(
        list.iter()
            .filter(|a| a["path"].as_str().is_some_and(|p| p.ends_with(".rss")))
            .count(),
        2
    );
    assert!(has(
        &|a| a["id"] == "note-obsidian" && a["date"] == "2025-01-30"
    ));
    let (tl, _) = h.ok(&["--corpus", d, "timeline", "--json"]);
    let events: Vec<Value> = serde_json::from_str(&tl).unwrap();
    let curated = |id: &str| {
        events
            .iter()
            .any(|e| e["id"] == id && e["origin"] != "found")
    };
    assert!(
        curated("eu-chips-plants") && curated("india-chips-plan"),
        "{tl}"
    );
    let (india, _) = h.ok(&["--corpus", d, "search", "@in", "--json"]);
    assert!(
        !serde_json::from_str::<Vec<Value>>(&india)
            .unwrap()
            .is_empty(),
        "the lexicon's new bloc is used"
    );
    let again = h.run(&["init", d]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists; nothing was written"));
}

#[test]
fn config_path_default_and_warnings() {
    let h = Home::new();
    let (p, _) = h.ok(&["config", "--path"]);
    assert_eq!(
        p.trim(),
        h.path()
            .join("config/triptyque/config.toml")
            .display()
            .to_string()
    );
    let (default, _) = h.ok(&["config", "--default"]);
    let (_, w) = triptyque::config::parse("default", &default);
    assert!(w.is_empty());
    std::fs::create_dir_all(h.path().join("config/triptyque")).unwrap();
    std::fs::write(
        h.path().join("config/triptyque/config.toml"),
        "mouse = \"yes\"\n[keys]\nquit = [\"x\"]\n",
    )
    .unwrap();
    let o = h.run(&["config"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("config.toml:1: `mouse` must be true or false"),
        "{err}"
    );
}

#[test]
fn a_bloc_the_corpus_adds_gets_a_pane_when_the_config_lists_it() {
    let h = Home::new();
    let dir = h.path().join("ex");
    h.ok(&["init", dir.to_str().unwrap()]);
    let d = dir.to_str().unwrap();
    // Without it in `panes`, the default three.
    let (frame, _) = h.ok(&["--corpus", d, "render", "--size", "160x30"]);
    let titles = frame.lines().nth(1).unwrap_or_default();
    assert!(
        titles.contains(" US ") && !titles.contains("India"),
        "{titles}"
    );
    std::fs::create_dir_all(h.path().join("config/triptyque")).unwrap();
    std::fs::write(
        h.path().join("config/triptyque/config.toml"),
        "panes = [\"us\", \"cn\", \"eu\", \"in\"]\n",
    )
    .unwrap();
    let (_, err) = h.ok(&["--corpus", d, "config"]);
    assert!(
        err.is_empty(),
        "the corpus's bloc is known to `config`: {err}"
    );
    // Side by side at 160 columns: four titled panes.
    let (frame, _) = h.ok(&["--corpus", d, "render", "--size", "160x30"]);
    let titles = frame.lines().nth(1).unwrap_or_default();
    let order: Vec<usize> = [" US ", " China ", " EU ", " India "]
        .iter()
        .map(|t| titles.find(t).unwrap_or_else(|| panic!("{t} in {titles}")))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "in the config's order: {titles}"
    );
    // Too narrow for four: tabs, with the India one numbered 4.
    let (frame, _) = h.ok(&["--corpus", d, "render", "--size", "100x30"]);
    assert!(
        frame.lines().nth(1).unwrap_or_default().contains("4 India"),
        "{frame}"
    );
    // The built-in corpus has no India bloc: the pane is left out, said once.
    let (frame, err) = h.ok(&["render", "--size", "160x30"]);
    assert!(!frame.contains("India"));
    assert!(
        err.is_empty(),
        "render reports only the config's own problems: {err}"
    );
    let o = h.run(&["config"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("config.toml:1: `panes`: unknown bloc `in`"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Issue 15, item 4: what is found over the whole corpus (the events of its
/// text, its figures) is kept next to the cache, and a second run reads it
/// instead of reading every claim again; a memo of another corpus state, or
/// that does not check out, is not used.
#[test]
fn events_and_figures_are_kept_with_the_cache() {
    let h = Home::new();
    let dir = h.path().join("corpus");
    h.ok(&["init", dir.to_str().unwrap()]);
    let d = dir.to_str().unwrap();
    let (t1, _) = h.ok(&["--corpus", d, "timeline", "--json"]);
    let (f1, _) = h.ok(&["--corpus", d, "figures", "--json"]);
    let corpora = h.path().join("cache/triptyque/corpora");
    let with_ext = |ext: &str| {
        std::fs::read_dir(&corpora)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .unwrap_or_else(|| panic!("no .{ext} next to the cache"))
    };
    let (events, figures) = (with_ext("events"), with_ext("figures"));
    let (t2, _) = h.ok(&["--corpus", d, "timeline", "--json"]);
    let (f2, _) = h.ok(&["--corpus", d, "figures", "--json"]);
    let (t0, _) = h.ok(&["--corpus", d, "--no-cache", "timeline", "--json"]);
    let (f0, _) = h.ok(&["--corpus", d, "--no-cache", "figures", "--json"]);
    assert_eq!(t1, t2, "the memo gives the events found");
    assert_eq!(t1, t0, "and they are those a fresh parse finds");
    assert_eq!((f1.as_str(), f2.as_str()), (f0.as_str(), f0.as_str()));
    let found = |json: &str| {
        serde_json::from_str::<Vec<Value>>(json)
            .unwrap()
            .iter()
            .filter(|e| e["origin"] != "curated")
            .count()
    };
    assert!(found(&t1) > 0, "the example corpus has events found in it");
    // The memo is what is read: one saying "no event was found", under the
    // right key and checksum, is believed...
    let bytes = std::fs::read(&events).unwrap();
    let empty: Vec<u8> = postcard::to_stdvec(&Vec::<u8>::new()).unwrap();
    let mut forged = bytes[..16].to_vec();
    forged.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&empty).to_le_bytes());
    forged.extend_from_slice(&empty);
    std::fs::write(&events, &forged).unwrap();
    let (t3, _) = h.ok(&["--corpus", d, "timeline", "--json"]);
    assert_eq!(found(&t3), 0, "{t3}");
    // ... one that does not check out is not, and is written again.
    let mut bad = bytes.clone();
    let last = bad.len() - 1;
    bad[last] ^= 0xff;
    std::fs::write(&events, &bad).unwrap();
    let (t4, _) = h.ok(&["--corpus", d, "timeline", "--json"]);
    assert_eq!(t4, t1);
    assert_eq!(std::fs::read(&events).unwrap(), bytes, "rewritten whole");
    // A memo of another corpus state (another key) is not used either.
    let mut other = bytes.clone();
    other[8] ^= 0xff;
    std::fs::write(&events, &other).unwrap();
    let (t5, _) = h.ok(&["--corpus", d, "timeline", "--json"]);
    assert_eq!(t5, t1);
    std::fs::write(&figures, b"garbage").unwrap();
    let (f5, _) = h.ok(&["--corpus", d, "figures", "--json"]);
    assert_eq!(f5, f0);
}
