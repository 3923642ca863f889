//! A file of the `app/` directory exports at least one handler.

use super::AppFile;
use crate::ctxt::Ctxt;
use crate::route::model::{Handler, Kind};

pub(super) fn exports_handlers(app_file: &AppFile, handlers: &[Handler], cx: &mut Ctxt) {
    let display = app_file.display.value();
    if handlers.is_empty() {
        let wanted = match app_file.kind {
            Kind::Route => "a `pub async fn` named after an HTTP verb (`pub async fn GET(..)`)",
            Kind::Page => "`pub async fn page(..)`",
        };
        cx.error_spanned_by(
            &app_file.display,
            format!("`{display}` exports no handler; write {wanted} in it"),
        );
    }
}
