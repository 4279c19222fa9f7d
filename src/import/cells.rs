//! One spreadsheet cell's text -> a roster value: yes/no and gender words in
//! Indonesian or English, numbers with a decimal comma, ranges checked.
//! Pure: no I/O.

use super::msg::Msg;

/// A header or a cell for matching: "No. Registrasi" -> "noregistrasi".
pub(super) fn normalise(header: &str) -> String {
    header
        .chars()
        .flat_map(char::to_lowercase)
        .map(crate::text::fold_accent)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// A cell's text on one line: a line break typed into a cell is a space.
pub(super) fn one_line(v: &str) -> String {
    v.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn required(v: &str) -> Result<&str, Msg> {
    if v.is_empty() {
        Err(Msg::Required)
    } else {
        Ok(v)
    }
}

pub(super) fn gender(v: &str) -> Result<Option<&'static str>, Msg> {
    match normalise(v).as_str() {
        "" => Ok(None),
        "l" | "lk" | "lakilaki" | "laki" | "pria" | "m" | "male" | "man" => Ok(Some("m")),
        "p" | "pr" | "perempuan" | "wanita" | "w" | "f" | "female" | "woman" => Ok(Some("f")),
        _ => Err(Msg::NotAGender(v.to_string())),
    }
}

/// Yes/no in both languages. `T` is Indonesian *tidak*; a blank is "no".
pub(super) fn yes_no(v: &str) -> Result<bool, Msg> {
    match normalise(v).as_str() {
        "ya" | "y" | "yes" | "1" | "true" | "benar" | "lulus" | "kompeten" | "k" => Ok(true),
        "" | "tidak" | "tdk" | "t" | "n" | "no" | "0" | "false" | "salah" | "tidaklulus"
        | "belumkompeten" | "bk" | "belum" => Ok(false),
        _ => Err(Msg::NotAYesNo(v.to_string())),
    }
}

/// A number, with a decimal comma (Indonesian) or point; `.0` from Excel ok.
pub(super) fn number(v: &str) -> Option<f64> {
    let v = if v.contains(',') && !v.contains('.') {
        v.replace(',', ".")
    } else {
        v.to_string()
    };
    v.trim().parse::<f64>().ok().filter(|f| f.is_finite())
}

pub(super) fn whole_number(v: &str, min: u32, max: u32) -> Result<Option<u32>, Msg> {
    if v.is_empty() {
        return Ok(None);
    }
    let n = number(v)
        .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(u32::MAX))
        .ok_or_else(|| Msg::NotAWholeNumber(v.to_string()))?;
    let n = n as u32;
    if (min..=max).contains(&n) {
        Ok(Some(n))
    } else {
        Err(Msg::OutOfRange {
            value: v.to_string(),
            min,
            max,
        })
    }
}

/// Sessions attended: a count, as the contract keeps it.
pub(super) fn attendance(v: &str) -> Result<Option<u32>, Msg> {
    if v.ends_with('%') {
        return Err(Msg::Percent(v.to_string()));
    }
    whole_number(v, 0, u32::MAX)
}

/// A score from `min` to `max` (decimals allowed).
pub(super) fn score(v: &str, min: u32, max: u32) -> Result<Option<f64>, Msg> {
    if v.is_empty() {
        return Ok(None);
    }
    let out_of_range = || Msg::OutOfRange {
        value: v.to_string(),
        min,
        max,
    };
    let n = number(v).ok_or_else(out_of_range)?;
    if (f64::from(min)..=f64::from(max)).contains(&n) {
        Ok(Some(n))
    } else {
        Err(out_of_range())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn values_in_both_languages() {
        assert_eq!(yes_no("Tidak"), Ok(false));
        assert_eq!(yes_no("Y"), Ok(true));
        assert_eq!(yes_no("TRUE"), Ok(true));
        assert_eq!(gender("Laki-laki"), Ok(Some("m")));
        assert_eq!(gender("Perempuan"), Ok(Some("f")));
        assert_eq!(score("82,5", 0, 100), Ok(Some(82.5)));
        assert_eq!(one_line("Maria\nJelita "), "Maria Jelita");
        assert_eq!(whole_number("1994.0", 1900, 2100), Ok(Some(1994)));
    }
}
