//! The README's demo is the real output of the shipped example article.

use std::process::Command;

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_quoth"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run quoth");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn readme_demo_matches_the_program() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for cmd in [
        &["quotes", "examples/harbour-strike.md"][..],
        &["check", "examples/"][..],
    ] {
        let out = run(cmd);
        assert!(!out.trim().is_empty());
        for line in out.lines().filter(|l| !l.trim().is_empty()) {
            assert!(
                readme.contains(line),
                "README is missing this line of `quoth {}`:\n{line}",
                cmd.join(" ")
            );
        }
    }
}
