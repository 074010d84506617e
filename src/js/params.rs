//! Reads a call's parameters from the JS values the caller passed, without a JSON round trip, so
//! that nothing is lost on the way: `NaN` or `Infinity` would become `null` in JSON (and `null`
//! means "left out"), a `Map` would become `{}`, a BigInt would throw. Anything JSON cannot carry
//! exactly is refused here, at its field path, before the core validates and anything is sent.
//! A `Date` becomes whole Unix seconds (the API's unit); `undefined` is left out.

use crate::prelude::*;

use crate::error::{Error, ErrorCode, Result};
use crate::spec::{self, ParamKind};
use js_sys::{Array, Date, Object, Reflect};
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// Deepest nesting read; the recipients filter allows 16 levels, `data` a little more.
const MAX_DEPTH: usize = 64;

/// Reads the parameters of the operation called `operation`; `undefined` and `null` read as
/// "no parameters" (`null`).
pub fn read_params(operation: &str, params: &JsValue) -> Result<Value> {
    if params.is_undefined() || params.is_null() {
        return Ok(Value::Null);
    }
    let reader = Reader {
        timestamps: spec::operation(operation).map_or(&[][..], |op| op.params),
        ancestors: Vec::new(),
    };
    reader.read(params, String::new())
}

/// A JS value that `JSON.parse` produced, as JSON (`None` if it holds anything JSON cannot).
pub fn json_of(value: &JsValue) -> Option<Value> {
    let reader = Reader {
        timestamps: &[],
        ancestors: Vec::new(),
    };
    reader.read(value, String::new()).ok()
}

struct Reader {
    /// The operation's parameters, to give timestamp fields their own error code.
    timestamps: &'static [spec::ParamSpec],
    /// The objects being read, outermost first: a value among them is a cycle.
    ancestors: Vec<JsValue>,
}

impl Reader {
    fn refuse(&self, path: &str, message: String) -> Error {
        let top = path.split(['.', '[']).next().unwrap_or_default();
        let is_timestamp = self
            .timestamps
            .iter()
            .any(|p| p.name == top && p.kind == ParamKind::Timestamp);
        let code = if is_timestamp {
            ErrorCode::InvalidTimestamp
        } else {
            ErrorCode::InvalidParams
        };
        Error::at(code, shown(path), message)
    }

    fn read(mut self, value: &JsValue, path: String) -> Result<Value> {
        self.value(value, &path)
    }

    fn value(&mut self, value: &JsValue, path: &str) -> Result<Value> {
        if value.is_null() || value.is_undefined() {
            return Ok(Value::Null);
        }
        if let Some(b) = value.as_bool() {
            return Ok(Value::Bool(b));
        }
        if let Some(n) = value.as_f64() {
            return self.number(n, path);
        }
        if let Some(s) = value.as_string() {
            return Ok(Value::String(s));
        }
        if value.is_bigint() {
            return Err(self.refuse(path, msg!(JS_BIGINT_WHICH_JSON, shown(path))));
        }
        if value.is_function() || value.is_symbol() {
            let what = if value.is_function() {
                "a function"
            } else {
                "a symbol"
            };
            return Err(self.refuse(path, msg!(JS_PASS_STRING_NUMBER, shown(path), what)));
        }
        if let Some(date) = value.dyn_ref::<Date>() {
            return self.date(date, path);
        }
        if self.ancestors.len() >= MAX_DEPTH {
            return Err(self.refuse(path, msg!(JS_NESTED_MORE_THAN, shown(path), MAX_DEPTH)));
        }
        if self.ancestors.iter().any(|a| Object::is(a, value)) {
            return Err(self.refuse(path, msg!(JS_REFERS_BACK_TO, shown(path))));
        }
        self.ancestors.push(value.clone());
        let read = if Array::is_array(value) {
            self.array(&Array::from(value), path)
        } else {
            self.object(value, path)
        };
        self.ancestors.pop();
        read
    }

    fn number(&self, n: f64, path: &str) -> Result<Value> {
        if !n.is_finite() {
            let what = if n.is_nan() {
                "NaN"
            } else if n > 0.0 {
                "Infinity"
            } else {
                "-Infinity"
            };
            return Err(self.refuse(path, msg!(JS_WHICH_CANNOT_SENT, shown(path), what)));
        }
        Ok(whole(n).unwrap_or_else(|| Number::from_f64(n).map_or(Value::Null, Value::Number)))
    }

    fn date(&self, date: &Date, path: &str) -> Result<Value> {
        let ms = date.get_time();
        if ms.is_nan() {
            return Err(refuse_at!(
                ErrorCode::InvalidTimestamp,
                &shown(path),
                JS_INVALID_DATE_NEW,
                shown(path)
            ));
        }
        self.number((ms / 1000.0).floor(), path)
    }

    fn array(&mut self, array: &Array, path: &str) -> Result<Value> {
        let mut items = Vec::with_capacity(usize::try_from(array.length()).unwrap_or(0));
        for (index, item) in array.iter().enumerate() {
            items.push(self.value(&item, &join!(path, "[", index, "]"))?);
        }
        Ok(Value::Array(items))
    }

    fn object(&mut self, value: &JsValue, path: &str) -> Result<Value> {
        let prototype = Object::get_prototype_of(value);
        if !(prototype.is_null()
            || Object::is(&prototype, &Object::get_prototype_of(&Object::new())))
        {
            let name = Reflect::get(&prototype, &"constructor".into())
                .ok()
                .and_then(|c| Reflect::get(&c, &"name".into()).ok())
                .and_then(|n| n.as_string())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| "an object with a prototype".to_owned());
            return Err(self.refuse(path, msg!(JS_NOT_PLAIN_OBJECT, shown(path), name)));
        }
        let mut map = Map::new();
        let object: &Object = value.unchecked_ref();
        for key in Object::keys(object).iter() {
            let Some(key) = key.as_string() else { continue };
            let item = Reflect::get(value, &JsValue::from_str(&key)).unwrap_or(JsValue::UNDEFINED);
            if item.is_undefined() {
                continue;
            }
            let child = if path.is_empty() {
                key.clone()
            } else {
                join!(path, ".", key)
            };
            let read = self.value(&item, &child)?;
            map.insert(key, read);
        }
        Ok(Value::Object(map))
    }
}

/// A whole number as an integer JSON number (as `JSON.parse` of its text would give), when it
/// fits.
#[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
fn whole(n: f64) -> Option<Value> {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
    if n.fract() != 0.0 || n.abs() >= LIMIT {
        return None;
    }
    Some(Value::Number(Number::from(n as i64)))
}

/// The path as shown in errors: `params` for the object itself.
fn shown(path: &str) -> String {
    if path.is_empty() {
        "params".to_owned()
    } else {
        path.to_owned()
    }
}
