//! app/hello/route.ts

pub async fn GET() -> &'static str {
    "Hello World"
}
