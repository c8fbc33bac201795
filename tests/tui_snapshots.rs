//! Rendering snapshots of the whole workbench (text only; styles are asserted in
//! tui_styles.rs) at 80x24, 120x40 and the tiny 20x5, plus "no panic at any size".

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;

#[test]
fn workbench_80x24() {
    let app = app();
    insta::assert_snapshot!(render(&app, 80, 24).backend());
}

#[test]
fn workbench_120x40() {
    let app = app();
    insta::assert_snapshot!(render(&app, 120, 40).backend());
}

#[test]
fn too_small_20x5() {
    let app = app();
    insta::assert_snapshot!(render(&app, 20, 5).backend());
}

#[test]
fn workbench_ascii_80x24() {
    let app = app_with(plan(), true);
    insta::assert_snapshot!(render(&app, 80, 24).backend());
}

#[test]
fn one_year_zoom_and_projector_zoom_120x40() {
    let mut app = app();
    keys(&mut app, "yv");
    insta::assert_snapshot!("roadmap_one_year", render(&app, 120, 40).backend());
    keys(&mut app, "z");
    insta::assert_snapshot!("roadmap_zoomed", render(&app, 120, 40).backend());
}

#[test]
fn help_overlay_80x24() {
    let mut app = app();
    keys(&mut app, "?");
    insta::assert_snapshot!(render(&app, 80, 24).backend());
}

#[test]
fn no_panic_at_any_size() {
    let mut app = app();
    for script in ["", "?", "z", "<Tab>z", "<Tab><Tab>v", "<Esc><Tab>/chr"] {
        keys(&mut app, script);
        for w in [0u16, 1, 2, 5, 20, 59, 60, 61, 80, 133, 250] {
            for h in [0u16, 1, 2, 5, 14, 15, 16, 24, 41, 70] {
                let _ = render(&app, w, h);
            }
        }
    }
}
