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
fn record_errors_name_the_accepted_units_and_options_in_both_languages() {
    use iectox::{Error, ErrorKind};
    use web::i18n::{labels::error_message, Lang};
    let ferritin = vec![Unit::NgPerMl, Unit::UgPerL, Unit::PmolPerL];
    let cases = [
        (
            ErrorKind::UnknownUnit {
                text: "mg".into(),
                accepted: ferritin.clone(),
            },
            "unknown unit \"mg\"; use ng/mL, µg/L, pmol/L",
            "unidad desconocida «mg»; use ng/mL, µg/L, pmol/L",
        ),
        (
            ErrorKind::UnitRequired {
                text: "12500".into(),
                accepted: ferritin.clone(),
            },
            "a unit is needed for 12500; use ng/mL, µg/L, pmol/L",
            "falta la unidad de 12500; use ng/mL, µg/L, pmol/L",
        ),
        (
            ErrorKind::UnitNotAccepted {
                unit: Unit::GPerL,
                accepted: ferritin,
            },
            "g/L is not a unit of this field; use ng/mL, µg/L, pmol/L",
            "g/L no es una unidad de este campo; use ng/mL, µg/L, pmol/L",
        ),
        (
            ErrorKind::NotYesNo { text: "3".into() },
            "\"3\" is not yes or no",
            "«3» no es sí o no",
        ),
        (
            ErrorKind::UnknownOption {
                text: "helmet".into(),
                accepted: vec!["none".into(), "facemask".into()],
            },
            "\"helmet\" is not an accepted option: None, Facemask",
            "«helmet» no es una opción válida: Ninguno, Mascarilla simple",
        ),
    ];
    for (kind, en, es) in cases {
        let e = Error::new(Field::Ferritin, kind);
        assert_eq!(error_message(Lang::En, &e), en);
        assert_eq!(error_message(Lang::Es, &e), es);
    }
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

// ---------------------------------------------------------------------------------------------
// The copied summary (issue 10, item 9): a pure function of (state, language, instant, time
// zone), so it is tested here without a clock. Offsets are minutes east of UTC.
// ---------------------------------------------------------------------------------------------

mod summary_tests {
    use gloo::storage::Storage;
    use gloo::timers::future::TimeoutFuture;
    use iectox::Field;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web::form::FormState;
    use web::i18n::Lang;
    use web::state::AppState;
    use web::summary::{local_time, summary};
    use yew::Reducible;

    const MADRID_WINTER: i32 = 60;

    fn utc(iso: &str) -> f64 {
        js_sys::Date::parse(iso)
    }

    /// A partial patient: adult, some HLH/IEC-HS answers, a ferritin refused as ambiguous, a
    /// temperature refused as implausible, an ICE total above its maximum, one tocilizumab
    /// dose at 10:00 Madrid time (09:00 UTC).
    fn partial(lang: Lang) -> AppState {
        let mut form = FormState::default();
        form.texts.insert(Field::Age, "45".into());
        form.texts.insert(Field::Ferritin, "12.500".into());
        form.texts.insert(Field::Temperature, "3.8".into());
        form.texts.insert(Field::IceTotal, "12".into());
        form.choices.insert(Field::Splenomegaly, "yes".into());
        form.choices
            .insert(Field::CytopeniasNewOrWorsening, "yes".into());
        form.choices.insert(Field::IecHsTiming, "no".into());
        with_dose(AppState::new(lang, form), utc("2026-12-01T09:00:00Z"))
    }

    /// The state with one tocilizumab dose (a course treatment) given at `ms`.
    fn with_dose(state: AppState, ms: f64) -> AppState {
        let state = std::rc::Rc::new(state).reduce(web::state::Action::AddTreatment {
            kind: web::course::TreatmentKind::Tocilizumab,
            at: ms as i64,
            dose_mg: None,
            note: String::new(),
        });
        (*state).clone()
    }

    fn text(lang: Lang) -> String {
        summary(&partial(lang), lang, utc("2026-12-01T09:05:00Z"), &|_| {
            MADRID_WINTER
        })
    }

    /// The lines between `== title ==` and the next heading.
    fn section<'a>(s: &'a str, title: &str) -> &'a str {
        let head = format!("== {title} ==\n");
        let start = s
            .find(&head)
            .unwrap_or_else(|| panic!("no heading {head:?} in\n{s}"))
            + head.len();
        let rest = &s[start..];
        &rest[..rest.find("\n== ").unwrap_or(rest.len())]
    }

    #[wasm_bindgen_test]
    fn local_time_has_the_offset_and_crosses_days_correctly() {
        let t = utc("2026-12-01T09:00:00Z");
        assert_eq!(local_time(t, 60), "2026-12-01 10:00 (UTC+01:00)");
        assert_eq!(local_time(t, -300), "2026-12-01 04:00 (UTC-05:00)");
        assert_eq!(local_time(t, 330), "2026-12-01 14:30 (UTC+05:30)");
        assert_eq!(local_time(t, 0), "2026-12-01 09:00 (UTC+00:00)");
        assert_eq!(
            local_time(utc("2026-12-31T23:30:00Z"), 60),
            "2027-01-01 00:30 (UTC+01:00)"
        );
        assert_eq!(
            local_time(utc("2028-03-01T00:30:00Z"), -60),
            "2028-02-29 23:30 (UTC-01:00)"
        );
        assert_eq!(
            local_time(utc("1969-12-31T23:59:00Z"), 0),
            "1969-12-31 23:59 (UTC+00:00)"
        );
    }

    #[wasm_bindgen_test]
    fn times_are_local_with_offset_never_utc_iso() {
        let s = text(Lang::En);
        assert!(s.contains("Date: 2026-12-01 10:05 (UTC+01:00)"), "{s}");
        let toci = section(&s, "Treatment — tocilizumab doses recorded");
        assert!(toci.contains("1. 2026-12-01 10:00 (UTC+01:00)"), "{toci}");
        assert!(toci.contains("Doses recorded: 1 of at most 4"), "{toci}");
        assert!(!s.contains("T09:00"), "{s}");
        assert!(!s.contains(".000Z"), "{s}");
    }

    #[wasm_bindgen_test]
    fn each_offset_is_the_one_of_its_own_instant() {
        // A summer dose keeps UTC+02:00 in a winter summary (Madrid).
        let form = partial(Lang::En).form.clone();
        let state = with_dose(AppState::new(Lang::En, form), utc("2026-07-01T08:00:00Z"));
        let madrid = |ms: f64| {
            if ms < utc("2026-10-25T01:00:00Z") {
                120
            } else {
                60
            }
        };
        let s = summary(&state, Lang::En, utc("2026-12-01T09:05:00Z"), &madrid);
        assert!(s.contains("1. 2026-07-01 10:00 (UTC+02:00)"), "{s}");
        assert!(s.contains("Date: 2026-12-01 10:05 (UTC+01:00)"), "{s}");
    }

    #[wasm_bindgen_test]
    fn one_heading_per_system_in_order() {
        let s = text(Lang::En);
        let headings = [
            "== CRS — ASTCT 2019 (Lee 2019) ==",
            "== ICANS — ASTCT 2019 (Lee 2019) ==",
            "== HScore (Fardet 2014) ==",
            "== HLH-2004 (Henter 2007) ==",
            "== IEC-HS (Hines 2023) — provisional ==",
            "== CTCAE v5.0 laboratory grades ==",
            "== m-EASIX (Pennisi 2021) ==",
            "== Pre-2019 CRS systems (for comparison; ASTCT above is the standard) ==",
            "== Treatment — tocilizumab doses recorded ==",
            "== Inputs used ==",
            "== Not used (refused) ==",
        ];
        let mut last = 0;
        for h in headings {
            let at = s.find(h).unwrap_or_else(|| panic!("missing {h} in\n{s}"));
            assert!(at > last, "{h} out of order");
            assert_eq!(s.matches(h).count(), 1, "{h} repeated");
            last = at;
        }
        // The pre-2019 systems are under their own heading, not under IEC-HS or m-EASIX.
        let legacy = section(
            &s,
            "Pre-2019 CRS systems (for comparison; ASTCT above is the standard)",
        );
        for name in [
            "Lee 2014:",
            "Penn (Porter 2018):",
            "MSKCC (Park 2018):",
            "CARTOX (Neelapu 2018):",
        ] {
            assert!(legacy.contains(name), "{name} not in\n{legacy}");
        }
        assert!(!section(&s, "m-EASIX (Pennisi 2021)").contains("Lee 2014"));
    }

    #[wasm_bindgen_test]
    fn refused_inputs_are_listed_apart_with_the_reason_and_never_as_used() {
        let s = text(Lang::En);
        let used = section(&s, "Inputs used");
        let refused = section(&s, "Not used (refused)");
        assert!(used.contains("age: 45 years"), "{used}");
        assert!(used.contains("splenomegaly: Yes"), "{used}");
        for label in ["ferritin", "maximum temperature", "ICE total"] {
            assert!(!used.contains(label), "{label} listed as used:\n{used}");
        }
        assert!(
            refused.contains("ferritin: 12.500 ng/mL — \"12.500\" could be 12.5 or 12500 ng/mL"),
            "{refused}"
        );
        assert!(
            refused.contains("3.8 °C is outside the accepted range 25–45 °C"),
            "{refused}"
        );
        assert!(
            refused.contains("ICE total (0–10): 12 — 12 is outside the accepted range 0–10"),
            "{refused}"
        );
        assert!(
            !s.contains('⚠'),
            "no bare warning mark in place of a reason"
        );
        // The refused ICE total is not used: the ICE score is not known.
        assert!(section(&s, "ICANS — ASTCT 2019 (Lee 2019)").contains("ICE: Not known"));
    }

    #[wasm_bindgen_test]
    fn each_score_says_what_is_missing_marking_refused_inputs() {
        let s = text(Lang::En);
        let hscore = section(&s, "HScore (Fardet 2014)");
        assert!(hscore.contains("Missing inputs: "), "{hscore}");
        assert!(
            hscore.contains("ferritin (entered but refused, see \"Not used\")"),
            "{hscore}"
        );
        assert!(hscore.contains("hepatomegaly"), "{hscore}");
        assert!(hscore.contains("of 337 (not decided"), "{hscore}");
        assert!(hscore.contains("Cut-off ≥ 169: Undetermined"), "{hscore}");
        let crs = section(&s, "CRS — ASTCT 2019 (Lee 2019)");
        assert!(
            crs.contains("maximum temperature (entered but refused"),
            "{crs}"
        );
        assert!(
            crs.contains("(not decided: depends on the missing inputs)"),
            "{crs}"
        );
        let measix = section(&s, "m-EASIX (Pennisi 2021)");
        assert!(measix.contains("Value: not computed"), "{measix}");
        assert!(
            measix.contains("Missing inputs: platelets; LDH; CRP"),
            "{measix}"
        );
    }

    #[wasm_bindgen_test]
    fn counts_have_denominators_and_unknowns() {
        let s = text(Lang::En);
        let hlh = section(&s, "HLH-2004 (Henter 2007)");
        assert!(hlh.contains("Criteria met: 1 of 8, 7 not known\n"), "{hlh}");
        assert!(
            hlh.contains("Clinical path (≥ 5 of 8): Undetermined — cannot exclude"),
            "{hlh}"
        );
        let iec = section(&s, "IEC-HS (Hines 2023) — provisional");
        assert!(
            iec.contains("Features present: 1 of 6, 4 not known\n"),
            "{iec}"
        );
        assert!(!s.contains("features present"), "old wording: {s}");
    }

    #[wasm_bindgen_test]
    fn a_decided_count_prints_once() {
        let mut form = FormState::default();
        form.choices.insert(Field::FeverConfirmed, "yes".into());
        form.choices.insert(Field::Splenomegaly, "yes".into());
        form.texts.insert(Field::Haemoglobin, "8".into());
        form.texts.insert(Field::Platelets, "50".into());
        form.texts.insert(Field::Fibrinogen, "1".into());
        form.choices
            .insert(Field::TissueHemophagocytosis, "no".into());
        form.choices.insert(Field::NkActivityLow, "no".into());
        form.texts.insert(Field::Ferritin, "600".into());
        form.texts.insert(Field::Scd25, "1000".into());
        let state = AppState::new(Lang::En, form);
        let s = summary(&state, Lang::En, 0.0, &|_| 0);
        let hlh = section(&s, "HLH-2004 (Henter 2007)");
        assert!(hlh.contains("Criteria met: 5 of 8\n"), "{hlh}");
        assert!(!hlh.contains("5–5"), "{hlh}");
        assert!(hlh.contains("Clinical path (≥ 5 of 8): Met"), "{hlh}");
    }

    #[wasm_bindgen_test]
    fn icans_tool_and_hlh_fever_rule_are_stated() {
        let s = text(Lang::En);
        assert!(
            s.contains("Tool: ICE — age 12 years or more, no developmental delay recorded"),
            "{s}"
        );
        assert!(
            s.contains("Fever rule (criterion 1): fever confirmed by the clinician"),
            "{s}"
        );
        let mut form = partial(Lang::En).form;
        form.texts.insert(Field::Age, "5".into());
        form.hlh_fever_numeric = true;
        let s = summary(&AppState::new(Lang::En, form), Lang::En, 0.0, &|_| 0);
        assert!(s.contains("Tool: CAPD — age below 12 years"), "{s}");
        assert!(s.contains("CAPD: Not known"), "{s}");
        assert!(
            s.contains("Fever rule (criterion 1): temperature ≥ 38.5 °C (Jordan 2011)"),
            "{s}"
        );
        let mut form = partial(Lang::En).form;
        form.texts.remove(&Field::Age);
        let s = summary(&AppState::new(Lang::En, form), Lang::En, 0.0, &|_| 0);
        assert!(
            s.contains("Tool: ICE or CAPD, not decided — age not known"),
            "{s}"
        );
    }

    #[wasm_bindgen_test]
    fn spanish_summary_has_no_english_leftovers() {
        let s = text(Lang::Es);
        assert!(s.contains("Fecha: 2026-12-01 10:05 (UTC+01:00)"), "{s}");
        assert!(s.contains("edad: 45 años"), "{s}");
        assert!(
            s.contains("Rasgos presentes: 1 de 6, 4 desconocidos"),
            "{s}"
        );
        assert!(
            s.contains("Criterios cumplidos: 1 de 8, 7 desconocidos"),
            "{s}"
        );
        assert!(s.contains("== No utilizados (rechazados) =="), "{s}");
        assert!(s.contains("«12.500» puede ser 12.5 o 12500 ng/mL"), "{s}");
        assert!(s.contains("Herramienta: ICE — edad 12 años o más"), "{s}");
        let english = [
            "Missing",
            "missing",
            "Nothing",
            "Grade",
            "grade",
            "decided",
            "known",
            "Features",
            "features",
            "Criteria",
            "met",
            "Not",
            "not",
            "used",
            "refused",
            "Inputs",
            "Tool",
            "Fever",
            "rule",
            "years",
            "Doses",
            "recorded",
            "Summary",
            "Date",
            "Value",
            "assessable",
            "of",
            "Yes",
            "none",
            "Score",
            "Cut",
            "off",
            "entered",
            "age",
            "the",
            "and",
            "or",
            "is",
            "ambiguous",
            "outside",
            "range",
            "accepted",
            "Clinical",
            "path",
            "diagnosis",
            "Treatment",
            "doses",
            "Approximate",
            "probability",
            "Some",
            "term",
            "at",
            "computed",
            "present",
            "Ferritin",
            "Molecular",
            "cannot",
            "exclude",
            "chosen",
            "Unknown",
            "Undetermined",
            "Met",
        ];
        let words: Vec<&str> = s
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect();
        for w in english {
            assert!(
                !words.contains(&w),
                "English word {w:?} in the Spanish summary:\n{s}"
            );
        }
    }

    /// The copied text and the "copied" message belong to the patient they were made from:
    /// any change to the patient removes both from the page ("New patient" is one such change;
    /// its confirm dialog is driven in tests/e2e/summary.test.mjs).
    #[wasm_bindgen_test]
    async fn changing_the_patient_removes_the_copied_summary_from_the_page() {
        gloo::storage::LocalStorage::clear();
        gloo::utils::window()
            .location()
            .set_hash("#/hscore")
            .unwrap();
        let div = super::root();
        yew::Renderer::<web::App>::with_root(div.clone()).render();
        TimeoutFuture::new(50).await;
        let q = |sel: &str| div.query_selector(sel).unwrap();
        let button: web_sys::HtmlElement = q("#copy-summary").unwrap().dyn_into().unwrap();
        assert!(q("#summary-text").is_none(), "no summary before copying");
        button.click();
        TimeoutFuture::new(50).await;
        let pre = q("#summary-text").expect("the copied summary is kept in the page");
        assert!(pre
            .text_content()
            .unwrap()
            .contains("== HScore (Fardet 2014) =="));
        assert!(!q("#copy-status")
            .unwrap()
            .text_content()
            .unwrap()
            .is_empty());

        let input: web_sys::HtmlInputElement = q("#in-ferritin").unwrap().dyn_into().unwrap();
        input.set_value("700");
        input
            .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
            .unwrap();
        TimeoutFuture::new(50).await;
        assert!(
            q("#summary-text").is_none(),
            "stale summary left in the page"
        );
        assert_eq!(q("#copy-status").unwrap().text_content().unwrap(), "");
    }
}

// ---------------------------------------------------------------------------------------------
// Patients, courses and storage (issue 11, items 3 and 4): the schema-1 migration, unreadable
// data kept aside, the merge of two tabs' versions, the course actions, and the stored size of
// a long course.
// ---------------------------------------------------------------------------------------------

mod course_storage {
    use std::rc::Rc;

    use gloo::storage::Storage;
    use iectox::units::Unit;
    use iectox::Field;
    use wasm_bindgen_test::*;
    use web::course::{conflicts, merge, touch, PatientRecord, Register, TreatmentKind};
    use web::form::FormState;
    use web::state::{Action, AppState};
    use web::storage::{self, Saved};
    use yew::Reducible;

    fn ls() -> web_sys::Storage {
        web_sys::window().unwrap().local_storage().unwrap().unwrap()
    }

    fn get(key: &str) -> Option<String> {
        ls().get_item(key).unwrap()
    }

    fn edit(r: &PatientRecord, at: i64, change: impl FnOnce(&mut PatientRecord)) -> PatientRecord {
        let mut new = r.clone();
        change(&mut new);
        touch(r, new, at)
    }

    fn text(r: &PatientRecord, tp: usize, f: Field) -> &str {
        r.course.time_points[tp].form.text(f)
    }

    const T0: i64 = 1_780_000_000_000;

    #[wasm_bindgen_test]
    fn the_v1_format_migrates_into_a_one_time_point_course() {
        gloo::storage::LocalStorage::clear();
        let v1 = r#"{"texts":{"temperature":"39.4","ferritin":"12500","triglycerides":"354"},"units":{"temperature":"°C","triglycerides":"mg/dL"},"choices":{"hepatomegaly":"yes"},"display_units":{"temperature":"°F"},"tocilizumab_doses":[1780000000000.0,1780028800000.0],"hlh_fever_numeric":true,"dosing_age_group":"adult"}"#;
        ls().set_item(storage::V1_KEY, v1).unwrap();
        let loaded = storage::load(T0 + 5);
        assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
        assert_eq!(loaded.records.len(), 1);
        let p = &loaded.records[0];
        assert_eq!(p.id, storage::V1_ID);
        assert_eq!(p.course.time_points.len(), 1);
        let form = &p.course.time_points[0].form;
        let expected: FormState = serde_json::from_str(v1).unwrap();
        assert_eq!(
            *form, expected,
            "every field, unit, display unit and setting kept"
        );
        assert_eq!(form.text(Field::Ferritin), "12500");
        assert_eq!(form.unit(Field::Triglycerides), Unit::MgPerDl);
        assert!(form.hlh_fever_numeric);
        assert_eq!(p.course.time_points[0].at, T0 + 5, "the migration time");
        let doses: Vec<(TreatmentKind, i64)> =
            p.course.treatments.iter().map(|t| (t.kind, t.at)).collect();
        assert_eq!(
            doses,
            vec![
                (TreatmentKind::Tocilizumab, 1_780_000_000_000),
                (TreatmentKind::Tocilizumab, 1_780_028_800_000)
            ],
            "the tocilizumab log moves into the course"
        );
        assert_eq!(
            get(storage::V1_KEY),
            None,
            "the old key is gone once migrated"
        );
        assert_eq!(get(storage::SCHEMA_KEY).as_deref(), Some("2"));
        let stored = get(&storage::record_key(storage::V1_ID)).unwrap();
        assert!(stored.starts_with(r#"{"schema":2,"patient":{"#), "{stored}");
        // Loading again finds the same single patient.
        let again = storage::load(T0 + 10);
        assert_eq!(again.records, loaded.records);
        // An older version still open in a tab writes the old key again: the same data are
        // not duplicated; different data become a patient of their own, the migrated one
        // untouched.
        ls().set_item(storage::V1_KEY, v1).unwrap();
        assert_eq!(storage::load(T0 + 20).records, loaded.records);
        assert_eq!(get(storage::V1_KEY), None);
        ls().set_item(storage::V1_KEY, &v1.replace("12500", "900"))
            .unwrap();
        let both = storage::load(T0 + 30).records;
        assert_eq!(both.len(), 2);
        assert!(both.contains(&loaded.records[0]));
        let other = both.iter().find(|r| r.id != storage::V1_ID).unwrap();
        assert_eq!(text(other, 0, Field::Ferritin), "900");
        // An app opened on it shows the form and the doses.
        let state = AppState::with_patients(web::i18n::Lang::En, again.records, None);
        let state = Rc::new(state).reduce(Action::OpenPatient(storage::V1_ID.into()));
        assert_eq!(state.form, expected);
        assert_eq!(state.course().tocilizumab().count(), 2);
    }

    #[wasm_bindgen_test]
    fn unreadable_data_is_kept_aside_untouched_and_can_be_exported() {
        gloo::storage::LocalStorage::clear();
        let repro = r#"{"texts":{"ferritin_old_name":"12500"},"units":{},"choices":{}}"#;
        let truncated = r#"{"schema":2,"patient":{"id":"pabc","label":"Bed 4","crea"#;
        let record_key = storage::record_key("pabc");
        ls().set_item(storage::V1_KEY, repro).unwrap();
        ls().set_item(&record_key, truncated).unwrap();
        let loaded = storage::load(T0);
        assert!(loaded.records.is_empty());
        let items = &loaded.quarantined;
        assert_eq!(items.len(), 2, "{items:?}");
        let mut origins: Vec<&str> = items.iter().map(|i| i.origin.as_str()).collect();
        origins.sort();
        assert_eq!(origins, vec![storage::V1_KEY, record_key.as_str()]);
        for i in items {
            assert!(i.key.starts_with(storage::QUARANTINE_PREFIX), "{}", i.key);
            assert_eq!(i.at, T0);
            let kept = get(&i.key).unwrap();
            let original = if i.origin == storage::V1_KEY {
                repro
            } else {
                truncated
            };
            assert_eq!(kept, original, "kept byte for byte");
        }
        assert_eq!(get(storage::V1_KEY), None);
        assert_eq!(get(&record_key), None);
        // The export holds both, untouched.
        let file: serde_json::Value = serde_json::from_str(&storage::quarantine_file(T0)).unwrap();
        let raws: Vec<&str> = file["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["raw"].as_str().unwrap())
            .collect();
        assert!(
            raws.contains(&repro) && raws.contains(&truncated),
            "{raws:?}"
        );
        // Nothing is dropped or duplicated by loading again, and the app keeps working.
        let again = storage::load(T0 + 1000);
        assert_eq!(again.quarantined, loaded.quarantined);
        // A record of a newer schema is neither read nor set aside.
        let newer = r#"{"schema":3,"patient":{"anything":true}}"#;
        ls().set_item(&storage::record_key("pnew"), newer).unwrap();
        let third = storage::load(T0 + 2000);
        assert_eq!(third.newer, vec![storage::record_key("pnew")]);
        assert_eq!(get(&storage::record_key("pnew")).as_deref(), Some(newer));
        assert_eq!(third.quarantined.len(), 2);
    }

    /// One patient as two tabs saw it: the same stored base, then each tab's edit.
    fn base() -> PatientRecord {
        let mut form = FormState::default();
        form.texts.insert(Field::Ferritin, "3000".into());
        let r = PatientRecord::with_form("pmerge".into(), form, T0);
        edit(&r, T0 + 1, |r| {
            r.course.time_points.push(web::course::TimePoint {
                id: "tlater".into(),
                at: T0 + 3_600_000,
                form: FormState::default(),
                stamps: Default::default(),
            })
        })
    }

    #[wasm_bindgen_test]
    fn two_revisions_editing_different_fields_merge_with_both_edits() {
        let base = base();
        // Tab A: ferritin and the label; tab B: triglycerides in mg/dL and a tocilizumab dose.
        let a = edit(&base, T0 + 10, |r| {
            r.course.time_points[0]
                .form
                .set_text(Field::Ferritin, "12500".into());
            r.label = "Bed 4".into();
        });
        let b = edit(&base, T0 + 20, |r| {
            let f = &mut r.course.time_points[0].form;
            f.set_unit(Field::Triglycerides, Unit::MgPerDl);
            f.set_text(Field::Triglycerides, "354".into());
            r.course.treatments.push(web::course::Treatment {
                id: "xdose".into(),
                kind: TreatmentKind::Tocilizumab,
                at: T0 + 15,
                dose_mg: Some(560.0),
                note: String::new(),
            });
        });
        assert_eq!(a.revision, base.revision + 1);
        assert_eq!(
            b.revision,
            base.revision + 1,
            "same revision, different content"
        );
        let ab = merge(&a, &b);
        let ba = merge(&b, &a);
        assert_eq!(ab, ba, "the same merge whichever tab makes it");
        assert_eq!(text(&ab, 0, Field::Ferritin), "12500");
        assert_eq!(text(&ab, 0, Field::Triglycerides), "354");
        assert_eq!(
            ab.course.time_points[0].form.unit(Field::Triglycerides),
            Unit::MgPerDl
        );
        assert_eq!(ab.label, "Bed 4");
        assert_eq!(ab.course.treatments.len(), 1);
        assert_eq!(ab.course.time_points.len(), 2);
        assert!(conflicts(&base, &a, &ab).is_empty());
        assert!(conflicts(&base, &b, &ab).is_empty());
        assert_eq!(
            merge(&ab, &a),
            ab,
            "idempotent: merging again changes nothing"
        );

        // Both tabs change the same field: the newest is kept and the other tab is told.
        let a2 = edit(&base, T0 + 30, |r| {
            r.course.time_points[0]
                .form
                .set_text(Field::Ferritin, "7000".into())
        });
        let b2 = edit(&base, T0 + 40, |r| {
            r.course.time_points[0]
                .form
                .set_text(Field::Ferritin, "9000".into())
        });
        let m = merge(&a2, &b2);
        assert_eq!(m, merge(&b2, &a2));
        assert_eq!(text(&m, 0, Field::Ferritin), "9000");
        let lost = conflicts(&base, &a2, &m);
        assert_eq!(lost.len(), 1, "{lost:?}");
        assert!(matches!(
            lost[0].register,
            Register::Field {
                field: Field::Ferritin,
                ..
            }
        ));
        assert!(lost[0].mine.contains("7000") && lost[0].kept.contains("9000"));
        assert!(
            conflicts(&base, &b2, &m).is_empty(),
            "the newer tab lost nothing"
        );

        // A deleted time point stays deleted; one edited after the delete (by a tab that had
        // not heard of it) comes back rather than losing the edit.
        let deleted = edit(&base, T0 + 50, |r| r.course.time_points.truncate(1));
        assert_eq!(merge(&deleted, &base).course.time_points.len(), 1);
        let edited_later = edit(&base, T0 + 60, |r| {
            r.course.time_points[1]
                .form
                .set_text(Field::Ldh, "900".into())
        });
        let back = merge(&deleted, &edited_later);
        assert_eq!(back.course.time_points.len(), 2);
        assert_eq!(text(&back, 1, Field::Ldh), "900");
    }

    #[wasm_bindgen_test]
    fn the_ferritin_mark_is_a_merged_register_and_old_records_read_without_it() {
        let base = base();
        let raw = storage::encode(&base);
        assert!(
            !raw.contains("ferritin_rapidly_rising"),
            "unmarked records are stored exactly as before: {raw}"
        );
        // One tab marks it, the other edits a value: both survive, whichever tab merges.
        let a = edit(&base, T0 + 10, |r| {
            r.course.ferritin_rapidly_rising = Some(T0 + 10)
        });
        let b = edit(&base, T0 + 20, |r| {
            r.course.time_points[0]
                .form
                .set_text(Field::Ferritin, "9000".into())
        });
        let ab = merge(&a, &b);
        assert_eq!(ab, merge(&b, &a));
        assert_eq!(ab.course.ferritin_rapidly_rising, Some(T0 + 10));
        assert_eq!(text(&ab, 0, Field::Ferritin), "9000");
        // A later unmark wins over the earlier mark, and the marking tab is told.
        let unmarked = edit(&ab, T0 + 30, |r| r.course.ferritin_rapidly_rising = None);
        let m = merge(&a, &unmarked);
        assert_eq!(m.course.ferritin_rapidly_rising, None);
        let lost = conflicts(&base, &a, &m);
        assert!(
            lost.iter()
                .any(|c| c.register == Register::FerritinRapidlyRising),
            "{lost:?}"
        );
        // Stored and read back, and the core's course gets the mark in its minutes.
        let web::storage::Decoded::Record(back) = storage::decode(&storage::encode(&a)).unwrap()
        else {
            panic!()
        };
        assert_eq!(back.course.ferritin_rapidly_rising, Some(T0 + 10));
    }

    #[wasm_bindgen_test]
    fn every_stored_course_key_is_a_merged_register() {
        // A field added to the course without a register would be dropped by a merge.
        let mut r = base();
        r.course.infusion = Some(T0);
        r.course.ferritin_rapidly_rising = Some(T0);
        r = edit(&r, T0 + 5, |r| r.course.time_points.truncate(1));
        let value: serde_json::Value = serde_json::from_str(&storage::encode(&r)).unwrap();
        let keys: Vec<&str> = value["patient"]["course"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let merged = [
            "infusion",
            "ferritin_rapidly_rising",
            "time_points",
            "treatments",
            "stamps",
            "deleted",
        ];
        for k in &keys {
            assert!(merged.contains(k), "course key {k} has no register");
        }
        assert!(keys.contains(&"ferritin_rapidly_rising") && keys.contains(&"infusion"));
    }

    #[wasm_bindgen_test]
    fn saving_over_another_tabs_newer_revision_merges_instead() {
        gloo::storage::LocalStorage::clear();
        let base = base();
        let Saved::Written { raw } = storage::save(&base, None).unwrap() else {
            panic!("a first save writes")
        };
        // Tab B stores its edit.
        let b = edit(&base, T0 + 20, |r| {
            r.course.time_points[0]
                .form
                .set_text(Field::Triglycerides, "2.1".into())
        });
        assert!(matches!(
            storage::save(&b, Some(&raw)).unwrap(),
            Saved::Written { .. }
        ));
        // Tab A, which last saw `raw`, stores its own: the stored revision is newer, so A's
        // record is merged with it, never written over it.
        let a = edit(&base, T0 + 10, |r| {
            r.course.time_points[0]
                .form
                .set_text(Field::Fibrinogen, "1.2".into())
        });
        let Saved::Merged { record, raw } = storage::save(&a, Some(&raw)).unwrap() else {
            panic!("merged")
        };
        assert_eq!(text(&record, 0, Field::Triglycerides), "2.1");
        assert_eq!(text(&record, 0, Field::Fibrinogen), "1.2");
        assert!(record.revision > b.revision);
        let (stored, stored_raw) = storage::read("pmerge").unwrap();
        assert_eq!((stored, stored_raw), (record, raw));
        // A patient deleted in another tab is not written back.
        storage::delete("pmerge", T0 + 100).unwrap();
        assert!(matches!(storage::save(&a, None).unwrap(), Saved::Deleted));
        assert_eq!(get(&storage::record_key("pmerge")), None);
    }

    #[wasm_bindgen_test]
    fn course_actions_hold_time_points_and_treatments() {
        let s = Rc::new(AppState::default());
        assert!(s.course().time_points.is_empty());
        // The first entry makes a time point.
        let s = s.reduce(Action::SetText(Field::Ferritin, "3000".into()));
        assert_eq!(s.course().time_points.len(), 1);
        let first = s.course().time_points[0].id.clone();
        // A new time point starts empty and is the one the pages edit.
        let later = s.course().time_points[0].at + 6 * 3_600_000;
        let s = s.reduce(Action::AddTimePoint { at: later });
        assert_eq!(s.selected, None, "the latest is followed");
        assert_eq!(s.form, FormState::default(), "nothing copied");
        let s = s.reduce(Action::SetText(Field::Ferritin, "9000".into()));
        assert_eq!(s.course().time_points[1].form.text(Field::Ferritin), "9000");
        assert_eq!(s.course().time_points[0].form.text(Field::Ferritin), "3000");
        // An earlier time point, selected, is read and edited.
        let s = s.reduce(Action::SelectTimePoint(Some(first.clone())));
        assert_eq!(s.form.text(Field::Ferritin), "3000");
        let s = s.reduce(Action::SetText(Field::Ldh, "700".into()));
        assert_eq!(s.course().time_points[0].form.text(Field::Ldh), "700");
        assert_eq!(s.course().time_points[1].form.text(Field::Ldh), "");
        // One added before the latest is selected explicitly.
        let s = s.reduce(Action::AddTimePoint { at: later - 1000 });
        assert_eq!(s.course().time_points.len(), 3);
        assert_eq!(
            s.selected.as_deref(),
            Some(s.course().time_points[1].id.as_str())
        );
        let middle = s.course().time_points[1].id.clone();
        let s = s.reduce(Action::DeleteTimePoint(middle));
        assert_eq!(s.selected, None, "back to the latest");
        assert_eq!(s.form.text(Field::Ferritin), "9000");
        // Infusion and treatments.
        let s = s.reduce(Action::SetInfusion(Some(1000)));
        assert_eq!(s.course().infusion, Some(1000));
        let s = s.reduce(Action::AddTreatment {
            kind: TreatmentKind::Dexamethasone,
            at: 5000,
            dose_mg: Some(10.0),
            note: "IV".into(),
        });
        let s = s.reduce(Action::AddTreatment {
            kind: TreatmentKind::Tocilizumab,
            at: 2000,
            dose_mg: None,
            note: String::new(),
        });
        let kinds: Vec<TreatmentKind> = s.course().treatments.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![TreatmentKind::Tocilizumab, TreatmentKind::Dexamethasone],
            "in time order"
        );
        let toci = s.course().treatments[0].id.clone();
        let s = s.reduce(Action::RemoveTreatment(toci));
        assert_eq!(s.course().tocilizumab().count(), 0);
        // "New patient" opens another one; the first stays, unchanged.
        let before = s.patient().clone();
        let s = s.reduce(Action::NewPatient);
        assert_ne!(s.current, before.id);
        assert_eq!(s.form, FormState::default());
        assert_eq!(**s.patients.get(&before.id).unwrap(), before);
        let s = s.reduce(Action::OpenPatient(before.id.clone()));
        assert_eq!(s.form.text(Field::Ferritin), "9000");
        assert_eq!(
            s.patients.len(),
            1,
            "the empty new patient, never used, is dropped"
        );
    }

    #[wasm_bindgen_test]
    fn a_30_day_course_of_4_time_points_a_day_fits() {
        // Every daily-panel lab, the bedside values and the CRS support at each of 120 time
        // points, entered one at a time (so each field has its own stamp), and treatments.
        let fields: &[(Field, &str)] = &[
            (Field::Temperature, "38.7"),
            (Field::Ferritin, "12500"),
            (Field::Ldh, "850"),
            (Field::Fibrinogen, "1.4"),
            (Field::Ast, "240"),
            (Field::Alt, "180"),
            (Field::Bilirubin, "1.9"),
            (Field::Creatinine, "1.3"),
            (Field::Crp, "210"),
            (Field::Triglycerides, "3.5"),
            (Field::Haemoglobin, "8.1"),
            (Field::Leukocytes, "1.2"),
            (Field::Neutrophils, "0.6"),
            (Field::Platelets, "45"),
            (Field::Vasopressors, "1"),
            (Field::OxygenFlow, "4"),
            (Field::IceTotal, "8"),
            (Field::Weight, "70"),
        ];
        let choices: &[(Field, &str)] = &[
            (Field::Hypotension, "yes"),
            (Field::OxygenDevice, "nasal_cannula"),
            (Field::Consciousness, "alert"),
            (Field::Seizure, "none"),
            (Field::FeverMaskingTherapy, "no"),
        ];
        let mut r = PatientRecord::new("plong".into(), T0);
        r.label = "Bed 12 — J. D.".into();
        r.course.infusion = Some(T0);
        let mut t = T0;
        for i in 0..120 {
            let at = T0 + i * 6 * 3_600_000;
            t += 1;
            r = edit(&r, t, |r| {
                r.course.time_points.push(web::course::TimePoint {
                    id: web::course::new_id('t'),
                    at,
                    form: FormState::default(),
                    stamps: Default::default(),
                })
            });
            for (f, v) in fields {
                t += 1;
                r = edit(&r, t, |r| {
                    let tp = r.course.time_points.last_mut().unwrap();
                    tp.form.set_text(*f, format!("{v}{}", i % 7));
                });
            }
            for (f, v) in choices {
                t += 1;
                r = edit(&r, t, |r| {
                    let tp = r.course.time_points.last_mut().unwrap();
                    tp.form.choices.insert(*f, (*v).into());
                });
            }
        }
        for (i, kind) in [
            TreatmentKind::Tocilizumab,
            TreatmentKind::Tocilizumab,
            TreatmentKind::Dexamethasone,
            TreatmentKind::Dexamethasone,
            TreatmentKind::Dexamethasone,
            TreatmentKind::Anakinra,
        ]
        .into_iter()
        .enumerate()
        {
            t += 1;
            r = edit(&r, t, |r| {
                r.course.treatments.push(web::course::Treatment {
                    id: web::course::new_id('x'),
                    kind,
                    at: T0 + i as i64 * 8 * 3_600_000,
                    dose_mg: Some(560.0),
                    note: "IV".into(),
                })
            });
        }
        let raw = storage::encode(&r);
        let chars = raw.chars().count();
        let t0 = js_sys::Date::now();
        let back = storage::decode(&raw).unwrap();
        let decode_ms = js_sys::Date::now() - t0;
        let web::storage::Decoded::Record(back) = back else {
            panic!()
        };
        assert_eq!(*back, r, "round trip");
        let t0 = js_sys::Date::now();
        let merged = merge(&r, &back);
        let merge_ms = js_sys::Date::now() - t0;
        assert_eq!(merged, r);
        wasm_bindgen_test::console_log!(
            "30-day course, 4 time points a day, {} fields each: {chars} characters stored \
             ({} per time point); decode {decode_ms} ms, merge {merge_ms} ms (debug build)",
            fields.len() + choices.len(),
            chars / 120
        );
        // Browsers give an origin about 5 million characters of localStorage: ten such
        // patients must fit with room to spare.
        assert!(chars * 10 < 4_000_000, "{chars} characters");
        gloo::storage::LocalStorage::clear();
        for n in 0..10 {
            let mut p = r.clone();
            p.id = format!("plong{n}");
            assert!(matches!(storage::save(&p, None), Ok(Saved::Written { .. })));
        }
        assert_eq!(storage::load(T0).records.len(), 10);
        gloo::storage::LocalStorage::clear();
    }
}
