//! The crate's shape, checked: imports point down, cycles stay inside one folder, folders,
//! files and functions stay small (README "Architecture").
//!
//! It reads `src/` as text (every `crate::`, `super::`, `self::` and child-module path of
//! each file, comment lines left out), so it needs no compiler plug-in. Run it alone to see
//! the numbers: `cargo test --test architecture -- --nocapture`. `WPCOMMENTS_ARCH_SRC=DIR`
//! measures another tree (e.g. an old checkout's `src/`); `WPCOMMENTS_ARCH_REPORT_ONLY=1`
//! prints without failing. A cycle is printed with the imports that tie it.

mod graph;
mod scan;

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Files longer than this many lines are refused.
const MAX_FILE_LINES: usize = 400;
/// Functions longer than this many lines (signature to closing brace) are refused.
const MAX_FN_LINES: usize = 80;
/// Folders holding more `.rs` files than this are refused.
const MAX_FILES_PER_FOLDER: usize = 20;

/// The pure layers: they import no part of the interactive program.
const PURE: &[&str] = &[
    "model", "thread", "render", "present", "dump", "archive", "api", "identity", "store",
];
/// The interactive program's layers.
const INTERACTIVE: &[&str] = &["tui", "ui", "app", "worker", "keys", "config"];

/// The layer of a top-level module; the pre-#8 root files count as what they became.
fn layer(top: &str) -> &str {
    match top {
        "keymap" => "keys",
        "settings" | "theme" => "config",
        other => other,
    }
}

/// Why `from` may not import `to`, if it may not.
fn refusal(from: &str, to: &str) -> Option<&'static str> {
    let (from, to) = (layer(from), layer(to));
    if from == to {
        return None;
    }
    if PURE.contains(&from) && INTERACTIVE.contains(&to) {
        return Some("a pure layer imports the interactive program");
    }
    if from == "api" && ["archive", "dump", "present", "thread", "store", "demo"].contains(&to) {
        return Some("api imports an archive or presentation type");
    }
    if ["keys", "config"].contains(&from) && ["tui", "ui", "app", "worker"].contains(&to) {
        return Some("keys/config import a screen");
    }
    if from == "ui" && ["worker", "api", "tui"].contains(&to) {
        return Some("ui imports worker, api or the shell");
    }
    if from == "app" && ["worker", "ui", "api", "tui"].contains(&to) {
        return Some("app imports worker, ui, api or the shell");
    }
    if from == "worker" && ["ui", "tui", "keys", "config"].contains(&to) {
        return Some("worker imports drawing, the shell, keys or config");
    }
    None
}

fn src_dir() -> PathBuf {
    std::env::var_os("WPCOMMENTS_ARCH_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src"))
}

#[test]
fn the_crate_keeps_its_shape() {
    let crate_ = scan::Crate::read(&src_dir());
    let edges = crate_.edges();
    let mut problems = Vec::new();

    let upward: Vec<String> = edges
        .iter()
        .filter_map(|(a, b)| {
            let why = refusal(scan::top(a), scan::top(b))?;
            Some(format!("{a} -> {b}: {why}"))
        })
        .collect();
    problems.extend(upward.iter().cloned());

    let cycles = graph::cycles(&crate_.files(), &edges);
    let largest = cycles.iter().map(Vec::len).max().unwrap_or(1);
    for cycle in &cycles {
        let folders: std::collections::BTreeSet<&str> =
            cycle.iter().map(|f| scan::folder(f)).collect();
        if folders.len() > 1 {
            problems.push(format!(
                "import cycle across folders ({} files): {}",
                cycle.len(),
                cycle.join(", ")
            ));
        }
    }

    let files = crate_.files();
    let mut per_folder: BTreeMap<&str, usize> = BTreeMap::new();
    for file in &files {
        *per_folder.entry(scan::folder(file)).or_default() += 1;
    }
    let (big_folder, most_files) = per_folder
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(f, n)| (f.to_string(), *n))
        .unwrap_or_default();
    for (folder, n) in &per_folder {
        if *n > MAX_FILES_PER_FOLDER {
            problems.push(format!("{folder}/ holds {n} source files"));
        }
    }

    let (long_file, file_lines) = crate_
        .lines()
        .max_by_key(|(_, n)| *n)
        .map(|(f, n)| (f.to_string(), n))
        .unwrap_or_default();
    for (file, n) in crate_.lines() {
        if n > MAX_FILE_LINES {
            problems.push(format!("{file} has {n} lines"));
        }
    }

    let functions = crate_.functions();
    let longest = functions.iter().max_by_key(|f| f.lines);
    for f in &functions {
        if f.lines > MAX_FN_LINES {
            problems.push(format!("{}::{} has {} lines", f.file, f.name, f.lines));
        }
    }

    println!("architecture of {}", src_dir().display());
    println!("  source files:           {}", crate_.files().len());
    println!("  import edges:           {}", edges.len());
    println!("  largest import cycle:   {largest} files");
    for cycle in cycles.iter().filter(|c| c.len() > 1) {
        println!("    cycle of {}: {}", cycle.len(), cycle.join(", "));
        // What ties it: the imports between its files.
        for (a, b) in edges
            .iter()
            .filter(|(a, b)| cycle.contains(a) && cycle.contains(b))
        {
            println!("      {a} -> {b}");
        }
    }
    println!("  upward imports:         {}", upward.len());
    println!("  max files per folder:   {most_files} ({big_folder}/)");
    println!("  longest file:           {file_lines} lines ({long_file})");
    if let Some(f) = longest {
        println!(
            "  longest function:       {} lines ({}::{})",
            f.lines, f.file, f.name
        );
    }
    println!("  problems:               {}", problems.len());
    for p in &problems {
        println!("    {p}");
    }
    if std::env::var_os("WPCOMMENTS_ARCH_REPORT_ONLY").is_none() {
        assert!(
            problems.is_empty(),
            "the crate's shape broke {} rule(s):\n{}",
            problems.len(),
            problems.join("\n")
        );
    }
}

#[test]
fn the_checker_sees_an_upward_import() {
    assert!(refusal("api", "app").is_some());
    assert!(refusal("api", "archive").is_some());
    assert!(refusal("model", "tui").is_some());
    assert!(refusal("keymap", "tui").is_some());
    assert!(refusal("ui", "api").is_some());
    assert!(refusal("app", "worker").is_some());
    assert!(refusal("app", "model").is_none());
    assert!(refusal("tui", "worker").is_none());
    assert!(refusal("ui", "app").is_none());
}

#[test]
fn the_checker_reads_paths_and_cycles() {
    let files = ["a/mod.rs", "a/b.rs", "c.rs", "d.rs"]
        .map(String::from)
        .to_vec();
    let paths = scan::paths_in("use crate::{a::b::X, c};\nfn f() { super::d::g(); }\n");
    assert_eq!(paths, vec!["crate::a::b::X", "crate::c", "super::d::g"]);
    let edges = vec![
        ("a/b.rs".to_string(), "c.rs".to_string()),
        ("c.rs".to_string(), "a/b.rs".to_string()),
        ("c.rs".to_string(), "d.rs".to_string()),
    ];
    let cycles = graph::cycles(&files, &edges);
    assert_eq!(cycles.iter().map(Vec::len).max(), Some(2));
    assert_eq!(
        scan::function_lengths("fn f() {\n    let s = \"}\";\n}\n"),
        vec![("f".into(), 3)]
    );
}
