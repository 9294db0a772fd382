//! The interface's languages: every file of `assets/i18n/` has every key,
//! every string the code asks for is a key, and the built-in data (curated
//! events, blocs) is told in each language.

use std::collections::BTreeSet;

use triptyque::i18n::{FILES, Strings};
use triptyque::tui::keymap::{Context, HELP_ORDER, default_bindings};
use triptyque::view::View;

fn parsed() -> Vec<Strings> {
    FILES
        .iter()
        .map(|(code, text)| Strings::parse(code, text).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

fn keys(s: &Strings) -> BTreeSet<String> {
    s.keys().map(str::to_string).collect()
}

/// The `{name}` placeholders of a string.
fn placeholders(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) => {
                out.insert(after[..j].to_string());
                rest = &after[j + 1..];
            }
            None => break,
        }
    }
    out
}

/// Rust's escapes in a string literal, as the string holds them.
fn unescape(lit: &str) -> String {
    let mut out = String::new();
    let mut chars = lit.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars
                    .by_ref()
                    .skip_while(|c| *c == '{')
                    .take_while(|c| *c != '}')
                    .collect();
                let cp = u32::from_str_radix(&hex, 16).expect("a \\u{..} escape");
                out.push(char::from_u32(cp).expect("a char"));
            }
            other => panic!("unexpected escape \\{other:?} in {lit}"),
        }
    }
    out
}

/// The first string literal inside the call that opens at `src[open]`
/// (its `(`), if any: a template is the first literal a call is given.
fn first_literal(src: &str, open: usize) -> Option<String> {
    let bytes = src.as_bytes();
    let (mut i, mut depth) = (open, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return None;
                }
            }
            // The placeholders' values come after the template: a call
            // whose template is a variable has none to check here.
            b'&' if bytes.get(i + 1) == Some(&b'[') => return None,
            b'"' => {
                let mut end = i + 1;
                while end < bytes.len() && bytes[end] != b'"' {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                return Some(unescape(&src[i + 1..end]));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Every literal the code passes to `tr(`, `trf(` (the interface's own,
/// `Warning::trf`, `Issue::trf`), a `warn(` closure or a front matter's
/// `Value::Other(` (a warning's template), with its file.
fn literals_in_source() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                stack.push(e.unwrap().path());
            }
            continue;
        }
        if p.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let src = std::fs::read_to_string(&p).unwrap();
        for call in ["tr(", "trf(", "warn(", "Other("] {
            let mut from = 0;
            while let Some(i) = src[from..].find(call) {
                let at = from + i;
                from = at + call.len();
                // A whole word: `tr(`, not `attr(` or `str(`; a call, not
                // the definition (`fn trf(`).
                let before = &src[..at];
                if before
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
                    || before.ends_with("fn ")
                {
                    continue;
                }
                // tr and trf take the literal first; a variable is checked
                // through its source below.
                let direct = src[from..].trim_start().starts_with('"');
                let constructor = before.ends_with("Warning::") || before.ends_with("Issue::");
                if call != "warn(" && !direct && !constructor {
                    continue;
                }
                // A front matter value's warning template.
                if call == "Other(" && !before.ends_with("Value::") {
                    continue;
                }
                if let Some(lit) = first_literal(&src, from - 1) {
                    out.push((p.display().to_string(), lit));
                }
            }
        }
    }
    out
}

/// The strings the code translates without a literal at the call: help
/// texts, the hint words (a help's first word), headings and tab titles.
fn indirect_strings() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for b in default_bindings() {
        out.insert(b.help.to_string());
        if b.hint {
            out.insert(b.help.split(' ').next().unwrap_or(b.help).to_string());
        }
    }
    for c in HELP_ORDER.into_iter().chain([Context::Help]) {
        out.insert(c.title().to_string());
    }
    for v in View::ALL {
        out.insert(v.title().to_string());
    }
    out
}

#[test]
fn every_language_file_has_every_key_and_its_placeholders() {
    let all = parsed();
    assert!(all.len() >= 2, "at least English and French");
    let en = all
        .iter()
        .find(|s| s.code == "en")
        .expect("an English file");
    let want = keys(en);
    for s in &all {
        let have = keys(s);
        let missing: Vec<_> = want.difference(&have).collect();
        let extra: Vec<_> = have.difference(&want).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "assets/i18n/{}.toml: missing {missing:?}, not in en.toml {extra:?}",
            s.code
        );
        for k in &want {
            assert_eq!(
                placeholders(s.get(k)),
                placeholders(k),
                "assets/i18n/{}.toml: `{k}` has other placeholders",
                s.code
            );
            assert!(!s.get(k).trim().is_empty(), "{}: `{k}` is empty", s.code);
        }
    }
}

#[test]
fn every_string_the_code_asks_for_is_a_key() {
    let en = parsed().into_iter().find(|s| s.code == "en").unwrap();
    let keys = keys(&en);
    let lits = literals_in_source();
    assert!(lits.len() > 50, "the scan found the calls: {}", lits.len());
    let mut wanted: BTreeSet<String> = indirect_strings();
    for (file, lit) in &lits {
        assert!(keys.contains(lit), "{file}: `{lit}` is not in en.toml");
        wanted.insert(lit.clone());
    }
    for w in indirect_strings() {
        assert!(
            keys.contains(&w),
            "`{w}` (keymap or view) is not in en.toml"
        );
    }
    // And no key is left that nothing asks for, but the fixed lists the
    // code indexes (month names, the kinds of file export refuses).
    let listed = [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
        "{what} ({cur}bn)",
        "Other amounts",
        "Token prices ({cur} per million tokens)",
        "Percentages (%)",
        "Price gaps (x)",
        "Scores (out of 10)",
        "a symbolic link",
        "a FIFO",
        "a device",
        "a socket",
        "a directory",
    ];
    // What each language profile's amounts measure titles a chart.
    for (code, text) in triptyque::lang::PROFILES {
        let t: toml::Table = toml::from_str(text).unwrap();
        let measures = t["numbers"]["measures"].as_array().unwrap();
        for m in measures {
            let c = m["code"].as_str().unwrap().replace('_', " ");
            let title = c[..1].to_uppercase() + &c[1..];
            assert!(
                keys.contains(&title),
                "lang/{code}: measure `{title}` is not in en.toml"
            );
            wanted.insert(title);
        }
    }
    let unused: Vec<_> = keys
        .iter()
        .filter(|k| !wanted.contains(*k) && !listed.contains(&k.as_str()))
        .collect();
    assert!(unused.is_empty(), "keys nothing asks for: {unused:?}");
}

#[test]
fn the_french_interface_is_french_and_english_is_itself() {
    let all = parsed();
    let fr = all.iter().find(|s| s.code == "fr").unwrap();
    let en = all.iter().find(|s| s.code == "en").unwrap();
    assert_eq!(fr.get("Timeline"), "Chronologie");
    assert_eq!(fr.get("quit"), "quitter");
    for k in en.keys() {
        assert_eq!(en.get(k), k, "en.toml maps `{k}` to other words");
    }
    // Most strings differ in French (names such as "Blocs" may not).
    let same = en.keys().filter(|k| fr.get(k) == *k).count();
    assert!(same * 10 < en.keys().count(), "{same} strings untranslated");
}

#[test]
fn the_built_in_events_and_blocs_are_told_in_french() {
    let mut d = triptyque::dataset::Dataset::builtin();
    let english: Vec<(String, String)> = d
        .events()
        .iter()
        .filter(|e| e.origin != triptyque::timeline::EventOrigin::Found)
        .map(|e| (e.id.clone(), e.title.clone()))
        .collect();
    assert!(english.len() >= 20, "{}", english.len());
    d.set_language("fr");
    for (id, _) in &english {
        let e = d.events().iter().find(|e| &e.id == id).unwrap();
        let t = e.translations.get("fr").expect("a French translation");
        assert_eq!(&e.title, &t.title, "{id}");
        assert!(!t.summary.is_empty(), "{id}: no French summary");
        assert_eq!(e.summary, t.summary, "{id}");
    }
    // Model names stay as they are ("DeepSeek R1"); the rest is French.
    let same = english
        .iter()
        .filter(|(id, t)| d.events().iter().any(|e| &e.id == id && &e.title == t))
        .count();
    assert!(same * 2 < english.len(), "{same} titles as in English");
    let china = d.corpus.lexicon.bloc("cn").unwrap();
    assert_eq!(china.short, "Chine");
    assert_eq!(d.corpus.lexicon.bloc("eu").unwrap().short, "UE");
}

/// `--lang` holds for what the commands write in the interface's words:
/// an export in French, then in English under a French locale.
#[test]
fn an_export_is_written_in_the_interface_language() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str], lang: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_triptyque"))
            .args(args)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let fr = run(&["export", "--timeline", "-o", "-"], "fr_FR.UTF-8");
    assert!(
        fr.starts_with("# Chronologie\n\n35 événements.\n\n"),
        "{fr}"
    );
    assert!(fr.contains("Attesté par 1 article."), "{fr}");
    assert!(
        fr.contains("## 27 janv. 2025 — Chute des marchés après DeepSeek"),
        "{fr}"
    );
    assert!(fr.contains("Les sources divergent : "), "{fr}");
    // The notes of events found in the text are told again in French.
    assert!(
        fr.contains("*Date : Le texte ne donne pas de date ; rapporté par l'article de 2025.*"),
        "{fr}"
    );
    assert!(!fr.contains("The text gives no date"), "{fr}");
    let en = run(
        &["--lang", "en", "export", "--timeline", "-o", "-"],
        "fr_FR.UTF-8",
    );
    assert!(en.starts_with("# Timeline\n\n35 events.\n\n"), "{en}");
    assert!(
        en.contains("## 27 Jan 2025 — Market drop after DeepSeek"),
        "{en}"
    );
    let s = run(
        &["export", "--search", "deepseek cout", "-o", "-"],
        "fr_FR.UTF-8",
    );
    assert!(s.starts_with("# Recherche : `deepseek cout`\n\n"), "{s}");
    // A search over the mapped cache names the blocs as the parse does.
    let dir = home.path().join("corpus");
    let d = dir.to_str().unwrap();
    run(&["init", d], "C.UTF-8");
    let search = ["--corpus", d, "search", "chine"];
    let first = run(&search, "fr_FR.UTF-8");
    let cached = run(&search, "fr_FR.UTF-8");
    let plain = run(
        &["--corpus", d, "--no-cache", "search", "chine"],
        "fr_FR.UTF-8",
    );
    assert!(cached.contains("[Chine]"), "{cached}");
    assert_eq!(
        (first.as_str(), cached.as_str()),
        (plain.as_str(), plain.as_str())
    );
}
