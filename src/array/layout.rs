//! Shape and stride arithmetic (pure functions).
