//! Whether a method a route lacks is 405 (a method HTTP knows) or 501 (one
//! it does not: RFC 9110 §9.1 answers "not implemented" for a method the
//! server does not recognise).

/// IANA's HTTP Method Registry (established by RFC 9110, §16.1), with
/// `QUERY` (the safe method with a body). Read only when a route lacks the
/// request's method, so a scan is enough.
const REGISTERED: [&str; 41] = [
    "ACL",
    "BASELINE-CONTROL",
    "BIND",
    "CHECKIN",
    "CHECKOUT",
    "CONNECT",
    "COPY",
    "DELETE",
    "GET",
    "HEAD",
    "LABEL",
    "LINK",
    "LOCK",
    "MERGE",
    "MKACTIVITY",
    "MKCALENDAR",
    "MKCOL",
    "MKREDIRECTREF",
    "MKWORKSPACE",
    "MOVE",
    "OPTIONS",
    "ORDERPATCH",
    "PATCH",
    "POST",
    "PRI",
    "PROPFIND",
    "PROPPATCH",
    "PUT",
    "QUERY",
    "REBIND",
    "REPORT",
    "SEARCH",
    "TRACE",
    "UNBIND",
    "UNCHECKOUT",
    "UNLINK",
    "UNLOCK",
    "UPDATE",
    "UPDATEREDIRECTREF",
    "VERSION-CONTROL",
    "*",
];

/// A method HTTP defines (case matters: methods are case-sensitive).
pub(crate) fn is_registered(method: &str) -> bool {
    REGISTERED.contains(&method)
}

#[cfg(test)]
mod tests {
    use super::is_registered;

    #[test]
    fn known_methods_are_registered_and_others_are_not() {
        for method in ["GET", "TRACE", "CONNECT", "PROPFIND", "QUERY", "PATCH"] {
            assert!(is_registered(method), "{method}");
        }
        for method in ["HEADER", "get", "FOO", "BREW"] {
            assert!(!is_registered(method), "{method}");
        }
    }
}
