//! What the explorer writes to a real pseudo-terminal (scripts/pty-measure.py):
//! small redraws over SSH and no CPU when idle. Bytes and ticks are counted,
//! not timed.

use std::process::Command;

#[test]
fn keystrokes_write_little_and_idle_uses_no_cpu() {
    if Command::new("python3").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 is not installed, and CI must run the pty test"
        );
        println!("skipped: python3 is not installed");
        return;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/pty-measure.py");
    let out = Command::new("python3")
        .args([script, env!("CARGO_BIN_EXE_triptyque"), "--json"])
        .output()
        .expect("the script runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    println!("{m}");
    assert_eq!(m["exit_status"], 0);
    let bytes = |k: &str| m[k].as_u64().unwrap_or(u64::MAX);
    assert!(
        bytes("first_frame_bytes") > 1000,
        "a whole first frame was drawn"
    );
    assert!(
        bytes("nav_keystroke_bytes") <= 2048,
        "a navigation keystroke writes at most 2 KB at 120x40"
    );
    assert!(
        bytes("search_keystroke_bytes") <= 8192,
        "a search keystroke writes at most 8 KB"
    );
    assert_eq!(m["idle_cpu_ticks_2s"], 0, "no CPU while idle");
}
