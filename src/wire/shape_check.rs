//! Checking a body against a [`crate::wire::shape`] table while it is read: one pass over the
//! bytes with the core's JSON cursor (`crate::json`'s parser), no value tree (which cost more
//! time and memory than the check itself on a 1000-message page). Unknown fields are read past
//! (the body must be JSON) but not kept; paths for error messages
//! (`messages[3].metrics.opened`) are only rendered when there is an error. A syntax error says
//! the byte offset (`expected a value at byte 57`) where serde_json said the line and column.

use crate::prelude::*;

use crate::json::{ParseError, Parser, Value};
use crate::messages::Piece;
use crate::wire::shape::{Field, Kind};

/// Where a value sits in the body.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Piece for Path<'_> {
    fn put(&self, out: &mut String) {
        match self {
            Path::Root => out.push_str("the body"),
            Path::Field(Path::Root, name) => out.push_str(name),
            Path::Field(parent, name) => {
                parent.put(out);
                out.push('.');
                out.push_str(name);
            }
            Path::Index(parent, i) => {
                parent.put(out);
                out.push('[');
                i.put(out);
                out.push(']');
            }
        }
    }
}

/// Checks `body` as an object with `fields` and returns its top-level `next` (as sent), if it
/// is one of the fields. The error says which field is wrong and why.
pub fn check_body(body: &[u8], fields: &'static [Field]) -> Result<Option<Value>, String> {
    let mut parser = Parser::new(body);
    let mut check = Check {
        parser: &mut parser,
        next: None,
    };
    check.value(Kind::Object(fields), false, &Path::Root, 0)?;
    let next = check.next.take();
    parser.finish().map_err(|e| syntax(&e))?;
    Ok(next)
}

/// A syntax error, where it is.
fn syntax(e: &ParseError) -> String {
    join!(e.reason, " at byte ", e.offset)
}

/// `path has the wrong type (found)`.
fn wrong(path: &Path<'_>, found: &str) -> String {
    join!(path, " has the wrong type (", found, ")")
}

/// One pass over a body: each value is checked as it is read, unlisted members are skipped.
struct Check<'p, 'a> {
    parser: &'p mut Parser<'a>,
    /// The root's `next`, as sent.
    next: Option<Value>,
}

impl Check<'_, '_> {
    /// Checks the value at the cursor against `kind`, `depth` containers deep.
    fn value(
        &mut self,
        kind: Kind,
        nullable: bool,
        path: &Path<'_>,
        depth: usize,
    ) -> Result<(), String> {
        let p = &mut *self.parser;
        if kind == Kind::Any {
            return p.skip(depth).map_err(|e| syntax(&e));
        }
        let fits = |fits: bool, found: &str| {
            if fits {
                Ok(())
            } else {
                Err(wrong(path, found))
            }
        };
        let integer_like = matches!(kind, Kind::Integer | Kind::StringOrInteger | Kind::Cursor);
        match p.peek_value() {
            Some(b'n') => {
                p.literal(b"null").map_err(|e| syntax(&e))?;
                if nullable {
                    Ok(())
                } else {
                    Err(join!(path, " is null"))
                }
            }
            Some(b't') => {
                p.literal(b"true").map_err(|e| syntax(&e))?;
                fits(kind == Kind::Bool, "boolean")
            }
            Some(b'f') => {
                p.literal(b"false").map_err(|e| syntax(&e))?;
                fits(kind == Kind::Bool, "boolean")
            }
            Some(b'"') => {
                p.string().map_err(|e| syntax(&e))?;
                fits(
                    matches!(kind, Kind::String | Kind::StringOrInteger | Kind::Cursor),
                    "string",
                )
            }
            Some(b'-' | b'0'..=b'9') => {
                let n = p.number().map_err(|e| syntax(&e))?;
                if n.is_f64() {
                    fits(false, "a fractional number")
                } else {
                    fits(integer_like, "number")
                }
            }
            Some(b'[') => {
                let Kind::Array(item) = kind else {
                    return Err(wrong(path, "array"));
                };
                let mut index = 0;
                let mut more = p.open(b'[', depth + 1).map_err(|e| syntax(&e))?;
                while more {
                    self.value(*item, false, &Path::Index(path, index), depth + 1)?;
                    index += 1;
                    more = self.parser.next(b']').map_err(|e| syntax(&e))?;
                }
                Ok(())
            }
            Some(b'{') => match kind {
                Kind::Object(fields) => self.fields(fields, path, depth),
                Kind::NumberMap => self.members(Kind::Integer, path, depth),
                Kind::SeriesMap => self.members(Kind::Array(&Kind::Integer), path, depth),
                _ => Err(wrong(path, "object")),
            },
            _ => p.skip(depth).map_err(|e| syntax(&e)),
        }
    }

    /// Checks every member of a map-like object against `kind`.
    fn members(&mut self, kind: Kind, path: &Path<'_>, depth: usize) -> Result<(), String> {
        let mut more = self.parser.open(b'{', depth + 1).map_err(|e| syntax(&e))?;
        while more {
            let key = self.parser.key().map_err(|e| syntax(&e))?;
            self.value(kind, false, &Path::Field(path, &key), depth + 1)?;
            more = self.parser.next(b'}').map_err(|e| syntax(&e))?;
        }
        Ok(())
    }

    /// Checks an object's listed fields, skips the others, then requires the required ones. At
    /// the root, keeps the `next` field's value.
    fn fields(
        &mut self,
        fields: &'static [Field],
        path: &Path<'_>,
        depth: usize,
    ) -> Result<(), String> {
        let at_root = matches!(path, Path::Root);
        let mut seen = 0u64;
        let mut more = self.parser.open(b'{', depth + 1).map_err(|e| syntax(&e))?;
        while more {
            let key = self.parser.key().map_err(|e| syntax(&e))?;
            match fields.iter().position(|field| field.name == key) {
                Some(index) if at_root && key == "next" => {
                    let mut start = self.parser.clone();
                    self.check_field(fields, index, path, depth)?;
                    self.next = Some(start.value(depth + 1).map_err(|e| syntax(&e))?);
                    seen |= bit(index);
                }
                Some(index) => {
                    self.check_field(fields, index, path, depth)?;
                    seen |= bit(index);
                }
                None => self.parser.skip(depth + 1).map_err(|e| syntax(&e))?,
            }
            more = self.parser.next(b'}').map_err(|e| syntax(&e))?;
        }
        match fields
            .iter()
            .enumerate()
            .find(|(index, field)| field.required && seen & bit(*index) == 0)
        {
            Some((_, field)) => Err(join!(Path::Field(path, field.name), " is missing")),
            None => Ok(()),
        }
    }

    fn check_field(
        &mut self,
        fields: &'static [Field],
        index: usize,
        path: &Path<'_>,
        depth: usize,
    ) -> Result<(), String> {
        let Some(field) = fields.get(index) else {
            return Ok(());
        };
        self.value(
            field.kind,
            field.nullable,
            &Path::Field(path, field.name),
            depth + 1,
        )
    }
}

/// The bit of the field at `index` in a set of seen fields (fields past 64 are not tracked).
fn bit(index: usize) -> u64 {
    1u64.checked_shl(u32::try_from(index).unwrap_or(u32::MAX))
        .unwrap_or(0)
}
