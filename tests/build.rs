//! The OpenAPI validator test runs only where
//! `APPROUTE_TEST_OPENAPI_VALIDATOR` names Python's `openapi-spec-validator`
//! (`.ci/run` installs it); elsewhere it is compiled as ignored, so that a
//! run without it reports the test as ignored rather than as passed.

fn main() {
    // The same for the Redis tests (`APPROUTE_TEST_REDIS_URL`).
    println!("cargo:rustc-check-cfg=cfg(redis_tests)");
    println!("cargo:rerun-if-env-changed=APPROUTE_TEST_REDIS_URL");
    if std::env::var_os("APPROUTE_TEST_REDIS_URL").is_some() {
        println!("cargo:rustc-cfg=redis_tests");
    }
    println!("cargo:rustc-check-cfg=cfg(openapi_validator)");
    println!("cargo:rerun-if-env-changed=APPROUTE_TEST_OPENAPI_VALIDATOR");
    if std::env::var_os("APPROUTE_TEST_OPENAPI_VALIDATOR").is_some() {
        println!("cargo:rustc-cfg=openapi_validator");
    }
}
