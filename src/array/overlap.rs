//! Whether two strided views can or do touch the same bytes.
