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
            refused.contains("ferritin: 12.500 ng/mL — \"12.500\" is ambiguous"),
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
        assert!(s.contains("«12.500» es ambiguo"), "{s}");
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
