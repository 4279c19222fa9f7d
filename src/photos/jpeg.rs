//! The structure of a JPEG file, checked before it is decoded: the image
//! decoder may accept a file cut short and show a partial picture.

use crate::msg::{Message, msg};

/// Walks a JPEG's markers from the start-of-image to the end-of-image
/// marker, through every segment and the picture data of every scan. A file
/// that ends before the end-of-image marker is truncated (a copy cut short,
/// a download that stopped); one whose markers do not follow each other is
/// damaged. Bytes after the end-of-image marker (some cameras append data)
/// are allowed.
pub(super) fn jpeg_structure(bytes: &[u8]) -> Result<(), Message> {
    let truncated = || msg!("photo_jpeg_truncated");
    let damaged = |at: usize| msg!("photo_jpeg_damaged", at = at);
    let n = bytes.len();
    if n < 4 || bytes[..2] != [0xFF, 0xD8] {
        return Err(damaged(0));
    }
    let mut i = 2;
    let mut scans = 0;
    loop {
        if i >= n {
            return Err(truncated());
        }
        if bytes[i] != 0xFF {
            return Err(damaged(i));
        }
        while i < n && bytes[i] == 0xFF {
            i += 1; // fill bytes before a marker
        }
        let Some(&marker) = bytes.get(i) else {
            return Err(truncated());
        };
        i += 1;
        match marker {
            0xD9 if scans > 0 => return Ok(()),
            0xD9 | 0x00 => return Err(damaged(i - 2)),
            0xD0..=0xD7 | 0x01 => continue,
            _ => {}
        }
        let Some(len) = bytes.get(i..i + 2) else {
            return Err(truncated());
        };
        let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
        if len < 2 {
            return Err(damaged(i));
        }
        i += len;
        if i > n {
            return Err(truncated());
        }
        if marker == 0xDA {
            scans += 1;
            // Picture data runs to the next marker that is not a stuffed
            // 0xFF00 or a restart marker.
            loop {
                let Some(p) = bytes[i..].iter().position(|&b| b == 0xFF) else {
                    return Err(truncated());
                };
                let at = i + p;
                match bytes.get(at + 1) {
                    None => return Err(truncated()),
                    Some(0x00 | 0xD0..=0xD7) => i = at + 2,
                    Some(0xFF) => i = at + 1,
                    Some(_) => {
                        i = at;
                        break;
                    }
                }
            }
        }
    }
}
