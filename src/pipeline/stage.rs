//! What every stage of a build shares: its timing, and the error of a stage
//! that failed without saying why.

use std::path::Path;
use std::time::Instant;

use crate::diag::{Diagnostics, Pos, Reported};
use crate::msg::msg;

/// Stage timings on stderr when `RAPOR_TIMINGS` is set: where a build spends
/// its time, without a profiler.
pub(super) struct Clock {
    pub(super) on: bool,
    pub(super) last: Instant,
    /// The process's CPU time (every thread) at `last`, in milliseconds.
    last_cpu: u64,
}

impl Clock {
    pub(super) fn new() -> Self {
        Clock {
            on: std::env::var_os("RAPOR_TIMINGS").is_some(),
            last: Instant::now(),
            last_cpu: cpu_ms(),
        }
    }

    /// Prints the stage's wall time and CPU time: a CPU time near twice the
    /// wall time on two cores is a stage that keeps both busy.
    pub(super) fn lap(&mut self, stage: &str) {
        if self.on {
            let cpu = cpu_ms();
            eprintln!(
                "timing: {stage:<16} {:8.1} ms {:7} ms cpu{}",
                self.last.elapsed().as_secs_f64() * 1000.0,
                cpu.saturating_sub(self.last_cpu),
                memory()
            );
            self.last = Instant::now();
            self.last_cpu = cpu;
        }
    }
}

/// User and system time of the process so far, where the system says it
/// (Linux's `/proc/self/stat`, in ticks of 10 ms), else 0.
fn cpu_ms() -> u64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0;
    };
    // Fields after the command's closing parenthesis, from the state (3rd).
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return 0;
    };
    let ticks: u64 = rest
        .split_whitespace()
        .skip(11) // utime is the 14th field, stime the 15th
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    ticks * 10
}

/// The process's memory now and at its peak, where the system says it
/// (Linux's `/proc/self/status`), for the timings.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let kb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    format!("  {:6} MB now {:6} MB peak", kb("VmRSS:"), kb("VmHWM:"))
}

/// The error of a stage that failed without saying why (a bug): the errors
/// already reported if there are any, else one that says which stage.
pub(super) fn failed(diags: &mut Diagnostics, stage: &str) -> Reported {
    match diags.reported() {
        Some(reported) => reported,
        None => diags.error(
            Path::new("."),
            Pos::default(),
            msg!("stage_failed", stage = stage),
        ),
    }
}
