//! A binary with no handler linked: the error explains linking.

#[test]
fn zero_handlers_is_an_error_that_explains_linking() {
    let error = approute::routes().unwrap_err();
    let text = error.to_string();
    assert!(text.starts_with("approute: 1 problem in the registered routes\n\n1. no route handler or page is registered\n"), "{text}");
    assert!(text.contains("`use my_routes as _;`"), "{text}");
}
