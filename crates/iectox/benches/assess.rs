//! Criterion benchmarks: every assessment for one complete patient, HScore alone, and a
//! 30-day course with 4 time points a day (every time point assessed).
#![allow(clippy::field_reassign_with_default)] // a patient is built field by field

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use iectox::course::Course;
use iectox::patient::{CerebralEdema, Consciousness, OxygenDevice, Seizure};
use iectox::units::*;
use iectox::Patient;

fn complete_patient() -> Patient {
    let mut p = Patient::default();
    p.age = Some(Age::new(58.0, Unit::Years).unwrap());
    p.weight = Some(Weight::new(70.0, Unit::Kg).unwrap());
    p.temperature = Some(Temperature::new(39.6, Unit::Celsius).unwrap());
    p.fever_masking_therapy = Some(false);
    p.hypotension = Some(true);
    p.vasopressors = Some(1);
    p.vasopressin = Some(false);
    p.oxygen_device = Some(OxygenDevice::NasalCannula);
    p.oxygen_flow = Some(OxygenFlow::new(4.0, Unit::LPerMin).unwrap());
    p.crs_death = Some(false);
    p.ice_total = Some(8);
    p.immunosuppression = Some(false);
    p.hepatomegaly = Some(true);
    p.splenomegaly = Some(true);
    p.haemoglobin = Some(Haemoglobin::new(8.1, Unit::GPerDl).unwrap());
    p.leukocytes = Some(Leukocytes::new(1.2, Unit::E9PerL).unwrap());
    p.neutrophils = Some(Neutrophils::new(0.6, Unit::E9PerL).unwrap());
    p.platelets = Some(Platelets::new(45.0, Unit::E9PerL).unwrap());
    p.ferritin = Some(Ferritin::new(12_500.0, Unit::NgPerMl).unwrap());
    p.triglycerides = Some(Triglycerides::new(310.0, Unit::MgPerDl).unwrap());
    p.fibrinogen = Some(Fibrinogen::new(1.2, Unit::GPerL).unwrap());
    p.ast = Some(Ast::new(240.0, Unit::UPerL).unwrap());
    p.alt = Some(Alt::new(180.0, Unit::UPerL).unwrap());
    p.ldh = Some(Ldh::new(900.0, Unit::UPerL).unwrap());
    p.crp = Some(Crp::new(150.0, Unit::MgPerL).unwrap());
    p.creatinine = Some(Creatinine::new(1.4, Unit::MgPerDl).unwrap());
    p.marrow_hemophagocytosis = Some(false);
    p
}

/// 30 days, 4 time points a day (every 6 h): vital signs and neurology at each, labs once a
/// day, values varying so that episodes and trends have work to do.
/// A course of `days` days with a bedside check every 6 hours and a daily lab panel.
fn course_of(days: i64) -> Course {
    let infusion = 29_000_000;
    let mut course = Course::new(infusion).unwrap();
    let base = complete_patient();
    let mut pre = base.clone();
    pre.ferritin_uln = Some(Ferritin::new(400.0, Unit::NgPerMl).unwrap());
    pre.ast_uln = Some(Ast::new(40.0, Unit::UPerL).unwrap());
    pre.alt_uln = Some(Alt::new(40.0, Unit::UPerL).unwrap());
    pre.fibrinogen_lln = Some(Fibrinogen::new(2.0, Unit::GPerL).unwrap());
    course.add_observation(infusion - 12 * 60, pre).unwrap();
    for i in 0..days * 4 {
        let t = infusion + 60 + i * 6 * 60;
        let mut p = Patient::default();
        let fever = (4..16).contains(&i);
        p.temperature =
            Some(Temperature::new(if fever { 39.0 } else { 37.0 }, Unit::Celsius).unwrap());
        p.fever_masking_therapy = Some(false);
        p.hypotension = Some((8..12).contains(&i));
        p.vasopressors = Some(u8::from((9..11).contains(&i)));
        p.vasopressin = Some(false);
        p.oxygen_device = Some(OxygenDevice::None);
        p.ice_total = Some(if (20..28).contains(&i) { 6 } else { 10 });
        p.consciousness = Some(Consciousness::Alert);
        p.seizure = Some(Seizure::None);
        p.motor_weakness = Some(false);
        p.cerebral_edema = Some(CerebralEdema::None);
        if i % 4 == 0 {
            let lab = base.clone();
            p.ferritin = Some(Ferritin::new(500.0 + 300.0 * i as f64, Unit::NgPerMl).unwrap());
            p.fibrinogen = lab.fibrinogen;
            p.ast = lab.ast;
            p.alt = lab.alt;
            p.platelets = lab.platelets;
            p.ldh = lab.ldh;
            p.crp = lab.crp;
            p.creatinine = lab.creatinine;
            p.haemoglobin = lab.haemoglobin;
            p.neutrophils = lab.neutrophils;
        }
        course.add_observation(t, p).unwrap();
    }
    course
}

fn benches(c: &mut Criterion) {
    let p = complete_patient();
    c.bench_function("assess_all_complete_patient", |b| {
        b.iter(|| iectox::assess(black_box(&p)))
    });
    c.bench_function("hscore_complete_patient", |b| {
        b.iter(|| iectox::scores::hscore::assess(black_box(&p)))
    });
    c.bench_function("assess_all_empty_patient", |b| {
        let empty = Patient::default();
        b.iter(|| iectox::assess(black_box(&empty)))
    });
    let course = course_of(30);
    c.bench_function("course_30_days_4_per_day_assess_all", |b| {
        b.iter(|| black_box(&course).assess_all())
    });
    c.bench_function("course_30_days_4_per_day_report", |b| {
        b.iter(|| black_box(&course).report())
    });
    // How the report scales with the course's length (a long ICU stay).
    let long = course_of(90);
    c.bench_function("course_90_days_4_per_day_report", |b| {
        b.iter(|| black_box(&long).report())
    });
}

criterion_group!(group, benches);
criterion_main!(group);
