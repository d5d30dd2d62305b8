//! Reading `src/` as text: files, module paths, the paths each file names, function lengths.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One crate's sources: `path relative to src/` → text.
pub struct Crate {
    sources: BTreeMap<String, String>,
}

/// One function and its length in lines (signature to closing brace).
pub struct Function {
    pub file: String,
    pub name: String,
    pub lines: usize,
}

/// The top-level module a file belongs to (`tui/app.rs` → `tui`, `model.rs` → `model`).
pub fn top(file: &str) -> &str {
    let first = file.split('/').next().unwrap_or(file);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// The folder a file sits in (`` for `src/` itself).
pub fn folder(file: &str) -> &str {
    file.rfind('/').map_or("", |i| &file[..i])
}

fn module_of(file: &str) -> Vec<String> {
    let stem = file.strip_suffix(".rs").unwrap_or(file);
    let mut parts: Vec<String> = stem.split('/').map(String::from).collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

impl Crate {
    pub fn read(src: &Path) -> Crate {
        let mut sources = BTreeMap::new();
        let mut dirs = vec![src.to_path_buf()];
        while let Some(dir) = dirs.pop() {
            let entries =
                std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
            for entry in entries {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let rel = path.strip_prefix(src).expect("under src");
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    let text = std::fs::read_to_string(&path).expect("a UTF-8 source file");
                    sources.insert(rel, text);
                }
            }
        }
        Crate { sources }
    }

    pub fn files(&self) -> Vec<String> {
        self.sources.keys().cloned().collect()
    }

    pub fn lines(&self) -> impl Iterator<Item = (&str, usize)> {
        self.sources
            .iter()
            .map(|(f, t)| (f.as_str(), t.lines().count()))
    }

    pub fn functions(&self) -> Vec<Function> {
        let mut out = Vec::new();
        for (file, text) in &self.sources {
            for (name, lines) in function_lengths(text) {
                out.push(Function {
                    file: file.clone(),
                    name,
                    lines,
                });
            }
        }
        out
    }

    /// File → file imports, each once, self-imports left out.
    pub fn edges(&self) -> Vec<(String, String)> {
        let modules: BTreeMap<Vec<String>, &str> = self
            .sources
            .keys()
            .filter(|f| f.as_str() != "main.rs")
            .map(|f| (module_of(f), f.as_str()))
            .collect();
        let mut edges = BTreeSet::new();
        for (file, text) in &self.sources {
            let here = module_of(file);
            for (path, inline) in paths_with_depth(text) {
                if let Some(target) = resolve(&modules, &here, inline, &path)
                    && target != file
                {
                    edges.insert((file.clone(), target.to_string()));
                }
            }
        }
        edges.into_iter().collect()
    }
}

/// The file a path names: the longest prefix of it that is a module.
fn resolve<'a>(
    modules: &BTreeMap<Vec<String>, &'a str>,
    here: &[String],
    inline: usize,
    path: &str,
) -> Option<&'a str> {
    let mut segs = path.split("::").map(String::from).peekable();
    let mut abs: Vec<String> = match segs.peek().map(String::as_str) {
        Some("crate" | "wpcomments") => {
            segs.next();
            Vec::new()
        }
        Some("super" | "self") => {
            // Inside an inline module (`mod tests { .. }`) paths start one level lower.
            let mut base = here.to_vec();
            for _ in 0..inline {
                base.push(String::new());
            }
            base
        }
        _ => {
            let mut base = here.to_vec();
            base.extend(segs.next());
            return modules.get(&base).copied();
        }
    };
    for seg in segs {
        match seg.as_str() {
            "super" => {
                abs.pop();
            }
            "self" => {}
            _ => abs.push(seg),
        }
    }
    abs.retain(|s| !s.is_empty());
    (1..=abs.len())
        .rev()
        .find_map(|n| modules.get(&abs[..n]).copied())
}

/// Every path a text names from `crate`, `super`, `self` or `wpcomments`, use trees expanded.
pub fn paths_in(text: &str) -> Vec<String> {
    paths_with_depth(text).into_iter().map(|(p, _)| p).collect()
}

fn paths_with_depth(text: &str) -> Vec<(String, usize)> {
    let clean = strip(text);
    let depths = inline_depths(&clean);
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(clean.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let bytes = clean.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0 || !is_ident(bytes[i - 1]) && bytes[i - 1] != b':';
        if boundary && is_ident(bytes[i]) {
            let start = i;
            while i < bytes.len() && is_ident(bytes[i]) {
                i += 1;
            }
            let word = &clean[start..i];
            let line = line_starts.partition_point(|&s| s <= start) - 1;
            let depth = depths.get(line).copied().unwrap_or(0);
            let rooted = matches!(word, "crate" | "super" | "self" | "wpcomments");
            let after_use = word == "use";
            if rooted && clean[i..].starts_with("::") {
                let mut paths = Vec::new();
                i = tree(&clean, start, "", &mut paths);
                out.extend(paths.into_iter().map(|p| (p, depth)));
            } else if after_use {
                let rest = clean[i..].trim_start();
                let skip = clean.len() - rest.len();
                let first: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let rooted_next =
                    matches!(first.as_str(), "crate" | "super" | "self" | "wpcomments");
                if !first.is_empty()
                    && !rooted_next
                    && first.starts_with(|c: char| c.is_ascii_lowercase())
                {
                    let mut paths = Vec::new();
                    i = tree(&clean, skip, "", &mut paths);
                    out.extend(paths.into_iter().map(|p| (p, depth)));
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Parses one use tree at `at`, pushing every leaf path; returns the index after it.
fn tree(text: &str, mut at: usize, prefix: &str, out: &mut Vec<String>) -> usize {
    let bytes = text.as_bytes();
    let mut path = prefix.to_owned();
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at < bytes.len() && bytes[at] == b'{' {
            at += 1;
            loop {
                while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b',') {
                    at += 1;
                }
                if at >= bytes.len() || bytes[at] == b'}' {
                    return at + 1;
                }
                at = tree(text, at, &path, out);
            }
        }
        let start = at;
        while at < bytes.len() && (is_ident(bytes[at]) || bytes[at] == b'*') {
            at += 1;
        }
        let seg = &text[start..at];
        if !seg.is_empty() && seg != "*" && seg != "self" || path.is_empty() {
            if !path.is_empty() {
                path.push_str("::");
            }
            path.push_str(seg);
        }
        if text[at..].starts_with("::") && !seg.is_empty() {
            at += 2;
            continue;
        }
        out.push(path);
        return at;
    }
}

/// For each line, how many inline `mod name {` blocks enclose it.
fn inline_depths(clean: &str) -> Vec<usize> {
    let mut open: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for line in clean.lines() {
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        if t == "}" && open.last() == Some(&indent) {
            open.pop();
        }
        out.push(open.len());
        let words: Vec<&str> = t.split_whitespace().collect();
        let at = words.iter().position(|w| *w == "mod");
        if let Some(at) = at
            && words.get(at + 2) == Some(&"{")
            && words[..at].iter().all(|w| w.starts_with("pub"))
        {
            open.push(indent);
        }
    }
    out
}

/// The text with comments, strings and char literals blanked (newlines kept).
fn strip(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let keep_newlines = |s: &[char], out: &mut String| {
        out.extend(s.iter().filter(|c| **c == '\n'));
    };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let start = i;
            i += 2;
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                i += 1;
            }
            i += 2;
            keep_newlines(&b[start..i.min(b.len())], &mut out);
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && (i == 0 || !is_ident(b[i - 1] as u8))
        {
            let start = i;
            let mut j = i + 1;
            let mut hashes = 0;
            while j < b.len() && b[j] == '#' {
                hashes += 1;
                j += 1;
            }
            if j < b.len() && b[j] == '"' {
                j += 1;
                loop {
                    if j >= b.len() {
                        break;
                    }
                    if b[j] == '"' && (0..hashes).all(|h| b.get(j + 1 + h) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                keep_newlines(&b[start..j.min(b.len())], &mut out);
                out.push_str("\"\"");
                i = j;
            } else {
                out.push(c);
                i += 1;
            }
        } else if c == '"' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            keep_newlines(&b[start..i.min(b.len())], &mut out);
            out.push_str("\"\"");
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if next == Some('\\') {
                let mut j = i + 2;
                while j < b.len() && b[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                out.push_str("' '");
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Each `fn` with a body and its length in lines.
pub fn function_lengths(text: &str) -> Vec<(String, usize)> {
    let clean = strip(text);
    let lines: Vec<&str> = clean.lines().collect();
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(at) = words.iter().position(|w| *w == "fn") else {
            continue;
        };
        let qualifiers = ["pub", "const", "async", "unsafe", "extern", "default"];
        if !words[..at]
            .iter()
            .all(|w| qualifiers.iter().any(|q| w.starts_with(q)))
        {
            continue;
        }
        let name: String = words
            .get(at + 1)
            .map(|w| {
                w.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            })
            .unwrap_or_default();
        let mut depth = 0usize;
        let mut opened = false;
        'body: for (m, l) in lines.iter().enumerate().skip(n) {
            for c in l.chars() {
                match c {
                    ';' if !opened && depth == 0 => break 'body,
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => {
                        depth = depth.saturating_sub(1);
                        if opened && depth == 0 {
                            out.push((name.clone(), m - n + 1));
                            break 'body;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    out
}
