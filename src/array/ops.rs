//! Element-wise arithmetic and comparison with broadcasting.
//!
//! `binary` picks the loop dtype by NEP 50 promotion, broadcasts the
//! operands, and computes every element into a new array laid out in
//! NumPy's order K (or into `out`, after NumPy's casting and read-only
//! checks). The loops are `kernels`'; an input that overlaps `out` other
//! than element for element is copied first, so overlapping operands behave
//! as copies. `apply` is the element-at-a-time definition of every
//! operation, which the typed loops reproduce.

use super::dtype::{DType, Kind};
use super::element;
use super::fpstatus::{self, Raised};
use super::kernels::{self, ufunc::Input};
use super::layout::{broadcast_shapes, broadcast_strides, Order};
use super::ndarray::Array;
use super::promote::{can_cast_same_kind, result_type, OperandType};
use super::scalar::Scalar;
use crate::error::{type_error, ufunc_type_error, value_error, PyResult};

/// An operand of a ufunc: an array (NumPy scalars arrive as 0-d arrays) or a
/// weak Python scalar.
#[derive(Clone, Debug)]
pub enum Operand {
    Array(Array),
    PyBool(bool),
    PyInt(i64),
    PyFloat(f64),
    PyComplex(f64, f64),
}

impl Operand {
    fn operand_type(&self) -> OperandType {
        match self {
            Operand::Array(a) => OperandType::Strong(a.dtype()),
            Operand::PyBool(_) => OperandType::PyBool,
            Operand::PyInt(v) => OperandType::PyInt(*v),
            Operand::PyFloat(_) => OperandType::PyFloat,
            Operand::PyComplex(..) => OperandType::PyComplex,
        }
    }

    fn shape(&self) -> Vec<usize> {
        match self {
            Operand::Array(a) => a.shape(),
            _ => vec![],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    Divide,
    FloorDivide,
    Remainder,
    Power,
    BitAnd,
    BitOr,
    BitXor,
    LeftShift,
    RightShift,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Maximum,
    Minimum,
}

impl BinaryOp {
    /// The ufunc's name, as NumPy's messages spell it.
    pub fn ufunc_name(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "add",
            Subtract => "subtract",
            Multiply => "multiply",
            Divide => "divide",
            FloorDivide => "floor_divide",
            Remainder => "remainder",
            Power => "power",
            BitAnd => "bitwise_and",
            BitOr => "bitwise_or",
            BitXor => "bitwise_xor",
            LeftShift => "left_shift",
            RightShift => "right_shift",
            Equal => "equal",
            NotEqual => "not_equal",
            Less => "less",
            LessEqual => "less_equal",
            Greater => "greater",
            GreaterEqual => "greater_equal",
            Maximum => "maximum",
            Minimum => "minimum",
        }
    }

    pub fn is_comparison(self) -> bool {
        use BinaryOp::*;
        matches!(
            self,
            Equal | NotEqual | Less | LessEqual | Greater | GreaterEqual
        )
    }

    fn is_bitwise(self) -> bool {
        use BinaryOp::*;
        matches!(self, BitAnd | BitOr | BitXor | LeftShift | RightShift)
    }
}

fn unsupported(name: &str) -> crate::error::PyErr {
    type_error(format!(
        "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    ))
}

/// The dtype the loop computes in and the dtype of the result.
pub(crate) fn loop_dtypes(op: BinaryOp, operands: &[Operand]) -> PyResult<(DType, DType)> {
    let types: Vec<OperandType> = operands.iter().map(Operand::operand_type).collect();
    let common = result_type(&types)?;
    use BinaryOp::*;
    let loop_dtype = match op {
        Divide if matches!(common.kind(), Kind::Bool | Kind::Int | Kind::UInt) => DType::Float64,
        Subtract if common == DType::Bool => {
            return Err(type_error("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead."));
        }
        FloorDivide | Remainder if common.is_complex() => return Err(unsupported(op.ufunc_name())),
        Maximum | Minimum | Less | LessEqual | Greater | GreaterEqual if common.is_complex() => {
            common
        }
        LeftShift | RightShift if common == DType::Bool => DType::Int8,
        _ if op.is_bitwise() && !matches!(common.kind(), Kind::Bool | Kind::Int | Kind::UInt) => {
            return Err(unsupported(op.ufunc_name()));
        }
        Power | FloorDivide | Remainder if common == DType::Bool => DType::Int8,
        _ => common,
    };
    if op == Power && loop_dtype.is_integer() {
        let negative = operands.get(1).is_some_and(|b| match b {
            Operand::PyInt(v) => *v < 0,
            Operand::Array(a) => {
                a.dtype().kind() == Kind::Int
                    && a.to_scalars()
                        .iter()
                        .any(|s| matches!(s, Scalar::Int(v) if *v < 0))
            }
            _ => false,
        });
        if negative {
            return Err(value_error(
                "Integers to negative integer powers are not allowed.",
            ));
        }
    }
    let out_dtype = if op.is_comparison() {
        DType::Bool
    } else {
        loop_dtype
    };
    Ok((loop_dtype, out_dtype))
}

/// Whether a new result should be laid out in Fortran order (NumPy keeps
/// order K: an all-Fortran input gives a Fortran result).
fn result_order(operands: &[Operand], shape: &[usize]) -> Order {
    let mut any_f_only = false;
    for op in operands {
        if let Operand::Array(a) = op {
            if a.shape() == shape && shape.len() > 1 {
                let (c, f) = (a.is_c_contiguous(), a.is_f_contiguous());
                if c {
                    return Order::C;
                }
                any_f_only |= f;
            }
        }
    }
    if any_f_only {
        Order::F
    } else {
        Order::C
    }
}

/// Broadcast shape of several operands, with NumPy's message.
pub fn broadcast_all(shapes: &[Vec<usize>]) -> PyResult<Vec<usize>> {
    let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
    broadcast_shapes(&refs).map_err(|e| value_error(e.to_string()))
}

/// `op(a, b)`, into a new array or into `out`.
pub fn binary(op: BinaryOp, a: &Operand, b: &Operand, out: Option<&Array>) -> PyResult<Array> {
    binary_watched(op, a, b, out).map(|(result, _)| result)
}

/// [`binary`], with the floating-point exception flags its loop raised
/// (`None` where they cannot be read; see [`fpstatus`]). Only the loop is
/// watched, so conversions while planning it raise nothing spurious.
pub fn binary_watched(
    op: BinaryOp,
    a: &Operand,
    b: &Operand,
    out: Option<&Array>,
) -> PyResult<(Array, Option<Raised>)> {
    if op.is_comparison() && out.is_none() {
        if let (Operand::Array(x), Operand::Array(y)) = (a, b) {
            if mixed_sign_64(x.dtype(), y.dtype()) {
                let (result, raised) = fpstatus::watch(|| exact_integer_compare(op, x, y));
                return Ok((result?, raised));
            }
        }
    }
    let operands = [a.clone(), b.clone()];
    let (loop_dtype, out_dtype) = loop_dtypes(op, &operands)?;
    let mut shapes = vec![a.shape(), b.shape()];
    if let Some(o) = out {
        shapes.push(o.shape());
    }
    let shape = broadcast_all(&shapes)?;
    if let Some(o) = out {
        check_output(op.ufunc_name(), out_dtype, o, &shape)?;
    }
    let target = match out {
        Some(o) => o.clone(),
        None if all_c_contiguous(&operands, &shape) => {
            // Order K of C-ordered operands is C: skip the axis sort.
            Array::for_overwrite(out_dtype, &shape, Order::C)?
        }
        None => {
            let strides: Vec<Vec<isize>> = operands
                .iter()
                .filter_map(|op| match op {
                    Operand::Array(a) => {
                        let d = a.data();
                        broadcast_strides(&d.shape, &d.strides, &shape)
                    }
                    _ => None,
                })
                .collect();
            let refs: Vec<&[isize]> = strides.iter().map(|s| s.as_slice()).collect();
            let fallback = result_order(&operands, &shape);
            kernels::arrays::new_result(out_dtype, &shape, &refs, fallback)?
        }
    };
    let (done, raised) = fpstatus::watch(|| {
        kernels::ufunc::run_binary(op, loop_dtype, [input(a), input(b)], &target)
    });
    done?;
    if out.is_some() {
        super::writes::record(&target.data());
    }
    Ok((target, raised))
}

/// uint64 against a signed integer: their common dtype is float64, but
/// NumPy 2 compares such integers exactly.
fn mixed_sign_64(x: DType, y: DType) -> bool {
    let signed = |d: DType| d.kind() == Kind::Int;
    (x == DType::UInt64 && signed(y)) || (y == DType::UInt64 && signed(x))
}

/// A comparison of two integer arrays on their exact values.
fn exact_integer_compare(op: BinaryOp, x: &Array, y: &Array) -> PyResult<Array> {
    let shape = broadcast_all(&[x.shape(), y.shape()])?;
    let values = |a: &Array| -> Vec<i128> {
        let d = a.data();
        let strides = broadcast_strides(&d.shape, &d.strides, &shape).unwrap_or_default();
        let bytes = d.buffer.bytes();
        super::ndarray::StridedOffsets::new(&shape, &strides, d.offset)
            .map(|off| match element::read(d.dtype, &bytes, off) {
                Scalar::Int(i) => i as i128,
                Scalar::UInt(u) => u as i128,
                other => other.to_f64() as i128,
            })
            .collect()
    };
    let (xs, ys) = (values(x), values(y));
    let result: Vec<Scalar> = xs
        .iter()
        .zip(&ys)
        .map(|(a, b)| {
            Scalar::Bool(match op {
                BinaryOp::Equal => a == b,
                BinaryOp::NotEqual => a != b,
                BinaryOp::Less => a < b,
                BinaryOp::LessEqual => a <= b,
                BinaryOp::Greater => a > b,
                _ => a >= b,
            })
        })
        .collect();
    Array::from_scalars(DType::Bool, &shape, &result)
}

/// Whether every array operand has the full `shape` and is C-contiguous
/// (Python scalars do not count).
fn all_c_contiguous(operands: &[Operand], shape: &[usize]) -> bool {
    operands.iter().all(|op| match op {
        Operand::Array(a) => {
            let d = a.data();
            *d.shape == *shape
                && super::layout::is_c_contiguous(&d.shape, &d.strides, d.dtype.itemsize())
        }
        _ => true,
    })
}

/// A loop input for an operand.
fn input(op: &Operand) -> Input<'_> {
    match op {
        Operand::Array(a) => Input::Array(a),
        Operand::PyBool(b) => Input::Value(Scalar::Bool(*b)),
        Operand::PyInt(i) => Input::Value(Scalar::Int(*i)),
        Operand::PyFloat(f) => Input::Value(Scalar::Float(*f)),
        Operand::PyComplex(re, im) => Input::Value(Scalar::Complex(*re, *im)),
    }
}

/// NumPy's checks on an `out=` array: writeable, castable, right shape.
pub fn check_output(name: &str, result: DType, out: &Array, shape: &[usize]) -> PyResult<()> {
    if !out.begin_write() {
        return Err(value_error("output array is read-only"));
    }
    if !can_cast_same_kind(result, out.dtype()) {
        return Err(ufunc_type_error(format!(
            "Cannot cast ufunc '{name}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
            result.name(),
            out.dtype().name()
        )));
    }
    if out.shape() != shape {
        return Err(value_error(format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            super::layout::shape_string(&out.shape()),
            super::layout::shape_string(shape)
        )));
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Negative,
    Positive,
    Invert,
    Absolute,
}

/// `-a`, `+a`, `~a`, `abs(a)`.
pub fn unary(op: UnaryOp, a: &Array) -> PyResult<Array> {
    let dtype = a.dtype();
    match (op, dtype.kind()) {
        (UnaryOp::Negative, Kind::Bool) => {
            return Err(type_error("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead."));
        }
        (UnaryOp::Invert, Kind::Float | Kind::Complex) => return Err(unsupported("invert")),
        _ => {}
    }
    let out_dtype = match (op, dtype) {
        (UnaryOp::Absolute, DType::Complex64) => DType::Float32,
        (UnaryOp::Absolute, DType::Complex128) => DType::Float64,
        _ => dtype,
    };
    let (shape, strides) = {
        let d = a.data();
        (d.shape.clone(), d.strides.clone())
    };
    let order = if a.is_f_contiguous() && !a.is_c_contiguous() {
        Order::F
    } else {
        Order::C
    };
    let out = kernels::arrays::new_result(out_dtype, &shape, &[&strides], order)?;
    kernels::ufunc::run_unary(op, a, &out)?;
    Ok(out)
}

pub fn unary_scalar(op: UnaryOp, v: Scalar) -> Scalar {
    match (op, v) {
        (UnaryOp::Positive, v) => v,
        (UnaryOp::Negative, Scalar::Int(i)) => Scalar::Int(i.wrapping_neg()),
        (UnaryOp::Negative, Scalar::UInt(u)) => Scalar::UInt(u.wrapping_neg()),
        (UnaryOp::Negative, Scalar::Float(f)) => Scalar::Float(-f),
        (UnaryOp::Negative, Scalar::Complex(re, im)) => Scalar::Complex(-re, -im),
        (UnaryOp::Invert, Scalar::Bool(b)) => Scalar::Bool(!b),
        (UnaryOp::Invert, Scalar::Int(i)) => Scalar::Int(!i),
        (UnaryOp::Invert, Scalar::UInt(u)) => Scalar::UInt(!u),
        (UnaryOp::Absolute, Scalar::Int(i)) => Scalar::Int(i.wrapping_abs()),
        (UnaryOp::Absolute, Scalar::Float(f)) => Scalar::Float(f.abs()),
        (UnaryOp::Absolute, Scalar::Complex(re, im)) => Scalar::Float(re.hypot(im)),
        (_, v) => v,
    }
}

/// One element of `op` computed in `dtype` (both inputs already cast to it).
pub fn apply(op: BinaryOp, dtype: DType, x: Scalar, y: Scalar) -> Scalar {
    use BinaryOp::*;
    if op.is_comparison() {
        return Scalar::Bool(compare(op, x, y));
    }
    let r = match (x, y) {
        (Scalar::Bool(a), Scalar::Bool(b)) => Scalar::Bool(match op {
            Add | BitOr | Maximum => a | b,
            Multiply | BitAnd | Minimum => a & b,
            BitXor => a ^ b,
            _ => false,
        }),
        (Scalar::Int(a), Scalar::Int(b)) => Scalar::Int(int_op(op, a, b)),
        (Scalar::UInt(a), Scalar::UInt(b)) => Scalar::UInt(uint_op(op, a, b)),
        (Scalar::Float(a), Scalar::Float(b)) => Scalar::Float(float_op(op, a, b)),
        (Scalar::Complex(ar, ai), Scalar::Complex(br, bi)) => {
            complex_op(op, (ar, ai), (br, bi), dtype == DType::Complex64)
        }
        (a, _) => a,
    };
    element::cast(r, dtype)
}

fn compare(op: BinaryOp, x: Scalar, y: Scalar) -> bool {
    use std::cmp::Ordering;
    let ord = match (x, y) {
        (Scalar::Bool(a), Scalar::Bool(b)) => Some(a.cmp(&b)),
        (Scalar::Int(a), Scalar::Int(b)) => Some(a.cmp(&b)),
        (Scalar::UInt(a), Scalar::UInt(b)) => Some(a.cmp(&b)),
        (Scalar::Float(a), Scalar::Float(b)) => a.partial_cmp(&b),
        (Scalar::Complex(ar, ai), Scalar::Complex(br, bi)) => {
            if ar.is_nan() || ai.is_nan() || br.is_nan() || bi.is_nan() {
                None
            } else {
                Some(ar.total_cmp(&br).then(ai.total_cmp(&bi))).map(|o| {
                    if ar == br && ai == bi {
                        Ordering::Equal
                    } else {
                        o
                    }
                })
            }
        }
        _ => None,
    };
    match (op, ord) {
        (BinaryOp::NotEqual, None) => true,
        (_, None) => false,
        (BinaryOp::Equal, Some(o)) => o == Ordering::Equal,
        (BinaryOp::NotEqual, Some(o)) => o != Ordering::Equal,
        (BinaryOp::Less, Some(o)) => o == Ordering::Less,
        (BinaryOp::LessEqual, Some(o)) => o != Ordering::Greater,
        (BinaryOp::Greater, Some(o)) => o == Ordering::Greater,
        (BinaryOp::GreaterEqual, Some(o)) => o != Ordering::Less,
        _ => false,
    }
}

fn int_op(op: BinaryOp, a: i64, b: i64) -> i64 {
    use BinaryOp::*;
    match op {
        Add => a.wrapping_add(b),
        Subtract => a.wrapping_sub(b),
        Multiply => a.wrapping_mul(b),
        FloorDivide => {
            if b == 0 {
                0
            } else {
                let q = a.wrapping_div(b);
                if (a.wrapping_rem(b) != 0) && ((a < 0) != (b < 0)) {
                    q - 1
                } else {
                    q
                }
            }
        }
        Remainder => {
            if b == 0 {
                0
            } else {
                let r = a.wrapping_rem(b);
                if r != 0 && ((r < 0) != (b < 0)) {
                    r + b
                } else {
                    r
                }
            }
        }
        Power => {
            let mut result: i64 = 1;
            let mut base = a;
            let mut exp = b.max(0) as u64;
            while exp > 0 {
                if exp & 1 == 1 {
                    result = result.wrapping_mul(base);
                }
                base = base.wrapping_mul(base);
                exp >>= 1;
            }
            result
        }
        BitAnd => a & b,
        BitOr => a | b,
        BitXor => a ^ b,
        LeftShift if (0..64).contains(&b) => a.wrapping_shl(b as u32),
        RightShift => {
            if (0..64).contains(&b) {
                a >> b
            } else if a < 0 {
                -1
            } else {
                0
            }
        }
        Maximum => a.max(b),
        Minimum => a.min(b),
        _ => 0,
    }
}

fn uint_op(op: BinaryOp, a: u64, b: u64) -> u64 {
    use BinaryOp::*;
    match op {
        Add => a.wrapping_add(b),
        Subtract => a.wrapping_sub(b),
        Multiply => a.wrapping_mul(b),
        FloorDivide => a.checked_div(b).unwrap_or(0),
        Remainder => a.checked_rem(b).unwrap_or(0),
        Power => {
            let mut result: u64 = 1;
            let mut base = a;
            let mut exp = b;
            while exp > 0 {
                if exp & 1 == 1 {
                    result = result.wrapping_mul(base);
                }
                base = base.wrapping_mul(base);
                exp >>= 1;
            }
            result
        }
        BitAnd => a & b,
        BitOr => a | b,
        BitXor => a ^ b,
        LeftShift if b < 64 => a << b,
        RightShift if b < 64 => a >> b,
        Maximum => a.max(b),
        Minimum => a.min(b),
        _ => 0,
    }
}

/// Python-style floor division and modulo for floats, as NumPy's
/// `npy_divmod` computes them.
pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    if b == 0.0 {
        let m = a % b;
        return (a / b, m);
    }
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

fn float_op(op: BinaryOp, a: f64, b: f64) -> f64 {
    use BinaryOp::*;
    match op {
        Add => a + b,
        Subtract => a - b,
        Multiply => a * b,
        Divide => a / b,
        FloorDivide => float_divmod(a, b).0,
        Remainder => float_divmod(a, b).1,
        Power => a.powf(b),
        // NumPy's maximum: a NaN wins, and of two equal values (0.0 and
        // -0.0) the second is the result.
        Maximum => {
            if a > b || a.is_nan() {
                a
            } else {
                b
            }
        }
        Minimum => {
            if a < b || a.is_nan() {
                a
            } else {
                b
            }
        }
        _ => 0.0,
    }
}

fn complex_op(op: BinaryOp, (ar, ai): (f64, f64), (br, bi): (f64, f64), single: bool) -> Scalar {
    use BinaryOp::*;
    let (re, im) = match op {
        Add => (ar + br, ai + bi),
        Subtract => (ar - br, ai - bi),
        Multiply => (ar * br - ai * bi, ar * bi + ai * br),
        Divide => complex_div((ar, ai), (br, bi)),
        Power => complex_pow((ar, ai), (br, bi), single),
        Maximum | Minimum => {
            let a_first = (ar, ai) >= (br, bi);
            if a_first == (op == Maximum) {
                (ar, ai)
            } else {
                (br, bi)
            }
        }
        _ => (0.0, 0.0),
    };
    Scalar::Complex(re, im)
}

/// Smith's algorithm, as NumPy uses for complex division.
fn complex_div((ar, ai): (f64, f64), (br, bi): (f64, f64)) -> (f64, f64) {
    let (abs_br, abs_bi) = (br.abs(), bi.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 && abs_bi == 0.0 {
            return (ar / abs_br, ai / abs_bi);
        }
        let rat = bi / br;
        let scl = 1.0 / (br + bi * rat);
        ((ar + ai * rat) * scl, (ai - ar * rat) * scl)
    } else {
        let rat = br / bi;
        let scl = 1.0 / (bi + br * rat);
        ((ar * rat + ai) * scl, (ai * rat - ar) * scl)
    }
}

fn complex_pow((ar, ai): (f64, f64), (br, bi): (f64, f64), single: bool) -> (f64, f64) {
    if br == 0.0 && bi == 0.0 {
        return (1.0, 0.0);
    }
    // Small integer exponents multiply out, as NumPy's `npy_cpow` does, in
    // the dtype's own precision.
    if bi == 0.0 && br.fract() == 0.0 && br.abs() < 100.0 {
        let round = |v: f64| if single { v as f32 as f64 } else { v };
        let mul = |(xr, xi): (f64, f64), (yr, yi): (f64, f64)| {
            (
                round(round(xr * yr) - round(xi * yi)),
                round(round(xr * yi) + round(xi * yr)),
            )
        };
        let a = (ar, ai);
        let n = br as i64;
        match n {
            1 => return a,
            2 => return mul(a, a),
            3 => return mul(a, mul(a, a)),
            _ => {}
        }
        let mut k = n.unsigned_abs();
        let (mut acc, mut p) = ((1.0, 0.0), a);
        loop {
            if k & 1 == 1 {
                acc = mul(acc, p);
            }
            k >>= 1;
            if k == 0 {
                break;
            }
            p = mul(p, p);
        }
        if n < 0 {
            let (re, im) = complex_div((1.0, 0.0), acc);
            return (round(re), round(im));
        }
        return acc;
    }
    if ar == 0.0 && ai == 0.0 {
        return (0.0, 0.0);
    }
    let r = ar.hypot(ai);
    let theta = ai.atan2(ar);
    let ln_r = r.ln();
    let mag = (br * ln_r - bi * theta).exp();
    let angle = bi * ln_r + br * theta;
    (mag * angle.cos(), mag * angle.sin())
}
