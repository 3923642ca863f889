use approute::prelude::*;
use approute::websocket::WebSocket;

// An upgrade is a GET: a POST never receives one.
#[route("/a")]
async fn POST(socket: WebSocket) -> HttpResponse {
    socket.on_upgrade(|_, _| async {})
}

// A page renders a document.
#[page("/b")]
async fn page(socket: WebSocket) -> HttpResponse {
    socket.on_upgrade(|_, _| async {})
}

// A 101 is never cached.
#[route("/c", revalidate = 10)]
mod c {
    use approute::prelude::*;
    pub async fn GET(socket: approute::websocket::WebSocket) -> HttpResponse {
        socket.on_upgrade(|_, _| async {})
    }
}

fn main() {}
