//! Reading markup as a browser shows it: tags that join words or part
//! them, and the inside of tags, comments and scripts read apart.

use super::text_out::{Flags, Out, chars};

/// Tags that sit inside a word without parting it (or show nothing).
fn inline(name: &[u8]) -> bool {
    matches!(
        name,
        // Script, style and template show nothing where they stand.
        b"script"
            | b"style"
            | b"template"
            | b"a"
            | b"abbr"
            | b"b"
            | b"bdi"
            | b"bdo"
            | b"cite"
            | b"code"
            | b"data"
            | b"del"
            | b"dfn"
            | b"em"
            | b"font"
            | b"i"
            | b"ins"
            | b"kbd"
            | b"label"
            | b"mark"
            | b"nobr"
            | b"q"
            | b"s"
            | b"samp"
            | b"small"
            | b"span"
            | b"strike"
            | b"strong"
            | b"sub"
            | b"sup"
            | b"time"
            | b"tt"
            | b"u"
            | b"var"
            | b"wbr"
    )
}

pub(super) struct Reader<'a> {
    pub(super) src: &'a [u8],
    /// How the text between tags is read.
    pub(super) text_flags: Flags,
    /// What a reader sees.
    pub(super) text: Out,
    /// The inside of tags, comments and scripts.
    pub(super) hidden: Out,
}

impl Reader<'_> {
    pub(super) fn markup(&mut self) {
        let src = self.src;
        let n = src.len();
        let text_flags = self.text_flags;
        let inner = Flags {
            marks: false,
            ..text_flags
        };
        let mut i = 0;
        while i < n {
            let lt = memchr::memchr(b'<', &src[i..]).map_or(n, |k| i + k);
            chars(src, i, lt, text_flags, &mut self.text);
            if lt == n {
                break;
            }
            i = self.tag(lt, inner);
        }
    }

    /// Reads the tag (or comment) at `lt`; returns where reading goes on.
    fn tag(&mut self, lt: usize, inner: Flags) -> usize {
        let src = self.src;
        let n = src.len();
        let rest = &src[lt..];
        let hidden = |r: &mut Self, from: usize, to: usize, f: Flags| {
            r.hidden.sep(from);
            chars(src, from, to, f, &mut r.hidden);
            r.hidden.sep(to);
        };
        if rest.starts_with(b"<!--") {
            let end = find(src, lt + 4, b"-->").unwrap_or(n);
            // A comment shows nothing: the text on both sides joins.
            hidden(self, lt + 4, end, inner);
            self.text.edge();
            return (end + 3).min(n);
        }
        if rest.starts_with(b"<![CDATA[") {
            return lt + 9; // its text is read as text
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = lt + 1 + closing as usize;
        let declaration = matches!(rest.get(1), Some(b'!' | b'?'));
        if !declaration && !src.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            self.text.put(b'<', lt); // a `<` in text
            return lt + 1;
        }
        let name_len = src[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':'))
            .count();
        // Lowercased on the stack: a page has thousands of tags.
        let mut buf = [0u8; 8];
        let name: &[u8] = match src.get(name_at..name_at + name_len) {
            Some(n) if n.len() <= buf.len() => {
                buf[..n.len()].copy_from_slice(n);
                buf[..n.len()].make_ascii_lowercase();
                &buf[..n.len()]
            }
            _ => b"-", // a long name: no inline tag is that long
        };
        // The tag ends at the first `>` outside quotes.
        let mut end = n;
        let mut k = name_at + name_len;
        while let Some(j) = memchr::memchr3(b'>', b'"', b'\'', &src[k..]) {
            let at = k + j;
            if src[at] == b'>' {
                end = at;
                break;
            }
            match memchr::memchr(src[at], &src[at + 1..]) {
                Some(close) => k = at + 1 + close + 1,
                None => break, // an open quote: the tag runs to the end
            }
        }
        hidden(self, lt + 1, end, inner);
        if declaration || !inline(name) {
            self.text.sep(lt);
        } else {
            self.text.edge();
        }
        let next = (end + 1).min(n);
        let raw = name == b"script" || name == b"style";
        if raw && !closing && src.get(end.wrapping_sub(1)) != Some(&b'/') {
            // Script and style hold text, not tags, up to their end tag.
            let close: &[u8] = if name == b"script" {
                b"</script"
            } else {
                b"</style"
            };
            let stop = find_ignore_case(src, next, close).unwrap_or(n);
            let f = Flags {
                entities: false,
                backslash: true,
                ..inner
            };
            hidden(self, next, stop, f);
            return stop;
        }
        next
    }
}

fn find(s: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    s.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|k| from + k)
}

fn find_ignore_case(s: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    s.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|k| from + k)
}
