//! Nothing through, nothing lost: every command and output format over one
//! hostile corpus (hostile lexicon, timeline, config, state and file names),
//! the raw bytes scanned; bounded parsers; impossible dates; exports that
//! refuse links and devices; links out of the corpus; unknown state versions.
//! Each test reproduces an item of the attack run that found them.

mod common;

use common::run_in;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The one definition of unsafe on the raw bytes (common), and no
/// injected payload.
fn assert_inert(what: &str, bytes: &[u8], color: bool) {
    let s = common::assert_no_unsafe(what, bytes, color);
    // A payload may show only as the visible escape of a file name
    // (`x\x1b]0;PWN\x07`, or JSON's `\u001b` of its path), never as the
    // text of a decoded sequence.
    for payload in ["PWN", "HACKED"] {
        for (at, _) in s.match_indices(payload) {
            let before = &s[..at];
            assert!(
                visible_escape(before),
                "{what}: an injected payload shows: {s}"
            );
        }
    }
}

/// Whether text ends with the visible escape of ESC ] N ; in any format's
/// spelling: `\x1b]0;`, JSON's `\u001b]0;`, Markdown's `\\x1b\]0;`.
fn visible_escape(before: &str) -> bool {
    let tail: String = before
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let plain = tail.replace("\\]", "]").replace("\\\\", "\\");
    ["\\x1b]0;", "\\x1b]2;", "\\u001b]0;"]
        .iter()
        .any(|e| plain.ends_with(e))
}

/// A corpus whose every input is hostile: escapes decoded by TOML in the
/// front matter, the lexicon and the timeline, file names holding ESC,
/// BEL, a newline and a bidi override.
fn hostile(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let w = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    w(
        "a.md",
        "+++\ntitle = \"T\\u001b]0;PWN\\u0007itre \\u009b31m \\u202egauche\\u2028ligne\"\nauthor = \"A\\u0085B\"\nsource = \"S\\u009d0;PWN\\u009c\"\n+++\nLa Chine publie DeepSeek-R1 le 20 janvier 2025, pour 0,55 $ par million de tokens. L'Europe régule. Les États-Unis investissent 500 milliards de dollars.\n",
    );
    w("x\u{1b}]0;PWN\u{7}.md", "La Chine et l'Europe.\n");
    w("line\nbreak.md", "Les États-Unis et la Chine.\n");
    w("rl\u{202e}o.md", "L'Europe régule encore.\n");
    w(
        "lexicon.toml",
        "[[bloc]]\ncode = \"z\\u001b]2;PWN\\u0007\"\nname = \"Zed\\u009b2J\"\nshort = \"Z\\u202eZ\"\nterms = [\"Chine\"]\n[[topic]]\ncode = \"t\\u001b]2;PWNTOPIC\\u0007\"\nname = \"Topic\\u0085\"\nterms = [\"régule\"]\n",
    );
    w(
        "timeline.toml",
        "[[event]]\nid = \"e\\u001b]0;PWN\\u0007\"\ndate = \"2025-01-20\"\ntitle = \"R1 \\u009b31m\\u202e\"\nblocs = [\"q\\u001b]0;PWN\\u0007\"]\nsummary = \"S\\u2029\"\nnote = \"N\\u0085\"\n[[event.source]]\narticle = \"a\"\nquote = \"La Chine publie DeepSeek-R1\"\n",
    );
}

#[test]
fn every_command_and_format_is_inert_over_a_hostile_corpus() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("corpus");
    hostile(&dir);
    // A hostile config too.
    std::fs::create_dir_all(home.path().join("config/triptyque")).unwrap();
    std::fs::write(
        home.path().join("config/triptyque/config.toml"),
        "panes = [\"us\\u001b]0;PWN\\u0007\", \"cn\"]\n[keys]\n\"quit\\u009b\" = \"q\\u202e\"\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    // Bookmarks with a hostile note, through the state file.
    let state_dir = home.path().join("data/triptyque/corpora");
    let c = run_in(home.path(), &["--corpus", d, "claims", "--json"]);
    let claims: Vec<serde_json::Value> = serde_json::from_slice(&c.stdout).unwrap();
    let id = claims[0]["id"].as_str().unwrap().to_string();
    let mut runs: Vec<Vec<String>> = Vec::new();
    for args in [
        &["articles"][..],
        &["articles", "--json"],
        &["claims"],
        &["claims", "--all"],
        &["claims", "--json"],
        &["claims", "--text"],
        &["search", "chine"],
        &["search", "chine", "--json"],
        &["search", "chine", "--color", "always"],
        &["claims", "--color", "always"],
        &["timeline"],
        &["timeline", "--json"],
        &["figures"],
        &["figures", "--json"],
        &["bookmarks"],
        &["bookmarks", "--json"],
        &["export", "--timeline"],
        &["export", "--timeline", "--format", "json"],
        &["export", "--search", "chine"],
        &["export", "--bookmarks"],
        &["config"],
        &["show", "a"],
        &["show", "a", "--json"],
        &["show", &id],
        &["render", "--view", "bogus\u{1b}]0;PWN\u{7}"],
        &["--bogus\u{9b}2J"],
        &["show", "nothing\u{1b}]0;PWN\u{7}"],
    ] {
        runs.push(args.iter().map(|s| s.to_string()).collect());
    }
    for view in common::VIEWS {
        for size in ["120x40", "40x12"] {
            runs.push(
                ["render", "--view", view, "--size", size, "--query", "chine"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            );
        }
    }
    let _ = state_dir;
    for r in &runs {
        let mut args = vec!["--corpus", d];
        args.extend(r.iter().map(String::as_str));
        let o = run_in(home.path(), &args);
        let color = r.iter().any(|a| a == "always");
        assert_inert(&format!("{r:?} stdout"), &o.stdout, color);
        assert_inert(&format!("{r:?} stderr"), &o.stderr, false);
    }
    // JSON keeps the data, escaped: the title's C1 and bidi chars are there
    // as \u sequences, and decode back.
    let o = run_in(home.path(), &["--corpus", d, "articles", "--json"]);
    let raw = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        raw.contains("\\u009b") || raw.contains("\\u202e") || raw.contains("\\u2028"),
        "{raw}"
    );
    // The file names: escaped like `ls -b`, one line each.
    let o = run_in(home.path(), &["--corpus", d, "articles"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("line\\nbreak"), "{out}");
    assert!(out.contains("x\\x1b]0;"), "{out}");
    assert!(out.contains("rl\\u{202e}o"), "{out}");
    let o = run_in(home.path(), &["--corpus", d, "claims", "--json"]);
    let claims: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        claims
            .iter()
            .any(|c| c["id"].as_str().unwrap().starts_with("line\\nbreak#")),
        "an id keeps the file name, escaped"
    );
    // The lexicon's codes are cleaned when read.
    let o = run_in(home.path(), &["--corpus", d, "claims", "--json"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        !text.contains("\\u001b"),
        "no ESC even escaped: TOML values are cleaned"
    );
}

#[test]
fn init_prints_escaped_paths() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("ex\u{1b}]0;PWN\u{7}");
    let o = run_in(home.path(), &["init", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_inert("init", &o.stdout, false);
    assert!(String::from_utf8_lossy(&o.stdout).contains("ex\\x1b]0;"));
}

#[test]
fn a_front_matter_of_thousands_of_keys_is_refused_quickly_and_named() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("c");
    std::fs::create_dir_all(&dir).unwrap();
    let mut fm = String::from("+++\n");
    for i in 0..20_000 {
        fm.push_str(&format!("k{i} = \"{}\"\n", "x".repeat(80)));
    }
    fm.push_str("+++\nLa Chine publie.\n");
    std::fs::write(dir.join("big.md"), &fm).unwrap();
    // Under the limit, many unknown keys: named up to ten, then counted.
    let mut fm = String::from("+++\n");
    for i in 0..2_000 {
        fm.push_str(&format!("k{i} = 1\n"));
    }
    fm.push_str("+++\nL'Europe régule.\n");
    std::fs::write(dir.join("keys.md"), &fm).unwrap();
    let o = run_in(
        home.path(),
        &["--corpus", dir.to_str().unwrap(), "articles"],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("big.md:1: front matter of"), "{err}");
    assert!(err.contains("over the 64 KiB limit"), "{err}");
    assert!(err.contains("1990 more unknown keys"), "{err}");
    assert_eq!(err.matches("unknown key `").count(), 10, "{err}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("big") && out.contains("keys"),
        "both bodies are read: {out}"
    );
}

#[test]
fn a_timeline_of_twenty_thousand_events_loads_with_its_lines() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("c");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.md"),
        "La Chine publie DeepSeek-R1 en janvier 2025.\n",
    )
    .unwrap();
    let mut t = String::new();
    for i in 0..20_000 {
        let date = if i == 19_999 { "2025-02-30" } else { "2025-01" };
        t.push_str(&format!(
            "[[event]]\nid = \"e{i}\"\ndate = \"{date}\"\ntitle = \"E{i}\"\n[[event.source]]\narticle = \"a\"\nquote = \"La Chine publie\"\n"
        ));
    }
    std::fs::write(dir.join("timeline.toml"), &t).unwrap();
    let o = run_in(
        home.path(),
        &[
            "--corpus",
            dir.to_str().unwrap(),
            "--no-cache",
            "timeline",
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let events: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(events.len() >= 19_999, "{}", events.len());
    let err = String::from_utf8_lossy(&o.stderr);
    // The last event's date line: 7 lines per event, `date` the third.
    let line = 19_999 * 7 + 3;
    assert!(
        err.contains(&format!("timeline.toml:{line}: event `e19999` left out")),
        "{err}"
    );
}

#[test]
fn an_impossible_date_is_a_warning_and_the_cache_keeps_working() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("c");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.md"),
        "+++\ndate = \"2025-07-01\"\n+++\nLe 31 juin 2025, la Chine publie. Le 29 février 2023, l'Europe régule.\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let o = run_in(home.path(), &["--corpus", d, "claims", "--json"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("a.md:4: no such date: \"31 juin 2025\""),
        "{err}"
    );
    assert!(err.contains("no such date: \"29 février 2023\""), "{err}");
    let claims: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    for c in &claims {
        for m in c["dates"].as_array().unwrap() {
            let date = m["date"].as_str().unwrap();
            assert!(
                !date.starts_with("2025-06-31") && !date.starts_with("2023-02-29"),
                "{date}"
            );
        }
    }
    // The cache was written; searching it, again and again, works.
    for _ in 0..3 {
        let o = run_in(home.path(), &["--corpus", d, "search", "chine", "--json"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let hits: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
        assert!(!hits.is_empty());
    }
}

#[test]
fn export_refuses_links_fifos_and_devices_and_writes_stdout_with_a_dash() {
    let home = tempfile::tempdir().unwrap();
    let target = home.path().join("target.md");
    std::fs::write(&target, "keep").unwrap();
    let link = home.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let o = run_in(
        home.path(),
        &["export", "--timeline", "-o", link.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is a symbolic link"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let o = run_in(home.path(), &["export", "--timeline", "-o", "/dev/null"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is a device"));
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device_like()
    );
    let fifo = home.path().join("fifo");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let o = run_in(
            home.path(),
            &["export", "--timeline", "-o", fifo.to_str().unwrap()],
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("is a FIFO"));
    }
    let o = run_in(home.path(), &["export", "--timeline", "-o", "-"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("Market drop"));
    let fresh = home.path().join("new.md");
    let o = run_in(
        home.path(),
        &["export", "--timeline", "-o", fresh.to_str().unwrap()],
    );
    assert!(o.status.success());
    assert!(
        std::fs::read_to_string(&fresh)
            .unwrap()
            .contains("Market drop")
    );
    // There now: refused without --force (no terminal to ask), kept as it is.
    std::fs::write(&fresh, "mine").unwrap();
    let o = run_in(
        home.path(),
        &["export", "--search", "chine", "-o", fresh.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("exists") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&fresh).unwrap(), "mine");
    let o = run_in(
        home.path(),
        &[
            "export",
            "--search",
            "chine",
            "-o",
            fresh.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(o.status.success());
    assert_ne!(std::fs::read_to_string(&fresh).unwrap(), "mine");
    // A folder that is not there is not made.
    let missing = home.path().join("missing/dir/f.md");
    let o = run_in(
        home.path(),
        &["export", "--timeline", "-o", missing.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no folder"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!home.path().join("missing").exists());
}

trait CharDevice {
    fn is_char_device_like(&self) -> bool;
}
impl CharDevice for std::fs::FileType {
    fn is_char_device_like(&self) -> bool {
        use std::os::unix::fs::FileTypeExt;
        self.is_char_device()
    }
}

#[test]
fn links_out_of_the_corpus_are_not_followed_unless_asked() {
    let home = tempfile::tempdir().unwrap();
    let outside = home.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "Le secret de la Chine.\n").unwrap();
    let dir = home.path().join("c");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/inner.md"), "L'Europe régule.\n").unwrap();
    std::fs::write(dir.join("a.md"), "La Chine publie.\n").unwrap();
    let unix = std::os::unix::fs::symlink;
    unix(outside.join("secret.txt"), dir.join("passwd.md")).unwrap();
    unix(outside.clone(), dir.join("etc")).unwrap();
    unix(dir.join("sub/inner.md"), dir.join("inside.md")).unwrap();
    let fifo = dir.join("pipe.md");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let d = dir.to_str().unwrap();
    let ids = |o: &Output| -> Vec<String> {
        let arts: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
        arts.iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect()
    };
    let o = run_in(
        home.path(),
        &["--corpus", d, "--no-cache", "articles", "--json"],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    let got = ids(&o);
    assert!(got.contains(&"a".to_string()) && got.contains(&"inner".to_string()));
    assert!(
        got.contains(&"inside".to_string()),
        "a link that stays inside is followed: {got:?}"
    );
    assert!(
        !got.contains(&"passwd".to_string()) && !got.contains(&"secret".to_string()),
        "{got:?}"
    );
    assert!(
        err.contains("passwd.md: symbolic link out of the corpus folder, not followed"),
        "{err}"
    );
    assert!(
        err.contains("etc: symbolic link out of the corpus folder"),
        "{err}"
    );
    if made {
        assert!(err.contains("pipe.md: a FIFO, skipped"), "{err}");
    }
    let o = run_in(
        home.path(),
        &[
            "--corpus",
            d,
            "--no-cache",
            "--follow",
            "articles",
            "--json",
        ],
    );
    let got = ids(&o);
    assert!(
        got.contains(&"passwd".to_string()) && got.contains(&"secret".to_string()),
        "{got:?}"
    );
}

#[test]
fn an_article_over_the_size_limit_is_refused_with_its_name() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("c");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.md"), "La Chine publie.\n").unwrap();
    // A sparse file: 60 MB that take no room.
    let f = std::fs::File::create(dir.join("huge.txt")).unwrap();
    f.set_len(60 * 1024 * 1024).unwrap();
    let o = run_in(
        home.path(),
        &["--corpus", dir.to_str().unwrap(), "articles"],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("huge.txt: 60 MB is over the 50 MB limit for an article, skipped"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("a"));
}

#[test]
fn a_state_file_of_an_unknown_version_is_set_aside_and_reported() {
    let home = tempfile::tempdir().unwrap();
    let state: PathBuf = home.path().join("data/triptyque/corpora/builtin");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(
        state.join("state.json"),
        r#"{"version": 99, "bookmarks": [{"claim": "x"}]}"#,
    )
    .unwrap();
    let o = run_in(home.path(), &["bookmarks"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("has version 99"), "{err}");
    let names: Vec<String> = std::fs::read_dir(&state)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("state.json.corrupt-")),
        "{names:?}"
    );
}
