fn main() -> std::process::ExitCode {
    npview::cli::main()
}
