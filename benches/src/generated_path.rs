/// Route `i` of a generated app: half static, half dynamic, all distinct.
///
/// Included by `build.rs` too, which writes these paths out as statics.
pub fn generated_path(i: usize) -> String {
    if i % 2 == 0 {
        format!("/section{i}/static")
    } else {
        format!("/section{i}/[id]")
    }
}
