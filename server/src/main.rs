//! `pde-server`: serve (default), print the default configuration, make the secrets, create an
//! invitation, back up or restore.

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
    /// Take an encrypted backup of the data (database and blobs, never the secrets) while the
    /// server runs, into the backups directory; archives older than --backup-keep-days go.
    Backup {
        /// Where to write the archive (default: --backup-dir).
        #[arg(long)]
        to: Option<std::path::PathBuf>,
    },
    /// Restore a backup into an empty data directory: every link is revoked, every session
    /// ended, and the erasures made since are applied again. Needs the secrets directory.
    Restore {
        /// A backup archive, or a backups directory (its newest archive); the erasure journal is
        /// read beside it. Default: --backup-dir.
        #[arg(long)]
        from: Option<std::path::PathBuf>,
        /// The age identity file of the backup recipient (AGE-SECRET-KEY-…).
        #[arg(long)]
        identity: std::path::PathBuf,
    },
    /// Write the server setup (the secrets directory's one file), encrypted to
    /// --backup-recipient, into a new file apart from the data and its backups. It never changes:
    /// one copy, kept safe, is enough.
    BackupSecrets {
        /// The new file (e.g. on a USB stick).
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Put the server setup back from its copy into an empty secrets directory (before a
    /// restore, when the secrets directory was lost too).
    RestoreSecrets {
        /// The copy `backup-secrets` wrote.
        #[arg(long)]
        from: std::path::PathBuf,
        /// The age identity file of the backup recipient (AGE-SECRET-KEY-…).
        #[arg(long)]
        identity: std::path::PathBuf,
    },
    /// Administrators of the console: enrol, confirm, revoke, list.
    Admin {
        #[command(subcommand)]
        action: AdminAction,
    },
    /// Create one invitation code (for `--creation-mode invite`); the console makes them by
    /// partner, in batches printed as slips.
    Invite {
        /// How many wallets the code can create.
        #[arg(long, default_value_t = 1)]
        uses: i64,
        /// Days before the code expires.
        #[arg(long, default_value_t = 30)]
        days: i64,
    },
}

#[derive(Subcommand)]
enum AdminAction {
    /// Add an administrator: prints a one-time enrolment link (valid one hour) to give them.
    /// Opening it makes a passkey and shows a 6-digit code; they become active only when you
    /// type that code with `admin confirm`.
    Enrol {
        /// Their name, as the audit log shows it (never reused).
        #[arg(long)]
        name: String,
        /// What they may do.
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// Activate the administrator whose browser shows this 6-digit code.
    Confirm {
        /// The code.
        code: String,
    },
    /// Revoke an administrator: their sessions end, their passkeys no longer log in.
    Revoke {
        /// Their name.
        #[arg(long)]
        name: String,
    },
    /// List the administrators (name, role, state).
    List,
    /// The partners (day centres, services) whose invitation slips the console prints.
    Partner {
        #[command(subcommand)]
        action: PartnerAction,
    },
}

#[derive(Subcommand)]
enum PartnerAction {
    /// Add a partner to the list coordinators pick from.
    Add {
        /// Its name, as the console and the slips show it.
        #[arg(long)]
        label: String,
    },
    /// List the partners.
    List,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum RoleArg {
    /// Runs the test phase (invitations, feedback, announcements).
    Coordinator,
    /// Reads statistics, feedback and the audit log.
    Observer,
}

impl From<RoleArg> for pde_api::admin::AdminRole {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Coordinator => Self::Coordinator,
            RoleArg::Observer => Self::Observer,
        }
    }
}

async fn admin(settings: &Settings, action: AdminAction) -> Result<(), pde_server::LaunchError> {
    use pde_server::admin::cli;
    match action {
        AdminAction::Enrol { name, role } => {
            let link = cli::enrol(settings, &name, role.into()).await?;
            println!("{link}");
            eprintln!(
                "Give this link to {name} (it works once, for an hour). Their browser will show a \
                 6-digit code: type `pde-server admin confirm <code>` here to let them in."
            );
        }
        AdminAction::Confirm { code } => {
            let name = cli::confirm(settings, &code).await?;
            println!("{name} is an active administrator");
        }
        AdminAction::Revoke { name } => {
            cli::revoke(settings, &name).await?;
            println!("{name} is revoked: their sessions ended");
        }
        AdminAction::List => print!("{}", cli::list(settings).await?),
        AdminAction::Partner {
            action: PartnerAction::Add { label },
        } => {
            cli::add_partner(settings, &label).await?;
            println!("{} is on the partners' list", label.trim());
        }
        AdminAction::Partner {
            action: PartnerAction::List,
        } => print!("{}", cli::list_partners(settings).await?),
    }
    Ok(())
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
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
        Command::Backup { to } => {
            let to = to.unwrap_or_else(|| cli.settings.backup_dir.clone());
            pde_server::backup::backup(&cli.settings, &to, now())
                .await
                .map(|report| {
                    println!(
                        "backup written: {} ({} blobs, {} bytes); {} older archives removed",
                        report.archive.display(),
                        report.blobs,
                        report.bytes,
                        report.archives_removed
                    )
                })
                .map_err(pde_server::LaunchError::from)
        }
        Command::Restore { from, identity } => {
            let from = from.unwrap_or_else(|| cli.settings.backup_dir.clone());
            pde_server::backup::restore(&cli.settings, &from, &identity, now())
                .await
                .map(|report| {
                    println!(
                        "restored {} (taken at {} UTC) into {}: {} wallet parts, {} blobs; {} erasures made since applied again; every link revoked and every session ended",
                        report.archive.display(),
                        pde_server::backup::utc_text(report.taken_at),
                        cli.settings.data_dir.display(),
                        report.wallet_parts,
                        report.blobs,
                        report.erased_again
                    )
                })
                .map_err(pde_server::LaunchError::from)
        }
        Command::BackupSecrets { to } => pde_server::backup::backup_secrets(&cli.settings, &to)
            .map(|()| println!("the server setup is in {}, encrypted; keep it apart from the data and its backups", to.display()))
            .map_err(pde_server::LaunchError::from),
        Command::RestoreSecrets { from, identity } => {
            pde_server::backup::restore_secrets(&cli.settings, &from, &identity)
                .map(|()| println!("the server setup is back in {}", cli.settings.secrets_dir.display()))
                .map_err(pde_server::LaunchError::from)
        }
        Command::Admin { action } => admin(&cli.settings, action).await,
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
