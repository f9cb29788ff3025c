//! A log of element writes, for the aliasing report.
//!
//! Every place that stores elements into an array (item and slice
//! assignment, fancy assignment, ufunc results and `out=`, element copies)
//! calls [`record`] or [`record_offsets`] once, before writing. The log is
//! off unless someone [`start`]s it, so a hook costs one thread-local check;
//! when on, an entry costs O(ndim) for a strided write and O(k) for a fancy
//! write of k elements, never a pass over the array. The interpreter drains
//! the log after each top-level statement and turns it into "who saw the
//! write". This module knows nothing about names.

use std::cell::{Cell, RefCell};

use super::overlap::Extent;
use super::ArrayData;

/// Which bytes of a buffer one write touched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Written {
    /// Every element of a strided layout.
    Strided(Extent),
    /// The elements starting at these byte offsets (fancy assignment).
    Offsets {
        offsets: Vec<usize>,
        itemsize: usize,
    },
}

/// One logged write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteRecord {
    /// The buffer's id (`Buffer::id`).
    pub buffer: u64,
    pub written: Written,
}

thread_local! {
    static LOG: RefCell<Option<Vec<WriteRecord>>> = const { RefCell::new(None) };
    /// `LOG` is `Some`: a flag that costs one load to test, where the
    /// log's `RefCell` costs a borrow (every element store asks).
    static ON: Cell<bool> = const { Cell::new(false) };
}

/// Starts logging on this thread (an empty log).
pub fn start() {
    LOG.with(|log| *log.borrow_mut() = Some(Vec::new()));
    ON.set(true);
}

/// Stops logging and forgets what was logged.
pub fn stop() {
    LOG.with(|log| *log.borrow_mut() = None);
    ON.set(false);
}

/// Whether writes are being logged.
pub fn is_on() -> bool {
    ON.get()
}

/// Takes everything logged so far, leaving logging on.
pub fn drain() -> Vec<WriteRecord> {
    LOG.with(|log| log.borrow_mut().as_mut().map(std::mem::take))
        .unwrap_or_default()
}

fn push(make: impl FnOnce() -> WriteRecord) {
    if !is_on() {
        return;
    }
    LOG.with(|log| {
        if let Some(entries) = log.borrow_mut().as_mut() {
            entries.push(make());
        }
    });
}

/// Logs a write to every element of `d`'s layout.
pub fn record(d: &ArrayData) {
    push(|| WriteRecord {
        buffer: d.buffer.id(),
        written: Written::Strided(Extent::new(
            d.offset,
            &d.shape,
            &d.strides,
            d.dtype.itemsize(),
        )),
    });
}

/// Logs a write to the one element of `d`'s buffer at byte `offset`.
///
/// A loop storing element after element into one buffer extends the last
/// record instead of adding one (with its own allocation) per store, and
/// storing into the element just logged adds nothing: `b[0] = x` repeated
/// a million times under the report is one record of one offset.
#[inline]
pub fn record_element(d: &ArrayData, offset: usize) {
    if !is_on() {
        return;
    }
    let (buffer, itemsize) = (d.buffer.id(), d.dtype.itemsize());
    LOG.with(|log| {
        let mut log = log.borrow_mut();
        let Some(entries) = log.as_mut() else {
            return;
        };
        if let Some(WriteRecord {
            buffer: last_buffer,
            written:
                Written::Offsets {
                    offsets,
                    itemsize: last_itemsize,
                },
        }) = entries.last_mut()
        {
            if *last_buffer == buffer && *last_itemsize == itemsize {
                if offsets.last() != Some(&offset) {
                    offsets.push(offset);
                }
                return;
            }
        }
        entries.push(WriteRecord {
            buffer,
            written: Written::Offsets {
                offsets: vec![offset],
                itemsize,
            },
        });
    });
}

/// Logs a write to the elements of `d`'s buffer at these byte offsets.
pub fn record_offsets(d: &ArrayData, offsets: &[usize]) {
    push(|| WriteRecord {
        buffer: d.buffer.id(),
        written: Written::Offsets {
            offsets: offsets.to_vec(),
            itemsize: d.dtype.itemsize(),
        },
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::array::dtype::DType;
    use crate::array::layout::Order;
    use crate::array::Array;

    #[test]
    fn off_by_default_and_drained_when_on() {
        stop();
        let a = Array::zeros(DType::Int64, &[4], Order::C).unwrap();
        record(&a.data());
        assert!(!is_on());
        assert!(drain().is_empty());
        start();
        record(&a.data());
        record_offsets(&a.data(), &[8, 24]);
        let log = drain();
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].buffer, a.buffer().id());
        assert_eq!(
            log[1].written,
            Written::Offsets {
                offsets: vec![8, 24],
                itemsize: 8
            }
        );
        assert!(drain().is_empty());
        stop();
    }

    #[test]
    fn element_stores_extend_the_last_record() {
        let a = Array::zeros(DType::Float64, &[4], Order::C).unwrap();
        let b = Array::zeros(DType::Float64, &[4], Order::C).unwrap();
        start();
        for offset in [0, 0, 8, 8, 0] {
            record_element(&a.data(), offset);
        }
        record_element(&b.data(), 16);
        record_element(&a.data(), 24);
        let log = drain();
        stop();
        let offsets: Vec<(u64, Vec<usize>)> = log
            .into_iter()
            .map(|r| match r.written {
                Written::Offsets { offsets, .. } => (r.buffer, offsets),
                Written::Strided(_) => (r.buffer, Vec::new()),
            })
            .collect();
        assert_eq!(
            offsets,
            vec![
                (a.buffer().id(), vec![0, 8, 0]),
                (b.buffer().id(), vec![16]),
                (a.buffer().id(), vec![24]),
            ]
        );
    }
}
