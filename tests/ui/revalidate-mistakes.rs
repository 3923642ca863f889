use approute::prelude::*;

#[route("/a", revalidate = "10")]
async fn GET() -> &'static str {
    ""
}

#[route("/b", revalidate = -1, revalidate = 1.5)]
mod b {
    pub async fn GET() -> &'static str {
        ""
    }
}

#[route("/c", revalidate = 10)]
async fn POST() -> &'static str {
    ""
}

#[route("/d", revalidate = 10)]
mod d {
    pub async fn PATCH() -> &'static str {
        ""
    }
    pub async fn DELETE() -> &'static str {
        ""
    }
}

#[route("/e", cache_public = true)]
mod e {
    pub async fn GET() -> &'static str {
        ""
    }
}

#[page("/f", revalidate = 10, cache_public = "yes")]
async fn page() -> &'static str {
    ""
}

fn main() {}
