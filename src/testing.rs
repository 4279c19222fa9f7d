//! What the unit tests of several modules share.

/// Numbers below the `n` each call is given, from a small xorshift: the
/// same every run for the same `seed`.
pub(crate) fn numbers(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}
