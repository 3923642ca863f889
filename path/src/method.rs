use std::fmt;

/// The HTTP methods a handler can be named after, in `Allow` header
/// (alphabetical) order. The one list: the macros accept exactly these
/// function names, and the runtime answers exactly these methods.
///
/// ```
/// use approute_path::Method;
///
/// assert_eq!(Method::from_name("PATCH"), Some(Method::PATCH));
/// assert_eq!(Method::QUERY.as_str(), "QUERY");
/// ```
#[allow(clippy::upper_case_acronyms)] // Named exactly as the handlers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Method {
    /// `DELETE`: removes the resource.
    DELETE,
    /// `GET`: reads the resource (pages answer it too).
    GET,
    /// `HEAD`: `GET` without the body; answered by `GET` where no `HEAD` handler exists.
    HEAD,
    /// `OPTIONS`: the methods allowed; answered with `Allow` where no handler exists.
    OPTIONS,
    /// `PATCH`: a partial update.
    PATCH,
    /// `POST`: creates, or runs an action.
    POST,
    /// `PUT`: replaces the resource.
    PUT,
    /// `QUERY`: a safe, idempotent read whose query is its body (the HTTP
    /// `QUERY` method draft; Next.js route handlers export it). Never cached.
    QUERY,
}

impl Method {
    /// Every method, in alphabetical (`Allow` header) order.
    pub const ALL: [Method; 8] = [
        Method::DELETE,
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::PATCH,
        Method::POST,
        Method::PUT,
        Method::QUERY,
    ];

    /// The method's name, which is also its handler's name: `"GET"`.
    ///
    /// ```
    /// assert_eq!(approute_path::Method::DELETE.as_str(), "DELETE");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::DELETE => "DELETE",
            Method::GET => "GET",
            Method::HEAD => "HEAD",
            Method::OPTIONS => "OPTIONS",
            Method::PATCH => "PATCH",
            Method::POST => "POST",
            Method::PUT => "PUT",
            Method::QUERY => "QUERY",
        }
    }

    /// The method named exactly `name` (case matters, as in HTTP).
    ///
    /// ```
    /// use approute_path::Method;
    ///
    /// assert_eq!(Method::from_name("GET"), Some(Method::GET));
    /// assert_eq!(Method::from_name("get"), None, "a handler is named in capitals");
    /// ```
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL
            .into_iter()
            .find(|method| method.as_str() == name)
    }

    /// Its position in [`Method::ALL`], for per-method tables.
    ///
    /// ```
    /// use approute_path::Method;
    ///
    /// let mut handlers = [None; Method::ALL.len()];
    /// handlers[Method::POST.index()] = Some("create");
    /// assert_eq!(handlers[Method::POST.index()], Some("create"));
    /// ```
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, so that a listing's column width applies.
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Method;

    #[test]
    fn all_is_in_index_and_alphabetical_order() {
        for (index, method) in Method::ALL.into_iter().enumerate() {
            assert_eq!(method.index(), index);
            assert_eq!(Method::from_name(method.as_str()), Some(method));
        }
        assert!(Method::ALL
            .windows(2)
            .all(|w| w[0].as_str() < w[1].as_str()));
        assert_eq!(Method::from_name("get"), None);
        assert_eq!(format!("{:<5}|", Method::PUT), "PUT  |");
    }
}
