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
        form.tocilizumab_doses.push(utc("2026-12-01T09:00:00Z"));
        AppState::new(lang, form)
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
        let mut state = partial(Lang::En);
        let mut form = state.form.clone();
        form.tocilizumab_doses = vec![utc("2026-07-01T08:00:00Z")];
        state = AppState::new(Lang::En, form);
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
