//! Loads webcare's language-neutral conformance vectors and runs them against the core.
//!
//! The format is documented in `tests/vectors/README.md`. Each op is dispatched by the
//! module of the same name under [`ops`]; an op no module knows is a failure.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

pub mod ops;

/// One vector file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VectorFile {
    /// What the file covers.
    pub description: String,
    /// The cases in order.
    pub cases: Vec<Case>,
}

/// One case of a vector file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Unique in its file.
    pub name: String,
    /// `<module>.<verb>`.
    pub op: String,
    /// The op's arguments.
    pub input: Value,
    /// The expected result (a subset of the actual result).
    #[serde(default)]
    pub expect: Option<Value>,
    /// The expected error code.
    #[serde(default)]
    pub error: Option<String>,
    /// How the expectation was worked out.
    #[serde(default)]
    pub note: Option<String>,
}

/// A case with its full id `<module>/<topic>/<name>`.
#[derive(Debug, Clone)]
pub struct NamedCase {
    /// `<module>/<topic>/<name>`.
    pub id: String,
    /// The case.
    pub case: Case,
}

/// The folder that holds the vectors.
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// Loads every vector file under `dir`, sorted by id. Panics with a clear message on a
/// malformed file: a broken contract must stop the run.
pub fn load_all(dir: &Path) -> Vec<NamedCase> {
    let mut out = Vec::new();
    let mut modules: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .collect();
    modules.sort_by_key(|e| e.path());
    for module in modules {
        let module_name = module.file_name().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(module.path())
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", module.path().display()))
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for path in files {
            let topic = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let file: VectorFile = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not a vector file: {e}", path.display()));
            let mut names = std::collections::HashSet::new();
            for case in file.cases {
                assert!(
                    names.insert(case.name.clone()),
                    "{}: duplicate case name {}",
                    path.display(),
                    case.name
                );
                assert!(
                    case.expect.is_some() != case.error.is_some(),
                    "{}: case {} needs exactly one of expect / error",
                    path.display(),
                    case.name
                );
                if let Some(Value::Object(m)) = &case.expect {
                    assert!(
                        !m.is_empty(),
                        "{}: case {} has an empty expect",
                        path.display(),
                        case.name
                    );
                }
                out.push(NamedCase {
                    id: format!("{module_name}/{topic}/{}", case.name),
                    case,
                });
            }
        }
    }
    out
}

/// Runs one case; `Err` holds a description of the mismatch.
pub fn run_case(case: &Case) -> Result<(), String> {
    let result =
        ops::dispatch(&case.op, &case.input).ok_or_else(|| format!("unknown op {:?}", case.op))?;
    match (&case.expect, &case.error, result) {
        (Some(expect), _, Ok(actual)) => {
            if subset_eq(expect, &actual) {
                Ok(())
            } else {
                Err(format!(
                    "expected (subset) {}\n got {}",
                    serde_json::to_string_pretty(expect).unwrap_or_default(),
                    serde_json::to_string_pretty(&actual).unwrap_or_default()
                ))
            }
        }
        (Some(_), _, Err(e)) => Err(format!("expected a result, got error {}: {e}", e.code())),
        (None, Some(code), Err(e)) if e.code() == code => Ok(()),
        (None, Some(code), Err(e)) => Err(format!("expected error {code}, got {}: {e}", e.code())),
        (None, Some(code), Ok(actual)) => {
            Err(format!("expected error {code}, got result {actual}"))
        }
        (None, None, _) => Err("case has neither expect nor error".into()),
    }
}

/// Whether every key of `expect` is in `actual` with an equal value (recursively for
/// objects; arrays must have equal length and equal elements).
pub fn subset_eq(expect: &Value, actual: &Value) -> bool {
    match (expect, actual) {
        (Value::Object(e), Value::Object(a)) => e
            .iter()
            .all(|(k, ev)| a.get(k).is_some_and(|av| subset_eq(ev, av))),
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(ev, av)| subset_eq(ev, av))
        }
        (Value::String(e), Value::String(a)) => {
            e == a
                || matches!(
                    (webcare::parse_instant(e), webcare::parse_instant(a)),
                    (Ok(x), Ok(y)) if x == y
                )
        }
        (Value::Number(e), Value::Number(a)) => match (e.as_i64(), a.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => e.as_f64() == a.as_f64(),
        },
        _ => expect == actual,
    }
}

/// Every error code used by some vector.
pub fn codes_used(cases: &[NamedCase]) -> std::collections::BTreeSet<String> {
    cases.iter().filter_map(|c| c.case.error.clone()).collect()
}
