//! Time, in Unix seconds. Back-off, session expiry, and later grant expiry and time-locks all read
//! this clock. Tests move it through a route that exists only with the `test-clock` feature, which
//! release builds never enable.

#[cfg(feature = "test-clock")]
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The server's clock.
#[derive(Debug, Default)]
pub struct Clock {
    /// Seconds added to the system time.
    #[cfg(feature = "test-clock")]
    offset: AtomicI64,
}

impl Clock {
    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        let system = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        #[cfg(feature = "test-clock")]
        let system = system + self.offset.load(Ordering::SeqCst);
        system
    }

    /// Moves the clock forward (tests only).
    #[cfg(feature = "test-clock")]
    pub fn advance(&self, seconds: i64) {
        self.offset.fetch_add(seconds, Ordering::SeqCst);
    }
}

/// An average month (365.2425 / 12 days), for "after N months".
pub const MONTH_SECONDS: i64 = 2_629_746;

/// The start (00:00 UTC) of the day holding `unix_seconds`.
pub fn day_start(unix_seconds: i64) -> i64 {
    unix_seconds - unix_seconds.rem_euclid(86_400)
}

/// `YYYY-MM-DD` (UTC) of the day holding `unix_seconds`.
pub fn iso_date(unix_seconds: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(unix_seconds) {
        Ok(moment) => format!(
            "{:04}-{:02}-{:02}",
            moment.year(),
            u8::from(moment.month()),
            moment.day()
        ),
        Err(_) => String::new(),
    }
}

/// The start (Monday 00:00 UTC) of the ISO week holding `unix_seconds`.
pub fn iso_week_start(unix_seconds: i64) -> i64 {
    let Ok(moment) = time::OffsetDateTime::from_unix_timestamp(unix_seconds) else {
        return unix_seconds;
    };
    let days_since_monday = i64::from(moment.weekday().number_days_from_monday());
    let midnight = moment.replace_time(time::Time::MIDNIGHT);
    midnight.unix_timestamp() - days_since_monday * 86_400
}

/// The start (the 1st, 00:00 UTC) of the month holding `unix_seconds`.
pub fn month_start(unix_seconds: i64) -> i64 {
    let Ok(moment) = time::OffsetDateTime::from_unix_timestamp(unix_seconds) else {
        return unix_seconds;
    };
    let days_since_first = i64::from(moment.day()) - 1;
    moment.replace_time(time::Time::MIDNIGHT).unix_timestamp() - days_since_first * 86_400
}

/// The start of the month after the one starting at `month_start`.
pub fn next_month_start(month_start: i64) -> i64 {
    self::month_start(month_start + 32 * 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_starts_on_monday_at_midnight_utc() {
        // Thursday 2026-12-03 14:05:09 UTC → Monday 2026-11-30 00:00 UTC.
        assert_eq!(iso_week_start(1_796_306_709), 1_795_996_800);
        // A Monday's midnight is its own week's start.
        assert_eq!(iso_week_start(1_795_996_800), 1_795_996_800);
        assert_eq!(iso_week_start(1_795_996_799), 1_795_996_800 - 7 * 86_400);
    }

    #[test]
    fn a_month_starts_on_the_first_at_midnight_utc() {
        // Thursday 2026-12-03 14:05:09 UTC → 2026-12-01 00:00 UTC.
        assert_eq!(month_start(1_796_306_709), 1_796_083_200);
        assert_eq!(month_start(1_796_083_200), 1_796_083_200);
        // 2026-11-01 00:00 UTC, and the month after it.
        assert_eq!(month_start(1_796_083_199), 1_793_491_200);
        assert_eq!(next_month_start(1_793_491_200), 1_796_083_200);
        // February of a leap year is followed by March.
        assert_eq!(next_month_start(1_832_976_000), 1_835_481_600);
    }
}
