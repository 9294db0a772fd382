//! Embeds every language profile of `assets/lang/` in the binary, so that
//! adding a language is adding a file: the list is made here, not in code.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new("assets/lang");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out =
        String::from("/// The language profiles of `assets/lang/`: (file name, contents).\n");
    out.push_str("pub const PROFILES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed=assets/lang/{f}");
        let _ = writeln!(
            out,
            "    ({f:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/assets/lang/{f}\"))),"
        );
    }
    out.push_str("];\n");
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
