use approute::prelude::*;

pub struct Comments;

#[route("/comments")]
impl Comments {
    pub async fn GET() -> &'static str {
        "[]"
    }

    pub async fn GET() -> &'static str {
        "again"
    }

    pub async fn POST(&self) {}
}

pub struct Empty;

#[route("/empty")]
impl Empty {
    pub async fn get() {}
}

pub trait Api {
    fn GET();
}

#[route("/trait")]
impl Api for Comments {
    fn GET() {}
}

pub struct Generic<T>(T);

#[route("/generic")]
impl<T> Generic<T> {
    pub async fn GET() {}
}

fn main() {}
