use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// The allocator users run (mimalloc; the system's in the language server: see
/// `quoth::alloc`).
#[global_allocator]
static GLOBAL: quoth::alloc::Chosen = quoth::alloc::Chosen;

/// quoth: find every quotation in an article and who said it.
#[derive(Parser)]
#[command(name = "quoth", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, Default)]
enum OutputFormat {
    #[default]
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server over stdin/stdout.
    Lsp {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Check files or folders (.txt, .md, .markdown) and report findings.
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// List who said what in one file.
    Quotes {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Predict (and score, where gold quotes exist) a JSONL quotation corpus.
    Eval {
        corpus: PathBuf,
        /// Write predictions in the corpus prediction format here.
        #[arg(long)]
        predictions: Option<PathBuf>,
        /// Quotation kinds that count when scoring.
        #[arg(long, default_value = "direct,mixed")]
        kinds: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lsp { stdio: _ } => match quoth::lsp::run() {
            Ok(true) => ExitCode::SUCCESS,
            // `exit` without `shutdown`, or the client went away.
            Ok(false) => ExitCode::from(1),
            Err(e) => {
                eprintln!("quoth lsp: {e}");
                ExitCode::from(2)
            }
        },
        Command::Eval {
            corpus,
            predictions,
            kinds,
        } => match quoth::cli::eval::run(&corpus, predictions.as_deref(), &kinds) {
            Ok(Some(report)) => {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                );
                ExitCode::SUCCESS
            }
            Ok(None) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("quoth eval: {e}");
                ExitCode::from(2)
            }
        },
        Command::Check { paths, format } => ExitCode::from(quoth::cli::check::check(
            &paths,
            matches!(format, OutputFormat::Json),
        )),
        Command::Quotes { file, format } => ExitCode::from(quoth::cli::check::quotes(
            &file,
            matches!(format, OutputFormat::Json),
        )),
    }
}
