//! Which elements of a view see a write, in that view's own index terms.
//!
//! A write is a set of byte runs in one buffer (merged from the write log);
//! an observer is a strided view of the same buffer. The answer is how many
//! of the observer's elements touch a written byte, and the first few of
//! their multi-indices.
//!
//! Cost is bounded by the written region, never by the observer's size:
//! views made by slicing, transposing and reshaping have *nested* strides
//! (each axis steps over the whole reach of the smaller ones), so the
//! elements inside one byte run are found by descending the axes, touching
//! at most two partial blocks per axis. Views whose strides are not nested
//! (sliding windows, hand-made `as_strided`) are listed element by element
//! when small, and reported as "not counted" otherwise. Zero-stride axes
//! (broadcasts) see a written element at every index: they show as `:`.

use crate::array::overlap::Extent;
use crate::array::writes::{WriteRecord, Written};

/// Indices listed per observer.
pub const LIST: usize = 4;
/// Above this many byte runs a write is kept as its bounds only.
const RUN_LIMIT: usize = 1 << 20;
/// Non-nested observers up to this size are checked element by element.
const BRUTE_LIMIT: usize = 1 << 16;

/// The bytes one statement wrote into one buffer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WrittenSet {
    /// Sorted, merged, half-open byte runs.
    pub runs: Vec<(usize, usize)>,
    /// False when the runs are only the bounds of what was written.
    pub exact: bool,
}

impl WrittenSet {
    /// Merges the logged writes (all into one buffer).
    pub fn from_records<'a>(records: impl IntoIterator<Item = &'a WriteRecord>) -> WrittenSet {
        let mut runs = Vec::new();
        let mut exact = true;
        for r in records {
            match &r.written {
                Written::Offsets { offsets, itemsize } => {
                    runs.extend(offsets.iter().map(|&o| (o, o.saturating_add(*itemsize))));
                }
                Written::Strided(e) => match strided_runs(e) {
                    Some(more) => runs.extend(more),
                    None => {
                        exact = false;
                        if let Some(bounds) = e.byte_range() {
                            runs.push(bounds);
                        }
                    }
                },
            }
            if runs.len() > RUN_LIMIT {
                exact = false;
                let lo = runs.iter().map(|r| r.0).min().unwrap_or(0);
                let hi = runs.iter().map(|r| r.1).max().unwrap_or(0);
                runs = vec![(lo, hi)];
            }
        }
        runs.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(runs.len());
        for (s, e) in runs {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        WrittenSet {
            runs: merged,
            exact,
        }
    }

    /// Bytes written.
    pub fn bytes(&self) -> usize {
        self.runs.iter().map(|(s, e)| e - s).sum()
    }
}

/// One axis of a normalised layout: length, positive stride, original axis.
#[derive(Clone, Copy, Debug)]
struct Axis {
    len: usize,
    stride: isize,
    axis: usize,
    flipped: bool,
}

/// A view's layout with negative strides flipped, length-1 and zero-stride
/// axes set aside, and the rest sorted by decreasing stride.
struct Normal {
    base: isize,
    axes: Vec<Axis>,
    /// Original axes with stride 0 and length > 1 (shown as `:`).
    broadcast: Vec<usize>,
    ndim: usize,
    itemsize: usize,
}

fn normalise(e: &Extent) -> Option<Normal> {
    let mut base = isize::try_from(e.offset).ok()?;
    let mut axes = Vec::new();
    let mut broadcast = Vec::new();
    for (k, (&n, &s)) in e.shape.iter().zip(&e.strides).enumerate() {
        if n <= 1 {
            continue;
        }
        if s == 0 {
            broadcast.push(k);
            continue;
        }
        let last = isize::try_from(n - 1).ok()?.checked_mul(s)?;
        let flipped = s < 0;
        if flipped {
            base = base.checked_add(last)?;
        }
        axes.push(Axis {
            len: n,
            stride: s.checked_abs()?,
            axis: k,
            flipped,
        });
    }
    axes.sort_by_key(|a| std::cmp::Reverse(a.stride));
    Some(Normal {
        base,
        axes,
        broadcast,
        ndim: e.shape.len(),
        itemsize: e.itemsize,
    })
}

impl Normal {
    /// The reach (last element's offset from the first) of `axes[k..]`.
    fn reach(&self, k: usize) -> Option<isize> {
        self.axes[k..].iter().try_fold(0isize, |acc, a| {
            acc.checked_add(a.stride.checked_mul(isize::try_from(a.len - 1).ok()?)?)
        })
    }

    /// Whether each axis steps over every element of the smaller ones.
    fn is_nested(&self) -> bool {
        (0..self.axes.len()).all(|k| {
            let inner = self
                .reach(k + 1)
                .and_then(|r| r.checked_add(self.itemsize as isize));
            inner.is_some_and(|inner| self.axes[k].stride >= inner)
        })
    }

    /// Elements per point of the normalised layout (the broadcast copies).
    fn multiplicity(&self, shape: &[usize]) -> usize {
        self.broadcast.iter().map(|&k| shape[k]).product()
    }
}

/// The byte runs of a strided write, or None if too many or invalid.
fn strided_runs(e: &Extent) -> Option<Vec<(usize, usize)>> {
    let n = normalise(e)?;
    if e.size()? == 0 {
        return Some(Vec::new());
    }
    // Fold contiguous innermost axes into one run.
    let mut inner = n.axes.len();
    let mut run = n.itemsize as isize;
    while inner > 0 && n.axes[inner - 1].stride == run {
        run = run.checked_mul(n.axes[inner - 1].len as isize)?;
        inner -= 1;
    }
    let outer: Vec<Axis> = n.axes[..inner].to_vec();
    let count = outer
        .iter()
        .try_fold(1usize, |acc, a| acc.checked_mul(a.len))?;
    if count > RUN_LIMIT {
        return None;
    }
    let shape: Vec<usize> = outer.iter().map(|a| a.len).collect();
    let strides: Vec<isize> = outer.iter().map(|a| a.stride).collect();
    let starts = Extent::new(usize::try_from(n.base).ok()?, &shape, &strides, 1)
        .element_offsets(RUN_LIMIT)?;
    let run = usize::try_from(run).ok()?;
    Some(starts.into_iter().map(|s| (s, s + run)).collect())
}

/// What one observer sees of a write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    /// How many of its elements touch a written byte (None: not counted).
    pub count: Option<usize>,
    /// The first few of them, as indices per axis (None: a `:` axis).
    pub first: Vec<Vec<Option<usize>>>,
}

impl Seen {
    pub fn is_empty(&self) -> bool {
        self.count == Some(0)
    }
}

/// The elements of `observer` that touch a byte of `written`.
pub fn seen_by(written: &WrittenSet, observer: &Extent) -> Seen {
    if observer.size() == Some(0) || written.runs.is_empty() {
        return Seen {
            count: Some(0),
            first: Vec::new(),
        };
    }
    let Some(n) = normalise(observer) else {
        return Seen::default();
    };
    if !n.is_nested() {
        return brute_force(written, observer, &n);
    }
    let mut walk = Walk {
        n: &n,
        index: vec![Some(0); n.ndim],
        count: 0,
        first: Vec::new(),
        overflow: false,
    };
    for &k in &n.broadcast {
        walk.index[k] = None;
    }
    let isz = n.itemsize as isize;
    for &(s, e) in &written.runs {
        let (Ok(s), Ok(e)) = (isize::try_from(s), isize::try_from(e)) else {
            return Seen::default();
        };
        // Elements starting in [s - itemsize + 1, e - 1] touch [s, e).
        walk.visit(0, n.base, s - isz + 1, e - 1);
    }
    if walk.overflow {
        return Seen::default();
    }
    let mult = n.multiplicity(&observer.shape);
    Seen {
        count: walk.count.checked_mul(mult),
        first: walk.first,
    }
}

struct Walk<'a> {
    n: &'a Normal,
    index: Vec<Option<usize>>,
    count: usize,
    first: Vec<Vec<Option<usize>>>,
    overflow: bool,
}

impl Walk<'_> {
    /// Counts (and lists the first few) elements of `axes[k..]` placed at
    /// `base` whose start lies in `[lo, hi]`.
    fn visit(&mut self, k: usize, base: isize, lo: isize, hi: isize) {
        if lo > hi || self.overflow {
            return;
        }
        let Some(&a) = self.n.axes.get(k) else {
            if lo <= base && base <= hi {
                self.count += 1;
                if self.first.len() < LIST {
                    self.first.push(self.index.clone());
                }
            }
            return;
        };
        let Some(reach) = self.n.reach(k + 1) else {
            self.overflow = true;
            return;
        };
        let s = a.stride;
        let last = a.len as isize - 1;
        // Blocks i with base + i*s <= hi and base + i*s + reach >= lo.
        let (Some(from), Some(to)) = (
            lo.checked_sub(reach).and_then(|x| x.checked_sub(base)),
            hi.checked_sub(base),
        ) else {
            self.overflow = true;
            return;
        };
        let i_min = div_ceil(from, s).max(0);
        let i_max = div_floor(to, s).min(last);
        if i_min > i_max {
            return;
        }
        let block_size: usize = self.n.axes[k + 1..].iter().map(|a| a.len).product();
        let mut i = i_min;
        while i <= i_max {
            let Some(start) = i.checked_mul(s).and_then(|o| o.checked_add(base)) else {
                self.overflow = true;
                return;
            };
            let full = start >= lo && start.checked_add(reach).is_some_and(|end| end <= hi);
            if full && self.first.len() >= LIST {
                // Whole blocks from here to the last full one.
                let j = div_floor(hi - reach - base, s).min(i_max);
                let blocks = (j - i + 1) as usize;
                match blocks
                    .checked_mul(block_size)
                    .and_then(|n| self.count.checked_add(n))
                {
                    Some(c) => self.count = c,
                    None => self.overflow = true,
                }
                i = j + 1;
                continue;
            }
            self.index[a.axis] = Some(if a.flipped {
                (last - i) as usize
            } else {
                i as usize
            });
            self.visit(k + 1, start, lo, hi);
            i += 1;
        }
    }
}

fn div_floor(a: isize, b: isize) -> isize {
    a.div_euclid(b)
}

fn div_ceil(a: isize, b: isize) -> isize {
    -((-a).div_euclid(b))
}

/// Element-by-element listing for layouts that are not nested.
fn brute_force(written: &WrittenSet, observer: &Extent, n: &Normal) -> Seen {
    let Some(offsets) = observer.element_offsets(BRUTE_LIMIT) else {
        return Seen::default();
    };
    let mut seen = Seen {
        count: Some(0),
        first: Vec::new(),
    };
    let mut index = vec![0usize; observer.shape.len()];
    let mut count = 0usize;
    for (k, &at) in offsets.iter().enumerate() {
        if k > 0 {
            for axis in (0..index.len()).rev() {
                if index[axis] + 1 < observer.shape[axis] {
                    index[axis] += 1;
                    break;
                }
                index[axis] = 0;
            }
        }
        let end = at + n.itemsize;
        let next = written.runs.partition_point(|&(s, _)| s < end);
        if next > 0 && written.runs[next - 1].1 > at {
            count += 1;
            if seen.first.len() < LIST {
                seen.first.push(index.iter().map(|&i| Some(i)).collect());
            }
        }
    }
    seen.count = Some(count);
    seen
}

/// `name[1, :, 2]` for an index with `:` for broadcast axes.
pub fn index_text(name: &str, index: &[Option<usize>]) -> String {
    if index.is_empty() {
        return format!("{name}[()]");
    }
    let parts: Vec<String> = index
        .iter()
        .map(|i| i.map_or(":".to_string(), |i| i.to_string()))
        .collect();
    format!("{name}[{}]", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(r: &[(usize, usize)]) -> WrittenSet {
        WrittenSet {
            runs: r.to_vec(),
            exact: true,
        }
    }

    fn e(offset: usize, shape: &[usize], strides: &[isize]) -> Extent {
        Extent::new(offset, shape, strides, 8)
    }

    fn idx(v: &[usize]) -> Vec<Option<usize>> {
        v.iter().map(|&i| Some(i)).collect()
    }

    #[test]
    fn even_and_odd_elements_do_not_see_each_other() {
        // a[::2] written; a[1::2] observes nothing, a[::2] everything.
        let w = WrittenSet::from_records(&[WriteRecord {
            buffer: 1,
            written: Written::Strided(e(0, &[5], &[16])),
        }]);
        assert_eq!(w.runs.len(), 5);
        assert_eq!(seen_by(&w, &e(8, &[5], &[16])).count, Some(0));
        let all = seen_by(&w, &e(0, &[10], &[8]));
        assert_eq!(all.count, Some(5));
        assert_eq!(all.first, vec![idx(&[0]), idx(&[2]), idx(&[4]), idx(&[6])]);
    }

    #[test]
    fn contiguous_writes_are_one_run() {
        let w = WrittenSet::from_records(&[WriteRecord {
            buffer: 1,
            written: Written::Strided(e(16, &[3, 4], &[32, 8])),
        }]);
        assert_eq!(w.runs, vec![(16, 112)]);
    }

    #[test]
    fn transposed_and_reversed_observers() {
        // m is 3x4; element m[1, 2] (byte 48) written.
        let w = runs(&[(48, 56)]);
        let t = seen_by(&w, &e(0, &[4, 3], &[8, 32]));
        assert_eq!((t.count, t.first), (Some(1), vec![idx(&[2, 1])]));
        let r = seen_by(&w, &e(88, &[12], &[-8]));
        assert_eq!((r.count, r.first), (Some(1), vec![idx(&[5])]));
    }

    #[test]
    fn broadcast_axes_show_as_colons() {
        let w = runs(&[(8, 16)]);
        let b = seen_by(&w, &e(0, &[3, 4], &[0, 8]));
        assert_eq!(b.count, Some(3));
        assert_eq!(b.first, vec![vec![None, Some(1)]]);
        assert_eq!(index_text("b", &b.first[0]), "b[:, 1]");
    }

    #[test]
    fn big_observers_cost_nothing_extra() {
        // One written element seen by a view of a huge array: one block per axis.
        let w = runs(&[(8_000_000, 8_000_008)]);
        let big = seen_by(&w, &e(0, &[100_000_000], &[8]));
        assert_eq!((big.count, big.first), (Some(1), vec![idx(&[1_000_000])]));
        let whole = runs(&[(0, 800_000_000)]);
        let all = seen_by(&whole, &e(0, &[10_000, 10_000], &[80_000, 8]));
        assert_eq!(all.count, Some(100_000_000));
        assert_eq!(all.first.len(), LIST);
    }

    #[test]
    fn sliding_windows_are_listed() {
        // Windows of 3 over 5 elements; element 2 is in all three windows.
        let w = runs(&[(16, 24)]);
        let s = seen_by(&w, &e(0, &[3, 3], &[8, 8]));
        assert_eq!(s.count, Some(3));
        assert_eq!(s.first, vec![idx(&[0, 2]), idx(&[1, 1]), idx(&[2, 0])]);
    }

    #[test]
    fn a_byte_view_sees_parts_of_elements() {
        // int64 element 1 written; a uint8 view sees its 8 bytes.
        let w = runs(&[(8, 16)]);
        let u8view = Extent::new(0, &[32], &[1], 1);
        let s = seen_by(&w, &u8view);
        assert_eq!(s.count, Some(8));
        assert_eq!(s.first[0], idx(&[8]));
    }
}
