//! Registers every `route.rs` and `page.rs` under `src/app`.

fn main() {
    approute_build::app_dir();
}
