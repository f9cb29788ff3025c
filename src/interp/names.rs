//! Fast global name resolution: where each name of the program was last
//! found in the global namespace.
//!
//! A loop looks up and rebinds the same few names on every iteration;
//! hashing each name's text each time was a large share of a small
//! statement's cost. The names in the AST keep their address for as long as
//! the program runs, so that address keys a small direct-mapped table of
//! positions in the namespace. A remembered position is only a guess: it is
//! used only if the key stored there is the very name looked up, so a stale
//! entry (a name removed, the namespace reordered, an address reused by a
//! later parse) falls back to the hashed lookup and is never wrong.

use std::cell::Cell;

use super::{Names, Value};

/// Number of remembered positions (a power of two).
const SLOTS: usize = 256;

/// Positions in `globals` by the address of the name's text.
pub(super) struct GlobalSlots {
    slots: [Cell<(usize, usize)>; SLOTS],
}

impl Default for GlobalSlots {
    fn default() -> GlobalSlots {
        GlobalSlots {
            slots: std::array::from_fn(|_| Cell::new((0, 0))),
        }
    }
}

impl GlobalSlots {
    fn slot(&self, name: &str) -> (&Cell<(usize, usize)>, usize) {
        let address = name.as_ptr() as usize;
        // Short names sit in the allocator's smallest blocks, which may be
        // only 8 bytes apart, and a loop's names are often allocated side by
        // side: a plain shift of the address made them share a slot and
        // evict each other on every iteration. Multiplying by an odd
        // constant (Fibonacci hashing) spreads neighbouring addresses over
        // all slots; the top bits of the product pick the slot.
        let mixed = (address as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = (mixed >> (64 - SLOTS.trailing_zeros())) as usize;
        (&self.slots[slot % SLOTS], address)
    }

    /// The position of `name` in `globals`, if it is bound there.
    #[inline]
    fn position(&self, globals: &Names<String>, name: &str) -> Option<usize> {
        let (slot, address) = self.slot(name);
        let (key, index) = slot.get();
        if key == address {
            if let Some((stored, _)) = globals.get_index(index) {
                if same_text(stored, name) {
                    return Some(index);
                }
            }
        }
        Self::look_up_and_remember(slot, address, globals, name)
    }

    /// The hashed lookup behind a missed slot (and behind every lookup of
    /// a name that is not a global, such as a builtin), kept out of line so
    /// that the hit path stays small enough to inline into every lookup.
    #[inline(never)]
    fn look_up_and_remember(
        slot: &Cell<(usize, usize)>,
        address: usize,
        globals: &Names<String>,
        name: &str,
    ) -> Option<usize> {
        let index = globals.get_index_of(name)?;
        slot.set((address, index));
        Some(index)
    }

    /// `globals[name]`.
    pub(super) fn get<'a>(&self, globals: &'a Names<String>, name: &str) -> Option<&'a Value> {
        let index = self.position(globals, name)?;
        globals.get_index(index).map(|(_, v)| v)
    }

    /// `globals[name]`, to change in place.
    pub(super) fn get_mut<'a>(
        &self,
        globals: &'a mut Names<String>,
        name: &str,
    ) -> Option<&'a mut Value> {
        let index = self.position(globals, name)?;
        globals.get_index_mut(index).map(|(_, v)| v)
    }

    /// Binds `name` in `globals`; rebinding (the common case in loops)
    /// reuses the stored key instead of allocating a new one.
    pub(super) fn bind(&self, globals: &mut Names<String>, name: &str, value: Value) {
        match self.position(globals, name) {
            Some(index) => {
                if let Some((_, slot)) = globals.get_index_mut(index) {
                    *slot = value;
                }
            }
            None => {
                globals.insert(name.to_string(), value);
            }
        }
    }
}

/// `a == b` for the short names of a script, byte by byte: a call to the
/// library's `memcmp` costs more than the comparison itself.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_positions_are_never_used() {
        let slots = GlobalSlots::default();
        let mut globals = Names::default();
        let a = String::from("a");
        let b = String::from("b");
        slots.bind(&mut globals, &a, Value::Int(1));
        slots.bind(&mut globals, &b, Value::Int(2));
        assert!(matches!(slots.get(&globals, &b), Some(Value::Int(2))));
        // Removing `a` moves `b` to position 0.
        globals.shift_remove("a");
        assert!(slots.get(&globals, &a).is_none());
        assert!(matches!(slots.get(&globals, &b), Some(Value::Int(2))));
        slots.bind(&mut globals, &b, Value::Int(3));
        assert!(matches!(globals.get("b"), Some(Value::Int(3))));
        assert_eq!(globals.len(), 1);
    }
}
