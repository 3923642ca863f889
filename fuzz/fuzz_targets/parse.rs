//! Any string: the parser answers Ok or Err, never panics, and whatever
//! parses renders back to the same segments.
#![no_main]

use approute_path::PathPattern;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|source: &str| {
    if let Ok(pattern) = PathPattern::parse(source) {
        let rendered: String = match pattern.segments() {
            [] => "/".to_owned(),
            segments => segments
                .iter()
                .map(|segment| format!("/{segment}"))
                .collect(),
        };
        let again = PathPattern::parse(&rendered).expect("a rendered pattern parses");
        assert_eq!(again.segments(), pattern.segments());
    }
});
