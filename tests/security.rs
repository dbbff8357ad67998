//! What the server may touch: only the text the client sends. It must not
//! read the files that document URIs name, write anything, or open a
//! network connection; settings from the client are data, never commands.
//!
//! Checked from outside, on Linux: the server's open file descriptors
//! (`/proc/PID/fd`) during a session, and its working directory after it.
//! `scripts/syscalls.sh` checks the same with strace, system call by
//! system call.

mod common;

use std::path::PathBuf;

use common::Client;
use serde_json::{json, Value};

/// A fresh empty folder for one test.
fn empty_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quoth-security-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The targets of the server's file descriptors other than 0, 1 and 2.
fn open_files(pid: u32) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new(); // not Linux
    };
    let mut targets = Vec::new();
    for entry in entries.flatten() {
        let fd: u32 = entry.file_name().to_string_lossy().parse().unwrap_or(0);
        if fd > 2 {
            if let Ok(target) = std::fs::read_link(entry.path()) {
                targets.push(target.to_string_lossy().into_owned());
            }
        }
    }
    targets
}

#[test]
fn only_the_text_the_client_sends_is_read_and_nothing_is_written() {
    let home = empty_dir("home");
    let secret = home.join("secret.md");
    std::fs::write(&secret, "“The password is swordfish,” Eve Black said.\n").unwrap();
    let home_str = home.to_str().unwrap();
    let env = [
        ("HOME", home_str),
        ("TMPDIR", home_str),
        ("XDG_CONFIG_HOME", home_str),
    ];
    let mut client = Client::spawn_in(&env, Some(&home));
    client.handshake(None, json!({ "maxDocumentBytes": 100000 }));

    // A URI naming a real file, opened with other text: the answers come
    // from the text sent, and the file is never read.
    let uri = format!("file://{}", secret.display());
    let sent = "“We sail at dawn,” Tom Reyes said.\n";
    client.open(&uri, "markdown", sent);
    client.diagnostics(&uri, Some(1));
    let symbols = client.symbols(&uri);
    assert_eq!(symbols.len(), 1);
    assert!(symbols[0]["name"].as_str().unwrap().starts_with("We sail"));
    assert_eq!(symbols[0]["detail"], "Tom Reyes");
    for path in ["/etc/passwd", "/proc/self/environ", "/dev/zero"] {
        let uri = format!("file://{path}");
        client.open(&uri, "plaintext", "nothing quoted");
        client.diagnostics(&uri, Some(1));
        assert!(client.symbols(&uri).is_empty());
    }
    // URIs that are not files at all.
    for uri in [
        "http://127.0.0.1:9/x.md",
        "untitled:Untitled-1",
        "data:text/plain,hi",
    ] {
        client.open(uri, "plaintext", sent);
        assert_eq!(client.symbols(uri).len(), 1, "{uri}");
    }
    let hover = client.hover(&uri, json!({ "line": 0, "character": 25 }));
    assert!(!hover.to_string().contains("swordfish"));

    // No file, no socket: only pipes, the runtime's own event handles and
    // /dev/null (which the test harness may pass down).
    for target in open_files(client.pid()) {
        assert!(
            target.starts_with("pipe:")
                || target.starts_with("anon_inode:")
                || target == "/dev/null",
            "the server holds {target:?} open"
        );
    }
    assert!(client.exit().success());
    let left: Vec<_> = std::fs::read_dir(&home)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(
        left,
        [secret],
        "the server wrote into its working directory or HOME"
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn hostile_settings_are_data_not_commands() {
    let dir = empty_dir("settings");
    let marker = dir.join("pwned");
    let command = format!("$(touch {0}); `touch {0}`; touch {0}", marker.display());
    let options = [
        json!({ "maxDocumentBytes": command }),
        json!({ "maxDocumentBytes": 1e300 }),
        json!({ "maxDocumentBytes": serde_json::from_str::<Value>(&format!("{}1{}", "[".repeat(100), "]".repeat(100))).unwrap() }),
        json!({ "maxDocumentBytes": u64::MAX }),
        json!({ "__proto__": { "maxDocumentBytes": 1 }, "constructor": null }),
        json!(null),
        Value::String("x".repeat(1 << 20)),
    ];
    for options in options {
        let shown = options.to_string().chars().take(60).collect::<String>();
        let mut client = Client::spawn_in(&[], Some(&dir));
        client.handshake(None, options);
        client.open(
            "file:///tmp/quoth-tests/a.md",
            "markdown",
            "“Yes,” Kim Ode said.\n",
        );
        assert_eq!(
            client.symbols("file:///tmp/quoth-tests/a.md").len(),
            1,
            "{shown}"
        );
        for message in client.take_all("window/showMessage") {
            let text = message["message"].as_str().unwrap();
            assert!(text.starts_with("quoth") && text.len() < 300, "{text}");
        }
        assert!(client.exit().success(), "{shown}");
    }
    assert!(!marker.exists());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}
