//! The tocilizumab dose log: doses given, the next earliest time, and the limits of clinical
//! spec §9 (≥ 8 h apart, ≤ 3 doses in 24 h, ≤ 4 doses in all).
//!
//! **Times are whole minutes since the Unix epoch (UTC)**, as `i64`: bedside times are
//! recorded to the minute, and integers make every boundary exact.
//!
//! **Boundaries** (all tested):
//! - *Spacing*: a dose exactly 8 h (480 min) after the last one is allowed; 479 min is not.
//! - *24-hour window*: at time `now` the window is the half-open interval
//!   `(now − 1440 min, now]`. A dose given **exactly 24 h ago is outside** the window; one
//!   given 23 h 59 min ago is inside. So q8h dosing at 0, 8 and 16 h allows a fourth dose at
//!   24 h (then the first has left the window) but not at 23 h 59 min. Doses recorded after
//!   `now` (a clock or entry error) count as inside the window.
//! - *Total*: after 4 doses no further dose is allowed, whatever the time.
//!
//! ```
//! use iectox::treatment::tocilizumab_log::{Reason, TocilizumabLog, HOUR};
//!
//! let mut log = TocilizumabLog::new();
//! log.add(0);
//! assert_eq!(log.next_earliest(60), Some(8 * HOUR));
//! assert_eq!(log.can_give(7 * HOUR), Err(vec![Reason::TooSoon { earliest: 8 * HOUR }]));
//! assert_eq!(log.can_give(8 * HOUR), Ok(()));
//! ```

use alloc::vec::Vec;

/// One hour, in the log's unit (minutes).
pub const HOUR: i64 = 60;
/// Shortest interval between two doses: 8 h, in minutes.
pub const MIN_INTERVAL_MINUTES: i64 = 8 * HOUR;
/// Length of the rolling window: 24 h, in minutes.
pub const WINDOW_MINUTES: i64 = 24 * HOUR;
/// Most doses in any 24-hour window.
pub const MAX_PER_WINDOW: usize = 3;
/// Most doses in all.
pub const MAX_TOTAL: usize = 4;

/// A warning about the doses already given, at a given time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum LogWarning {
    /// Three doses already lie in the rolling 24-hour window: a fourth now would exceed the
    /// limit of 3 doses per 24 h. `until` is when the oldest of them leaves the window.
    ThreeDosesIn24h {
        /// Minute at which a dose is again allowed by the 24-hour limit.
        until: i64,
    },
    /// Four doses have been given: the maximum in all is reached.
    FourDosesTotal,
    /// More than 4 doses are recorded: the limit in all was exceeded (recorded, never
    /// refused: the clinician may have given them).
    TotalExceeded {
        /// Doses recorded.
        total: usize,
    },
    /// More than 3 recorded doses lie within one 24-hour window: the 24-hour limit was
    /// exceeded. `first` and `last` are the first and last dose of the busiest such window.
    In24hExceeded {
        /// Doses in that window.
        count: usize,
        /// The first dose of the window.
        first: i64,
        /// The last dose of the window.
        last: i64,
    },
    /// Two recorded doses are less than 8 h apart (a recording error, or a deviation to
    /// review).
    IntervalUnder8h {
        /// The earlier dose.
        earlier: i64,
        /// The later dose.
        later: i64,
    },
}

/// Why a dose cannot be given now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum Reason {
    /// Less than 8 h since the last dose (or `now` precedes a recorded dose).
    TooSoon {
        /// The earliest minute allowed by the 8-hour spacing.
        earliest: i64,
    },
    /// Three doses in the rolling 24-hour window.
    ThreeDosesIn24h {
        /// The earliest minute allowed by the 24-hour limit.
        earliest: i64,
    },
    /// Four doses given: no more.
    FourDosesTotal,
}

/// Tocilizumab doses given to one patient, kept in time order. Persisted with the patient
/// (`serde`), printed in the summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TocilizumabLog {
    /// Dose times, minutes since the Unix epoch, ascending.
    doses: Vec<i64>,
}

impl TocilizumabLog {
    /// An empty log.
    pub const fn new() -> Self {
        TocilizumabLog { doses: Vec::new() }
    }

    /// A log of these dose times (any order).
    pub fn from_doses(doses: &[i64]) -> Self {
        let mut log = TocilizumabLog::new();
        for &t in doses {
            log.add(t);
        }
        log
    }

    /// Records a dose given at `minute`. The log records what was given: a dose breaking a
    /// limit is kept, and shows in [`TocilizumabLog::warnings`].
    pub fn add(&mut self, minute: i64) {
        let at = self.doses.partition_point(|&t| t <= minute);
        self.doses.insert(at, minute);
    }

    /// Removes one dose recorded at `minute` (a correction); returns whether one was found.
    pub fn remove(&mut self, minute: i64) -> bool {
        match self.doses.iter().position(|&t| t == minute) {
            Some(i) => {
                self.doses.remove(i);
                true
            }
            None => false,
        }
    }

    /// The dose times, ascending.
    pub fn doses(&self) -> &[i64] {
        &self.doses
    }

    /// Number of doses given.
    pub fn total(&self) -> usize {
        self.doses.len()
    }

    /// Doses in the rolling 24-hour window at `now`: `(now − 24 h, now]`, plus any recorded
    /// after `now`.
    pub fn in_window(&self, now: i64) -> usize {
        self.doses
            .iter()
            .filter(|&&t| t > now - WINDOW_MINUTES)
            .count()
    }

    /// The earliest minute the 24-hour limit allows, when 3 doses would otherwise be in the
    /// window: 24 h after the third most recent dose.
    fn window_earliest(&self) -> Option<i64> {
        let n = self.doses.len();
        if n >= MAX_PER_WINDOW {
            Some(self.doses[n - MAX_PER_WINDOW] + WINDOW_MINUTES)
        } else {
            None
        }
    }

    /// The earliest minute, at or after `now`, at which a next dose is allowed: at least 8 h
    /// after the last dose and with fewer than 3 doses in the 24-hour window. `None` once 4
    /// doses have been given. With no dose yet, `now`.
    pub fn next_earliest(&self, now: i64) -> Option<i64> {
        if self.doses.len() >= MAX_TOTAL {
            return None;
        }
        let mut earliest = now;
        if let Some(&last) = self.doses.last() {
            earliest = earliest.max(last + MIN_INTERVAL_MINUTES);
        }
        if let Some(t) = self.window_earliest() {
            earliest = earliest.max(t);
        }
        Some(earliest)
    }

    /// The busiest 24-hour window among the recorded doses when it holds more than 3:
    /// `(count, first, last)` (a window is `[first, first + 24 h)`, as the rolling window at the
    /// last dose is `(last − 24 h, last]`).
    fn busiest_window_over_limit(&self) -> Option<(usize, i64, i64)> {
        let mut best: Option<(usize, i64, i64)> = None;
        for (i, &first) in self.doses.iter().enumerate() {
            let in_window = self.doses[i..]
                .iter()
                .take_while(|&&t| t < first + WINDOW_MINUTES)
                .count();
            if in_window > MAX_PER_WINDOW && best.is_none_or(|(n, ..)| in_window > n) {
                best = Some((in_window, first, self.doses[i + in_window - 1]));
            }
        }
        best
    }

    /// Warnings at `now`: a limit exceeded by the recorded doses (more than 4 in all, more
    /// than 3 within 24 h), 3 doses in the current 24-hour window, 4 doses in all, and any two
    /// recorded doses less than 8 h apart.
    pub fn warnings(&self, now: i64) -> Vec<LogWarning> {
        let mut out = Vec::new();
        if self.doses.len() > MAX_TOTAL {
            out.push(LogWarning::TotalExceeded {
                total: self.doses.len(),
            });
        }
        if let Some((count, first, last)) = self.busiest_window_over_limit() {
            out.push(LogWarning::In24hExceeded { count, first, last });
        }
        if self.in_window(now) >= MAX_PER_WINDOW {
            let until = self.window_earliest().unwrap_or(now);
            out.push(LogWarning::ThreeDosesIn24h { until });
        }
        if self.doses.len() == MAX_TOTAL {
            out.push(LogWarning::FourDosesTotal);
        }
        for pair in self.doses.windows(2) {
            if pair[1] - pair[0] < MIN_INTERVAL_MINUTES {
                out.push(LogWarning::IntervalUnder8h {
                    earlier: pair[0],
                    later: pair[1],
                });
            }
        }
        out
    }

    /// Whether a dose may be given at `now`; otherwise every reason why.
    pub fn can_give(&self, now: i64) -> Result<(), Vec<Reason>> {
        let mut reasons = Vec::new();
        if self.doses.len() >= MAX_TOTAL {
            reasons.push(Reason::FourDosesTotal);
        }
        if let Some(&last) = self.doses.last() {
            if now - last < MIN_INTERVAL_MINUTES {
                reasons.push(Reason::TooSoon {
                    earliest: last + MIN_INTERVAL_MINUTES,
                });
            }
        }
        if self.in_window(now) >= MAX_PER_WINDOW {
            reasons.push(Reason::ThreeDosesIn24h {
                earliest: self.window_earliest().unwrap_or(now),
            });
        }
        if reasons.is_empty() {
            Ok(())
        } else {
            Err(reasons)
        }
    }
}
