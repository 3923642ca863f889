/// Route `i` of a generated app: half static, half dynamic, all distinct.
///
/// Included by `build.rs` too, which writes these paths out as statics.
pub fn generated_path(i: usize) -> String {
    if i.is_multiple_of(2) {
        format!("/section{i}/static")
    } else {
        format!("/section{i}/[id]")
    }
}
