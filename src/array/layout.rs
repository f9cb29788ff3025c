//! Shape and stride arithmetic (pure functions).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    C,
    F,
}

pub fn c_strides(shape: &[usize], itemsize: usize) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut acc = itemsize as isize;
    for i in (0..shape.len()).rev() {
        strides[i] = acc;
        acc = acc.saturating_mul(shape[i].max(1) as isize);
    }
    strides
}

pub fn f_strides(shape: &[usize], itemsize: usize) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut acc = itemsize as isize;
    for i in 0..shape.len() {
        strides[i] = acc;
        acc = acc.saturating_mul(shape[i].max(1) as isize);
    }
    strides
}

pub fn is_c_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    if shape.contains(&0) {
        return true;
    }
    let mut expected = itemsize as isize;
    for i in (0..shape.len()).rev() {
        if shape[i] != 1 {
            if strides[i] != expected {
                return false;
            }
            expected *= shape[i] as isize;
        }
    }
    true
}

pub fn is_f_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    if shape.contains(&0) {
        return true;
    }
    let mut expected = itemsize as isize;
    for i in 0..shape.len() {
        if shape[i] != 1 {
            if strides[i] != expected {
                return false;
            }
            expected *= shape[i] as isize;
        }
    }
    true
}

pub fn checked_size(shape: &[usize]) -> Option<usize> {
    shape.iter().try_fold(1usize, |acc, &n| acc.checked_mul(n))
}

pub fn reshape_without_copy(
    shape: &[usize],
    strides: &[isize],
    itemsize: usize,
    new_shape: &[usize],
    order: Order,
) -> Option<Vec<isize>> {
    let contiguous = match order {
        Order::C => is_c_contiguous(shape, strides, itemsize),
        Order::F => is_f_contiguous(shape, strides, itemsize),
    };
    contiguous.then(|| match order {
        Order::C => c_strides(new_shape, itemsize),
        Order::F => f_strides(new_shape, itemsize),
    })
}

pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Vec<usize>, String> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; ndim];
    for shape in shapes {
        for (i, &n) in shape.iter().enumerate() {
            let slot = &mut out[ndim - shape.len() + i];
            if *slot == 1 {
                *slot = n;
            } else if n != 1 && n != *slot {
                let mut msg = String::from("operands could not be broadcast together with shapes ");
                for s in shapes {
                    msg.push_str(&crate::array::shape_repr(s).replace(", ", ","));
                    msg.push(' ');
                }
                return Err(msg);
            }
        }
    }
    Ok(out)
}

pub fn broadcast_strides(shape: &[usize], strides: &[isize], target: &[usize]) -> Option<Vec<isize>> {
    if shape.len() > target.len() {
        return None;
    }
    let lead = target.len() - shape.len();
    let mut out = vec![0isize; target.len()];
    for i in 0..shape.len() {
        if shape[i] == target[lead + i] {
            out[lead + i] = if shape[i] == 1 { 0 } else { strides[i] };
        } else if shape[i] == 1 {
            out[lead + i] = 0;
        } else {
            return None;
        }
    }
    Some(out)
}
