//! The CLI, run as a user would: the real binary, its JSON, its errors.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// A private HOME for the whole test binary: nothing touches the user's own.
fn home() -> &'static Path {
    static HOME: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    HOME.get_or_init(|| tempfile::tempdir().expect("a temp home"))
        .path()
}

fn with_home(cmd: &mut Command, home: &Path) {
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"));
}

fn run_in(args: &[&str], dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_triptyque"));
    with_home(&mut cmd, home());
    cmd.args(args).env_remove("NO_COLOR").env("COLUMNS", "80");
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    cmd.output().expect("the binary runs")
}

fn run(args: &[&str]) -> Output {
    run_in(args, None)
}

fn json(args: &[&str]) -> Vec<Value> {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    v.as_array().expect("one array per command").clone()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn articles_json() {
    let a = json(&["articles", "--json"]);
    assert_eq!(a.len(), 5);
    for art in &a {
        for key in ["id", "title", "author", "date", "source", "lang", "claims"] {
            assert!(art.get(key).is_some(), "{key} missing in {art}");
        }
        assert_eq!(art["lang"], "fr");
        assert!(art["claims"].as_u64().unwrap() > 10);
    }
    let ids: Vec<&str> = a.iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"2025-02-europe-face-aux-ia-chinoises"));
    let total: u64 = a.iter().map(|x| x["claims"].as_u64().unwrap()).sum();
    assert_eq!(total as usize, json(&["claims", "--json"]).len());
    let ren = a
        .iter()
        .find(|x| x["author"] == "Ren Ito")
        .expect("Ren Ito's article");
    assert_eq!(ren["date"], "2025");
}

#[test]
fn claims_json_and_filters() {
    let all = json(&["claims", "--json"]);
    let mut ids = std::collections::HashSet::new();
    for c in &all {
        for key in [
            "id",
            "article",
            "paragraph",
            "text",
            "blocs",
            "topics",
            "dates",
            "start",
            "end",
            "kind",
        ] {
            assert!(c.get(key).is_some(), "{key} missing in {c}");
        }
        assert!(
            ids.insert(c["id"].as_str().unwrap().to_string()),
            "duplicate id"
        );
        for b in c["blocs"].as_array().unwrap() {
            let b = b.as_str().unwrap();
            assert_eq!(b, b.to_lowercase());
        }
    }
    let us = json(&["claims", "--bloc", "us", "--json"]);
    assert!(!us.is_empty() && us.len() < all.len());
    assert!(
        us.iter()
            .all(|c| c["blocs"].as_array().unwrap().iter().any(|b| b == "us"))
    );
    let art = json(&[
        "claims",
        "--article",
        "2025-05-trois-visions-de-l-ia",
        "--json",
    ]);
    assert!(
        art.iter()
            .all(|c| c["article"] == "2025-05-trois-visions-de-l-ia")
    );
    assert_eq!(art[0]["id"], "2025-05-trois-visions-de-l-ia#1");
    // Dates come as strings with their precision.
    let coder = all
        .iter()
        .find(|c| c["text"].as_str().unwrap().starts_with("Dès février 2024"))
        .unwrap();
    let d = coder["dates"].as_array().unwrap();
    assert_eq!(d[0]["date"], "2024-02");
    assert_eq!(d[1]["date"], "2024-05");
    assert_eq!(d[1]["end"], "2024-06");
    let bad = run(&["claims", "--bloc", "xx"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown bloc"));
}

#[test]
fn search_json_ranks_and_points_at_matches() {
    let r = json(&["search", "deepseek", "cout", "--json", "--limit", "5"]);
    assert!(r.len() <= 5 && !r.is_empty());
    assert!(
        r[0]["text"].as_str().unwrap().contains("0,55$"),
        "{}",
        r[0]["text"]
    );
    for x in &r {
        let chars: Vec<char> = x["text"].as_str().unwrap().chars().collect();
        let ix = x["indices"].as_array().unwrap();
        assert!(!ix.is_empty());
        for i in ix {
            assert!((i.as_u64().unwrap() as usize) < chars.len());
        }
        assert!(x["score"].as_i64().unwrap() > 0);
    }
    let scores: Vec<i64> = r.iter().map(|x| x["score"].as_i64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    // Accents: "etats unis" finds "États-Unis", highlighted in the original.
    let r = json(&["search", "etats unis", "--json", "--limit", "3"]);
    let t: Vec<char> = r[0]["text"].as_str().unwrap().chars().collect();
    let hl: String = r[0]["indices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| t[i.as_u64().unwrap() as usize])
        .collect();
    assert!(hl.starts_with("États"), "{hl}");
    let eu = json(&["search", "regulation", "--bloc", "eu", "--json"]);
    assert!(
        eu.iter()
            .all(|x| x["blocs"].as_array().unwrap().iter().any(|b| b == "eu"))
    );
    // Nothing found: an empty array and exit 1, like grep.
    let none = run(&["search", "'zzqqzz", "--json"]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(
        serde_json::from_slice::<Value>(&none.stdout).unwrap(),
        Value::Array(vec![])
    );
}

#[test]
fn show_article_and_claim() {
    let a = json(&["show", "2025-05-trois-visions-de-l-ia", "--json"]);
    assert_eq!(a[0]["id"], "2025-05-trois-visions-de-l-ia");
    assert!(a[0]["paragraphs"].as_array().unwrap().len() > 10);
    let c = json(&["show", "2025-05-trois-visions-de-l-ia#3", "--json"]);
    assert_eq!(
        c[0]["claim"]["text"],
        "Les États-Unis les protègent et en restreignent l’accès."
    );
    assert!(
        c[0]["paragraph"]
            .as_str()
            .unwrap()
            .contains("La Chine publie ses modèles")
    );
    let plain = run(&["show", "2025-05-trois-visions-de-l-ia#3", "--width", "60"]);
    let s = stdout(&plain);
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("**Les États-Unis les protègent et en restreignent l’accès.**"),
        "{s}"
    );
    assert!(
        s.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 60),
        "{s}"
    );
    let art = stdout(&run(&[
        "show",
        "2025-05-trois-visions-de-l-ia",
        "--width",
        "70",
    ]));
    assert!(art.starts_with("Chine, États-Unis, Europe : trois visions de l’IA"));
    assert!(
        art.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 70)
    );
    let missing = run(&["show", "nope#9"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no article or claim `nope#9`"));
}

#[test]
fn timeline_json_links_quotes_to_claims() {
    let e = json(&["timeline", "--json"]);
    assert!(e.len() >= 3);
    let dates: Vec<&str> = e.iter().map(|x| x["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    for ev in &e {
        for s in ev["sources"].as_array().unwrap() {
            let claim = s["claim"]
                .as_str()
                .expect("every quote is linked to a claim");
            assert!(claim.starts_with(s["article"].as_str().unwrap()));
        }
    }
    assert!(
        e.iter()
            .any(|x| x["id"] == "deepseek-coder" && x["date"] == "2024-02")
    );
}

#[test]
fn help_everywhere() {
    for args in [
        &["--help"][..],
        &["search", "--help"],
        &["claims", "--help"],
        &["show", "--help"],
    ] {
        let o = run(args);
        assert!(o.status.success());
        assert!(stdout(&o).contains("Usage: triptyque"));
    }
}

#[test]
fn seeds_are_all_embedded_and_verbatim() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut embedded: Vec<String> = triptyque::corpus::SEEDS
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    embedded.sort();
    assert_eq!(files, embedded, "every file of seeds/ is embedded");
    // Each body is an original article of ../shared/seeds, verbatim (the
    // first one's leading "date 2025-05" line moved into its front matter).
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(rd) = std::fs::read_dir(&shared) else {
        println!("skipped the verbatim check: {} is absent", shared.display());
        return;
    };
    let originals: Vec<String> = rd
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for (name, text) in triptyque::corpus::SEEDS {
        let (_, body, _, _) = triptyque::corpus::frontmatter::split(text);
        assert!(
            originals
                .iter()
                .any(|o| o == body || o.strip_prefix(" date 2025-05 ") == Some(body)),
            "{name}: body differs from every original"
        );
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

#[test]
fn user_corpus_with_lexicon_and_timeline() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "a.md",
        "+++\ntitle = \"Tokyo et Delhi\"\nauthor = \"X\"\ndate = \"2025-03-02\"\nsource = \"Le Test\"\nlang = \"fr\"\n+++\nLe Japon investit. L’Inde aussi, en mars 2025.\n".as_bytes(),
    );
    write(
        d.path(),
        "sub/b.txt",
        "Sans front matter. Washington regarde Pékin.\n".as_bytes(),
    );
    write(d.path(), "notes.csv", b"ignored");
    write(
        d.path(),
        "lexicon.toml",
        b"[[bloc]]\ncode = \"in\"\nname = \"India\"\nterms = [\"Inde\"]\n",
    );
    write(
        d.path(),
        "timeline.toml",
        "[[event]]\nid = \"e\"\ndate = \"2025-03\"\ntitle = \"T\"\n[[event.source]]\narticle = \"a\"\nquote = \"L’Inde aussi\"\n".as_bytes(),
    );
    let dir = d.path().to_str().unwrap();
    let arts = json(&["--corpus", dir, "articles", "--json"]);
    assert_eq!(arts.len(), 2);
    assert_eq!(arts[0]["id"], "a");
    assert_eq!(arts[0]["source"], "Le Test");
    assert_eq!(arts[1]["id"], "b");
    assert_eq!(arts[1]["title"], "b", "title defaults to the file stem");
    let claims = json(&["--corpus", dir, "claims", "--json"]);
    assert_eq!(claims.len(), 4);
    assert_eq!(claims[1]["blocs"], serde_json::json!(["in"]));
    assert_eq!(claims[1]["dates"][0]["date"], "2025-03");
    assert_eq!(claims[3]["blocs"], serde_json::json!(["us", "cn"]));
    let ev = json(&["--corpus", dir, "timeline", "--json"]);
    assert_eq!(ev[0]["sources"][0]["claim"], "a#2");
    let s = json(&["--corpus", dir, "search", "@in", "--json"]);
    assert_eq!(s.len(), 1);
}

#[test]
fn bad_input_warns_with_file_and_line_and_loads_the_rest() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "good.md", "Une phrase sur la Chine.\n".as_bytes());
    let mut bad_utf8 = b"Ligne un.\nDeux \xff\xfe trois.\n".to_vec();
    bad_utf8.extend_from_slice("Quatre.\n".as_bytes());
    write(d.path(), "utf8.txt", &bad_utf8);
    write(
        d.path(),
        "fm.md",
        b"+++\ntitle = \"x\"\ndate = = 2\n+++\nTexte.\n",
    );
    write(
        d.path(),
        "key.md",
        b"+++\ntitle = \"x\"\nauthr = \"y\"\n+++\nTexte.\n",
    );
    write(
        d.path(),
        "date.md",
        b"+++\ntitle = \"x\"\ndate = \"2025-13-01\"\n+++\nTexte.\n",
    );
    write(d.path(), "empty.md", b"");
    write(
        d.path(),
        "lexicon.toml",
        b"[[bloc]]\ncode = \"x\"\nterms = [\"a\"\n",
    );
    write(
        d.path(),
        "timeline.toml",
        b"[[event]]\nid = \"e\"\ndate = \"someday\"\ntitle = \"T\"\n",
    );
    let dir = d.path().to_str().unwrap();
    let o = run(&["--corpus", dir, "articles", "--json"]);
    assert!(o.status.success(), "warnings do not fail the command");
    let err = stderr(&o);
    let expect = [
        ("utf8.txt:2:", "not valid UTF-8"),
        ("fm.md:3:", "not valid TOML"),
        ("key.md:3:", "unknown key `authr`"),
        ("date.md:3:", "invalid date"),
        ("empty.md:", "no text"),
        ("lexicon.toml:", "lexicon ignored"),
        ("timeline.toml:3:", "left out"),
    ];
    for (place, what) in expect {
        assert!(
            err.lines().any(|l| l.contains(place) && l.contains(what)),
            "missing {place} {what} in:\n{err}"
        );
    }
    let arts: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    // Every readable article loads, the broken ones with what could be read.
    assert_eq!(arts.len(), 5, "{arts:?}");
    let strict = run(&["--corpus", dir, "--strict", "articles"]);
    assert_eq!(strict.status.code(), Some(2));
    assert!(stderr(&strict).contains("triptyque: error:"));
}

#[test]
fn missing_or_empty_corpus_is_an_error() {
    let o = run(&["--corpus", "/nonexistent/dir", "articles"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/dir"), "{}", stderr(&o));
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "readme.csv", b"x");
    let o = run(&["--corpus", d.path().to_str().unwrap(), "claims"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds no article"));
}

#[test]
fn control_sequences_never_reach_the_output() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "evil.md",
        b"+++\ntitle = \"T\x1b]0;pwned\x07itre\"\n+++\nLa Chine \x1b[2Jpublie\x1b]52;c;aGVsbG8=\x07 ses mod\xc3\xa8les \xc2\x9b31m. L'Europe \xe2\x80\xaeregule.\n",
    );
    let dir = d.path().to_str().unwrap();
    for args in [
        &["--corpus", dir, "claims"][..],
        &["--corpus", dir, "claims", "--json"],
        &["--corpus", dir, "articles"],
        &["--corpus", dir, "search", "chine", "--color", "always"],
        &["--corpus", dir, "show", "evil"],
    ] {
        let o = run(args);
        assert!(o.status.success(), "{args:?}");
        let colored = args.contains(&"always");
        for (i, &b) in o.stdout.iter().enumerate() {
            // Our own styling (with --color always) writes CSI `m` sequences only.
            if colored && b == 0x1b {
                assert_eq!(o.stdout.get(i + 1), Some(&b'['), "{args:?}");
                continue;
            }
            assert!(
                b == b'\n' || !(b < 0x20 || b == 0x7f),
                "{args:?}: byte {b:#x} at {i}"
            );
        }
        let text = stdout(&o);
        assert!(
            !text.contains('\u{9b}') && !text.contains('\u{202e}'),
            "{args:?}"
        );
        assert!(!text.contains("pwned"), "{args:?}");
    }
    let o = run(&["--corpus", dir, "claims"]);
    assert!(stderr(&o).contains("evil.md:2: removed"), "{}", stderr(&o));
}

#[test]
fn without_a_terminal_the_explorer_says_so() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_triptyque"));
    with_home(&mut cmd, home());
    let o = cmd.stdin(std::process::Stdio::null()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not a terminal"), "{err}");
    assert!(o.stdout.is_empty(), "nothing drawn");
}

/// `triptyque CMD | head -1`: the reader goes away after one line; every
/// command ends quietly with 0, as grep and ripgrep do.
#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Enough text that every listing overflows a pipe's buffer (64 KiB).
    for i in 0..120 {
        let body: String = (0..30)
            .map(|j| format!("La Chine publie le modèle {i}-{j} et Nvidia vend 12 milliards de dollars de puces. "))
            .collect();
        std::fs::write(
            dir.path().join(format!("a{i:03}.md")),
            format!(
                "+++\ntitle = \"Article {i}\"\ndate = \"2025-01-{:02}\"\n+++\n{body}\n",
                i % 28 + 1
            ),
        )
        .unwrap();
    }
    let corpus = dir.path().to_str().unwrap();
    let commands: &[&[&str]] = &[
        &["claims"],
        &["claims", "--json"],
        &["articles"],
        &["articles", "--json"],
        &["search", "chine"],
        &["search", "chine", "--json"],
        &["figures"],
        &["figures", "--json"],
        &["timeline"],
        &["timeline", "--json"],
        &["show", "a001"],
        &["show", "a001", "--json"],
        &["bookmarks"],
        &["config", "--default"],
        &["export", "--search", "chine"],
        &["export", "--timeline", "--format", "json"],
        &["render", "--view", "search"],
    ];
    for args in commands {
        let mut child = Command::new(env!("CARGO_BIN_EXE_triptyque"))
            .arg("--corpus")
            .arg(corpus)
            .args(*args)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        out.read_line(&mut line).unwrap();
        drop(out);
        let o = child.wait_with_output().unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            o.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

/// Each command's help lists the flags that apply to it, not the
/// explorer's, and states the exit codes.
#[test]
fn subcommand_help_lists_only_its_flags_and_the_exit_codes() {
    let top = run(&["--help"]);
    let top = String::from_utf8_lossy(&top.stdout).into_owned();
    assert!(
        top.contains("--fresh") && top.contains("--no-mouse"),
        "{top}"
    );
    assert!(top.contains("Exit codes: 0 success"), "{top}");
    for cmd in [
        "articles",
        "claims",
        "search",
        "show",
        "render",
        "figures",
        "bookmarks",
        "init",
        "config",
        "export",
        "timeline",
    ] {
        let o = run(&[cmd, "--help"]);
        assert!(o.status.success(), "{cmd}");
        let h = String::from_utf8_lossy(&o.stdout);
        for flag in ["--fresh", "--no-mouse", "--no-color"] {
            assert!(!h.contains(flag), "{cmd} --help lists {flag}:\n{h}");
        }
        assert!(h.contains("Exit codes: 0 success"), "{cmd}:\n{h}");
    }
    let o = run(&["export", "--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("--force"));
}

/// Piped, nothing is cut: titles, ids and meta lines come whole, for grep.
#[test]
fn piped_output_is_never_cut() {
    for args in [
        &["articles"][..],
        &["show", "2025-02-10-geopolitique-de-l-ia-course-en-mutation"][..],
    ] {
        let o = run(args);
        assert!(o.status.success(), "{args:?}");
        let s = String::from_utf8_lossy(&o.stdout);
        assert!(
            s.contains("Géopolitique de l’IA : une course technologique en pleine mutation"),
            "{args:?}:\n{s}"
        );
        assert!(
            !s.lines().take(4).any(|l| l.ends_with('…')),
            "{args:?}:\n{s}"
        );
    }
}

/// `--ascii` holds for plain output too: the corpus's symbols as their
/// ASCII fallbacks, accented letters kept.
#[test]
fn ascii_plain_output() {
    for args in [
        &[
            "--ascii",
            "show",
            "2025-02-10-geopolitique-de-l-ia-course-en-mutation",
        ][..],
        &["--ascii", "search", "deepseek"][..],
        &["--ascii", "timeline"][..],
    ] {
        let o = run(args);
        assert!(o.status.success(), "{args:?}");
        let s = String::from_utf8_lossy(&o.stdout);
        let bad: Vec<char> = s
            .chars()
            .filter(|c| !c.is_ascii() && !c.is_alphabetic())
            .collect();
        assert!(bad.is_empty(), "{args:?}: {bad:?}");
        assert!(s.contains('é'), "{args:?}: accented letters stay");
    }
    // Without it, a pipe gets the text as it is.
    let s = String::from_utf8_lossy(
        &run(&["show", "2025-02-10-geopolitique-de-l-ia-course-en-mutation"]).stdout,
    )
    .into_owned();
    assert!(s.contains('’'), "{s}");
}
