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
