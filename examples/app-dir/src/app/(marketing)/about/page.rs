//! app/(marketing)/about/page.tsx: a page; the route group is not in its URL.

use actix_web::web::Html;

pub async fn page() -> Html {
    Html::new("<h1>About</h1>")
}
