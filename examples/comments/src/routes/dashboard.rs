//! app/dashboard/route.ts and app/dashboard/users/route.ts

use approute::prelude::*;

#[route("/dashboard")]
async fn GET() -> &'static str {
    "Dashboard data"
}

#[route("/dashboard/users")]
mod users {
    pub async fn GET() -> &'static str {
        "Users data"
    }
}
