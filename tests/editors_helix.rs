//! editors/helix/languages.toml is the whole Helix client: this checks that it
//! parses, that it declares what editors/helix/README.md promises (the quoth
//! server, quoth on Markdown, a plain-text language for .txt articles), and
//! that the README shows the file unchanged, so users paste what is tested.

use std::path::Path;

use toml::{Table, Value};

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn languages() -> Table {
    read("editors/helix/languages.toml")
        .parse::<Table>()
        .expect("editors/helix/languages.toml is valid TOML")
}

fn strings(value: Option<&Value>) -> Vec<&str> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|v| v.as_str().expect("a string"))
                .collect()
        })
        .unwrap_or_default()
}

/// The `[[language]]` table called `name`; exactly one must exist, since
/// Helix would take only one of two.
fn language<'a>(config: &'a Table, name: &str) -> &'a Table {
    let found: Vec<&Table> = config["language"]
        .as_array()
        .expect("[[language]] is an array of tables")
        .iter()
        .map(|l| l.as_table().expect("each [[language]] is a table"))
        .filter(|l| l.get("name").and_then(Value::as_str) == Some(name))
        .collect();
    assert_eq!(found.len(), 1, "exactly one [[language]] named {name}");
    found[0]
}

#[test]
fn declares_the_quoth_server() {
    let config = languages();
    let server = config["language-server"]["quoth"]
        .as_table()
        .expect("[language-server.quoth]");
    assert_eq!(server["command"].as_str(), Some("quoth"));
    assert_eq!(strings(server.get("args")), ["lsp"]);
}

#[test]
fn markdown_keeps_helix_defaults_and_adds_quoth() {
    let config = languages();
    let markdown = language(&config, "markdown");
    let servers = strings(markdown.get("language-servers"));
    assert!(servers.contains(&"quoth"), "{servers:?}");
    // Listing language-servers replaces Helix's defaults: keep them.
    for default in ["marksman", "markdown-oxide"] {
        assert!(
            servers.contains(&default),
            "{default} missing from {servers:?}"
        );
    }
}

#[test]
fn defines_a_plain_text_language_for_txt_articles() {
    let config = languages();
    let text = language(&config, "text");
    // A language Helix does not know needs a scope and file types.
    assert_eq!(text["scope"].as_str(), Some("text.plain"));
    assert_eq!(strings(text.get("file-types")), ["txt"]);
    assert_eq!(text["language-id"].as_str(), Some("plaintext"));
    assert!(text["roots"].is_array());
    assert_eq!(strings(text.get("language-servers")), ["quoth"]);
}

#[test]
fn every_server_used_is_quoth_or_a_helix_default() {
    let config = languages();
    for lang in config["language"].as_array().unwrap() {
        for server in strings(lang.get("language-servers")) {
            assert!(
                ["quoth", "marksman", "markdown-oxide"].contains(&server),
                "unexpected language server {server}"
            );
        }
    }
}

/// Helix rejects unknown keys in a `[[language]]` table (serde's
/// deny_unknown_fields); these are the ones it has accepted since 23.10.
#[test]
fn uses_only_keys_helix_knows() {
    let config = languages();
    let language_keys = [
        "name",
        "scope",
        "language-id",
        "file-types",
        "roots",
        "language-servers",
    ];
    for lang in config["language"].as_array().unwrap() {
        for key in lang.as_table().unwrap().keys() {
            assert!(
                language_keys.contains(&key.as_str()),
                "[[language]] key {key}"
            );
        }
    }
    let server_keys = ["command", "args", "environment", "config", "timeout"];
    for key in config["language-server"]["quoth"]
        .as_table()
        .unwrap()
        .keys()
    {
        assert!(
            server_keys.contains(&key.as_str()),
            "[language-server.quoth] key {key}"
        );
    }
}

#[test]
fn readme_shows_the_file_unchanged() {
    let readme = read("editors/helix/README.md");
    let file = read("editors/helix/languages.toml");
    let block = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README has a ```toml block");
    assert_eq!(
        block, file,
        "README's toml block differs from languages.toml"
    );
    for promise in [
        "[language-server.quoth]",
        "`text`",
        "Markdown",
        "hx --health",
    ] {
        assert!(readme.contains(promise), "README should mention {promise}");
    }
}
