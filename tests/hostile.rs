//! Hostile content: whatever a corpus holds, nothing it contains reaches the
//! terminal as a control, every problem is named, and the rest loads.

mod common;

use common::run_in as run;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Copies tests/hostile/ into `dir` and adds the files whose bytes are
/// awkward to commit.
fn hostile_corpus(dir: &Path) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    copy_dir(&src, dir);
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    w("csi.md", b"Avant \x1b[2J\x1b[H effacement. Fin.\n");
    w(
        "osc52.md",
        b"\x1b]52;c;aGFja2Vk\x07Le presse-papier est vis\xc3\xa9.\n",
    );
    w(
        "osc8.md",
        b"Un \x1b]8;;http://evil.example\x1b\\lien\x1b]8;;\x1b\\ pi\xc3\xa9g\xc3\xa9.\n",
    );
    w(
        "osc-open.md",
        b"Titre \x1b]0;PWNED sans fin\nLigne deux, la Chine.\n",
    );
    w(
        "title.md",
        b"\x1b]2;HACKED\x07Le titre de la fen\xc3\xaatre.\n",
    );
    let mut c1 = String::from("C1 :");
    for c in '\u{80}'..='\u{9f}' {
        c1.push(c);
    }
    c1.push_str(" \u{9b}31mrouge\u{9b}0m et \u{9d}0;PWNED\u{9c} fin.\n");
    w("c1.md", c1.as_bytes());
    // Raw 8-bit C1 bytes are not UTF-8: they decode to U+FFFD, so what
    // followed them is plain text (hence no sentinel word here).
    w(
        "c1-raw.txt",
        b"Octets bruts \x9b31m et \x9d2;brut\x07 ici.\n",
    );
    w("bidi.md", "Accès \u{202e}nimda\u{202c} et \u{2066}isol\u{2069} \u{2067}x\u{2069} \u{202a}\u{202b}\u{202d} fin.\n".as_bytes());
    let zalgo = format!(
        "Voici{} un texte\u{200b}\u{200b}\u{200d} zalgo.\n",
        "\u{301}\u{302}\u{303}".repeat(300)
    );
    w("zalgo.md", zalgo.as_bytes());
    let long: String = (0..700_000)
        .map(|i| ["la", "chine", "europe", "modèle", "ia"][i % 5])
        .collect::<Vec<_>>()
        .join(" ");
    w("long-line.txt", long.as_bytes());
    w("bom-crlf.md", "\u{feff}+++\r\ntitle = \"BOM\"\r\n+++\r\nLa Chine publie.\r\nLes USA ferment.\rFin de ligne seule.\r\n".as_bytes());
    w("nul.md", b"Avant\0apr\xc3\xa8s le NUL.\0\n");
    w(
        "bad-utf8-body.txt",
        b"D\xe9but en latin-1 : caf\xe9 cr\xe8me.\n",
    );
    w(
        "bad-utf8-fm.md",
        b"+++\ntitle = \"Caf\xe9\"\n+++\nCorps correct.\n",
    );
    std::os::unix::fs::symlink(".", dir.join("loop")).unwrap();
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        let to = dst.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), to).unwrap();
        }
    }
}

/// The one definition of unsafe on the raw bytes (common), and no
/// injected payload.
fn assert_inert(what: &str, bytes: &[u8]) {
    let s = common::assert_no_unsafe(what, bytes, false);
    assert!(
        !s.contains("PWNED") && !s.contains("HACKED") && !s.contains("aGFja2Vk"),
        "{what}: an injected payload shows"
    );
}

#[test]
fn hostile_corpus_loads_inert_and_reported() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("corpus");
    hostile_corpus(&dir);
    let d = dir.to_str().unwrap();
    let o = run(home.path(), &["--corpus", d, "articles", "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_inert("stderr", err.as_bytes());
    let expect = [
        ("csi.md:1:", "escape sequence"),
        ("osc52.md:1:", "escape sequence"),
        ("osc8.md:1:", "escape sequence"),
        ("osc-open.md:1:", "escape sequence"),
        ("title.md:1:", "escape sequence"),
        ("c1.md:1:", "control char"),
        ("c1-raw.txt:1:", "not valid UTF-8"),
        ("bidi.md:1:", "bidi override"),
        ("zalgo.md:1:", "combining mark"),
        ("long-line.txt", "longer than 1000 chars"),
        ("whitespace-only.md", "no text"),
        ("nul.md:1:", "control char"),
        ("bad-utf8-body.txt:1:", "not valid UTF-8"),
        ("bad-utf8-fm.md:2:", "not valid UTF-8"),
        ("open-front-matter.md:1:", "never closes"),
        ("deep-toml.md:2:", "not valid TOML"),
        ("same.md", "duplicate article id `same`"),
        ("loop", "symbolic link loop"),
    ];
    for (place, what) in expect {
        assert!(
            err.lines().any(|l| l.contains(place) && l.contains(what)),
            "no warning {place} {what} in:\n{err}"
        );
    }
    // The rest loads: the good article, and what could be read of the others.
    let arts: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = arts.iter().map(|a| a["id"].as_str().unwrap()).collect();
    for id in [
        "good",
        "csi",
        "bom-crlf",
        "nul",
        "bad-utf8-body",
        "long-line",
        "same",
        "same~2",
        "open-front-matter",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert_eq!(
        arts.iter().find(|a| a["id"] == "bom-crlf").unwrap()["title"],
        "BOM",
        "a BOM does not hide the front matter"
    );
    // Every command, plain and JSON, and every view: nothing but text.
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["articles"],
        vec!["claims"],
        vec!["claims", "--json"],
        vec!["claims", "--text"],
        vec!["search", "chine"],
        vec!["search", "e", "--json"],
        vec!["timeline"],
        vec!["figures", "--json"],
    ];
    for id in &ids {
        runs.push(vec!["show", id]);
    }
    for view in ["blocs", "reader", "timeline", "figures", "search", "help"] {
        for size in ["120x40", "40x12"] {
            runs.push(vec![
                "render", "--view", view, "--size", size, "--query", "e",
            ]);
        }
    }
    for r in &runs {
        let mut args = vec!["--corpus", d];
        args.extend(r);
        let o = run(home.path(), &args);
        assert!(
            o.status.success() || o.status.code() == Some(1),
            "{r:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_inert(&format!("{r:?}"), &o.stdout);
    }
    let o = run(home.path(), &["--corpus", d, "--strict", "articles"]);
    assert_eq!(o.status.code(), Some(2), "--strict fails on the warnings");
}

#[test]
fn an_unreadable_file_is_named_and_skipped() {
    // As root, permissions do not stop reads: run the program as nobody.
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    let setpriv = Path::new("/usr/bin/setpriv").exists();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("good.md"), "La Chine publie.\n").unwrap();
    std::fs::write(dir.join("secret.md"), "Illisible.\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        dir.join("secret.md"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    for p in [home.path(), dir.as_path()] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut cmd = if is_root {
        if !setpriv {
            assert!(
                std::env::var_os("CI").is_none(),
                "running as root without setpriv: CI cannot test an unreadable file"
            );
            println!("skipped: running as root without setpriv");
            return;
        }
        let mut c = Command::new("/usr/bin/setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_triptyque"),
        ]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_triptyque"))
    };
    let out = cmd
        .args([
            "--no-cache",
            "--corpus",
            dir.to_str().unwrap(),
            "claims",
            "--text",
        ])
        .env("HOME", "/nonexistent")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("secret.md") && err.contains("cannot read, skipped"),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "La Chine publie.\n");
}

fn tmux(sock: &str, args: &[&str]) -> Output {
    Command::new("tmux")
        .args(["-L", sock, "-f", "/dev/null"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn injected_sequences_have_no_effect_in_a_real_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is not installed, and CI must run the end-to-end tests"
        );
        println!("skipped: tmux is not installed");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let dir: PathBuf = home.path().join("corpus");
    hostile_corpus(&dir);
    let sock = format!("triptyque-hostile-{}", std::process::id());
    let h = home.path().display().to_string();
    let cmd = format!(
        "env HOME={h} XDG_DATA_HOME={h}/data XDG_CACHE_HOME={h}/cache XDG_CONFIG_HOME={h}/config TERM=xterm-256color LANG=C.UTF-8 {} --corpus {} ; sleep 30",
        env!("CARGO_BIN_EXE_triptyque"),
        dir.display()
    );
    let out = tmux(
        &sock,
        &[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "120",
            "-y",
            "40",
            &cmd,
        ],
    );
    assert!(out.status.success());
    tmux(&sock, &["set-option", "-g", "set-clipboard", "on"]);
    let title_before = String::from_utf8_lossy(
        &tmux(&sock, &["display", "-p", "-t", "t", "#{pane_title}"]).stdout,
    )
    .into_owned();
    let start = std::time::Instant::now();
    let mut screen = String::new();
    while start.elapsed() < std::time::Duration::from_secs(60) {
        screen = String::from_utf8_lossy(&tmux(&sock, &["capture-pane", "-p", "-t", "t"]).stdout)
            .into_owned();
        if screen.contains("Blocs") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // Walk the views, the reader and a search over the hostile text.
    for keys in [
        &["T"][..],
        &["F"],
        &["B"],
        &["Enter"],
        &["Escape"],
        &["/"],
        &["e"],
        &["Escape"],
        &["j", "j", "Enter"],
    ] {
        let mut a = vec!["send-keys", "-t", "t"];
        a.extend_from_slice(keys);
        tmux(&sock, &a);
        std::thread::sleep(std::time::Duration::from_millis(150));
        let s = String::from_utf8_lossy(&tmux(&sock, &["capture-pane", "-p", "-t", "t"]).stdout)
            .into_owned();
        assert!(
            !s.contains("PWNED") && !s.contains("HACKED"),
            "an injected title shows:\n{s}"
        );
    }
    let title_after = String::from_utf8_lossy(
        &tmux(&sock, &["display", "-p", "-t", "t", "#{pane_title}"]).stdout,
    )
    .into_owned();
    let buffers = String::from_utf8_lossy(&tmux(&sock, &["list-buffers"]).stdout).into_owned();
    tmux(&sock, &["kill-server"]);
    assert!(screen.contains("Blocs"), "the explorer came up:\n{screen}");
    assert_eq!(title_before, title_after, "the pane title was not changed");
    assert!(!title_after.contains("PWNED") && !title_after.contains("HACKED"));
    assert!(
        buffers.trim().is_empty(),
        "no clipboard buffer was written: {buffers}"
    );
}

#[test]
fn a_corpus_changing_while_it_loads_gives_warnings_not_a_crash() {
    let d = tempfile::tempdir().unwrap();
    for i in 0..5 {
        std::fs::write(
            d.path().join(format!("a{i}.md")),
            format!("Article {i}. La Chine publie.\n").repeat(50),
        )
        .unwrap();
    }
    let scan = triptyque::corpus::scan_dir(d.path()).unwrap();
    assert_eq!(scan.files.len(), 5);
    // Between the scan and the reads: one file goes, one is cut short.
    std::fs::remove_file(d.path().join("a1.md")).unwrap();
    std::fs::write(d.path().join("a3.md"), "Art").unwrap();
    let c = triptyque::corpus::Corpus::load_scanned(d.path(), scan, None).unwrap();
    assert_eq!(c.articles.len(), 4);
    assert!(
        c.warnings
            .iter()
            .any(|w| w.file.ends_with("a1.md") && w.message.contains("cannot read")),
        "{:?}",
        c.warnings
    );
    assert_eq!(&*c.article("a3").unwrap().body, "Art");
    // Everything gone: an error, not a panic.
    let scan = triptyque::corpus::scan_dir(d.path()).unwrap();
    for e in std::fs::read_dir(d.path()).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    assert!(triptyque::corpus::Corpus::load_scanned(d.path(), scan, None).is_err());
}
