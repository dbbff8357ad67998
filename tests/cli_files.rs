//! The command line on files it cannot read as text: a binary file and a
//! file that is not UTF-8 are skipped with a clear message, the other files
//! are still checked, and the exit code is 2 at the end.

use std::process::Command;

#[test]
fn binary_and_non_utf8_files_are_skipped_and_the_rest_checked() {
    let dir = std::env::temp_dir().join(format!("quoth-cli-files-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // Written for this test; sorted so that the good file comes last.
    std::fs::write(
        dir.join("a-binary.md"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    )
    .unwrap();
    std::fs::write(dir.join("b-latin1.txt"), b"\xabNon,\xbb dit-il. Caf\xe9.\n").unwrap();
    // An unattributed quotation, so that the file has a finding to list.
    std::fs::write(
        dir.join("c-good.md"),
        "“Nobody told us anything about the closure.”\n",
    )
    .unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_quoth"))
        .arg("check")
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("a-binary.md: skipped, looks like a binary file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("b-latin1.txt: skipped, not UTF-8 text"),
        "{stderr}"
    );
    // The good file was checked after the two bad ones.
    assert!(stdout.contains("c-good.md"), "{stdout}");
    assert!(stdout.contains("checked 1 file (2 skipped)"), "{stdout}");

    let out = Command::new(env!("CARGO_BIN_EXE_quoth"))
        .arg("quotes")
        .arg(dir.join("a-binary.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary"));
    let _ = std::fs::remove_dir_all(&dir);
}
