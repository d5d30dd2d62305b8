//! Files the program keeps for the user, and files it is handed to read.
//!
//! Writing: everything under the config and data dirs (identities, secrets, drafts, the
//! seen-store, editor hand-off files) goes through [`write_private`]: the file is created
//! 0600 with `create_new` under a fresh name and renamed into place, and every directory
//! from the program's own dir down to the file's is 0700 (created so, or tightened if an
//! older version left it 0755). Nothing else in the crate creates files or dirs there.
//!
//! Reading: [`read_regular`] opens only regular files (a FIFO, a device or a symlink to one
//! such as `/dev/zero` is refused before a byte is read, and opening never blocks) and reads
//! at most a given number of bytes, so a hostile or mistaken path cannot hang the program
//! or fill its memory.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Why a file could not be read or written, in words for the user (the path sanitized).
#[derive(Debug)]
pub struct FileError(pub String);

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn shown(path: &Path) -> String {
    crate::render::sanitize_line(&path.display().to_string())
}

/// Create `dir` and every dir between `root` and it as 0700, tightening those that exist.
/// `dir` must be `root` or below it; dirs above `root` are left alone.
pub fn private_dir(root: &Path, dir: &Path) -> std::io::Result<()> {
    let below = dir.strip_prefix(root).unwrap_or(Path::new(""));
    let mut at = root.to_path_buf();
    make_private(&at)?;
    for part in below.components() {
        at.push(part);
        make_private(&at)?;
    }
    Ok(())
}

fn make_private(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        let mode = std::fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)
}

/// Write `bytes` to `path` atomically (fresh `create_new` temp file, 0600, then rename),
/// with every dir from `root` down to the file's made 0700 ([`private_dir`]).
///
/// Errors: the dir cannot be created or tightened, or the write or rename fails (read-only
/// or full disk); the message names the file.
pub fn write_private(root: &Path, path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let fail = |e: std::io::Error| FileError(format!("cannot write {}: {e}", shown(path)));
    let dir = path.parent().unwrap_or(Path::new("."));
    private_dir(root, dir).map_err(fail)?;
    // A fresh, unpredictable name opened with create_new: never a stale file with an old
    // mode, never a symlink planted there, never shared by two writers of the same key.
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        uuid::Uuid::new_v4().simple()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&tmp).map_err(fail)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}

/// Write `text` to a new 0600 file in a new 0700 dir under the system temp dir; returns the
/// file. For text that must survive when its usual place cannot be written.
pub fn write_rescue(name: &str, text: &str) -> Result<PathBuf, FileError> {
    let dir = std::env::temp_dir().join(format!("wpcomments-{}", uuid::Uuid::new_v4().simple()));
    let path = dir.join(name);
    write_private(&dir, &path, text.as_bytes())?;
    Ok(path)
}

/// Largest identities, secrets, config or draft file read, in bytes (they are a few KB).
pub const MAX_SMALL_FILE: u64 = 1 << 20;

/// Read the regular file at `path` as UTF-8 text, refusing anything else (FIFO, socket,
/// device, directory, or a symlink to one) and anything over `cap` bytes.
///
/// Errors: not found, not a regular file, too large, unreadable, not UTF-8; each message
/// names the file and says what is wrong.
pub fn read_regular(path: &Path, cap: u64) -> Result<String, std::io::Error> {
    use std::io::{Error, ErrorKind};
    // Checked before opening: opening a FIFO for reading blocks until a writer comes.
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "not a regular file (a pipe, device or directory is not read)",
        ));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Swapped for a FIFO between the check and the open: the open still returns at once.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Error::new(ErrorKind::InvalidInput, "not a regular file"));
    }
    if meta.len() > cap {
        return Err(too_big(cap));
    }
    let mut bytes = Vec::new();
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_big(cap));
    }
    String::from_utf8(bytes).map_err(|_| Error::new(ErrorKind::InvalidData, "not UTF-8 text"))
}

fn too_big(cap: u64) -> std::io::Error {
    let size = if cap >= 1 << 20 {
        format!("{} MB", cap >> 20)
    } else {
        format!("{} KB", cap >> 10)
    };
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("larger than {size}, more than this kind of file can be"),
    )
}

/// A file-name-safe name for `key` (an API root, a thread key): a readable slug of at most
/// 80 characters and a stable 64-bit FNV-1a hash of the whole key, so two keys that slug the
/// same (`https://h/a/` and `http://h/a/`) never share a file.
pub fn key_file_name(key: &str) -> String {
    let slug: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug: String = slug.trim_matches('-').chars().take(80).collect();
    format!("{slug}-{:016x}", fnv1a(key))
}

/// FNV-1a: a stable hash so file names do not change between builds.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).map_or(0, |m| m.permissions().mode() & 0o777)
    }

    #[cfg(unix)]
    #[test]
    fn private_files_and_every_dir_down_from_the_root_are_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("wpcomments");
        // An older version left the root world-readable.
        std::fs::create_dir_all(&root).expect("root");
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let path = root.join("drafts/site/post-1-parent-0.txt");
        write_private(&root, &path, b"x").expect("writes");
        write_private(&root, &path, b"y").expect("rewrites");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&root), 0o700);
        assert_eq!(mode(&root.join("drafts")), 0o700);
        assert_eq!(mode(&root.join("drafts/site")), 0o700);
        assert_eq!(
            mode(tmp.path()),
            mode(tmp.path()),
            "above the root: untouched"
        );
        let left = std::fs::read_dir(path.parent().expect("dir")).map(|d| d.count());
        assert_eq!(left.ok(), Some(1), "no temp files left behind");
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read_and_never_past_the_cap() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let fifo = tmp.path().join("x.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let started = std::time::Instant::now();
        assert!(read_regular(&fifo, 1 << 20).is_err(), "a FIFO is refused");
        let zero = tmp.path().join("zero.json");
        std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
        assert!(read_regular(&zero, 1 << 20).is_err(), "a device is refused");
        assert!(
            read_regular(tmp.path(), 1 << 20).is_err(),
            "a dir is refused"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        let big = tmp.path().join("big.json");
        std::fs::write(&big, vec![b'a'; 2048]).expect("write");
        let err = read_regular(&big, 1024).expect_err("over the cap");
        assert!(err.to_string().contains("larger than 1 KB"), "{err}");
        assert_eq!(read_regular(&big, 4096).map(|t| t.len()).ok(), Some(2048));
    }

    #[test]
    fn keys_that_slug_alike_get_different_files() {
        let a = key_file_name("https://h.example/a/wp-json/");
        let b = key_file_name("http://h.example/a/wp-json/");
        assert_ne!(a, b);
        assert!(a.starts_with("https---h-example-a-wp-json-"), "{a}");
    }
}
