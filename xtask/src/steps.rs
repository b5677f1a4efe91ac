//! Named, timed steps with a `==> step` header and a summary table at the end.

use std::time::{Duration, Instant};

use crate::util::{fmt_duration, Result};

enum Outcome {
    Ok,
    Failed,
    Skipped(String),
}

struct Record {
    name: String,
    outcome: Outcome,
    duration: Duration,
}

pub struct Steps {
    started: Instant,
    records: Vec<Record>,
}

impl Steps {
    pub fn new() -> Self {
        Steps {
            started: Instant::now(),
            records: Vec::new(),
        }
    }

    /// Runs one step: header, duration, and on failure an error naming the step.
    pub fn run<T>(&mut self, name: &str, step: impl FnOnce() -> Result<T>) -> Result<T> {
        eprintln!("\n==> {name}");
        let started = Instant::now();
        let result = step();
        let duration = started.elapsed();
        let outcome = match &result {
            Ok(_) => {
                eprintln!("<== {name}: ok ({})", fmt_duration(duration));
                Outcome::Ok
            }
            Err(e) => {
                eprintln!("<== {name}: FAILED after {}: {e}", fmt_duration(duration));
                Outcome::Failed
            }
        };
        self.records.push(Record {
            name: name.to_owned(),
            outcome,
            duration,
        });
        result.map_err(|e| format!("step `{name}` failed: {e}").into())
    }

    pub fn skip(&mut self, name: &str, reason: &str) {
        eprintln!("\n==> {name}: skipped ({reason})");
        self.records.push(Record {
            name: name.to_owned(),
            outcome: Outcome::Skipped(reason.to_owned()),
            duration: Duration::ZERO,
        });
    }

    pub fn print_summary(&self) {
        let width = self
            .records
            .iter()
            .map(|r| r.name.len())
            .max()
            .unwrap_or(0)
            .max(5);
        eprintln!("\n==> summary");
        for r in &self.records {
            let (result, time) = match &r.outcome {
                Outcome::Ok => ("ok".to_owned(), fmt_duration(r.duration)),
                Outcome::Failed => ("FAILED".to_owned(), fmt_duration(r.duration)),
                Outcome::Skipped(why) => (format!("skipped: {why}"), String::new()),
            };
            eprintln!("  {:<width$}  {time:>9}  {result}", r.name);
        }
        let total = fmt_duration(self.started.elapsed());
        eprintln!("  {:<width$}  {total:>9}", "total");
    }
}
