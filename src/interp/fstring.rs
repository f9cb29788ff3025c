//! f-strings and Python's format-spec mini-language (`{x:.3f}`, `{n:>4}`).

use super::text::{repr_plain, str_plain};
use super::value::Value;
use super::Interp;
use crate::array::scalar::Scalar;
use crate::error::{value_error, PyResult};
use crate::syntax::ast::FStringPart;

impl Interp {
    pub(super) fn eval_fstring(&mut self, parts: &[FStringPart]) -> PyResult<String> {
        let mut out = String::new();
        for part in parts {
            match part {
                FStringPart::Literal(s) => out.push_str(s),
                FStringPart::Expr {
                    expr,
                    conversion,
                    spec,
                } => {
                    let v = self.eval(expr)?;
                    let v = match conversion {
                        Some('r') | Some('a') => Value::str(&repr_plain(&v)),
                        Some('s') => Value::str(&str_plain(&v)),
                        _ => v,
                    };
                    let text = format_value(&v, spec.as_deref().unwrap_or(""))
                        .map_err(|e| e.at(expr.span))?;
                    out.push_str(&text);
                }
            }
        }
        Ok(out)
    }
}

/// A parsed format spec: `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
#[derive(Default)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

fn parse_spec(spec: &str) -> PyResult<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if let Some(&c) = chars.get(i) {
        if matches!(c, '+' | '-' | ' ') {
            s.sign = Some(c);
            i += 1;
        }
    }
    if chars.get(i) == Some(&'#') {
        i += 1;
    }
    if chars.get(i) == Some(&'0') {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
        i += 1;
    }
    if i > start {
        s.width = chars[start..i]
            .iter()
            .collect::<String>()
            .parse()
            .unwrap_or(0);
    }
    if let Some(&c) = chars.get(i) {
        if c == ',' || c == '_' {
            s.grouping = Some(c);
            i += 1;
        }
    }
    if chars.get(i) == Some(&'.') {
        i += 1;
        let start = i;
        while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        s.precision = chars[start..i].iter().collect::<String>().parse().ok();
        if s.precision.is_none() {
            return Err(value_error("Format specifier missing precision"));
        }
    }
    if let Some(&c) = chars.get(i) {
        s.kind = Some(c);
        i += 1;
    }
    if i != chars.len() {
        return Err(value_error("Invalid format specifier"));
    }
    Ok(s)
}

/// `format(v, spec)`.
pub fn format_value(v: &Value, spec: &str) -> PyResult<String> {
    // NumPy formats a scalar as the Python value `.item()` gives (so an
    // np.float32 shows all the digits of its float64 value).
    if let Value::NpScalar(_, x) = v {
        return format_value(&super::convert::scalar_to_py(*x), spec);
    }
    if spec.is_empty() {
        return Ok(str_plain(v));
    }
    let s = parse_spec(spec)?;
    let number = match v {
        Value::Bool(b) => Some(Scalar::Int(*b as i64)),
        Value::Int(i) => Some(Scalar::Int(*i)),
        Value::Float(f) => Some(Scalar::Float(*f)),
        Value::NpScalar(d, x) if !d.is_complex() && *d != crate::array::dtype::DType::Bool => {
            Some(*x)
        }
        _ => None,
    };
    let body = match number {
        Some(n) => format_number(n, &s, v)?,
        None => {
            if let Value::Array(_) = v {
                return Err(crate::error::type_error(
                    "unsupported format string passed to numpy.ndarray.__format__",
                ));
            }
            if s.kind.is_some_and(|k| k != 's') {
                return Err(value_error(format!(
                    "Unknown format code '{}' for object of type '{}'",
                    s.kind.unwrap_or('s'),
                    v.type_name()
                )));
            }
            let text = str_plain(v);
            match s.precision {
                Some(p) => text.chars().take(p).collect(),
                None => text,
            }
        }
    };
    let default_align = if number.is_some() { '>' } else { '<' };
    Ok(pad(&body, &s, default_align, number.is_some()))
}

fn format_number(n: Scalar, s: &Spec, original: &Value) -> PyResult<String> {
    let is_int = matches!(n, Scalar::Int(_) | Scalar::UInt(_));
    let kind = s.kind;
    let mut text = match (kind, n) {
        (None | Some('d') | Some('n'), Scalar::Int(i)) => i.unsigned_abs().to_string(),
        (None | Some('d') | Some('n'), Scalar::UInt(u)) => u.to_string(),
        (Some('x'), _) if is_int => format!("{:x}", int_abs(n)),
        (Some('X'), _) if is_int => format!("{:X}", int_abs(n)),
        (Some('o'), _) if is_int => format!("{:o}", int_abs(n)),
        (Some('b'), _) if is_int => format!("{:b}", int_abs(n)),
        (Some('d'), _) => {
            return Err(value_error(format!(
                "Unknown format code 'd' for object of type '{}'",
                original.type_name()
            )))
        }
        (Some('f') | Some('F'), _) => format!("{:.*}", s.precision.unwrap_or(6), n.to_f64().abs()),
        (Some('e') | Some('E'), _) => sci(
            n.to_f64().abs(),
            s.precision.unwrap_or(6),
            kind == Some('E'),
        ),
        (Some('%'), _) => format!("{:.*}%", s.precision.unwrap_or(6), n.to_f64().abs() * 100.0),
        (Some('g') | Some('G'), _) => general(n.to_f64().abs(), s.precision.unwrap_or(6), false),
        (None, Scalar::Float(f)) => match s.precision {
            Some(p) => general(f.abs(), p, true),
            None => str_plain(&Value::Float(f.abs())),
        },
        (Some(k), _) => {
            return Err(value_error(format!(
                "Unknown format code '{k}' for object of type '{}'",
                original.type_name()
            )))
        }
        _ => str_plain(original),
    };
    let f = n.to_f64();
    if f.is_nan() || f.is_infinite() {
        text = if f.is_nan() { "nan" } else { "inf" }.to_string();
        if kind.is_some_and(|k| k.is_ascii_uppercase()) {
            text = text.to_uppercase();
        }
    }
    if let Some(sep) = s.grouping {
        text = group_digits(&text, sep);
    }
    let negative = match n {
        Scalar::Int(i) => i < 0,
        Scalar::Float(f) => f.is_sign_negative() && !f.is_nan(),
        _ => false,
    };
    let sign = if negative {
        "-"
    } else {
        match s.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    };
    Ok(format!("{sign}{text}"))
}

fn int_abs(n: Scalar) -> u64 {
    match n {
        Scalar::Int(i) => i.unsigned_abs(),
        Scalar::UInt(u) => u,
        _ => 0,
    }
}

/// `%e` style: `1.500000e+00`.
fn sci(v: f64, precision: usize, upper: bool) -> String {
    let s = format!("{v:.precision$e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let e = if upper { 'E' } else { 'e' };
    format!(
        "{mantissa}{e}{}{:02}",
        if exp < 0 { '-' } else { '+' },
        exp.abs()
    )
}

/// `%g` style, as Python formats it (`repr_like` for the no-type case,
/// which keeps at least one digit after the point).
fn general(v: f64, precision: usize, repr_like: bool) -> String {
    let p = precision.max(1);
    if v == 0.0 {
        return if repr_like { "0.0".into() } else { "0".into() };
    }
    let exp = format!("{v:.*e}", p - 1)
        .split_once('e')
        .and_then(|(_, e)| e.parse::<i32>().ok())
        .unwrap_or(0);
    if exp < -4 || exp >= p as i32 {
        let s = sci(v, p - 1, false);
        let (m, e) = s.split_once('e').unwrap_or((&s, ""));
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.')
        } else {
            m
        };
        format!("{m}e{e}")
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let s = format!("{v:.decimals$}");
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        };
        if repr_like && !s.contains('.') {
            format!("{s}.0")
        } else {
            s
        }
    }
}

fn group_digits(text: &str, sep: char) -> String {
    let (int_part, rest) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => text.split_at(i),
        None => (text, ""),
    };
    let mut out = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out + rest
}

fn pad(body: &str, s: &Spec, default_align: char, numeric: bool) -> String {
    let len = body.chars().count();
    if len >= s.width {
        return body.to_string();
    }
    let fill_n = s.width - len;
    let (fill, align) = if s.zero && s.align.is_none() && numeric {
        ('0', '=')
    } else {
        (s.fill.unwrap_or(' '), s.align.unwrap_or(default_align))
    };
    let fill_str = |n: usize| fill.to_string().repeat(n);
    match align {
        '<' => format!("{body}{}", fill_str(fill_n)),
        '^' => format!(
            "{}{body}{}",
            fill_str(fill_n / 2),
            fill_str(fill_n - fill_n / 2)
        ),
        '=' => {
            let (sign, digits) = match body.chars().next() {
                Some(c @ ('-' | '+' | ' ')) => (c.to_string(), &body[1..]),
                _ => (String::new(), body),
            };
            format!("{sign}{}{digits}", fill_str(fill_n))
        }
        _ => format!("{}{body}", fill_str(fill_n)),
    }
}
