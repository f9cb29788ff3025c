//! Decimal digits of binary floats, generated the way NumPy's Dragon4 does:
//! the shortest digits that read back as the same float (ties between the
//! neighbours' midpoints go to the even mantissa), optionally cut off after
//! some digits or continued for a minimum number of digits, the last digit
//! rounded from the exact binary value.
//!
//! This file knows nothing about signs, padding or notation; it works on
//! the magnitude of finite values only.

/// A non-negative decimal `0.DIGITS × 10^point`.
///
/// `digits` holds ASCII digits without leading or trailing zeros; it is
/// empty for zero (`point` is then 1).
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
        (0..self.point as usize)
            .map(|i| *self.digits.get(i).unwrap_or(&b'0') as char)
            .collect()
    }

    /// Digits after the decimal point, without trailing zeros.
    pub fn frac_part(&self) -> String {
        if self.is_zero() {
            return String::new();
        }
        let zeros = (-self.point).max(0) as usize;
        let skip = self.point.max(0) as usize;
        let mut s = "0".repeat(zeros);
        s.extend(self.digits.iter().skip(skip).map(|&d| d as char));
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
}

/// Whether a value is read as an f32 or an f64: this sets the neighbours
/// that the shortest digits must tell it apart from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Width {
    Single,
    Double,
}

/// The shortest digits that read back as `|x|` in the given width.
pub(crate) fn shortest(x: f64, width: Width) -> Decimal {
    generate(x, width, Limits::default())
}

/// `|x|` with at most `max_frac` digits after the decimal point: the
/// shortest digits when they fit, else rounded there.
pub(crate) fn positional(x: f64, width: Width, max_frac: usize) -> Decimal {
    generate(
        x,
        width,
        Limits {
            fraction: true,
            max: Some(max_frac as i32),
            min: None,
        },
    )
}

/// `|x|` with at most `max_frac` digits after the first significant one:
/// the shortest digits when they fit, else rounded there.
pub(crate) fn scientific(x: f64, width: Width, max_frac: usize) -> Decimal {
    generate(
        x,
        width,
        Limits {
            fraction: false,
            max: Some(max_frac as i32 + 1),
            min: None,
        },
    )
}

/// `|x|` with exactly `frac` digits after the first significant one: the
/// digits continue past the shortest ones when those are fewer, and the
/// last one is rounded.
pub(crate) fn scientific_exact(x: f64, width: Width, frac: usize) -> Decimal {
    generate(
        x,
        width,
        Limits {
            fraction: false,
            max: Some(frac as i32 + 1),
            min: Some(frac as i32 + 1),
        },
    )
}

/// Where digit generation may stop: `max` digits at most and `min` digits
/// at least, counted from the decimal point (`fraction`) or from the first
/// significant digit.
#[derive(Clone, Copy, Debug, Default)]
struct Limits {
    fraction: bool,
    max: Option<i32>,
    min: Option<i32>,
}

/// A finite float as `mantissa × 2^exp`, with what its neighbours look
/// like: `even` mantissas win ties, `unequal` marks a power of two whose
/// lower neighbour is twice as close as the upper.
struct Binary {
    mantissa: u64,
    exp: i32,
    even: bool,
    unequal: bool,
}

fn decompose(x: f64, width: Width) -> Binary {
    let (mantissa, exp, unequal) = match width {
        Width::Double => {
            let bits = x.abs().to_bits();
            let biased = ((bits >> 52) & 0x7ff) as i32;
            let fraction = bits & ((1 << 52) - 1);
            if biased == 0 {
                (fraction, -1074, false)
            } else {
                (
                    fraction | (1 << 52),
                    biased - 1075,
                    fraction == 0 && biased > 1,
                )
            }
        }
        Width::Single => {
            let bits = (x.abs() as f32).to_bits();
            let biased = ((bits >> 23) & 0xff) as i32;
            let fraction = (bits & ((1 << 23) - 1)) as u64;
            if biased == 0 {
                (fraction, -149, false)
            } else {
                (
                    fraction | (1 << 23),
                    biased - 150,
                    fraction == 0 && biased > 1,
                )
            }
        }
    };
    Binary {
        mantissa,
        exp,
        even: mantissa % 2 == 0,
        unequal,
    }
}

/// Upper bound on generated digits; no finite double needs more than 770.
const MAX_DIGITS: i32 = 1100;

/// Free-format digit generation (Steele & White, Burger & Dybvig) with
/// NumPy's cut-off and rounding rules.
fn generate(x: f64, width: Width, limits: Limits) -> Decimal {
    if x == 0.0 || !x.is_finite() {
        return Decimal::zero();
    }
    let b = decompose(x, width);
    if b.mantissa == 0 {
        return Decimal::zero();
    }
    // value = r / s; the neighbours' midpoints are value - m_lo / s and
    // value + m_hi / s. Everything is scaled by 4 to stay integral: the
    // midpoints sit half a step (2^exp / 2) away, except below a power of
    // two, where the step down is half as long.
    let lo_scale = if b.unequal { 1 } else { 2 };
    let (mut r, mut s, mut m_lo) = if b.exp >= 0 {
        let mut r = BigUint::from_u64(b.mantissa);
        r.shl(b.exp as u32 + 2);
        let mut m = BigUint::from_u64(lo_scale);
        m.shl(b.exp as u32);
        (r, BigUint::from_u64(4), m)
    } else {
        let mut r = BigUint::from_u64(b.mantissa);
        r.shl(2);
        let mut s = BigUint::from_u64(4);
        s.shl((-b.exp) as u32);
        (r, s, BigUint::from_u64(lo_scale))
    };
    let hi_factor = if b.unequal { 2 } else { 1 };

    // k: the smallest power of ten above the value (value < 10^k).
    let bits = 63 - b.mantissa.leading_zeros() as i32 + b.exp;
    let mut k = ((bits as f64) * std::f64::consts::LOG10_2 - 0.69).ceil() as i32;
    if k > 0 {
        s.mul_pow10(k as u32);
    } else if k < 0 {
        r.mul_pow10((-k) as u32);
        m_lo.mul_pow10((-k) as u32);
    }
    while r.cmp(&s) != std::cmp::Ordering::Less {
        s.mul_small(10);
        k += 1;
    }
    loop {
        let mut tenfold = r.clone();
        tenfold.mul_small(10);
        if tenfold.cmp(&s) != std::cmp::Ordering::Less {
            break;
        }
        r = tenfold;
        m_lo.mul_small(10);
        k -= 1;
    }
    if let (true, Some(max)) = (limits.fraction, limits.max) {
        // Positions below the cut-off are never reached: start there.
        if k <= -max {
            while k < -max + 1 {
                s.mul_small(10);
                k += 1;
            }
        }
    }
    let first_exp = k - 1;

    let stop_max = limits
        .max
        .map(|max| if limits.fraction { -max } else { k - max });
    let stop_min = match limits.min {
        None => k,
        Some(min) => k.min(if limits.fraction { -min } else { k - min }),
    };

    let mut digits: Vec<u8> = Vec::new();
    let (digit, low, high) = loop {
        k -= 1;
        r.mul_small(10);
        m_lo.mul_small(10);
        let digit = r.div_rem_digit(&s);
        let mut m_hi = m_lo.clone();
        if hi_factor == 2 {
            m_hi.mul_small(2);
        }
        let lo_cmp = r.cmp(&m_lo);
        let low = if b.even {
            lo_cmp.is_le()
        } else {
            lo_cmp.is_lt()
        };
        let mut r_hi = r.clone();
        r_hi.add(&m_hi);
        let hi_cmp = r_hi.cmp(&s);
        let high = if b.even {
            hi_cmp.is_ge()
        } else {
            hi_cmp.is_gt()
        };
        let unique = (low || high) && k <= stop_min;
        if unique || Some(k) == stop_max || digits.len() as i32 >= MAX_DIGITS {
            break (digit, low, high);
        }
        digits.push(b'0' + digit);
    };

    let round_down = if low == high {
        let mut twice = r.clone();
        twice.mul_small(2);
        match twice.cmp(&s) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Equal => digit % 2 == 0,
        }
    } else {
        low
    };
    let mut point = first_exp + 1;
    if round_down {
        digits.push(b'0' + digit);
    } else if digit < 9 {
        digits.push(b'0' + digit + 1);
    } else {
        while digits.last() == Some(&b'9') {
            digits.pop();
        }
        match digits.last_mut() {
            Some(d) => *d += 1,
            None => {
                digits.push(b'1');
                point += 1;
            }
        }
    }
    Decimal::normalised(digits, point)
}

/// Unsigned big integer, little-endian base 2^32 limbs, no leading zero
/// limbs.
#[derive(Clone, Debug)]
struct BigUint {
    limbs: Vec<u32>,
}

impl BigUint {
    fn from_u64(v: u64) -> BigUint {
        let mut n = BigUint {
            limbs: vec![v as u32, (v >> 32) as u32],
        };
        n.trim();
        n
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
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

    fn mul_pow10(&mut self, mut k: u32) {
        while k >= 9 {
            self.mul_small(1_000_000_000);
            k -= 9;
        }
        if k > 0 {
            self.mul_small(10u32.pow(k));
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
        if words > 0 && !self.limbs.is_empty() {
            self.limbs.splice(0..0, std::iter::repeat_n(0, words));
        }
    }

    fn add(&mut self, other: &BigUint) {
        if self.limbs.len() < other.limbs.len() {
            self.limbs.resize(other.limbs.len(), 0);
        }
        let mut carry = 0u64;
        for (i, limb) in self.limbs.iter_mut().enumerate() {
            let t = *limb as u64 + *other.limbs.get(i).unwrap_or(&0) as u64 + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        if carry > 0 {
            self.limbs.push(carry as u32);
        }
    }

    /// `self -= other`; requires `self >= other`.
    fn sub(&mut self, other: &BigUint) {
        let mut borrow = 0i64;
        for (i, limb) in self.limbs.iter_mut().enumerate() {
            let t = *limb as i64 - *other.limbs.get(i).unwrap_or(&0) as i64 - borrow;
            if t < 0 {
                *limb = (t + (1i64 << 32)) as u32;
                borrow = 1;
            } else {
                *limb = t as u32;
                borrow = 0;
            }
        }
        self.trim();
    }

    fn cmp(&self, other: &BigUint) -> std::cmp::Ordering {
        self.limbs
            .len()
            .cmp(&other.limbs.len())
            .then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }

    /// `self / d` for a quotient below 10, leaving the remainder in `self`.
    fn div_rem_digit(&mut self, d: &BigUint) -> u8 {
        let mut q = 0;
        while q < 9 && self.cmp(d) != std::cmp::Ordering::Less {
            self.sub(d);
            q += 1;
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(d: &Decimal) -> String {
        format!("{}.{}", d.int_part(), d.frac_part())
    }

    #[test]
    fn shortest_digits() {
        assert_eq!(show(&shortest(0.1, Width::Double)), "0.1");
        assert_eq!(show(&shortest(0.1f32 as f64, Width::Single)), "0.1");
        assert_eq!(
            show(&shortest(0.1f32 as f64, Width::Double)),
            "0.10000000149011612"
        );
        assert_eq!(
            show(&shortest(1e21, Width::Double)),
            "1000000000000000000000."
        );
        assert_eq!(
            show(&shortest(5e-324, Width::Double)),
            format!("0.{}5", "0".repeat(323))
        );
        assert_eq!(
            shortest(f64::MAX, Width::Double).digits,
            b"17976931348623157".to_vec()
        );
    }

    /// Shortest digits read back as the same value and are as short as
    /// the standard library's (which may pick the other candidate on ties).
    #[test]
    fn shortest_round_trips_on_a_sweep() {
        fn text(d: &Decimal) -> String {
            let digits: String = d.digits.iter().map(|&b| b as char).collect();
            format!("0.{}e{}", digits, d.point)
        }
        fn std_len(text: String) -> usize {
            let mantissa = text.split('e').next().unwrap_or("");
            mantissa.bytes().filter(u8::is_ascii_digit).count()
        }
        let mut bits: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            bits ^= bits << 13;
            bits ^= bits >> 7;
            bits ^= bits << 17;
            let x = f64::from_bits(bits).abs();
            if x.is_finite() && x != 0.0 {
                let d = shortest(x, Width::Double);
                assert_eq!(text(&d).parse::<f64>().unwrap(), x, "{:e}", x);
                assert_eq!(d.digits.len(), std_len(format!("{:e}", x)), "{:e}", x);
            }
            let y = f32::from_bits(bits as u32).abs();
            if y.is_finite() && y != 0.0 {
                let d = shortest(y as f64, Width::Single);
                assert_eq!(text(&d).parse::<f32>().unwrap(), y, "{:e}", y);
                assert_eq!(d.digits.len(), std_len(format!("{:e}", y)), "{:e}", y);
            }
        }
    }

    #[test]
    fn cut_off_digits_round_from_the_exact_value() {
        assert_eq!(
            show(&positional(3.0 * 2f64.powi(-9), Width::Double, 8)),
            "0.00585938"
        );
        assert_eq!(
            show(&positional(2f64.powi(-9), Width::Double, 8)),
            "0.00195312"
        );
        assert_eq!(
            show(&positional(2.000000015, Width::Double, 8)),
            "2.00000001"
        );
        assert_eq!(show(&positional(0.9999999999, Width::Double, 8)), "1.");
        assert_eq!(show(&positional(0.4, Width::Double, 0)), "0.");
        assert_eq!(show(&positional(0.6, Width::Double, 0)), "1.");
        assert_eq!(show(&positional(1e-20, Width::Double, 3)), "0.");
        let d = scientific(9.999999999999999e-5, Width::Double, 8);
        assert_eq!((d.digits.clone(), d.sci_exponent()), (b"1".to_vec(), -4));
    }

    #[test]
    fn minimum_digits_continue_past_the_shortest() {
        let x = 811327490.0f32 as f64;
        assert_eq!(shortest(x, Width::Single).digits, b"8113275".to_vec());
        assert_eq!(
            scientific_exact(x, Width::Single, 7).digits,
            b"81132749".to_vec()
        );
        assert_eq!(
            scientific_exact(0.5, Width::Double, 3).digits,
            b"5".to_vec()
        );
    }
}
