// Small allocations (array objects, shapes, strides) on every statement:
// see `allocator` for the split between mimalloc and the system allocator.
#[global_allocator]
static GLOBAL: npview::allocator::SmallFast = npview::allocator::SmallFast;

fn main() -> std::process::ExitCode {
    npview::cli::main()
}
