//! app/profile: a page *and* a route handler at one URL (the route wins, and
//! the start-up listing says so), plus app/profile/api and app/profile/theme,
//! which show request headers, response headers and cookies.

use approute::prelude::*;

#[page("/profile")]
async fn profile_page() -> Html {
    Html::new("<h1>Profile</h1>")
}

#[route("/profile")]
async fn GET() -> &'static str {
    "Profile route handler"
}

#[route("/profile/api")]
mod api {
    use super::*;

    /// Reads request headers, answers HTML with a header of its own, and
    /// sets the `theme` cookie.
    pub async fn GET(req: HttpRequest, cookies: Cookies) -> HttpResponse {
        let header = |name: &str| {
            req.headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map_or_else(|| "null".to_owned(), escape_html)
        };
        cookies.set("theme", "dark");
        HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .insert_header(("X-Powered-By", "approute"))
            .body(format!(
                "<h1>Profile API data</h1><p>Authorization: {}</p><p>User-Agent: {}</p><p>Accept: {}</p>",
                header("authorization"),
                header("user-agent"),
                header("accept"),
            ))
    }
}

#[route("/profile/theme")]
mod theme {
    use super::*;

    /// Reads the `theme` cookie back.
    pub async fn GET(cookies: Cookies) -> HttpResponse {
        HttpResponse::Ok().json(serde_json::json!({ "theme": cookies.get("theme") }))
    }

    /// Forgets the theme.
    pub async fn DELETE(cookies: Cookies) -> HttpResponse {
        cookies.delete("theme");
        HttpResponse::NoContent().finish()
    }
}

/// Header values are the client's text: escape them before putting them in HTML.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
