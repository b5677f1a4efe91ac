//! `pde-server`: serve (default), print the default configuration, make the secrets, or create
//! an invitation.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use pde_server::settings::{default_config_text, Settings};

#[derive(Parser)]
#[command(
    name = "pde-server",
    version,
    about = "PDE — Porte-Documents Électronique: the server"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    settings: Settings,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (the default).
    Serve,
    /// Print every setting with its default, as environment variables.
    DefaultConfig,
    /// Make the OPAQUE server setup in the secrets directory, once, for a new server (an
    /// existing setup is kept as it is). Back it up apart from the data.
    InitSecrets,
    /// Create an invitation code (for `--creation-mode invite`).
    Invite {
        /// How many wallets the code can create.
        #[arg(long, default_value_t = 1)]
        uses: i64,
        /// Days before the code expires.
        #[arg(long, default_value_t = 30)]
        days: i64,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PDE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
    let cli = Cli::parse();
    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => pde_server::launch(cli.settings).await,
        Command::DefaultConfig => {
            print!("{}", default_config_text());
            Ok(())
        }
        Command::InitSecrets => pde_server::secrets::init_server_setup(
            &cli.settings.secrets_dir,
            &cli.settings.data_dir,
        )
        .map(|made| {
            println!(
                "{}",
                if made {
                    "made a new server setup; back up the secrets directory apart from the data"
                } else {
                    "the secrets directory already holds a server setup; it is kept"
                }
            )
        })
        .map_err(pde_server::LaunchError::from),
        Command::Invite { uses, days } => pde_server::create_invite(&cli.settings, uses, days)
            .await
            .map(|code| println!("{code}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("pde-server: {err}");
            ExitCode::FAILURE
        }
    }
}
