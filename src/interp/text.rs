//! `str()` and `repr()` of Python values; arrays and NumPy scalars go
//! through `format`, which matches NumPy byte for byte.

use std::rc::Rc;

use crate::array::buffer::Buffer;
use crate::array::dtype::DType;
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::format::{self, Elements};

use super::value::Value;

/// An array's elements as the printer reads them (a snapshot of the layout;
/// the printer only reads the elements it prints).
pub struct ArrayElements {
    buffer: Rc<Buffer>,
    dtype: DType,
    shape: Vec<usize>,
    strides: Vec<isize>,
    offset: usize,
}

impl ArrayElements {
    pub fn new(a: &Array) -> Self {
        let d = a.data();
        ArrayElements {
            buffer: d.buffer.clone(),
            dtype: d.dtype,
            shape: d.shape.to_vec(),
            strides: d.strides.to_vec(),
            offset: d.offset,
        }
    }
}

impl Elements for ArrayElements {
    fn shape(&self) -> &[usize] {
        &self.shape
    }

    fn dtype(&self) -> DType {
        self.dtype
    }

    fn get(&self, index: &[usize]) -> Scalar {
        let off = index
            .iter()
            .zip(&self.strides)
            .fold(self.offset as isize, |acc, (&i, &s)| acc + i as isize * s);
        crate::array::element::read(self.dtype, &self.buffer.bytes(), off as usize)
    }
}

pub fn array_repr(a: &Array) -> String {
    format::array_repr(&ArrayElements::new(a))
}

pub fn array_str(a: &Array) -> String {
    format::array_str(&ArrayElements::new(a))
}

/// `repr(v)`.
pub fn repr_plain(v: &Value) -> String {
    match v {
        Value::Str(s) => string_repr(s),
        Value::Array(a) => array_repr(a),
        Value::NpScalar(d, s) => format::scalar_repr(*d, *s),
        Value::DType(d) => format!("dtype('{}')", d.name()),
        Value::List(items) => {
            let parts: Vec<String> = items.borrow().iter().map(repr_plain).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(repr_plain).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Value::Exception(e) => {
            if e.message.is_empty() {
                format!("{}()", e.kind.name())
            } else {
                format!("{}({})", e.kind.name(), string_repr(&e.message))
            }
        }
        Value::Native(obj) => obj.repr(),
        other => str_plain(other),
    }
}

/// `str(v)`.
pub fn str_plain(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(f) => format::float_repr(*f),
        Value::Complex(re, im) => format::complex_repr(*re, *im),
        Value::Str(s) => s.to_string(),
        Value::List(_) | Value::Tuple(_) => repr_plain(v),
        Value::Slice(parts) => format!(
            "slice({}, {}, {})",
            repr_plain(&parts[0]),
            repr_plain(&parts[1]),
            repr_plain(&parts[2])
        ),
        Value::Ellipsis => "Ellipsis".into(),
        Value::Range(start, stop, step) => {
            if *step == 1 {
                format!("range({start}, {stop})")
            } else {
                format!("range({start}, {stop}, {step})")
            }
        }
        Value::Array(a) => array_str(a),
        Value::NpScalar(d, s) => format::scalar_str(*d, *s),
        Value::Function(f) => format!("<function {}>", f.name),
        Value::Builtin(b) => match &b.receiver {
            Some(r) => format!("<built-in method {} of {} object>", b.name, r.type_name()),
            None if crate::numpy::ufunc_object::is_ufunc(b.name) => format!("<ufunc '{}'>", b.name),
            None => format!("<built-in function {}>", b.name),
        },
        Value::Module(m) => format!("<module '{}'>", m.name()),
        Value::Class(c) => c.repr(),
        Value::DType(d) => d.name().to_string(),
        Value::Exception(e) => e.message.clone(),
        Value::Flags(a) => flags_text(a),
        Value::Native(obj) => obj.str(),
    }
}

/// `print(a.flags)`.
pub fn flags_text(a: &Array) -> String {
    let d = a.data();
    let tf = |b: bool| if b { "True" } else { "False" };
    let c = crate::array::layout::is_c_contiguous(&d.shape, &d.strides, d.dtype.itemsize());
    let f = crate::array::layout::is_f_contiguous(&d.shape, &d.strides, d.dtype.itemsize());
    format!(
        "  C_CONTIGUOUS : {}\n  F_CONTIGUOUS : {}\n  OWNDATA : {}\n  WRITEABLE : {}\n  ALIGNED : True\n  WRITEBACKIFCOPY : False\n",
        tf(c),
        tf(f),
        tf(d.owndata),
        match (d.writeable, d.warn_on_write) {
            (true, true) => "True  (with WARN_ON_WRITE=True)",
            (false, true) => "False  (with WARN_ON_WRITE=True)",
            (w, false) => tf(w),
        }
    )
}

/// Python's string repr: single quotes unless the text has one and no double.
pub fn string_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}
