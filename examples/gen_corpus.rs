//! A deterministic generator of a synthetic corpus in the `--corpus` format:
//! articles of French sentences with accents, bloc words, dates and numbers.
//!
//! cargo run --release --example gen_corpus -- --claims 1000000 --out DIR --seed 42
//! [--articles N] (default: one article per 100 claims)

use std::io::Write;
use std::path::PathBuf;

/// xorshift64*: small, fast, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

const SUBJECTS: &[&str] = &[
    "La Chine",
    "Les États-Unis",
    "L’Europe",
    "DeepSeek",
    "OpenAI",
    "Mistral",
    "Pékin",
    "Washington",
    "Bruxelles",
    "L’Union européenne",
    "Alibaba",
    "Nvidia",
    "ByteDance",
    "Anthropic",
    "Le gouvernement américain",
    "La Commission européenne",
    "Tencent",
    "Google DeepMind",
    "Aleph Alpha",
    "Huawei",
];
const VERBS: &[&str] = &[
    "publie",
    "restreint",
    "régule",
    "finance",
    "accélère",
    "contrôle",
    "diffuse",
    "annonce",
    "critique",
    "ouvre",
    "ferme",
    "dépasse",
    "investit dans",
    "encadre",
    "soutient",
];
const OBJECTS: &[&str] = &[
    "ses modèles open source",
    "l’accès aux puces avancées",
    "la régulation de l’intelligence artificielle",
    "les exportations de semi-conducteurs",
    "un écosystème numérique souverain",
    "la puissance de calcul",
    "les centres de données",
    "la recherche fondamentale",
    "les modèles de langage",
    "la cybersécurité",
    "les données personnelles",
    "une stratégie d’influence",
    "le marché des abonnements",
    "l’innovation",
];
const TAILS: &[&str] = &[
    "malgré les sanctions",
    "selon les analystes",
    "face à la concurrence",
    "pour gagner la confiance des utilisateurs",
    "dans un contexte de fragmentation technologique",
    "à l’échelle mondiale",
    "avec prudence",
    "au nom de la souveraineté",
    "sans garantie de réussite",
    "pour réduire sa dépendance",
];
const CLAUSES: &[&str] = &[
    "tandis que ses concurrents hésitent encore sur la marche à suivre",
    "ce qui inquiète les régulateurs à Bruxelles comme à Washington",
    "alors que le coût d’accès aux modèles chute rapidement",
    "une décision qui pèse sur la rentabilité des géants du secteur",
    "au moment où la dépendance aux fournisseurs étrangers devient un enjeu",
    "sans que l’Europe ne parvienne à rattraper son retard industriel",
    "et ses partenaires asiatiques saluent une avancée considérable",
    "pendant que les universités chinoises multiplient les publications",
];

const MONTHS: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

fn sentence(r: &mut Rng) -> String {
    let mut s = format!("{} {} {}", r.pick(SUBJECTS), r.pick(VERBS), r.pick(OBJECTS));
    match r.below(6) {
        0 => s.push_str(&format!(" en {} {}", r.pick(MONTHS), 2023 + r.below(3))),
        1 => s.push_str(&format!(
            ", un effort de {} milliards de dollars",
            1 + r.below(900)
        )),
        2 => s.push_str(&format!(
            " à {},{:02}$ par million de tokens",
            r.below(3),
            r.below(100)
        )),
        _ => {}
    }
    // About 155 chars on average, as the measurements assume.
    s.push_str(&format!(", {}", r.pick(CLAUSES)));
    s.push_str(&format!(" {}.", r.pick(TAILS)));
    s
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut claims = 10_000usize;
    let mut articles: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed = 42u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--claims" => claims = val()?.parse()?,
            "--articles" => articles = Some(val()?.parse()?),
            "--out" => out = Some(PathBuf::from(val()?)),
            "--seed" => seed = val()?.parse()?,
            _ => {
                return Err(format!(
                    "unknown argument {a}; use --claims N --out DIR [--seed S] [--articles N]"
                )
                .into());
            }
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    let articles = articles.unwrap_or((claims / 100).max(1));
    generate(claims, articles, seed, &out)?;
    eprintln!(
        "wrote {claims} claims in {articles} articles under {}",
        out.display()
    );
    Ok(())
}

/// Writes `claims` claims in `articles` articles under `out`, from `seed`.
pub fn generate(
    claims: usize,
    articles: usize,
    seed: u64,
    out: &std::path::Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let articles = articles.max(1);
    std::fs::create_dir_all(out)?;
    let mut r = Rng(seed.max(1));
    let per = claims / articles;
    let extra = claims % articles;
    for i in 0..articles {
        let n = per + usize::from(i < extra);
        let path = out.join(format!("{:03}/article-{i:06}.md", i / 1000));
        std::fs::create_dir_all(path.parent().ok_or("no parent")?)?;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let (y, m) = (2024 + r.below(2), 1 + r.below(12));
        writeln!(
            f,
            "+++\ntitle = \"Article {i} : {}\"\ndate = \"{y}-{m:02}\"\nsource = \"Synthétique\"\n+++",
            r.pick(OBJECTS)
        )?;
        let mut left = n;
        while left > 0 {
            let k = left.min(1 + r.below(5));
            let para: Vec<String> = (0..k).map(|_| sentence(&mut r)).collect();
            writeln!(f, "{}\n", para.join(" "))?;
            left -= k;
        }
        f.flush()?;
    }
    Ok(())
}
