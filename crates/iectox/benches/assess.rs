//! Criterion benchmarks: every assessment for one complete patient, and HScore alone.
#![allow(clippy::field_reassign_with_default)] // a patient is built field by field

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use iectox::patient::OxygenDevice;
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
}

criterion_group!(group, benches);
criterion_main!(group);
