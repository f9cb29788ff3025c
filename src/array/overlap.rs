//! Whether two strided views can or do touch the same bytes.

#[derive(Clone, Debug)]
pub struct Extent {
    pub offset: usize,
    pub shape: Vec<usize>,
    pub strides: Vec<isize>,
    pub itemsize: usize,
}

#[derive(Clone, Copy, Debug)]
pub struct TooHard;

fn bounds(e: &Extent) -> Option<(isize, isize)> {
    if e.shape.contains(&0) {
        return None;
    }
    let mut lo = e.offset as isize;
    let mut hi = e.offset as isize;
    for (&n, &s) in e.shape.iter().zip(&e.strides) {
        let span = s * (n as isize - 1);
        if span < 0 {
            lo += span;
        } else {
            hi += span;
        }
    }
    Some((lo, hi + e.itemsize as isize))
}

pub fn may_share_memory(a: &Extent, b: &Extent) -> bool {
    match (bounds(a), bounds(b)) {
        (Some((a0, a1)), Some((b0, b1))) => a0 < b1 && b0 < a1,
        _ => false,
    }
}

pub fn shares_memory(a: &Extent, b: &Extent, max_work: Option<u64>) -> Result<bool, TooHard> {
    if !may_share_memory(a, b) {
        return Ok(false);
    }
    if max_work == Some(0) {
        return Err(TooHard);
    }
    let bytes = |e: &Extent| {
        let mut set = std::collections::HashSet::new();
        for off in crate::array::ndarray::StridedOffsets::new(&e.shape, &e.strides, e.offset) {
            for k in 0..e.itemsize {
                set.insert(off + k);
            }
        }
        set
    };
    let sa = bytes(a);
    Ok(bytes(b).iter().any(|x| sa.contains(x)))
}
