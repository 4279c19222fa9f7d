//! Fingerprints of page contexts, for `serve`'s page reuse.
//!
//! A serde serializer that feeds every value into blake3 with a type tag and
//! lengths, without formatting anything: several times cheaper than hashing
//! the JSON of a context, which matters when 10,000 pages are checked after
//! each edit.

use serde::ser::{self, Serialize};

/// The fingerprint of `value`, after `seed` (what all pages share).
pub fn of<T: Serialize + ?Sized>(seed: &[u8], value: &T) -> blake3::Hash {
    let mut h = Hashing::new();
    h.update(seed);
    // Serializing into a hasher cannot fail on rapor's own view types; a
    // failure only makes the fingerprint differ, so the page is re-rendered.
    if value.serialize(&mut h).is_err() {
        h.update(b"\xffunhashable");
    }
    h.finalize()
}

/// Bytes gathered before they go to blake3: a context is thousands of
/// small values, and blake3 hashes a long input many blocks at a time but
/// a short one block by block (hashing each value as it came was a fifth of
/// a `serve` rebuild at 10,000 stories). The hash is of the same bytes.
const BUFFER: usize = 16 * 1024;

struct Hashing {
    hasher: blake3::Hasher,
    buffer: Vec<u8>,
}

impl Hashing {
    fn new() -> Self {
        Hashing {
            hasher: blake3::Hasher::new(),
            buffer: Vec::with_capacity(BUFFER),
        }
    }
    fn update(&mut self, b: &[u8]) {
        if self.buffer.len() + b.len() > BUFFER {
            self.hasher.update(&self.buffer);
            self.buffer.clear();
        }
        if b.len() >= BUFFER {
            self.hasher.update(b);
        } else {
            self.buffer.extend_from_slice(b);
        }
    }
    fn finalize(mut self) -> blake3::Hash {
        self.hasher.update(&self.buffer);
        self.hasher.finalize()
    }
    fn tag(&mut self, t: u8) {
        self.update(&[t]);
    }
    fn bytes(&mut self, t: u8, b: &[u8]) {
        self.tag(t);
        self.update(&(b.len() as u64).to_le_bytes());
        self.update(b);
    }
}

#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

macro_rules! number {
    ($($name:ident: $t:ty => $tag:expr),* $(,)?) => {
        $(fn $name(self, v: $t) -> Result<(), Error> {
            self.tag($tag);
            self.update(&v.to_le_bytes());
            Ok(())
        })*
    };
}

impl ser::Serializer for &mut Hashing {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    /// Not human-readable: a [`crate::markdown::Later`] body gives its
    /// Markdown here, which fixes its HTML, instead of rendering it.
    fn is_human_readable(&self) -> bool {
        false
    }

    number! {
        serialize_i8: i8 => 1, serialize_i16: i16 => 2, serialize_i32: i32 => 3, serialize_i64: i64 => 4,
        serialize_u8: u8 => 5, serialize_u16: u16 => 6, serialize_u32: u32 => 7, serialize_u64: u64 => 8,
        serialize_f32: f32 => 9, serialize_f64: f64 => 10, serialize_i128: i128 => 11, serialize_u128: u128 => 12,
    }

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.tag(if v { 13 } else { 14 });
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.tag(15);
        self.update(&u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.bytes(16, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.bytes(17, v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.tag(18);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        self.tag(19);
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.tag(20);
        Ok(())
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Error> {
        self.bytes(21, name.as_bytes());
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, i: u32, _: &'static str) -> Result<(), Error> {
        self.tag(22);
        self.update(&i.to_le_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.tag(23);
        self.update(&i.to_le_bytes());
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Error> {
        self.tag(24);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Error> {
        self.tag(25);
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        self.tag(26);
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        self.tag(27);
        self.update(&i.to_le_bytes());
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Error> {
        self.tag(28);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        self.tag(29);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        self.tag(30);
        self.update(&i.to_le_bytes());
        Ok(self)
    }
}

/// Ends a compound value, so that `[a][b]` and `[a, b]` differ.
fn end(h: &mut Hashing) -> Result<(), Error> {
    h.tag(31);
    Ok(())
}

macro_rules! compound {
    ($($trait:ident :: $method:ident),*) => {
        $(impl ser::$trait for &mut Hashing {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
                v.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Error> {
                end(self)
            }
        })*
    };
}

compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Hashing {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Error> {
        k.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        end(self)
    }
}

macro_rules! fields {
    ($($trait:ident),*) => {
        $(impl ser::$trait for &mut Hashing {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, k: &'static str, v: &T) -> Result<(), Error> {
                self.bytes(32, k.as_bytes());
                v.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Error> {
                end(self)
            }
        })*
    };
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Body, Later};

    #[test]
    fn a_later_body_is_fingerprinted_by_its_markdown_without_rendering_it() {
        // Markdown whose HTML the sanitiser would change: the fingerprint
        // hashes the text itself, not what a template would be given.
        let body = |md: &str| Later(Body::from(md));
        let a = of(b"", &body("## Hasil <script>x</script>\n"));
        assert_eq!(a, of(b"", &body("## Hasil <script>x</script>\n")));
        assert_ne!(a, of(b"", &body("## Hasil\n")));
        let mut h = Hashing::new();
        h.update(b"");
        serde::Serialize::serialize("## Hasil <script>x</script>\n", &mut h).unwrap();
        assert_eq!(a, h.finalize(), "the Markdown, as a string");
    }

    #[derive(serde::Serialize)]
    struct Page<'a> {
        title: &'a str,
        tags: Vec<&'a str>,
        count: Option<u32>,
    }

    #[test]
    fn equal_values_agree_and_any_change_differs() {
        let a = Page {
            title: "Berita",
            tags: vec!["a", "b"],
            count: Some(3),
        };
        let same = Page {
            title: "Berita",
            tags: vec!["a", "b"],
            count: Some(3),
        };
        assert_eq!(of(b"x", &a), of(b"x", &same));
        for other in [
            Page {
                title: "Berita!",
                tags: vec!["a", "b"],
                count: Some(3),
            },
            Page {
                title: "Berita",
                tags: vec!["ab"],
                count: Some(3),
            },
            Page {
                title: "Berita",
                tags: vec!["a", "b"],
                count: None,
            },
            Page {
                title: "Berita",
                tags: vec!["a", "b"],
                count: Some(4),
            },
        ] {
            assert_ne!(of(b"x", &a), of(b"x", &other));
        }
        assert_ne!(of(b"x", &a), of(b"y", &a), "the seed counts");
    }

    #[test]
    fn the_buffer_hashes_the_bytes_it_is_given_in_order() {
        // Values below, across and above the buffer's size, one after another.
        let values: Vec<String> = [1, BUFFER - 3, 7, BUFFER * 2 + 5, 2]
            .iter()
            .enumerate()
            .map(|(i, &n)| char::from(b'a' + i as u8).to_string().repeat(n))
            .collect();
        let mut plain = blake3::Hasher::new();
        plain.update(b"seed");
        for v in &values {
            plain.update(&[16]);
            plain.update(&(v.len() as u64).to_le_bytes());
            plain.update(v.as_bytes());
        }
        let mut h = Hashing::new();
        h.update(b"seed");
        for v in &values {
            serde::Serialize::serialize(v.as_str(), &mut h).unwrap();
        }
        assert_eq!(h.finalize(), plain.finalize());
    }
}
