//! RFC 6455 at the frame level, over a raw socket (no client library to
//! smooth anything over): each way a peer breaks the protocol is closed
//! with the code §7.4.1 gives its cause and a reason a client can show, and
//! a codeless close is answered with a codeless close.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use approute::prelude::*;
use approute::websocket::WebSocket;
use approute_tests::websocket_client::echo;

#[route("/echo")]
async fn GET(socket: WebSocket) -> HttpResponse {
    socket.max_frame_size(64).on_upgrade(echo)
}

/// The registry's server on a thread of its own, so that the test's
/// blocking socket cannot stall it.
fn spawn() -> SocketAddr {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = approute::server::Server::from_registry()
                .unwrap()
                .workers(1)
                .bind("127.0.0.1:0")
                .unwrap();
            sender.send(server.local_addrs()[0]).unwrap();
            server.start().unwrap().await.unwrap();
        })
    });
    receiver.recv().unwrap()
}

/// An upgraded connection, read with a timeout.
fn open(addr: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).unwrap();
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
    stream
}

/// A masked frame from the client: `first` is FIN, RSV and the opcode.
fn send(stream: &mut TcpStream, first: u8, payload: &[u8]) {
    assert!(payload.len() < 126);
    let mask = [0x37, 0xfa, 0x21, 0x3d];
    let mut frame = vec![first, 0x80 | payload.len() as u8];
    frame.extend_from_slice(&mask);
    frame.extend(
        payload
            .iter()
            .enumerate()
            .map(|(at, byte)| byte ^ mask[at % 4]),
    );
    stream.write_all(&frame).unwrap();
}

/// The server's next frame that is not a ping: its opcode and payload.
fn receive(stream: &mut TcpStream) -> (u8, Vec<u8>) {
    loop {
        let mut head = [0u8; 2];
        stream.read_exact(&mut head).unwrap();
        assert_eq!(head[1] & 0x80, 0, "a server's frames are not masked");
        let length = match head[1] & 0x7f {
            126 => {
                let mut length = [0u8; 2];
                stream.read_exact(&mut length).unwrap();
                usize::from(u16::from_be_bytes(length))
            }
            length => usize::from(length),
        };
        let mut payload = vec![0u8; length];
        stream.read_exact(&mut payload).unwrap();
        if head[0] & 0x0f != 0x9 {
            return (head[0] & 0x0f, payload);
        }
    }
}

/// The close the server sends: its code and reason.
fn close_of(stream: &mut TcpStream) -> (u16, String) {
    let (opcode, payload) = receive(stream);
    assert_eq!(opcode, 0x8, "a close frame");
    assert!(payload.len() >= 2, "a close with a code");
    let code = u16::from_be_bytes([payload[0], payload[1]]);
    (code, String::from_utf8(payload[2..].to_vec()).unwrap())
}

#[test]
fn each_protocol_error_closes_with_the_code_of_its_cause() {
    let addr = spawn();

    // An echo first: the socket works.
    let mut stream = open(addr);
    send(&mut stream, 0x81, b"hi");
    assert_eq!(receive(&mut stream), (0x1, b"hi".to_vec()));

    // RSV1 set with no extension negotiated (RFC 6455 §5.2): 1002.
    send(&mut stream, 0xc1, b"x");
    let (code, reason) = close_of(&mut stream);
    assert_eq!(code, 1002, "{reason}");
    assert!(reason.contains("reserved bits"), "{reason}");

    // A text message that is not UTF-8 (§8.1): 1007.
    let mut stream = open(addr);
    send(&mut stream, 0x81, &[0xce, 0xba, 0xff]);
    let (code, reason) = close_of(&mut stream);
    assert_eq!(code, 1007, "{reason}");
    assert!(reason.contains("UTF-8"), "{reason}");

    // A frame over the route's limit: 1009.
    let mut stream = open(addr);
    send(&mut stream, 0x82, &[0u8; 100]);
    let (code, reason) = close_of(&mut stream);
    assert_eq!(code, 1009, "{reason}");
    assert!(reason.contains("64"), "{reason}");

    // An unknown opcode: 1002.
    let mut stream = open(addr);
    send(&mut stream, 0x83, b"");
    assert_eq!(close_of(&mut stream).0, 1002);
}

#[test]
fn a_close_is_answered_with_its_code_or_without_one() {
    let addr = spawn();

    // With a code: echoed.
    let mut stream = open(addr);
    send(&mut stream, 0x88, &1000u16.to_be_bytes());
    assert_eq!(close_of(&mut stream).0, 1000);

    // Without one (§5.5.1: the body is optional): a close without one back.
    let mut stream = open(addr);
    send(&mut stream, 0x88, b"");
    let (opcode, payload) = receive(&mut stream);
    assert_eq!((opcode, payload), (0x8, Vec::new()));
}
