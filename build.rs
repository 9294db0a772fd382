//! Embeds every language profile of `assets/lang/` and every interface file
//! of `assets/i18n/` in the binary, so that adding a language is adding a
//! file: the lists are made here, not in code.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let out = embed(
        "assets/lang",
        "PROFILES",
        "The language profiles of `assets/lang/`: (file name, contents).",
        false,
    );
    // The interface's languages: adding one is adding a file, too.
    let i18n = embed(
        "assets/i18n",
        "FILES",
        "The interface files of `assets/i18n/`: (language code, contents).",
        true,
    );
    // What the cache is keyed by besides the corpus: the rules (code and
    // assets) that turned the files into claims. Any change rebuilds it.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut sources = Vec::new();
    collect(Path::new("src"), &mut sources);
    collect(Path::new("assets"), &mut sources);
    sources.sort();
    for p in &sources {
        use std::hash::Hash;
        p.hash(&mut h);
        std::fs::read(p).unwrap_or_default().hash(&mut h);
    }
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=assets");
    println!(
        "cargo:rustc-env=TRIPTYQUE_RULES_HASH={:016x}",
        std::hash::Hasher::finish(&h)
    );
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("langs.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
    let dest = dest.with_file_name("i18n_files.rs");
    if let Err(e) = std::fs::write(&dest, i18n) {
        panic!("cannot write {}: {e}", dest.display());
    }
}

/// A `pub const NAME: &[(&str, &str)]` of the TOML files of `dir`, sorted,
/// each named by its file name (or its stem, with `stem`).
fn embed(dir: &str, name: &str, doc: &str, stem: bool) -> String {
    println!("cargo:rerun-if-changed={dir}");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = format!("/// {doc}\npub const {name}: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={dir}/{f}");
        let key = if stem { f.trim_end_matches(".toml") } else { f };
        let _ = writeln!(
            out,
            "    ({key:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{dir}/{f}\"))),"
        );
    }
    out.push_str("];\n");
    out
}

/// Every file under `dir`, recursively.
fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}
