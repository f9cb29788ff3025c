//! Stable names for buffers in reports: `buf#1`, `buf#2`, ... numbered per
//! run in the order the report first mentions them, never addresses, so a
//! transcript reads the same on every machine and every run.

use std::collections::HashMap;

#[derive(Default)]
pub struct Labels {
    numbers: HashMap<u64, usize>,
}

impl Labels {
    /// The label of the buffer with this id, numbering it if new.
    pub fn label(&mut self, buffer_id: u64) -> String {
        let next = self.numbers.len() + 1;
        let n = *self.numbers.entry(buffer_id).or_insert(next);
        format!("buf#{n}")
    }

    /// Forgets every number (a REPL `:reset`).
    pub fn clear(&mut self) {
        self.numbers.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_by_first_mention() {
        let mut l = Labels::default();
        assert_eq!(l.label(40), "buf#1");
        assert_eq!(l.label(7), "buf#2");
        assert_eq!(l.label(40), "buf#1");
    }
}
