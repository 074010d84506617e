//! The read operations as data: a GET whose parameters are only ids, enums, limits, cursors,
//! timestamps and booleans is read and built straight from its row of the table
//! ([`OperationSpec`]), by one reader, instead of by one typed struct each.
//!
//! Decision: [`AnyOperation`](super::AnyOperation) (the JS layer, dry runs, agent tools) takes
//! this path for every read; the typed structs (`GetMessages`, …) stay for Rust callers and
//! their typed answers. Measured (README, "Decisions"): each typed reader was inlined into
//! `from_name`, about 20 KB raw of wasm for 28 reads. The rules are the same accessors of
//! [`Params`], called in the table's order, so codes, fields and messages do not change;
//! `tests/reads_table.rs` checks that both paths build the same request and refuse alike.

use crate::prelude::*;

use super::broadcasts::read_steps;
use crate::config::Config;
use crate::error::{ErrorCode, Result};
use crate::messages::Piece;
use crate::params::timestamp::UnixTime;
use crate::params::Params;
use crate::spec::{OperationSpec, ParamKind, ParamLocation};
use crate::wire::http::HttpRequest;
use serde_json::Value;

/// A validated read: the table row and one text per parameter, in the row's order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct ReadOperation {
    spec: &'static OperationSpec,
    /// The text sent for each of `spec.params` (same index); `None` when left out.
    values: Vec<Option<String>>,
}

impl ReadOperation {
    /// Reads `params` against `spec`: each parameter by the rule its kind names, in the table's
    /// order; `steps` is bounded by the `period` read before it, and `start_ts` may not be after
    /// `end_ts`. Refuses names the row does not have.
    pub fn from_params(spec: &'static OperationSpec, params: Value) -> Result<ReadOperation> {
        let mut p = Params::new(spec, params)?;
        let mut values = Vec::with_capacity(spec.params.len());
        let mut period = None;
        let (mut start_ts, mut end_ts) = (None, None);
        for param in spec.params {
            let name = param.name;
            let text = match param.kind {
                ParamKind::Id if param.required => Some(p.id(name)?.text()),
                ParamKind::Id => p.opt_id(name)?.map(|v| v.text()),
                ParamKind::TriggerId => Some(p.trigger_id(name)?.as_str().to_owned()),
                ParamKind::MessageId => Some(p.message_id(name)?.as_str().to_owned()),
                ParamKind::Limit { .. } if name == "steps" => {
                    read_steps(&mut p, period)?.map(|v| v.text())
                }
                ParamKind::Limit { .. } => p.opt_limit(name)?.map(|v| v.text()),
                ParamKind::Enum(_) => {
                    let value = p.opt_enum(name)?;
                    if name == "period" {
                        period = value;
                    }
                    value.map(str::to_owned)
                }
                ParamKind::Bool => p.opt_bool(name)?.map(|v| v.text()),
                ParamKind::Cursor => p.opt_cursor(name)?,
                ParamKind::Timestamp => {
                    let value = p.opt_timestamp(name)?;
                    match name {
                        "start_ts" => start_ts = value,
                        "end_ts" => end_ts = value,
                        _ => {}
                    }
                    value.map(|v| v.text())
                }
                _ => {
                    return Err(refuse!(
                        ErrorCode::Internal,
                        INTERNAL_NOT_A_READ,
                        spec.name,
                        name
                    ))
                }
            };
            values.push(text);
        }
        UnixTime::check_window(start_ts, end_ts)?;
        Ok(ReadOperation { spec, values })
    }

    /// The operation's row of the table.
    pub fn spec(&self) -> &'static OperationSpec {
        self.spec
    }

    /// The text of parameter `name` as it will be sent, if given.
    pub fn value(&self, name: &str) -> Option<&str> {
        let index = self.spec.params.iter().position(|p| p.name == name)?;
        self.values.get(index)?.as_deref()
    }

    /// The same request with its `start` cursor set to `cursor` (the next page).
    pub fn at_cursor(&self, cursor: String) -> ReadOperation {
        let mut next = self.clone();
        if let Some(index) = self.spec.params.iter().position(|p| p.name == "start") {
            if let Some(slot) = next.values.get_mut(index) {
                *slot = Some(cursor);
            }
        }
        next
    }

    /// The request to send with `config`: the path's `{name}` segments filled from the path
    /// parameters, then the query parameters that were given, in the table's order.
    pub fn build(&self, config: &Config) -> HttpRequest {
        let mut path = Vec::new();
        let mut query = Vec::new();
        for (param, value) in self.spec.params.iter().zip(&self.values) {
            let Some(value) = value else { continue };
            match param.location {
                ParamLocation::Path => path.push((param.name, value.clone())),
                ParamLocation::Query => query.push((param.name.to_owned(), value.clone())),
                ParamLocation::Body | ParamLocation::ClientOnly => {}
            }
        }
        HttpRequest::new(
            config,
            self.spec.method,
            self.spec.fill_path(&path),
            query,
            None,
        )
    }
}
