use approute::prelude::*;

#[route("/a", max_duration = "10")]
async fn GET() -> &'static str {
    ""
}

#[route("/b", max_duration = 0, max_duration = 5_000_000_000)]
mod b {
    pub async fn GET() -> &'static str {
        ""
    }
}

#[route("/c", max_duration = -1, refresh = 10)]
mod c {
    pub async fn GET() -> &'static str {
        ""
    }
}

#[page("/d", max_duration = 1.5)]
async fn page() -> &'static str {
    ""
}

fn main() {}
