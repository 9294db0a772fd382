//! The config loader: any text as `config.toml`. Defaults stand where it is
//! wrong, with warnings that name a line; nothing it keeps carries an unsafe
//! char.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let (cfg, warnings) = triptyque::config::parse("config.toml", src);
    let lines = src.lines().count().max(1) + 1;
    for w in &warnings {
        assert!(w.line.is_none_or(|l| l >= 1 && l <= lines), "{w:?}");
    }
    for k in &cfg.keys {
        assert!(!k.action.chars().any(triptyque::text::is_unsafe));
        for key in &k.keys {
            assert!(!key.chars().any(triptyque::text::is_unsafe), "{key:?}");
        }
    }
    let _ = cfg.panes(&["us", "cn", "eu"]);
    let _ = cfg.bloc_color_warnings(&["us", "cn", "eu"]);
});
