//! Zip-packaged office files (`.xlsx`, `.docx`, `.ods`, ...): their parts are
//! deflated, so the audit reads the inflated XML of every part rather than
//! the package's bytes, in which no value would ever match.

use std::io::{self, Cursor, Read};

/// Extensions of the zip packages the audit opens.
const PACKAGES: [&str; 6] = [".xlsx", ".xlsm", ".docx", ".pptx", ".ods", ".odt"];

/// Whether `path` names a zip package whose parts are read.
pub(super) fn is_package(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    PACKAGES.iter().any(|e| lower.ends_with(e))
}

/// Every part of the package, inflated, in the package's order, each part's
/// name on a line before it. A package that cannot be read is an error:
/// a file the audit cannot read is not a file it has checked.
pub(super) fn parts(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(io::Error::other)?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(io::Error::other)?;
        out.extend_from_slice(part.name().map_err(io::Error::other)?.as_bytes());
        out.push(b'\n');
        part.read_to_end(&mut out)?;
        out.push(b'\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn reads_the_inflated_parts() {
        let mut buf = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("xl/sharedStrings.xml", opts).unwrap();
        w.write_all(b"<sst><si><t>Budi Santoso</t></si></sst>")
            .unwrap();
        w.finish().unwrap();
        let bytes = buf.into_inner();
        assert!(!bytes.windows(4).any(|w| w == b"Budi"), "deflated");
        let text = parts(&bytes).unwrap();
        assert!(String::from_utf8_lossy(&text).contains("<t>Budi Santoso</t>"));
        assert!(parts(b"not a zip").is_err());
        assert!(is_package("data/rapor.XLSX") && !is_package("data/stats.csv"));
    }
}
