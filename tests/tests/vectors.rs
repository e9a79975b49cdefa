//! Runs every conformance vector against the Rust core, each as its own named test.
//! `WEBCARE_VECTOR=<prefix>` filters by full id, as in the Python and Node runners.

use libtest_mimic::{Arguments, Failed, Trial};
use webcare_conformance::{codes_used, load_all, run_case, vectors_dir};

/// Codes that no vector can produce, with the reason.
const CODES_WITHOUT_VECTOR: &[(&str, &str)] = &[(
    "internal",
    "only a bug produces it; the bindings test it with a deliberate panic",
)];

fn main() {
    let args = Arguments::from_args();
    let cases = load_all(&vectors_dir());
    let prefix = std::env::var("WEBCARE_VECTOR").unwrap_or_default();
    let used = codes_used(&cases);
    let mut trials: Vec<Trial> = cases
        .into_iter()
        .filter(|c| c.id.starts_with(&prefix))
        .map(|c| {
            let case = c.case;
            Trial::test(c.id, move || run_case(&case).map_err(Failed::from))
        })
        .collect();
    trials.push(Trial::test(
        "meta/every-error-code-has-a-vector",
        move || {
            let missing: Vec<_> = webcare::Error::CODES
                .iter()
                .filter(|code| !used.contains(**code))
                .filter(|code| !CODES_WITHOUT_VECTOR.iter().any(|(c, _)| c == *code))
                .collect();
            if missing.is_empty() {
                Ok(())
            } else {
                Err(format!("error codes without a vector: {missing:?}").into())
            }
        },
    ));
    libtest_mimic::run(&args, trials).exit();
}
