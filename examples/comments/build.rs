//! The PostgreSQL tests run only where `COMMENTS_TEST_POSTGRES_URL` names a
//! server; elsewhere they are compiled as ignored, so that a run without a
//! server reports them as ignored rather than as passed.

fn main() {
    // The same for the OpenAPI validator (`APPROUTE_TEST_OPENAPI_VALIDATOR`).
    println!("cargo:rustc-check-cfg=cfg(openapi_validator)");
    println!("cargo:rerun-if-env-changed=APPROUTE_TEST_OPENAPI_VALIDATOR");
    if std::env::var_os("APPROUTE_TEST_OPENAPI_VALIDATOR").is_some() {
        println!("cargo:rustc-cfg=openapi_validator");
    }
    // And for the client generators (`APPROUTE_TEST_OPENAPI_CLIENT`).
    println!("cargo:rustc-check-cfg=cfg(openapi_client)");
    println!("cargo:rerun-if-env-changed=APPROUTE_TEST_OPENAPI_CLIENT");
    if std::env::var_os("APPROUTE_TEST_OPENAPI_CLIENT").is_some() {
        println!("cargo:rustc-cfg=openapi_client");
    }
    // And for httplint (`APPROUTE_TEST_HTTPLINT`).
    println!("cargo:rustc-check-cfg=cfg(httplint)");
    println!("cargo:rerun-if-env-changed=APPROUTE_TEST_HTTPLINT");
    if std::env::var_os("APPROUTE_TEST_HTTPLINT").is_some() {
        println!("cargo:rustc-cfg=httplint");
    }
    println!("cargo:rustc-check-cfg=cfg(postgres_tests)");
    println!("cargo:rerun-if-env-changed=COMMENTS_TEST_POSTGRES_URL");
    if std::env::var_os("COMMENTS_TEST_POSTGRES_URL").is_some() {
        println!("cargo:rustc-cfg=postgres_tests");
    }
}
