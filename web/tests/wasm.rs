//! The app in a real browser (headless Chromium via wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use gloo::storage::Storage;
use gloo::timers::future::TimeoutFuture;
use iectox::units::Unit;
use iectox::Field;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web::form::FormState;

wasm_bindgen_test_configure!(run_in_browser);

fn root() -> web_sys::Element {
    let doc = gloo::utils::document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

#[wasm_bindgen_test]
async fn app_renders_overview_with_disclaimer() {
    gloo::storage::LocalStorage::clear();
    let div = root();
    yew::Renderer::<web::App>::with_root(div.clone()).render();
    TimeoutFuture::new(50).await;
    let title = div.query_selector("#page-title").unwrap().unwrap();
    assert!(title.text_content().unwrap().len() > 3);
    let disclaimer = div.query_selector("#disclaimer").unwrap().unwrap();
    assert!(disclaimer.text_content().unwrap().contains("clinical"));
}

#[wasm_bindgen_test]
async fn typing_a_value_updates_the_hscore_breakdown() {
    gloo::storage::LocalStorage::clear();
    gloo::utils::window()
        .location()
        .set_hash("#/hscore")
        .unwrap();
    let div = root();
    yew::Renderer::<web::App>::with_root(div.clone()).render();
    TimeoutFuture::new(50).await;
    let input: web_sys::HtmlInputElement = div
        .query_selector("#in-ferritin")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value("7000");
    let ev = web_sys::InputEvent::new("input").unwrap();
    input.dispatch_event(&ev).unwrap();
    TimeoutFuture::new(50).await;
    let row = div
        .query_selector("#hscore-breakdown tr[data-item=Ferritin] td.num")
        .unwrap()
        .unwrap();
    assert_eq!(row.text_content().unwrap(), "50");
}

#[wasm_bindgen_test]
fn form_reads_separators_by_plausibility_and_refuses_contradictory_ice() {
    use web::i18n::{labels::error_message, Lang};
    let mut form = FormState::default();
    form.units.insert(Field::Triglycerides, Unit::MmolPerL);
    form.texts.insert(Field::Triglycerides, "1.498".into());
    form.units.insert(Field::Ferritin, Unit::NgPerMl);
    form.texts.insert(Field::Ferritin, "1.000".into());
    form.units.insert(Field::FerritinUln, Unit::NgPerMl);
    form.texts.insert(Field::FerritinUln, "1.000".into());
    form.texts.insert(Field::IceOrientation, "1.000".into());
    form.texts.insert(Field::IceTotal, "9".into());
    for f in [Field::IceNaming, Field::IceCommands, Field::IceWriting] {
        form.texts.insert(f, "0".into());
    }
    let parsed = form.parse();
    let tg = parsed.patient.triglycerides.unwrap();
    assert_eq!(iectox::units::Quantity::value(&tg), 1.498);
    // A ULN of 1 ng/mL is implausible: 1000.
    let uln = parsed.patient.ferritin_uln.unwrap();
    assert_eq!(iectox::units::Quantity::value(&uln), 1000.0);
    assert!(parsed.patient.ferritin.is_none());
    let e = &parsed.errors[&Field::Ferritin];
    assert_eq!(
        error_message(Lang::En, e),
        "\"1.000\" could be 1 or 1000 ng/mL: for 1000, type it without a separator; for 1, use fewer or more than three decimals"
    );
    assert!(error_message(Lang::Es, e).starts_with("«1.000» puede ser 1 o 1000 ng/mL"));
    // ICE orientation 1 (1000 is not an item score) + 0 + 0 + 0: totals 1–2, not 9.
    assert_eq!(parsed.patient.ice_items.orientation, Some(1));
    let e = &parsed.errors[&Field::IceTotal];
    assert!(
        error_message(Lang::En, e).starts_with(
            "9 is impossible with the entered items (ICE orientation (0–4), ICE naming (0–3),"
        ),
        "{}",
        error_message(Lang::En, e)
    );
    assert!(error_message(Lang::En, e).contains("which allow 1–2"));
    assert!(
        error_message(Lang::Es, e)
            .starts_with("9 es imposible con los ítems introducidos (ICE orientación (0–4)"),
        "{}",
        error_message(Lang::Es, e)
    );
}

#[wasm_bindgen_test]
fn form_maps_comma_decimals_and_reports_implausible_values() {
    let mut form = FormState::default();
    form.texts.insert(Field::Temperature, "38,4".into());
    form.texts.insert(Field::Ferritin, "5000000".into());
    form.units.insert(Field::Triglycerides, Unit::MgPerDl);
    form.texts.insert(Field::Triglycerides, "132.7".into());
    let parsed = form.parse();
    let t = parsed.patient.temperature.unwrap();
    assert_eq!(iectox::units::Quantity::value(&t), 38.4);
    assert!(
        parsed.patient.ferritin.is_none(),
        "implausible ferritin counts as missing"
    );
    assert!(parsed.errors.contains_key(&Field::Ferritin));
    assert!(parsed.patient.triglycerides.is_some());
}

// ---- Product decision 10: a unit switch never changes a score ----

use std::rc::Rc;

use iectox::units::Quantity;
use web::form::{convert_text, convert_value, format_converted, kind, Kind};
use web::state::{Action, AppState};
use yew::Reducible;

fn act(state: Rc<AppState>, actions: Vec<Action>) -> Rc<AppState> {
    actions.into_iter().fold(state, |s, a| s.reduce(a))
}

fn hscore_total(state: &AppState) -> Option<u16> {
    iectox::scores::hscore::assess(&state.parsed.patient)
        .assessment
        .value
}

/// The issue-10 repro: 159, not met, with the temperature at 39.4 °C.
fn hscore_repro() -> Rc<AppState> {
    let text = |f: Field, t: &str| Action::SetText(f, t.into());
    let choice = |f: Field, c: &str| Action::SetChoice(f, c.into());
    act(
        Rc::new(AppState::default()),
        vec![
            choice(Field::Immunosuppression, "no"),
            text(Field::Temperature, "39.4"),
            choice(Field::Hepatomegaly, "yes"),
            choice(Field::Splenomegaly, "no"),
            text(Field::Haemoglobin, "9"),
            text(Field::Leukocytes, "4"),
            text(Field::Platelets, "200"),
            text(Field::Ferritin, "3000"),
            text(Field::Triglycerides, "2.0"),
            text(Field::Fibrinogen, "3"),
            text(Field::Ast, "20"),
            choice(Field::MarrowHemophagocytosis, "no"),
        ],
    )
}

#[wasm_bindgen_test]
fn a_unit_switch_shows_the_conversion_and_keeps_the_typed_fact() {
    let s = hscore_repro();
    assert_eq!(hscore_total(&s), Some(159));

    let s = act(
        s,
        vec![Action::SetUnit(Field::Temperature, Unit::Fahrenheit)],
    );
    let t = s.parsed.patient.temperature.unwrap();
    assert_eq!(
        (t.value(), t.unit()),
        (39.4, Unit::Celsius),
        "the fact stays"
    );
    assert_eq!(s.form.text(Field::Temperature), "39.4");
    assert_eq!(s.form.unit(Field::Temperature), Unit::Celsius);
    let shown = s.form.display(Field::Temperature);
    assert_eq!(shown.text, "102.92");
    assert_eq!(shown.unit, Unit::Fahrenheit);
    assert_eq!(
        shown.converted_from,
        Some(("39.4".to_owned(), Unit::Celsius))
    );
    assert_eq!(hscore_total(&s), Some(159), "39.4 °C is 33 points, not 49");

    // Back to °C: the original text exactly, nothing converted.
    let s = act(s, vec![Action::SetUnit(Field::Temperature, Unit::Celsius)]);
    let shown = s.form.display(Field::Temperature);
    assert_eq!((shown.text.as_str(), shown.unit), ("39.4", Unit::Celsius));
    assert_eq!(shown.converted_from, None);
    assert!(s.form.display_units.is_empty());
    assert_eq!(hscore_total(&s), Some(159));

    // Triglycerides 4.0 mmol/L read in mg/dL stay 44 points (not 64 for "354.28").
    let s = act(
        s,
        vec![
            Action::SetText(Field::Triglycerides, "4.0".into()),
            Action::SetUnit(Field::Triglycerides, Unit::MgPerDl),
        ],
    );
    assert_eq!(s.form.display(Field::Triglycerides).text, "354.28");
    assert_eq!(hscore_total(&s), Some(159));
}

#[wasm_bindgen_test]
fn editing_a_converted_number_makes_it_the_fact_in_the_shown_unit() {
    let s = act(
        hscore_repro(),
        vec![
            Action::SetUnit(Field::Temperature, Unit::Fahrenheit),
            Action::SetText(Field::Temperature, "101".into()),
        ],
    );
    let t = s.parsed.patient.temperature.unwrap();
    assert_eq!((t.value(), t.unit()), (101.0, Unit::Fahrenheit));
    assert_eq!(s.form.unit(Field::Temperature), Unit::Fahrenheit);
    assert!(s.form.display_units.is_empty());
    let shown = s.form.display(Field::Temperature);
    assert_eq!((shown.text.as_str(), shown.converted_from), ("101", None));

    // Read in °C, it is now the °F fact that is converted.
    let s = act(s, vec![Action::SetUnit(Field::Temperature, Unit::Celsius)]);
    let shown = s.form.display(Field::Temperature);
    assert_eq!(shown.text, "38.33");
    assert_eq!(shown.converted_from, Some(("101".into(), Unit::Fahrenheit)));
    let t = s.parsed.patient.temperature.unwrap();
    assert_eq!((t.value(), t.unit()), (101.0, Unit::Fahrenheit));

    // Clearing the field keeps the unit it is shown in for the next entry.
    let s = act(s, vec![Action::SetText(Field::Temperature, String::new())]);
    assert_eq!(s.form.display_unit(Field::Temperature), Unit::Celsius);
    assert!(s.parsed.patient.temperature.is_none());
}

#[wasm_bindgen_test]
fn without_a_usable_value_the_chosen_unit_applies_to_the_entry() {
    // Empty: the unit is simply chosen.
    let s = act(
        Rc::new(AppState::default()),
        vec![
            Action::SetUnit(Field::Temperature, Unit::Fahrenheit),
            Action::SetText(Field::Temperature, "102.2".into()),
        ],
    );
    let t = s.parsed.patient.temperature.unwrap();
    assert_eq!((t.value(), t.unit()), (102.2, Unit::Fahrenheit));
    // Refused as 102.2 °C (outside 25–45 °C): no value to keep, so choosing °F is the
    // clinician giving the unit of the typed number.
    let s = act(
        Rc::new(AppState::default()),
        vec![
            Action::SetText(Field::Temperature, "102.2".into()),
            Action::SetUnit(Field::Temperature, Unit::Fahrenheit),
        ],
    );
    assert!(s.parsed.errors.is_empty());
    let t = s.parsed.patient.temperature.unwrap();
    assert_eq!((t.value(), t.unit()), (102.2, Unit::Fahrenheit));
    assert_eq!(s.form.display(Field::Temperature).converted_from, None);
}

#[wasm_bindgen_test]
fn patients_saved_before_display_units_still_load_and_the_format_is_unchanged() {
    // The format written by the app before this change.
    let saved = r#"{"texts":{"temperature":"39.4","ferritin":"3000"},"units":{"temperature":"°C"},"choices":{},"tocilizumab_doses":[],"hlh_fever_numeric":false}"#;
    let form: FormState = serde_json::from_str(saved).unwrap();
    assert!(form.display_units.is_empty());
    assert_eq!(form.text(Field::Temperature), "39.4");
    // Nothing new is written while no field is read in another unit.
    let json = serde_json::to_string(&form).unwrap();
    assert!(!json.contains("display_units"), "{json}");
    // A switched field round-trips.
    let mut switched = form.clone();
    switched.set_unit(Field::Temperature, Unit::Fahrenheit);
    let back: FormState = serde_json::from_str(&serde_json::to_string(&switched).unwrap()).unwrap();
    assert_eq!(back, switched);
    assert_eq!(back.display(Field::Temperature).text, "102.92");
}

/// Refused as ambiguous by the core today: one to three digits (not starting with 0), one
/// separator, exactly three decimals ("1.498" could be 1498).
fn ambiguous_pattern(s: &str) -> bool {
    let s = s.trim_start_matches('-');
    match s.split_once(['.', ',']) {
        Some((int, frac)) => {
            frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0')
        }
        None => false,
    }
}

#[wasm_bindgen_test]
fn converted_numbers_are_formatted_so_that_they_parse() {
    for (v, shown) in [
        (102.92, "102.92"),
        (39.4 * 9.0 / 5.0 + 32.0, "102.92"),
        (354.28, "354.28"),
        (132.7 / 88.57, "1.5"),  // not "1.498"
        (265.0 / 88.57, "2.99"), // not "2.992"
        (102.9, "102.9"),
        (5.709_52, "5.71"),
        (110_000.0, "110000"),
        (0.5, "0.5"),
        (20.0 / 60.0, "0.33"),
        (5.0 / 60.0, "0.0833"),
        (3.0 / 365.25, "0.0082"),
        (0.0, "0"),
        (-0.000_01, "0"),
    ] {
        assert_eq!(format_converted(v), shown, "{v}");
    }
    // Every conversion between the units of every quantity field, over typed values from
    // 0.001 to 500 000: the shown text parses, is never in the ambiguous pattern, and is
    // within the rounding of the exact conversion.
    let mantissas = [
        1.0, 1.498, 1.5, 2.5, 3.217_7, 4.0, 5.71, 9.2, 1.327, 3.54, 3.84,
    ];
    let mut checked = 0;
    for &field in Field::ALL {
        let Kind::Quantity(units) = kind(field) else {
            continue;
        };
        for &from in units {
            for &to in units {
                for e in -3..=5 {
                    for m in mantissas {
                        let typed = format!("{}", m * 10f64.powi(e));
                        let Some(exact) = convert_value(field, &typed, from, to) else {
                            continue;
                        };
                        let shown = convert_text(field, &typed, from, to).unwrap();
                        assert!(
                            !ambiguous_pattern(&shown),
                            "{field:?} {typed} {from}→{to}: {shown}"
                        );
                        let parsed = iectox::units::parse_number(field, &shown)
                            .unwrap_or_else(|e| panic!("{field:?} {shown}: {e:?}"))
                            .unwrap();
                        let tolerance = if exact.abs() < 0.1 { 5e-5 } else { 5e-3 };
                        assert!(
                            (parsed - exact).abs() <= tolerance + 1e-9,
                            "{shown} vs {exact}"
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} conversions checked");
}
