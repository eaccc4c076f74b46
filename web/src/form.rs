//! The patient form as typed (text, unit, choice per field) and its mapping to the core
//! crate's typed [`Patient`]. No clinical rule here: parsing, bounds and units are the core's.

use crate::vec_map::VecMap;

use iectox::patient::{CerebralEdema, Consciousness, FeverRule, IecHsGrade, OxygenDevice, Seizure};
use iectox::units::{
    Age, Alt, Ast, Bilirubin, Creatinine, Crp, Ferritin, Fibrinogen, Fio2, Haemoglobin, Height,
    Ldh, Leukocytes, Neutrophils, OxygenFlow, Platelets, Quantity, Scd25, Temperature,
    Triglycerides, Unit, Weight,
};
use iectox::{Error, ErrorKind, Field, Patient};
use serde::{Deserialize, Serialize};

/// What the clinician typed, per field. Kept as text so nothing is lost or reinterpreted.
///
/// `texts` + `units` are the clinical fact: the number as typed and the unit it was typed in;
/// every score reads them (product decision 10). `display_units` is only how a quantity is
/// being read: switching the unit of a field that holds a value shows the converted number
/// there and never changes the fact, until the clinician edits the number.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormState {
    pub texts: VecMap<Field, String>,
    pub units: VecMap<Field, Unit>,
    pub choices: VecMap<Field, String>,
    /// The unit a field is read in when it differs from the unit its value was typed in.
    /// Additive to the stored format: absent in patients saved before it, and not written
    /// while empty.
    #[serde(skip_serializing_if = "VecMap::is_empty")]
    pub display_units: VecMap<Field, Unit>,
    /// HLH-2004 fever by temperature ≥ 38.5 °C instead of clinician-confirmed fever.
    pub hlh_fever_numeric: bool,
    /// The answer to "adult or child?" for dosing when the age is unknown ("", "adult",
    /// "child"); the core decides what it changes.
    pub dosing_age_group: String,
    /// The "Sepsis or CRS?" work-up answers ("yes" / "no"; absent = not known). Additive to
    /// the stored format: absent in patients saved before it, and not written while empty.
    #[serde(skip_serializing_if = "VecMap::is_empty")]
    pub sepsis_workup: VecMap<iectox::treatment::WorkupItem, String>,
    /// The answer to "adult or child?" for the ICANS tool when the age is unknown ("",
    /// "adult", "child"); additive, not written while empty.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub icans_age_group: String,
    /// When empirical antibiotics were started, as milliseconds since the Unix epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub antibiotics_started_at: Option<f64>,
}

/// The typed patient and the inputs that could not be used (each counts as missing).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    pub patient: Patient,
    pub errors: VecMap<Field, Error>,
}

/// What a quantity input shows (see [`FormState::display`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub text: String,
    pub unit: Unit,
    /// The fact the shown number was converted from: the text as typed and its unit.
    pub converted_from: Option<(String, Unit)>,
}

/// How a field is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A number with a unit selector.
    Quantity(&'static [Unit]),
    /// A whole number in `0..=max`.
    Count(u16),
    /// Yes / no / not known.
    YesNo,
    /// One of a fixed set of options (their keys).
    Choice(&'static [&'static str]),
}

macro_rules! quantities {
    ($($field:ident => $member:ident : $ty:ty),+ $(,)?) => {
        /// The entry kind of a field.
        pub fn kind(field: Field) -> Kind {
            match field {
                $(Field::$field => Kind::Quantity(<$ty as Quantity>::UNITS),)+
                other => other_kind(other),
            }
        }

        fn parse_quantities(form: &FormState, p: &mut Patient, errors: &mut VecMap<Field, Error>) {
            $(
                if let Some(text) = form.texts.get(&Field::$field) {
                    let unit = form.unit(Field::$field);
                    // `parse_as` applies the field's own bounds (reference values have
                    // stricter ones) and the core's decimal-separator rule.
                    match <$ty as Quantity>::parse_as(Field::$field, text, unit) {
                        Ok(v) => p.$member = v,
                        Err(e) => { errors.insert(Field::$field, e.for_field(Field::$field)); }
                    }
                }
            )+
        }

        /// The typed value converted to `to`, when it parses and is plausible in `from`
        /// (`None` when the text holds no usable value, or `to` is not a unit of the field).
        pub fn convert_value(field: Field, text: &str, from: Unit, to: Unit) -> Option<f64> {
            match field {
                $(Field::$field => {
                    let q = <$ty as Quantity>::parse(text, from).ok()??;
                    q.in_unit(to)
                })+
                _ => None,
            }
        }
    };
}

quantities! {
    Age => age: Age,
    Weight => weight: Weight,
    Height => height: Height,
    Temperature => temperature: Temperature,
    OxygenFlow => oxygen_flow: OxygenFlow,
    Fio2 => fio2: Fio2,
    Ferritin => ferritin: Ferritin,
    FerritinUln => ferritin_uln: Ferritin,
    FerritinBaseline => ferritin_baseline: Ferritin,
    Triglycerides => triglycerides: Triglycerides,
    Fibrinogen => fibrinogen: Fibrinogen,
    FibrinogenLln => fibrinogen_lln: Fibrinogen,
    FibrinogenBaseline => fibrinogen_baseline: Fibrinogen,
    Haemoglobin => haemoglobin: Haemoglobin,
    HaemoglobinLln => haemoglobin_lln: Haemoglobin,
    Leukocytes => leukocytes: Leukocytes,
    LeukocytesLln => leukocytes_lln: Leukocytes,
    Neutrophils => neutrophils: Neutrophils,
    NeutrophilsLln => neutrophils_lln: Neutrophils,
    Platelets => platelets: Platelets,
    PlateletsLln => platelets_lln: Platelets,
    Ast => ast: Ast,
    AstUln => ast_uln: Ast,
    AstBaseline => ast_baseline: Ast,
    Alt => alt: Alt,
    AltUln => alt_uln: Alt,
    AltBaseline => alt_baseline: Alt,
    Bilirubin => bilirubin: Bilirubin,
    BilirubinUln => bilirubin_uln: Bilirubin,
    BilirubinBaseline => bilirubin_baseline: Bilirubin,
    Ldh => ldh: Ldh,
    Crp => crp: Crp,
    Creatinine => creatinine: Creatinine,
    CreatinineUln => creatinine_uln: Creatinine,
    CreatinineBaseline => creatinine_baseline: Creatinine,
    Scd25 => scd25: Scd25,
}

pub const OXYGEN_DEVICES: &[&str] = OxygenDevice::KEYS;
pub const CONSCIOUSNESS: &[&str] = Consciousness::KEYS;
pub const SEIZURES: &[&str] = Seizure::KEYS;
pub const EDEMA: &[&str] = CerebralEdema::KEYS;
/// CAPD answers: how often over the shift (0 never … 4 always).
pub const CAPD_FREQUENCY: &[&str] = &["never", "rarely", "sometimes", "often", "always"];
pub const IEC_HS_GRADES: &[&str] = IecHsGrade::KEYS;

fn other_kind(field: Field) -> Kind {
    match field {
        Field::IceOrientation => Kind::Count(4),
        Field::IceNaming => Kind::Count(3),
        Field::IceCommands | Field::IceWriting | Field::IceAttention => Kind::Count(1),
        Field::IceTotal => Kind::Count(10),
        Field::CapdTotal => Kind::Count(32),
        Field::Vasopressors => Kind::Count(10),
        Field::FluidBoluses => Kind::Count(50),
        Field::VasopressorHours => Kind::Count(2000),
        Field::OtherOrganToxicityGrade => Kind::Count(5),
        Field::OxygenDevice => Kind::Choice(OXYGEN_DEVICES),
        Field::Consciousness => Kind::Choice(CONSCIOUSNESS),
        Field::Seizure => Kind::Choice(SEIZURES),
        Field::CerebralEdema => Kind::Choice(EDEMA),
        Field::IecHsGrade => Kind::Choice(IEC_HS_GRADES),
        // Settings: entered as toggles on their pages, listed for completeness.
        Field::HlhFeverRule => Kind::Choice(FeverRule::KEYS),
        Field::CapdBelowAgeYears => Kind::Count(18),
        Field::CapdEyeContact
        | Field::CapdPurposeful
        | Field::CapdAware
        | Field::CapdCommunicates
        | Field::CapdRestless
        | Field::CapdInconsolable
        | Field::CapdUnderactive
        | Field::CapdSlowToRespond => Kind::Choice(CAPD_FREQUENCY),
        _ => Kind::YesNo,
    }
}

/// The unit a field starts in (the one most labs here report).
pub fn default_unit(field: Field) -> Unit {
    match field {
        Field::Temperature => Unit::Celsius,
        Field::Triglycerides => Unit::MmolPerL,
        Field::Fibrinogen | Field::FibrinogenLln | Field::FibrinogenBaseline => Unit::GPerL,
        Field::Haemoglobin | Field::HaemoglobinLln => Unit::GPerDl,
        Field::Bilirubin | Field::BilirubinUln | Field::BilirubinBaseline => Unit::MgPerDl,
        Field::Creatinine | Field::CreatinineUln | Field::CreatinineBaseline => Unit::MgPerDl,
        Field::Crp => Unit::MgPerL,
        _ => match kind(field) {
            Kind::Quantity(units) => units[0],
            _ => Unit::Percent,
        },
    }
}

/// The typed value converted to `to`, formatted for reading (see [`format_converted`]).
pub fn convert_text(field: Field, text: &str, from: Unit, to: Unit) -> Option<String> {
    convert_value(field, text, from, to).map(format_converted)
}

/// A unit-converted value for reading: two decimals at most (what laboratories print, e.g.
/// 102.92 °F, 354.28 mg/dL, 5.71 mmol/L), four below 0.1 so that small values keep two
/// significant digits (0.0833 µkat/L, 0.0082 years); trailing zeros trimmed.
///
/// Never a one-to-three-digit integer part followed by exactly three decimals ("1.498"):
/// that pattern reads as 1498 where "." groups thousands, and the core's `parse_number`
/// may refuse it as ambiguous, so a clinician who starts editing from the shown number
/// would get an error. The fact (the value as typed) is shown beside it, so the display
/// may round.
pub fn format_converted(v: f64) -> String {
    let decimals = if v.abs() < 0.1 { 4 } else { 2 };
    let s = format!("{v:.decimals$}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        "0".into()
    } else {
        s.into()
    }
}

/// A number for display: up to 3 decimals, no trailing zeros.
pub fn format_number(v: f64) -> String {
    let s = format!("{:.3}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

fn unknown_option(field: Field, text: &str) -> Error {
    let accepted = match kind(field) {
        Kind::Choice(options) => options.iter().map(|o| (*o).to_owned()).collect(),
        _ => Vec::new(),
    };
    Error::new(
        field,
        ErrorKind::UnknownOption {
            text: text.into(),
            accepted,
        },
    )
}

impl FormState {
    /// The clinician's "adult or child?" answer, if given.
    pub fn age_group_answer(&self) -> Option<iectox::treatment::AgeGroup> {
        match self.dosing_age_group.as_str() {
            "adult" => Some(iectox::treatment::AgeGroup::Adult),
            "child" => Some(iectox::treatment::AgeGroup::Child),
            _ => None,
        }
    }

    pub fn unit(&self, field: Field) -> Unit {
        self.units
            .get(&field)
            .copied()
            .unwrap_or_else(|| default_unit(field))
    }

    pub fn text(&self, field: Field) -> &str {
        self.texts.get(&field).map_or("", String::as_str)
    }

    /// The unit the field is read in: the chosen display unit when the typed value can be
    /// shown in it, otherwise the unit it was typed in.
    pub fn display_unit(&self, field: Field) -> Unit {
        self.display(field).unit
    }

    /// What the field's input shows: the text as typed, or — after a unit switch — the
    /// typed value converted to the display unit, with the fact it was converted from.
    pub fn display(&self, field: Field) -> Shown {
        let typed = Shown {
            text: self.text(field).to_owned(),
            unit: self.unit(field),
            converted_from: None,
        };
        let Some(&to) = self.display_units.get(&field) else {
            return typed;
        };
        if to == typed.unit {
            return typed;
        }
        match convert_text(field, &typed.text, typed.unit, to) {
            Some(text) => Shown {
                text,
                unit: to,
                converted_from: Some((typed.text, typed.unit)),
            },
            // Not convertible (e.g. a form saved by hand): show what was typed, in its unit.
            None => typed,
        }
    }

    /// The clinician typed `text` in the field: it becomes the fact, in the unit the field
    /// is shown in (editing a converted number makes its display unit the new fact's unit).
    pub fn set_text(&mut self, field: Field, text: String) {
        let unit = self.display_unit(field);
        if self.display_units.remove(&field).is_some() {
            self.units.insert(field, unit);
        }
        if text.is_empty() {
            self.texts.remove(&field);
        } else {
            self.texts.insert(field, text);
        }
    }

    /// The clinician chose `unit` for the field. When the field holds a usable value, only
    /// the display changes (product decision 10: a unit switch never changes a score);
    /// when it is empty or its text was refused, there is no value to keep and the unit
    /// applies to the text (the clinician choosing the unit of the entry).
    pub fn set_unit(&mut self, field: Field, unit: Unit) {
        let from = self.unit(field);
        if convert_value(field, self.text(field), from, unit).is_some() {
            if unit == from {
                self.display_units.remove(&field);
            } else {
                self.display_units.insert(field, unit);
            }
        } else {
            self.display_units.remove(&field);
            self.units.insert(field, unit);
        }
    }

    pub fn choice(&self, field: Field) -> &str {
        self.choices.get(&field).map_or("", String::as_str)
    }

    fn yes_no(&self, field: Field) -> Option<bool> {
        match self.choice(field) {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        }
    }

    /// Maps the form to the core's typed patient. Unparseable or implausible entries are
    /// reported per field and left missing — never zero, never normal.
    pub fn parse(&self) -> Parsed {
        let mut p = Patient::default();
        let mut errors = VecMap::new();
        parse_quantities(self, &mut p, &mut errors);

        let mut count = |field: Field| -> Option<u16> {
            let text = self.text(field);
            let Kind::Count(max) = kind(field) else {
                return None;
            };
            match iectox::units::parse_count(field, text, max) {
                Ok(v) => v,
                Err(e) => {
                    errors.insert(field, e);
                    None
                }
            }
        };
        let small = |v: Option<u16>| v.map(|v| v as u8);
        p.ice_items.orientation = small(count(Field::IceOrientation));
        p.ice_items.naming = small(count(Field::IceNaming));
        p.ice_items.commands = small(count(Field::IceCommands));
        p.ice_items.writing = small(count(Field::IceWriting));
        p.ice_items.attention = small(count(Field::IceAttention));
        p.ice_total = small(count(Field::IceTotal));
        p.capd_total = small(count(Field::CapdTotal));
        let capd = |field: Field| {
            CAPD_FREQUENCY
                .iter()
                .position(|k| *k == self.choice(field))
                .map(|i| i as u8)
        };
        p.capd_items = iectox::patient::CapdItems {
            eye_contact: capd(Field::CapdEyeContact),
            purposeful: capd(Field::CapdPurposeful),
            aware: capd(Field::CapdAware),
            communicates: capd(Field::CapdCommunicates),
            restless: capd(Field::CapdRestless),
            inconsolable: capd(Field::CapdInconsolable),
            underactive: capd(Field::CapdUnderactive),
            slow_to_respond: capd(Field::CapdSlowToRespond),
        };
        p.vasopressors = small(count(Field::Vasopressors));
        p.fluid_boluses = small(count(Field::FluidBoluses));
        p.vasopressor_hours = count(Field::VasopressorHours);
        p.other_organ_toxicity_grade = small(count(Field::OtherOrganToxicityGrade));

        p.developmental_delay = self.yes_no(Field::DevelopmentalDelay);
        p.fever_masking_therapy = self.yes_no(Field::FeverMaskingTherapy);
        p.hypotension = self.yes_no(Field::Hypotension);
        p.vasopressin = self.yes_no(Field::Vasopressin);
        p.high_dose_vasopressor = self.yes_no(Field::HighDoseVasopressor);
        p.crs_death = self.yes_no(Field::CrsDeath);
        p.motor_weakness = self.yes_no(Field::MotorWeakness);
        p.icans_death = self.yes_no(Field::IcansDeath);
        p.triglycerides_fasting = self.yes_no(Field::TriglyceridesFasting);
        p.immunosuppression = self.yes_no(Field::Immunosuppression);
        p.hepatomegaly = self.yes_no(Field::Hepatomegaly);
        p.splenomegaly = self.yes_no(Field::Splenomegaly);
        p.marrow_hemophagocytosis = self.yes_no(Field::MarrowHemophagocytosis);
        p.tissue_hemophagocytosis = self.yes_no(Field::TissueHemophagocytosis);
        p.nk_activity_low = self.yes_no(Field::NkActivityLow);
        p.molecular_diagnosis = self.yes_no(Field::MolecularDiagnosis);
        p.fever_confirmed = self.yes_no(Field::FeverConfirmed);
        p.cytopenias_new_or_worsening = self.yes_no(Field::CytopeniasNewOrWorsening);
        p.iec_hs_timing = self.yes_no(Field::IecHsTiming);
        p.coagulopathy = self.yes_no(Field::Coagulopathy);
        p.hospitalised_for_crs = self.yes_no(Field::HospitalisedForCrs);

        p.oxygen_device = match self.choice(Field::OxygenDevice) {
            "" => None,
            "none" => Some(OxygenDevice::None),
            "blow_by" => Some(OxygenDevice::BlowBy),
            "nasal_cannula" => Some(OxygenDevice::NasalCannula),
            "high_flow_nasal_cannula" => Some(OxygenDevice::HighFlowNasalCannula),
            "facemask" => Some(OxygenDevice::Facemask),
            "non_rebreather" => Some(OxygenDevice::NonRebreather),
            "venturi" => Some(OxygenDevice::Venturi),
            "cpap" => Some(OxygenDevice::Cpap),
            "bipap" => Some(OxygenDevice::Bipap),
            "mechanical_ventilation" => Some(OxygenDevice::MechanicalVentilation),
            other => {
                errors.insert(
                    Field::OxygenDevice,
                    unknown_option(Field::OxygenDevice, other),
                );
                None
            }
        };
        p.consciousness = match self.choice(Field::Consciousness) {
            "alert" => Some(Consciousness::Alert),
            "awakens_spontaneously" => Some(Consciousness::AwakensSpontaneously),
            "awakens_to_voice" => Some(Consciousness::AwakensToVoice),
            "awakens_to_touch" => Some(Consciousness::AwakensToTouch),
            "unarousable" => Some(Consciousness::Unarousable),
            _ => None,
        };
        p.seizure = match self.choice(Field::Seizure) {
            "none" => Some(Seizure::None),
            "resolves_rapidly" => Some(Seizure::ResolvesRapidly),
            "prolonged" => Some(Seizure::Prolonged),
            _ => None,
        };
        p.cerebral_edema = match self.choice(Field::CerebralEdema) {
            "none" => Some(CerebralEdema::None),
            "focal" => Some(CerebralEdema::Focal),
            "diffuse" => Some(CerebralEdema::Diffuse),
            _ => None,
        };
        p.iec_hs_grade = match self.choice(Field::IecHsGrade) {
            "grade1" => Some(IecHsGrade::Grade1),
            "grade2" => Some(IecHsGrade::Grade2),
            "grade3" => Some(IecHsGrade::Grade3),
            "grade4" => Some(IecHsGrade::Grade4),
            "grade5" => Some(IecHsGrade::Grade5),
            _ => None,
        };
        p.settings.icans_age_group = match self.icans_age_group.as_str() {
            "adult" => Some(iectox::patient::IcansAgeGroup::Adult),
            "child" => Some(iectox::patient::IcansAgeGroup::Child),
            _ => None,
        };
        p.settings.hlh_fever_rule = if self.hlh_fever_numeric {
            FeverRule::AtLeast38_5
        } else {
            FeverRule::ClinicianConfirmed
        };
        for e in p.validate() {
            errors.entry(e.field).or_insert(e);
        }
        Parsed { patient: p, errors }
    }
}
