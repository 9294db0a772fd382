//! End to end, as a person would: the real binary in a detached tmux session
//! of a fixed size, keys sent with `send-keys`, the screen read with
//! `capture-pane`.

use std::path::Path;
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The timeline has found its events: its title counts them ("Timeline 35
/// events"), not the worker's "finding the events in 225 claims…".
fn timeline_ready(s: &str) -> bool {
    s.lines().any(|l| {
        l.split("Timeline ")
            .nth(1)
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()) && r.contains(" events"))
    })
}

struct Tmux {
    socket: String,
    /// A private HOME (with XDG dirs under it): no test reads or writes the
    /// user's own state, config or cache.
    home: tempfile::TempDir,
    /// The window keys, screens and pids go to ("t:" is the session's
    /// current one; `select` names one).
    target: std::cell::RefCell<String>,
}

impl Tmux {
    /// A private tmux server running a plain shell, or `None` (with the
    /// reason printed) when tmux is not installed outside CI.
    fn start(name: &str, w: u16, h: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            // CI installs tmux (.ci/run): there, a missing tmux is a failure,
            // not a pass.
            assert!(
                std::env::var_os("CI").is_none(),
                "tmux is not installed, and CI must run the end-to-end tests"
            );
            println!("skipped: tmux is not installed");
            return None;
        }
        let home = tempfile::tempdir().expect("a temp home");
        Self::start_in(name, w, h, home)
    }

    /// Like `start`, with a given HOME (to start the app again on the same state).
    fn start_in(name: &str, w: u16, h: u16, home: tempfile::TempDir) -> Option<Tmux> {
        let t = Tmux {
            socket: format!("triptyque-{name}-{}", std::process::id()),
            home,
            target: std::cell::RefCell::new("t:".to_string()),
        };
        let (w, h) = (w.to_string(), h.to_string());
        let mut args = vec!["new-session", "-d", "-s", "t", "-x", &w, "-y", &h];
        let shell = t.shell();
        args.extend(shell.iter().map(String::as_str));
        let out = t.tmux(&args);
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t.wait_for("$", "the shell prompt");
        Some(t)
    }

    /// The plain shell every window runs, on the private HOME.
    fn shell(&self) -> Vec<String> {
        let h_dir = self.home.path().display().to_string();
        [
            "env".to_string(),
            "PS1=$ ".to_string(),
            format!("HOME={h_dir}"),
            format!("XDG_DATA_HOME={h_dir}/data"),
            format!("XDG_CONFIG_HOME={h_dir}/config"),
            format!("XDG_CACHE_HOME={h_dir}/cache"),
            "TERM=xterm-256color".to_string(),
            "LANG=C.UTF-8".to_string(),
            "bash".to_string(),
            "--norc".to_string(),
            "--noprofile".to_string(),
        ]
        .to_vec()
    }

    /// Opens a second window on the same HOME and makes it current: keys,
    /// screens and launches then go to it, until `select` goes back.
    fn new_window(&self) {
        // "t:", the session: a bare "t" may name the window running
        // triptyque (a prefix of its name), whose index is taken.
        let mut args = vec!["new-window", "-t", "t:"];
        let shell = self.shell();
        args.extend(shell.iter().map(String::as_str));
        assert!(self.tmux(&args).status.success());
        *self.target.borrow_mut() = "t:1".to_string();
        self.wait_for("$", "the second shell's prompt");
    }

    /// Makes window `n` current, and the target of keys and screens.
    fn select(&self, n: u8) {
        let w = format!("t:{n}");
        assert!(self.tmux(&["select-window", "-t", &w]).status.success());
        *self.target.borrow_mut() = w;
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn keys(&self, keys: &[&str]) {
        let target = self.target.borrow().clone();
        let mut args = vec!["send-keys", "-t", &target];
        args.extend_from_slice(keys);
        assert!(self.tmux(&args).status.success());
    }

    /// Types text literally.
    fn type_text(&self, s: &str) {
        assert!(
            self.tmux(&["send-keys", "-t", &self.target.borrow(), "-l", s])
                .status
                .success()
        );
    }

    fn screen(&self) -> String {
        let target = self.target.borrow().clone();
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", &target]).stdout)
            .into_owned()
    }

    fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            sleep(Duration::from_millis(40));
        }
    }

    fn wait_for(&self, needle: &str, what: &str) -> String {
        self.wait_until(what, |s| s.contains(needle))
    }

    /// Starts the app in the shell and waits for its first frame.
    fn launch(&self, env: &str) -> String {
        self.launch_with(env, "")
    }

    /// Starts the app with environment `env` and arguments `args`.
    fn launch_with(&self, env: &str, args: &str) -> String {
        let cmd = format!(
            "{env} {} {args} ; echo EXIT=$?",
            env!("CARGO_BIN_EXE_triptyque")
        );
        self.type_text(&cmd);
        self.keys(&["Enter"]);
        self.wait_until("the three panes", |s| {
            s.contains("US") && s.contains("China") && s.contains("EU")
        })
    }

    /// Starts the app with `env` and returns at once.
    fn launch_with_no_wait(&self, env: &str) {
        let cmd = format!("{env} {} ; echo EXIT=$?", env!("CARGO_BIN_EXE_triptyque"));
        self.type_text(&cmd);
        self.keys(&["Enter"]);
    }

    /// Starts the app without waiting for the Blocs view (a restored session
    /// may open another).
    fn launch_any(&self, args: &str) {
        let cmd = format!("{} {args} ; echo EXIT=$?", env!("CARGO_BIN_EXE_triptyque"));
        self.type_text(&cmd);
        self.keys(&["Enter"]);
        self.wait_for("triptyque │", "the first frame");
    }

    /// After the app has quit: the shell is back, in cooked mode.
    fn assert_clean_shell(&self, exit: &str) {
        let s = self.wait_for(&format!("EXIT={exit}"), "the app to exit");
        assert!(
            !s.contains('╭') && !s.contains("triptyque │"),
            "the alternate screen is gone:\n{s}"
        );
        self.type_text("echo RAW=$(stty -a | grep -c -- -icanon)");
        self.keys(&["Enter"]);
        self.wait_for("RAW=0", "canonical mode back");
        self.keys(&["C-l"]);
        self.wait_until("a cleared screen", |s| !s.contains("RAW=0"));
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

#[test]
fn a_session_at_the_keyboard() {
    let Some(t) = Tmux::start("session", 120, 40) else {
        return;
    };
    let s = t.launch("");
    for title in ["US 75", "China 93", "EU 49"] {
        assert!(s.contains(title), "pane title {title}:\n{s}");
    }
    // Help, generated from the keymap.
    t.keys(&["?"]);
    t.wait_for("Keys (Esc or ? to close)", "help");
    t.keys(&["Escape"]);
    t.wait_until("help closed", |s| !s.contains("Keys (Esc"));
    // Search: the claim about 0,55$ per million tokens.
    t.keys(&["/"]);
    t.wait_for("> _", "the search prompt");
    t.type_text("deepseek cout");
    let s = t.wait_for("0,55$ par million", "the 0,55$ claim in the results");
    assert!(s.contains("> deepseek cout"), "{s}");
    // Enter: the reader, scrolled to it, with the article's title.
    t.keys(&["Enter"]);
    // The whole frame: a capture may land between two of its rows.
    let s = t.wait_until("the reader on the claim", |s| {
        s.contains("Reader") && s.contains("0,55$")
    });
    assert!(s.contains("L’Europe face aux IA chinoises"), "{s}");
    // Esc back to the results, Esc back home, q quits to a clean shell.
    t.keys(&["Escape"]);
    t.wait_for("> deepseek cout", "back to the search");
    t.keys(&["Escape"]);
    t.wait_until("home", |s| !s.contains("> deepseek") && s.contains("US 75"));
    t.keys(&["q"]);
    t.assert_clean_shell("0");
}

#[test]
fn resizing_and_narrow_terminals() {
    let Some(t) = Tmux::start("resize", 120, 40) else {
        return;
    };
    t.launch("");
    assert!(
        t.tmux(&["resize-window", "-t", "t", "-x", "30", "-y", "8"])
            .status
            .success()
    );
    t.wait_until("the 30x8 frame", |s| {
        s.lines().filter(|l| !l.is_empty()).count() <= 8 && s.contains("US")
    });
    assert!(
        t.tmux(&["resize-window", "-t", "t", "-x", "10", "-y", "4"])
            .status
            .success()
    );
    t.wait_for("small", "the too-small notice");
    assert!(
        t.tmux(&["resize-window", "-t", "t", "-x", "80", "-y", "24"])
            .status
            .success()
    );
    let s = t.wait_for("1 US 75", "the stacked panes at 80x24");
    assert!(s.contains("2 China 93") && s.contains("3 EU 49"), "{s}");
    t.keys(&["3"]);
    t.wait_until("the EU pane", |s| s.contains("L’Europe"));
    assert!(
        t.tmux(&["resize-window", "-t", "t", "-x", "120", "-y", "40"])
            .status
            .success()
    );
    t.wait_for("China 93", "the wide layout again");
    t.keys(&["q"]);
    t.assert_clean_shell("0");
}

/// A pane captured with its escapes (`capture-pane -e`) holds no color
/// code, only attributes.
fn assert_no_color(styled: &str, under: &str) {
    for code in [
        "[31m", "[32m", "[33m", "[34m", "[36m", "[90m", "38;5;", "38;2;",
    ] {
        assert!(!styled.contains(code), "color {code} under {under}");
    }
}

#[test]
fn ascii_under_a_c_locale_and_no_color() {
    let Some(t) = Tmux::start("ascii", 100, 30) else {
        return;
    };
    let s = t.launch("LANG=C LC_ALL=C NO_COLOR=1");
    assert!(
        !s.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)),
        "box drawing under LANG=C:\n{s}"
    );
    assert!(s.contains("+ US 75 -"), "ASCII borders:\n{s}");
    let styled = String::from_utf8_lossy(&t.tmux(&["capture-pane", "-p", "-e", "-t", "t"]).stdout)
        .into_owned();
    // NO_COLOR: no foreground/background color codes, only attributes.
    assert_no_color(&styled, "NO_COLOR");
    assert!(
        styled.contains("\u{1b}[7m") || styled.contains(";7m"),
        "selection in reverse video"
    );
    // Every view, the reader and help: no symbol outside ASCII (the
    // corpus's ➡ 🚀 « » … ’ have their fallbacks); accented letters stay.
    let symbols = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| !c.is_ascii() && !c.is_alphabetic())
            .collect()
    };
    assert!(symbols(&s).is_empty(), "Blocs: {:?}\n{s}", symbols(&s));
    for (key, what) in [
        ("Enter", "Reader"),
        ("T", "Timeline "),
        ("F", "Figures "),
        ("M", "Bookmarks"),
        ("/", "> _"),
        ("?", "Keys"),
    ] {
        t.keys(&[key]);
        let s = t.wait_for(what, what);
        // A frame can be caught half drawn: the next one is checked too.
        sleep(Duration::from_millis(150));
        let s2 = t.screen();
        for s in [s, s2] {
            assert!(symbols(&s).is_empty(), "{what}: {:?}\n{s}", symbols(&s));
        }
        if key == "/" || key == "?" || key == "Enter" {
            t.keys(&["Escape"]);
            sleep(Duration::from_millis(150));
        }
    }
    t.keys(&["B"]);
    t.keys(&["q"]);
    t.assert_clean_shell("0");
}

/// TERM as terminfo tells it: `dumb` (and unset) get no full screen but a
/// line pointing to the commands; `vt100` (no colors in its entry) gets the
/// monochrome theme and no mouse capture.
#[test]
fn term_dumb_is_refused_and_vt100_has_no_color() {
    let Some(t) = Tmux::start("term", 100, 30) else {
        return;
    };
    t.launch_with_no_wait("TERM=dumb");
    let s = t.wait_for("EXIT=2", "the refusal");
    assert!(
        s.contains("TERM is dumb") && s.contains("triptyque --help"),
        "{s}"
    );
    assert!(!s.contains("triptyque │"), "{s}");
    t.type_text(&format!(
        "env -u TERM {} ; echo EXIT=$?",
        env!("CARGO_BIN_EXE_triptyque")
    ));
    t.keys(&["Enter"]);
    t.wait_until("unset TERM refused", |s| {
        s.contains("TERM is unset") && s.matches("EXIT=2").count() == 2
    });
    t.keys(&["C-l"]);
    t.wait_until("cleared", |s| !s.contains("EXIT=2"));
    let s = t.launch("TERM=vt100");
    assert!(s.contains("US 75"), "{s}");
    let styled = String::from_utf8_lossy(&t.tmux(&["capture-pane", "-p", "-e", "-t", "t"]).stdout)
        .into_owned();
    assert_no_color(&styled, "TERM=vt100");
    let flags = t.term_flags();
    assert_eq!(
        flags.split(' ').nth(2),
        Some("0"),
        "no mouse capture: {flags}"
    );
    t.keys(&["q"]);
    t.assert_clean_shell("0");
}

#[test]
fn sighup_restores_the_terminal() {
    let Some(t) = Tmux::start("hup", 100, 30) else {
        return;
    };
    t.launch("");
    let pid = String::from_utf8_lossy(&t.tmux(&["display", "-p", "-t", "t", "#{pane_pid}"]).stdout)
        .trim()
        .to_string();
    let child = Command::new("pgrep")
        .args(["-P", &pid, "triptyque"])
        .output()
        .expect("pgrep runs");
    let child = String::from_utf8_lossy(&child.stdout).trim().to_string();
    assert!(!child.is_empty(), "the app's pid");
    assert!(
        Command::new("kill")
            .args(["-HUP", &child])
            .status()
            .unwrap()
            .success()
    );
    t.assert_clean_shell("129");
}

#[test]
fn walking_the_timeline_and_opening_a_quote() {
    let Some(t) = Tmux::start("timeline", 110, 36) else {
        return;
    };
    t.launch("");
    t.keys(&["T"]);
    t.wait_until("the timeline", timeline_ready);
    // Right, one event at a time, until the market drop of 27 January 2025.
    let start = Instant::now();
    while !t.screen().contains("Market drop after DeepSeek") {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "never reached the market drop:\n{}",
            t.screen()
        );
        t.keys(&["l"]);
        sleep(Duration::from_millis(60));
    }
    let s = t.wait_for("Sources disagree: 1 120 Md$ vs 800 Md$", "the disagreement");
    assert!(
        s.contains("27 Jan 2025") && s.contains("backed by 3 articles"),
        "{s}"
    );
    t.keys(&["h"]);
    t.wait_until("the event before", |s| !s.contains("Sources disagree"));
    t.keys(&["Right"]);
    t.wait_for("Sources disagree", "the market drop again");
    // Second quote, then open it.
    t.keys(&["j"]);
    t.keys(&["Enter"]);
    let s = t.wait_for("Reader", "the reader");
    assert!(s.contains("L’IA chinoise, ouverte et accessible"), "{s}");
    assert!(s.contains("1 120 milliards de dollars"), "{s}");
    t.keys(&["Escape"]);
    t.wait_for("Sources disagree", "back on the card");
    t.keys(&["q"]);
    t.wait_until("home", |s| s.contains("US 75") && !s.contains(" events "));
    t.keys(&["q"]);
    t.assert_clean_shell("0");
}

#[test]
fn bookmarks_notes_and_the_session_survive_a_restart() {
    let Some(t) = Tmux::start("persist", 120, 36) else {
        return;
    };
    let s = t.launch("");
    let first: String = s
        .lines()
        .nth(2)
        .unwrap_or_default()
        .chars()
        .skip(3)
        .take(20)
        .collect();
    assert!(first.contains("En plein Sommet"), "{s}");
    t.keys(&["b"]);
    t.wait_for("bookmarked", "the bookmark");
    t.keys(&["a"]);
    t.wait_for("note: _", "the note prompt");
    t.type_text("à relire demain");
    t.keys(&["Enter"]);
    t.wait_for("note saved", "the note saved");
    t.keys(&["T"]);
    t.wait_until("the timeline", timeline_ready);
    t.keys(&["C-c"]);
    t.assert_clean_shell("0");
    let state = t
        .home
        .path()
        .join("data/triptyque/corpora/builtin/state.json");
    let saved = std::fs::read_to_string(&state).expect("the state file");
    assert!(
        saved.contains("à relire demain") && saved.contains("\"view\": \"timeline\""),
        "{saved}"
    );
    // Restart: the session comes back on the timeline, the note is there.
    t.launch_any("");
    t.wait_until("the restored view", timeline_ready);
    t.keys(&["M"]);
    let s = t.wait_for("à relire demain", "the note in the Bookmarks view");
    assert!(s.contains("1 bookmark"), "{s}");
    assert!(s.contains("En plein Sommet pour l’Action"), "{s}");
    t.keys(&["B"]);
    t.wait_for("★ Géopolitique", "the star on the bookmarked claim");
    t.keys(&["q"]);
    t.assert_clean_shell("0");
    // --fresh ignores the session.
    let s = t.launch_with("", "--fresh");
    assert!(!s.contains(" events ─"), "{s}");
    t.keys(&["q"]);
    t.assert_clean_shell("0");
}

#[test]
fn config_remaps_a_key_and_a_corrupt_state_is_reported() {
    let Some(t) = Tmux::start("config", 110, 36) else {
        return;
    };
    let cfg = t.home.path().join("config/triptyque");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), "[keys]\nquit = [\"x\"]\n").unwrap();
    let state = t.home.path().join("data/triptyque/corpora/builtin");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join("state.json"), "{ broken").unwrap();
    t.launch("");
    t.wait_for(
        "was corrupt",
        "the corrupt state reported in the status line",
    );
    t.keys(&["?"]);
    t.wait_for("Keys (Esc or ? to close)", "help");
    // The Everywhere section is at the end: scroll down to it.
    for _ in 0..12 {
        t.keys(&["j", "j", "j", "j", "j", "j", "j", "j"]);
    }
    t.wait_until("help with the remapped key", |s| {
        s.lines().any(|l| l.contains(" x ") && l.contains("quit"))
    });
    t.keys(&["Escape"]);
    t.wait_until("help closed", |s| !s.contains("Keys (Esc"));
    t.keys(&["x"]);
    t.assert_clean_shell("0");
    let backups = std::fs::read_dir(&state)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("state.json.corrupt-")
        })
        .count();
    assert_eq!(backups, 1);
}

impl Tmux {
    /// `alternate_on cursor_flag mouse_any_flag` of the pane.
    fn term_flags(&self) -> String {
        let o = self.tmux(&[
            "display",
            "-p",
            "-t",
            &self.target.borrow(),
            "#{alternate_on} #{cursor_flag} #{mouse_any_flag}",
        ]);
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    }

    /// The pid of the app running in the pane's shell.
    fn app_pid(&self) -> String {
        let pid = String::from_utf8_lossy(
            &self
                .tmux(&["display", "-p", "-t", &self.target.borrow(), "#{pane_pid}"])
                .stdout,
        )
        .trim()
        .to_string();
        let start = Instant::now();
        loop {
            let o = Command::new("pgrep")
                .args(["-P", &pid, "triptyque"])
                .output()
                .expect("pgrep runs");
            let child = String::from_utf8_lossy(&o.stdout).trim().to_string();
            if !child.is_empty() {
                return child;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "no app process under the shell"
            );
            sleep(Duration::from_millis(30));
        }
    }

    /// After a SIGKILL nothing restores the terminal: the shell does it.
    fn repair(&self) {
        self.type_text("stty sane; printf '\\033[?1049l\\033[?25h\\033[?1000l\\033[?1002l\\033[?1003l\\033[?1006l'; clear");
        self.keys(&["Enter"]);
        self.wait_until("a repaired shell", |s| {
            s.trim() == "$" || s.trim().ends_with('$')
        });
    }
}

#[test]
fn signals_and_a_panic_restore_the_terminal() {
    let Some(t) = Tmux::start("signals", 100, 30) else {
        return;
    };
    for (sig, code) in [("-TERM", "143"), ("-INT", "130"), ("-HUP", "129")] {
        t.launch("");
        assert_eq!(
            t.term_flags(),
            "1 0 1",
            "running: alternate screen, hidden cursor, mouse on"
        );
        let pid = t.app_pid();
        assert!(
            Command::new("kill")
                .args([sig, &pid])
                .status()
                .unwrap()
                .success()
        );
        let s = t.wait_for(&format!("EXIT={code}"), "the exit");
        let why = match sig {
            "-TERM" => "terminated (SIGTERM)",
            "-INT" => "interrupted (SIGINT)",
            _ => "the terminal hung up (SIGHUP)",
        };
        assert!(
            s.contains(&format!("triptyque: {why}")),
            "a clear message:\n{s}"
        );
        t.assert_clean_shell(code);
        assert_eq!(
            t.term_flags(),
            "0 1 0",
            "after {sig}: main screen, cursor shown, mouse off"
        );
    }
    // A panic in a draw: the hook restores the terminal, then the message.
    t.launch_with_no_wait("RUST_BACKTRACE=0 TRIPTYQUE_PANIC_ON_DRAW=1");
    let s = t.wait_for("EXIT=101", "the panic's exit");
    assert!(
        s.contains("panicked") && s.contains("TRIPTYQUE_PANIC_ON_DRAW"),
        "the panic message shows:\n{s}"
    );
    assert_eq!(t.term_flags(), "0 1 0");
    t.assert_clean_shell("101");
}

#[test]
fn a_killed_pane_leaves_no_orphan() {
    let Some(t) = Tmux::start("orphan", 100, 30) else {
        return;
    };
    t.launch("");
    let pid = t.app_pid();
    // A second window keeps the server alive once the app's pane is gone.
    t.tmux(&["new-window", "-d", "-t", "t:"]);
    assert!(t.tmux(&["kill-pane", "-t", "t:0"]).status.success());
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the app outlived its terminal"
        );
        sleep(Duration::from_millis(50));
    }
}

#[test]
fn sigkill_while_saving_never_leaves_a_broken_state() {
    let Some(t) = Tmux::start("sigkill", 100, 30) else {
        return;
    };
    let state = t
        .home
        .path()
        .join("data/triptyque/corpora/builtin/state.json");
    let mut seen_versions = std::collections::BTreeSet::new();
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    for round in 0..10 {
        t.launch_with("", "--fresh");
        // Each b toggles a bookmark and saves the state; j moves on.
        for _ in 0..8 {
            t.keys(&["b", "j", "b", "b"]);
        }
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        sleep(Duration::from_millis(rng % 120));
        let pid = t.app_pid();
        assert!(
            Command::new("kill")
                .args(["-KILL", &pid])
                .status()
                .unwrap()
                .success()
        );
        t.wait_for("EXIT=137", "the kill");
        t.repair();
        if let Ok(bytes) = std::fs::read(&state) {
            let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                panic!(
                    "round {round}: the state file is broken ({e}): {:?}",
                    String::from_utf8_lossy(&bytes)
                )
            });
            seen_versions.insert(v["bookmarks"].as_array().map(|a| a.len()).unwrap_or(0));
        }
    }
    assert!(!seen_versions.is_empty(), "some saves happened");
    // The app starts cleanly on what was left, and sweeps the temporary files
    // the killed writes left behind.
    let s = t.launch_with("", "--fresh");
    assert!(!s.contains("corrupt"), "{s}");
    t.keys(&["q"]);
    t.assert_clean_shell("0");
    let leftovers: Vec<String> = std::fs::read_dir(state.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_full_disk_reports_the_error_and_keeps_the_old_file() {
    let Some(t) = Tmux::start("fulldisk", 110, 30) else {
        return;
    };
    let dir = t.home.path().join("data/triptyque/corpora/builtin");
    std::fs::create_dir_all(&dir).unwrap();
    let c = triptyque::corpus::Corpus::builtin();
    let mut store = triptyque::store::Store::open(dir.join("state.json")).0;
    for i in 20..60 {
        store.toggle(&c, i);
    }
    store.save().unwrap();
    let before = std::fs::read(dir.join("state.json")).unwrap();
    assert!(
        before.len() > 4096,
        "the state is larger than the limit below"
    );
    // Files may not grow past 4 KiB: the next save cannot be written.
    t.type_text(&format!(
        "(ulimit -f 4; exec {} --fresh); echo EXIT=$?",
        env!("CARGO_BIN_EXE_triptyque")
    ));
    t.keys(&["Enter"]);
    t.wait_for("US 75", "the app");
    t.keys(&["b"]);
    let s = t.wait_for("error: could not save", "the error in the status line");
    assert!(s.contains("state.json"), "{s}");
    assert_eq!(
        std::fs::read(dir.join("state.json")).unwrap(),
        before,
        "the previous file is intact"
    );
    t.keys(&["q"]);
    t.assert_clean_shell("0");
}

#[test]
fn a_fourth_bloc_from_the_corpus_lexicon_gets_a_pane() {
    let Some(t) = Tmux::start("fourth", 160, 40) else {
        return;
    };
    let dir = t.home.path().join("ex");
    let out = Command::new(env!("CARGO_BIN_EXE_triptyque"))
        .args(["init", dir.to_str().unwrap()])
        .env("HOME", t.home.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let cfg = t.home.path().join("config/triptyque");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.toml"),
        "panes = [\"us\", \"cn\", \"eu\", \"in\"]\n",
    )
    .unwrap();
    let s = t.launch_with("", &format!("--corpus {}", dir.display()));
    let titles = s.lines().nth(1).unwrap_or_default().to_string();
    assert!(
        titles.contains(" India "),
        "a fourth pane, titled India:\n{s}"
    );
    // 4 jumps to it: its border takes the focus color, its preview opens.
    t.keys(&["4"]);
    t.wait_until("the India pane focused", |s| {
        s.lines().any(|l| l.contains("[India]"))
    });
    // Narrower, the four panes become tabs, India the 4th.
    t.tmux(&["resize-window", "-t", "t", "-x", "90", "-y", "30"]);
    t.wait_for("4 India", "the tabs");
    t.keys(&["1"]);
    t.wait_until("the US tab", |s| {
        s.contains("1 US") && !s.contains("[India]")
    });
    t.keys(&["q"]);
    t.assert_clean_shell("0");
}

#[test]
fn the_timeline_lanes_first_last_and_filter() {
    for (w, h) in [(120u16, 40u16), (80, 24)] {
        let Some(t) = Tmux::start(&format!("lanes{w}"), w, h) else {
            return;
        };
        t.launch("");
        t.keys(&["T"]);
        let s = t.wait_until("the timeline", timeline_ready);
        // One lane per pane bloc, labelled, markers on them.
        for lane in ["│ US ", "│ China ", "│ EU "] {
            let row = s
                .lines()
                .find(|l| l.starts_with(lane))
                .unwrap_or_else(|| panic!("lane {lane:?} at {w}x{h}:\n{s}"));
            assert!(
                row.contains('●') || row.contains('○') || row.contains('◆'),
                "{row}"
            );
        }
        // G: the last event; g: the first.
        t.keys(&["G"]);
        t.wait_until("the last event", |s| {
            s.lines().last().is_some_and(|l| {
                let pos = l.split_whitespace().last().unwrap_or("");
                pos.split_once('/').is_some_and(|(a, b)| a == b)
            })
        });
        t.keys(&["g"]);
        t.wait_until("the first event", |s| {
            s.lines()
                .last()
                .is_some_and(|l| l.trim_end().ends_with(" 1/35") || l.contains(" 1/"))
        });
        // /: the events whose title or quotes match, accents folded.
        t.keys(&["/"]);
        t.type_text("lucie");
        let s = t.wait_for("The Lucie flop", "the filtered event");
        assert!(s.contains("/lucie_"), "{s}");
        assert!(
            s.lines()
                .any(|l| l.contains("Timeline ") && l.contains("/35 events")),
            "{s}"
        );
        t.keys(&["Enter"]);
        t.keys(&["Escape"]);
        t.wait_until("the filter cleared", |s| s.contains("Timeline 35 events"));
        t.keys(&["/"]);
        t.type_text("europeen");
        t.wait_until("accent-insensitive", |s| {
            s.lines()
                .any(|l| l.contains("Timeline ") && l.contains("/35 events"))
                && !s.contains("no event matches")
        });
        t.keys(&["Escape"]);
        // ESC and a key read together are one Alt+key (as in any terminal
        // app): wait for the prompt to close before the next key.
        t.wait_until("the filter prompt closed", |s| !s.contains("Enter accept"));
        t.keys(&["C-c"]);
        t.assert_clean_shell("0");
    }
}

/// Item 1 of the attack run: a topic code holding OSC 2 retitled the pane
/// through `show`. The probe first proves that tmux honours OSC 2 here.
#[test]
fn show_over_a_hostile_lexicon_does_not_retitle_the_pane() {
    let Some(t) = Tmux::start("retitle", 120, 30) else {
        return;
    };
    let title = || {
        let o = t.tmux(&["display", "-p", "-t", "t", "#{pane_title}"]);
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    };
    t.type_text("printf '\\033]2;probe\\007'; echo DONE");
    t.keys(&["Enter"]);
    t.wait_for("DONE", "the probe");
    let start = Instant::now();
    while title() != "probe" {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "tmux ignores OSC 2: {}",
            title()
        );
        sleep(Duration::from_millis(30));
    }
    let dir = t.home.path().join("c");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.md"),
        "La Chine publie. L'Europe régule ses usages.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("lexicon.toml"),
        "[[topic]]\ncode = \"t\\u001b]2;PWNTOPIC\\u0007\"\nname = \"T\\u001b]2;PWNNAME\\u0007\"\nterms = [\"régule\"]\n[[bloc]]\ncode = \"z\\u001b]2;PWNBLOC\\u0007\"\nname = \"Z\"\nshort = \"Z\\u009d2;PWNSHORT\\u009c\"\nterms = [\"Chine\"]\n",
    )
    .unwrap();
    for cmd in ["show a", "show a#1", "claims --all", "search chine"] {
        t.type_text(&format!(
            "clear; {} --corpus {} {cmd}; echo EXIT=$?",
            env!("CARGO_BIN_EXE_triptyque"),
            dir.display()
        ));
        t.keys(&["Enter"]);
        t.wait_until("the command's end", |s| s.contains("EXIT="));
        assert_eq!(title(), "probe", "`{cmd}` retitled the pane");
        assert!(!t.screen().contains("PWN"), "{}", t.screen());
    }
}

/// Item 6: two explorers on one corpus each bookmark a claim and note it;
/// both quit; both bookmarks and both notes are in the state file.
#[test]
fn two_explorers_keep_each_others_bookmarks_and_notes() {
    let Some(t) = Tmux::start("two", 120, 36) else {
        return;
    };
    t.launch("");
    t.new_window();
    t.launch("");
    // B, in window 1: the second claim, with a note.
    t.keys(&["j", "b"]);
    t.wait_for("bookmarked", "B's bookmark");
    t.keys(&["a"]);
    t.wait_for("note: _", "B's note prompt");
    t.type_text("note de B");
    t.keys(&["Enter"]);
    t.wait_for("note saved", "B's note");
    // A, in window 0: the first claim, with a note, after B saved.
    t.select(0);
    t.keys(&["b"]);
    t.wait_for("bookmarked", "A's bookmark");
    t.keys(&["a"]);
    t.wait_for("note: _", "A's note prompt");
    t.type_text("note de A");
    t.keys(&["Enter"]);
    t.wait_for("note saved", "A's note");
    t.keys(&["q"]);
    t.assert_clean_shell("0");
    // B quits last, with its old view of the file.
    t.select(1);
    t.keys(&["q"]);
    t.assert_clean_shell("0");
    let state = t
        .home
        .path()
        .join("data/triptyque/corpora/builtin/state.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    let marks = v["bookmarks"].as_array().unwrap();
    assert_eq!(marks.len(), 2, "{v:#}");
    let notes: Vec<&str> = marks.iter().filter_map(|m| m["note"].as_str()).collect();
    assert!(
        notes.contains(&"note de A") && notes.contains(&"note de B"),
        "{v:#}"
    );
    // The CLI sees both, too.
    let o = Command::new(env!("CARGO_BIN_EXE_triptyque"))
        .args(["bookmarks", "--json"])
        .env("HOME", t.home.path())
        .env("XDG_DATA_HOME", t.home.path().join("data"))
        .output()
        .unwrap();
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(listed.len(), 2);
}

/// Item 7: a 1 MB bracketed paste is one event, capped and said; the
/// explorer answers the next key and ends at once on SIGTERM or Ctrl-C;
/// 3,000 unbracketed `j` do not swallow the `q` after them.
#[test]
fn a_huge_paste_is_capped_and_the_explorer_stays_responsive() {
    let Some(t) = Tmux::start("paste", 120, 30) else {
        return;
    };
    let big = t.home.path().join("big.txt");
    std::fs::write(&big, "chine ".repeat((1 << 20) / 6 + 1)).unwrap();
    assert!(
        t.tmux(&["load-buffer", big.to_str().unwrap()])
            .status
            .success()
    );
    for end in ["TERM", "C-c"] {
        // --fresh: not the search the last round left open.
        t.launch_with("", "--fresh");
        t.keys(&["/"]);
        t.wait_for("> _", "the search prompt");
        // -p: bracketed, as a terminal pastes when the app asks for it.
        assert!(t.tmux(&["paste-buffer", "-p", "-t", "t"]).status.success());
        let s = t.wait_for("input is limited to 256 chars", "the cap said");
        assert!(
            s.lines().nth(1).is_some_and(|l| l.contains("chine chine")),
            "{s}"
        );
        // The next key is handled: the query loses a char.
        t.keys(&["BSpace"]);
        t.wait_until("the key after the paste", |s| {
            !s.contains("input is limited")
        });
        // Paste again, and end it as soon as the paste is in (what a
        // terminal still writes after the end goes to the shell).
        assert!(t.tmux(&["paste-buffer", "-p", "-t", "t"]).status.success());
        t.wait_for("input is limited to 256 chars", "the second paste");
        let began = Instant::now();
        let code = if end == "TERM" {
            let pid = t.app_pid();
            assert!(
                Command::new("kill")
                    .args(["-TERM", &pid])
                    .status()
                    .unwrap()
                    .success()
            );
            "143"
        } else {
            t.keys(&["C-c"]);
            "0"
        };
        t.wait_for(&format!("EXIT={code}"), "the end");
        println!("{end} after a 1 MB paste: ended in {:?}", began.elapsed());
        t.assert_clean_shell(code);
    }
    t.launch_with("", "--fresh");
    // The burst is read in 1 KiB pieces: the q sent once the first shows
    // must not wait behind the rest.
    t.type_text(&"j".repeat(3000));
    t.wait_for("75/75", "the end of the pane");
    sleep(Duration::from_millis(300));
    t.keys(&["q"]);
    t.assert_clean_shell("0");
}

/// Item 11: the cache file truncated under a running explorer ended it with
/// SIGBUS. It keeps nothing mapped: it searches on, and quits cleanly.
#[test]
fn a_cache_truncated_under_the_explorer_is_survived() {
    let Some(t) = Tmux::start("truncate", 120, 30) else {
        return;
    };
    let (dir, cache_files) = seeds_cached(&t);
    t.launch_with("", &format!("--corpus {}", dir.display()));
    for round in 0..2 {
        if round == 0 {
            // The explorer reads through the mapped cache: cut short, its
            // lost pages read as zeros (the search's index first), the
            // explorer says so and reads the corpus again, with no SIGBUS.
            std::fs::OpenOptions::new()
                .write(true)
                .open(&cache_files[0])
                .unwrap()
                .set_len(0)
                .unwrap();
            t.keys(&["/"]);
            t.type_text("chine");
            t.wait_for("the corpus was read again", "the corpus read again");
            t.keys(&["Escape"]);
            t.wait_until("home", |s| s.contains("US 75") && !s.contains("> chine"));
        } else {
            // Swapped: another file renamed over it.
            let other = cache_files[0].with_extension("new");
            std::fs::write(&other, b"not a cache").unwrap();
            std::fs::rename(&other, &cache_files[0]).unwrap();
        }
        search_the_seeds(&t);
    }
    t.keys(&["q"]);
    t.assert_clean_shell("0");
    assert_eq!(
        t.term_flags(),
        "0 1 0",
        "main screen, cursor shown, mouse off"
    );
}

#[test]
fn a_corrupt_cache_is_found_out_after_the_first_frame_and_rebuilt() {
    let Some(t) = Tmux::start("corrupt", 120, 30) else {
        return;
    };
    let (dir, cache_files) = seeds_cached(&t);
    // A byte in the middle of the compressed article blocks (section 5,
    // whose offset and length the header's table gives at 32 + 5 * 16)
    // flipped on disk: only the check after the first frame can see it.
    let mut bytes = std::fs::read(&cache_files[0]).unwrap();
    let word = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap()) as usize;
    let at = word(32 + 5 * 16) + word(40 + 5 * 16) / 2;
    bytes[at] ^= 0x01;
    std::fs::write(&cache_files[0], &bytes).unwrap();
    t.launch_with("", &format!("--corpus {}", dir.display()));
    t.wait_for("the corpus was read again", "the corpus read again");
    search_the_seeds(&t);
    t.keys(&["q"]);
    t.assert_clean_shell("0");
}

/// Searches "chine" over the built-in articles, waits for the results over
/// all 225 claims, and goes back home.
fn search_the_seeds(t: &Tmux) {
    t.keys(&["/"]);
    t.type_text("chine");
    t.wait_until("the results over the whole corpus", |s| {
        s.lines()
            .nth(1)
            .is_some_and(|l| l.contains("> chine") && l.contains("/225"))
    });
    t.keys(&["Escape"]);
    t.wait_until("home", |s| s.contains("US 75") && !s.contains("> chine"));
}

/// The built-in articles copied to a folder of the private HOME, and their
/// cache built (so that the explorer opens on it): the folder and the one
/// cache file.
fn seeds_cached(t: &Tmux) -> (std::path::PathBuf, Vec<std::path::PathBuf>) {
    let dir = t.home.path().join("c");
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    let o = Command::new(env!("CARGO_BIN_EXE_triptyque"))
        .args(["--corpus", dir.to_str().unwrap(), "articles"])
        .env("HOME", t.home.path())
        .env("XDG_CACHE_HOME", t.home.path().join("cache"))
        .output()
        .unwrap();
    assert!(o.status.success());
    let cache_files: Vec<std::path::PathBuf> = walk(&t.home.path().join("cache"));
    assert_eq!(cache_files.len(), 1, "{cache_files:?}");
    (dir, cache_files)
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Issue 17's habits: the search prompt opens empty with the last query one
/// Up away; Ctrl-Z suspends to the shell and `fg` comes back; paging keys.
#[test]
fn a_fresh_prompt_history_and_suspend() {
    let Some(t) = Tmux::start("habits", 100, 30) else {
        return;
    };
    t.launch("");
    t.keys(&["/"]);
    t.wait_for("> _", "the search prompt");
    t.type_text("stargate");
    t.wait_for("> stargate", "the query");
    t.keys(&["Escape"]);
    t.wait_until("home", |s| !s.contains("> stargate"));
    // A second `/` opens empty, and typing does not append to the old query.
    t.keys(&["/"]);
    t.wait_for("> _", "an empty prompt");
    t.type_text("mistral");
    let s = t.wait_for("> mistral", "the new query");
    assert!(!s.contains("stargatemistral"), "{s}");
    // Ctrl-u clears it; Up on the empty prompt brings the last one back,
    // and Up again the one before.
    t.keys(&["C-u"]);
    t.wait_for("> _", "the cleared prompt");
    t.keys(&["Up"]);
    t.wait_for("> stargate", "the last query, recalled");
    t.keys(&["Escape"]);
    t.wait_until("home", |s| !s.contains("> stargate"));
    // Ctrl-Z: the shell, in cooked mode, with the job stopped.
    t.keys(&["C-z"]);
    let s = t.wait_for("Stopped", "the job stopped");
    assert!(
        !s.contains("triptyque │"),
        "the screen is the shell's:\n{s}"
    );
    t.type_text("echo RAW=$(stty -a | grep -c -- -icanon)");
    t.keys(&["Enter"]);
    t.wait_for("RAW=0", "canonical mode while suspended");
    // fg: the whole screen again, and the keys work.
    t.type_text("fg");
    t.keys(&["Enter"]);
    t.wait_until("the panes redrawn", |s| {
        s.contains("US") && s.contains("China") && s.contains("EU") && !s.contains("RAW=0")
    });
    t.keys(&["T"]);
    t.wait_for("Timeline ", "keys after fg");
    // q says what it does there: back to Blocs.
    t.wait_for(" q back ", "the timeline's hint for q");
    t.keys(&["q"]);
    t.wait_until("Blocs", |s| {
        !s.contains("Timeline 35 events") && s.contains(" q quit ")
    });
    t.keys(&["q"]);
    // The launch line's `echo EXIT` ran at the stop (147): ask again.
    t.wait_until("the shell after fg", |s| !s.contains("triptyque │"));
    t.type_text("echo DONE=$?");
    t.keys(&["Enter"]);
    t.wait_for("DONE=0", "a clean exit after fg");
}

/// The interface in the reader's language: French under a French locale,
/// for the tabs, pane titles, hints, help, status and the curated events;
/// `--lang en` (or LC_ALL) takes it back to English.
#[test]
fn the_french_interface_under_a_french_locale() {
    let Some(t) = Tmux::start("french", 100, 30) else {
        return;
    };
    // A config with an unknown key: its warning is said in French too.
    let cfg = t.home.path().join("config/triptyque");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), "bogus = 1\n").unwrap();
    t.type_text(&format!(
        "LANG=fr_FR.UTF-8 {} ; echo EXIT=$?",
        env!("CARGO_BIN_EXE_triptyque")
    ));
    t.keys(&["Enter"]);
    // The tabs may draw before the loading ends: wait for the warning.
    let s = t.wait_until("the French tabs and the config's warning", |s| {
        s.contains("Chronologie") && s.contains("configuration :")
    });
    assert!(
        s.contains("clé inconnue `bogus`"),
        "the config's warning in French:\n{s}"
    );
    // Any key clears the message; the hints come back.
    t.keys(&["j"]);
    let s = t.wait_for("q quitter", "the hints");
    for want in [
        "Blocs │ Chronologie │ Chiffres │ Signets │ Recherche",
        "USA 75",
        "Chine 93",
        "UE 49",
        "q quitter",
        "? aide",
    ] {
        assert!(s.contains(want), "{want}:\n{s}");
    }
    assert!(!s.contains("Timeline") && !s.contains(" quit "), "{s}");
    t.keys(&["?"]);
    let s = t.wait_for("Touches (Échap ou ? pour fermer)", "French help");
    assert!(s.contains("Partout") || s.contains("Blocs"), "{s}");
    assert!(
        s.contains("aller à un panneau") || s.contains("lire en contexte"),
        "{s}"
    );
    t.keys(&["Escape"]);
    t.wait_until("help closed", |s| !s.contains("Touches"));
    t.keys(&["b"]);
    t.wait_for("signet ajouté (M liste les signets)", "a French status");
    t.keys(&["T"]);
    // The whole frame: a capture may land between two of its rows.
    t.wait_until("the French timeline", |s| {
        s.contains("35 événements") && s.contains("attesté par") && s.contains("janv.")
    });
    t.keys(&["/"]);
    t.type_text("stargate");
    t.keys(&["Enter"]);
    // Its title, summary and reported date, in French.
    t.wait_until("a curated event in French", |s| {
        s.contains("Stargate : 500 Md$ pour l'IA américaine")
            && s.contains("Trump soutient Stargate")
            && s.contains("rapporté le")
    });
    t.keys(&["Escape"]);
    t.wait_for("filtre retiré", "the filter cleared");
    t.keys(&["q"]);
    t.wait_for("USA 75", "back to the blocs");
    t.keys(&["q"]);
    t.assert_clean_shell("0");
    // --lang wins over the locale, and LC_ALL over LANG.
    for how in [
        format!(
            "LANG=fr_FR.UTF-8 {} --lang en",
            env!("CARGO_BIN_EXE_triptyque")
        ),
        format!(
            "LANG=fr_FR.UTF-8 LC_ALL=en_GB.UTF-8 {}",
            env!("CARGO_BIN_EXE_triptyque")
        ),
    ] {
        t.type_text(&format!("{how} ; echo EXIT=$?"));
        t.keys(&["Enter"]);
        t.wait_until("the English tabs and the config's warning", |s| {
            s.contains("Timeline") && s.contains("config: ") && s.contains("unknown key `bogus`")
        });
        t.keys(&["j"]);
        t.wait_until("the English panes and hints", |s| {
            s.contains("China 93") && s.contains("q quit")
        });
        t.keys(&["q"]);
        t.assert_clean_shell("0");
    }
}
