//! Archive loader: any bytes as an archive file. Never panics; what loads writes out and
//! loads again to the same thread.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wpcomments::archive;
use wpcomments::thread::Thread;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(loaded) = archive::from_json(text, "fuzz.json") else {
        return;
    };
    let thread = Thread::build(loaded.comments.clone());
    let written = archive::to_json(&loaded, &thread);
    let again = archive::from_json(&written, "fuzz.json").expect("a written archive loads");
    assert_eq!(again.comments.len(), thread.len());
    assert_eq!(again.post, loaded.post);
});
