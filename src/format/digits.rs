//! Decimal digits of binary floats: the shortest digits that read back as
//! the same float, the exact decimal expansion, and rounding of the exact
//! value to a digit budget (round half to even).
//!
//! This file knows nothing about layout, signs or padding; it works on the
//! magnitude of finite values only.

/// A non-negative decimal `0.DIGITS × 10^point`.
///
/// `digits` holds ASCII digits without leading or trailing zeros; it is
/// empty for zero (`point` is then meaningless).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decimal {
    pub digits: Vec<u8>,
    pub point: i32,
}

impl Decimal {
    fn zero() -> Decimal {
        Decimal {
            digits: Vec::new(),
            point: 1,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// Builds a decimal from raw digits, dropping leading and trailing zeros.
    fn normalised(mut digits: Vec<u8>, mut point: i32) -> Decimal {
        let lead = digits.iter().take_while(|&&d| d == b'0').count();
        digits.drain(..lead);
        point -= lead as i32;
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        if digits.is_empty() {
            Decimal::zero()
        } else {
            Decimal { digits, point }
        }
    }

    /// Digits before the decimal point (`"0"` when there are none).
    pub fn int_part(&self) -> String {
        if self.is_zero() || self.point <= 0 {
            return "0".to_string();
        }
        let p = self.point as usize;
        let mut s = String::with_capacity(p);
        for i in 0..p {
            s.push(*self.digits.get(i).unwrap_or(&b'0') as char);
        }
        s
    }

    /// Digits after the decimal point, without trailing zeros.
    pub fn frac_part(&self) -> String {
        if self.is_zero() {
            return String::new();
        }
        let mut s = String::new();
        for _ in self.point..0 {
            s.push('0');
        }
        let skip = self.point.max(0) as usize;
        for &d in self.digits.iter().skip(skip) {
            s.push(d as char);
        }
        s
    }

    /// Count of digits after the decimal point.
    pub fn frac_len(&self) -> usize {
        if self.is_zero() {
            0
        } else {
            (self.digits.len() as i64 - self.point as i64).max(0) as usize
        }
    }

    /// Decimal exponent in scientific notation (`d.ddd × 10^exp`).
    pub fn sci_exponent(&self) -> i32 {
        if self.is_zero() {
            0
        } else {
            self.point - 1
        }
    }

    /// Rounds to the first `keep` digits (counted from the first significant
    /// digit; may be zero or negative), ties to even.
    fn round_to(&self, keep: i64) -> Decimal {
        if self.is_zero() || keep >= self.digits.len() as i64 {
            return self.clone();
        }
        if keep < 0 {
            return Decimal::zero();
        }
        let keep = keep as usize;
        let first_dropped = self.digits[keep];
        let rest_nonzero = self.digits[keep + 1..].iter().any(|&d| d != b'0');
        let last_kept_odd = keep > 0 && (self.digits[keep - 1] - b'0') % 2 == 1;
        let up = first_dropped > b'5'
            || (first_dropped == b'5' && (rest_nonzero || last_kept_odd));
        let mut digits = self.digits[..keep].to_vec();
        let mut point = self.point;
        if up {
            let mut i = keep;
            loop {
                if i == 0 {
                    digits.insert(0, b'1');
                    point += 1;
                    break;
                }
                i -= 1;
                if digits[i] == b'9' {
                    digits[i] = b'0';
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
        Decimal::normalised(digits, point)
    }
}

/// Whether a value is formatted with the digits of an f32 or an f64.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Width {
    Single,
    Double,
}

/// The shortest digits that read back as `|x|` in the given width; on ties
/// between equally short candidates, the one closest to the value.
pub(crate) fn shortest(x: f64, width: Width) -> Decimal {
    let x = x.abs();
    if x == 0.0 || !x.is_finite() {
        return Decimal::zero();
    }
    let text = match width {
        Width::Single => format!("{:e}", x as f32),
        Width::Double => format!("{:e}", x),
    };
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    Decimal::normalised(digits, exp + 1)
}

/// The exact decimal expansion of `|x|` (finite values only).
pub(crate) fn exact(x: f64) -> Decimal {
    let x = x.abs();
    if x == 0.0 || !x.is_finite() {
        return Decimal::zero();
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exp2) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    let mut n = BigUint::from_u64(mantissa);
    if exp2 >= 0 {
        n.shl(exp2 as u32);
        let digits = n.to_decimal();
        let len = digits.len() as i32;
        Decimal::normalised(digits, len)
    } else {
        // m / 2^k == m * 5^k / 10^k
        let k = -exp2;
        n.mul_pow5(k as u32);
        let digits = n.to_decimal();
        let len = digits.len() as i32;
        Decimal::normalised(digits, len - k)
    }
}

/// `|x|` with at most `max_frac` digits after the decimal point: the
/// shortest digits when they fit, else the exact value rounded there.
pub(crate) fn positional(x: f64, width: Width, max_frac: usize) -> Decimal {
    let d = shortest(x, width);
    if d.frac_len() <= max_frac {
        return d;
    }
    let e = exact(x);
    e.round_to(e.point as i64 + max_frac as i64)
}

/// `|x|` with at most `max_frac` digits after the first significant digit:
/// the shortest digits when they fit, else the exact value rounded there.
pub(crate) fn scientific(x: f64, width: Width, max_frac: usize) -> Decimal {
    let d = shortest(x, width);
    if d.digits.len() <= max_frac + 1 {
        return d;
    }
    exact(x).round_to(max_frac as i64 + 1)
}

/// Unsigned big integer, little-endian base 2^32 limbs.
struct BigUint {
    limbs: Vec<u32>,
}

impl BigUint {
    fn from_u64(v: u64) -> BigUint {
        BigUint {
            limbs: vec![v as u32, (v >> 32) as u32],
        }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for limb in &mut self.limbs {
            let t = *limb as u64 * m as u64 + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        if carry > 0 {
            self.limbs.push(carry as u32);
        }
    }

    fn mul_pow5(&mut self, mut k: u32) {
        const FIVE_13: u32 = 1_220_703_125;
        while k >= 13 {
            self.mul_small(FIVE_13);
            k -= 13;
        }
        if k > 0 {
            self.mul_small(5u32.pow(k));
        }
    }

    fn shl(&mut self, bits: u32) {
        let words = (bits / 32) as usize;
        let rem = bits % 32;
        if rem > 0 {
            let mut carry = 0u32;
            for limb in &mut self.limbs {
                let t = ((*limb as u64) << rem) | carry as u64;
                *limb = t as u32;
                carry = (t >> 32) as u32;
            }
            if carry > 0 {
                self.limbs.push(carry);
            }
        }
        if words > 0 {
            self.limbs.splice(0..0, std::iter::repeat_n(0, words));
        }
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }

    /// Divides in place, returning the remainder.
    fn div_small(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for limb in self.limbs.iter_mut().rev() {
            let t = (rem << 32) | *limb as u64;
            *limb = (t / d as u64) as u32;
            rem = t % d as u64;
        }
        self.trim();
        rem as u32
    }

    /// Decimal digits, most significant first (`"0"` for zero).
    fn to_decimal(mut self) -> Vec<u8> {
        const CHUNK: u32 = 1_000_000_000;
        self.trim();
        let mut chunks = Vec::new();
        while !self.limbs.is_empty() {
            chunks.push(self.div_small(CHUNK));
        }
        let mut out = Vec::with_capacity(chunks.len() * 9);
        for (i, c) in chunks.iter().rev().enumerate() {
            if i == 0 {
                out.extend_from_slice(c.to_string().as_bytes());
            } else {
                out.extend_from_slice(format!("{:09}", c).as_bytes());
            }
        }
        if out.is_empty() {
            out.push(b'0');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(d: &Decimal) -> String {
        format!("{}.{}", d.int_part(), d.frac_part())
    }

    #[test]
    fn exact_expansions() {
        assert_eq!(show(&exact(0.5)), "0.5");
        assert_eq!(show(&exact(0.1)), "0.1000000000000000055511151231257827021181583404541015625");
        assert_eq!(show(&exact(2f64.powi(70))), "1180591620717411303424.");
        assert_eq!(exact(5e-324).point, -323);
        assert_eq!(exact(f64::MAX).digits.len(), 309);
    }

    #[test]
    fn shortest_digits() {
        assert_eq!(show(&shortest(0.1, Width::Double)), "0.1");
        assert_eq!(show(&shortest(0.1f32 as f64, Width::Single)), "0.1");
        assert_eq!(show(&shortest(0.1f32 as f64, Width::Double)), "0.10000000149011612");
        assert_eq!(show(&shortest(1e21, Width::Double)), "1000000000000000000000.");
    }

    #[test]
    fn rounding_is_exact_and_half_even() {
        assert_eq!(show(&positional(3.0 * 2f64.powi(-9), Width::Double, 8)), "0.00585938");
        assert_eq!(show(&positional(2f64.powi(-9), Width::Double, 8)), "0.00195312");
        assert_eq!(show(&positional(2.000000015, Width::Double, 8)), "2.00000001");
        assert_eq!(show(&positional(0.9999999999, Width::Double, 8)), "1.");
        assert_eq!(show(&positional(0.4, Width::Double, 0)), "0.");
        assert_eq!(show(&positional(0.6, Width::Double, 0)), "1.");
        assert_eq!(show(&positional(0.5, Width::Double, 0)), "0.");
        assert_eq!(show(&positional(1.5, Width::Double, 0)), "2.");
        let d = scientific(9.999999999999999e-5, Width::Double, 8);
        assert_eq!((show(&d), d.sci_exponent()), ("0.1".to_string(), -4));
    }
}
