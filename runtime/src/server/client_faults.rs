//! The default logger `serve` installs, with the client's faults kept below
//! WARN: actix-http logs every malformed request at ERROR, so a scanner
//! could fill a disk at `RUST_LOG=warn` (one pass of the public attack
//! corpora is tens of thousands of lines).

use std::sync::atomic::{AtomicBool, Ordering};

use log::{Level, Log, Metadata, Record};

/// Set once a graceful stop has shut the listening sockets: actix-server
/// then reports one `Error accepting connection: Invalid argument` per
/// listener, which is that stop, not a fault.
pub(crate) static DRAINING: AtomicBool = AtomicBool::new(false);

/// Where actix-server reports a failed `accept`.
const ACCEPT: &str = "actix_server::accept";

/// Where actix-http reports a connection's errors.
const DISPATCHER: &str = "actix_http::h1::dispatcher";

/// actix-http's `stream error: {DispatchError}` lines that only a client
/// causes: a request it could not parse, a connection it dropped, a request
/// it sent too slowly. The server's own errors keep their level.
const CLIENT_FAULTS: [&str; 4] = [
    "stream error: request parse error",
    "stream error: I/O error",
    "stream error: request did not complete within the specified timeout",
    "stream error: connection shutdown timeout",
];

/// A logger that passes every record on, the client's faults at DEBUG.
#[derive(Debug)]
pub(crate) struct ClientFaultsAtDebug<L>(pub(crate) L);

impl<L: Log> Log for ClientFaultsAtDebug<L> {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        self.0.enabled(metadata)
    }

    fn log(&self, record: &Record<'_>) {
        if !is_client_fault(record) {
            return self.0.log(record);
        }
        let demoted = Record::builder()
            .args(*record.args())
            .level(Level::Debug)
            .target(record.target())
            .module_path(record.module_path())
            .file(record.file())
            .line(record.line())
            .build();
        if self.0.enabled(demoted.metadata()) {
            self.0.log(&demoted);
        }
    }

    fn flush(&self) {
        self.0.flush()
    }
}

/// Formats the message only for the dispatcher's errors, which are rare on
/// a healthy server.
fn is_client_fault(record: &Record<'_>) -> bool {
    if record.level() > Level::Warn {
        return false;
    }
    match record.target() {
        DISPATCHER => {
            let message = record.args().to_string();
            CLIENT_FAULTS.iter().any(|fault| message.starts_with(fault))
        }
        ACCEPT => {
            DRAINING.load(Ordering::Relaxed)
                && record.args().to_string().contains("Invalid argument")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// Keeps what reaches it, at its level.
    #[derive(Default)]
    struct Recorder {
        max: Option<Level>,
        lines: Mutex<Vec<(Level, String)>>,
    }

    impl Log for Recorder {
        fn enabled(&self, metadata: &Metadata<'_>) -> bool {
            self.max.is_some_and(|max| metadata.level() <= max)
        }

        fn log(&self, record: &Record<'_>) {
            if self.enabled(record.metadata()) {
                let line = (record.level(), record.args().to_string());
                self.lines.lock().unwrap().push(line);
            }
        }

        fn flush(&self) {}
    }

    fn log_through(logger: &impl Log, target: &str, message: std::fmt::Arguments<'_>) {
        let record = Record::builder()
            .args(message)
            .level(Level::Error)
            .target(target)
            .build();
        logger.log(&record);
    }

    fn lines_at(max: Level) -> Vec<(Level, String)> {
        let logger = ClientFaultsAtDebug(Recorder {
            max: Some(max),
            ..Recorder::default()
        });
        let parse = "request parse error: invalid Header provided";
        log_through(&logger, DISPATCHER, format_args!("stream error: {parse}"));
        log_through(
            &logger,
            DISPATCHER,
            format_args!("stream error: I/O error: reset"),
        );
        log_through(
            &logger,
            DISPATCHER,
            format_args!("stream error: internal error"),
        );
        log_through(
            &logger,
            "app",
            format_args!("stream error: request parse error"),
        );
        logger.0.lines.into_inner().unwrap()
    }

    #[test]
    fn a_clients_fault_is_logged_at_debug_and_the_servers_at_error() {
        let at_warn = lines_at(Level::Warn);
        assert_eq!(
            at_warn,
            [
                (Level::Error, "stream error: internal error".to_owned()),
                (Level::Error, "stream error: request parse error".to_owned()),
            ]
        );
        let at_debug = lines_at(Level::Debug);
        assert_eq!(at_debug.len(), 4);
        assert_eq!(
            at_debug[0],
            (
                Level::Debug,
                "stream error: request parse error: invalid Header provided".to_owned()
            )
        );
        assert_eq!(at_debug[1].0, Level::Debug);
    }
}
