//! Citations of every rule, and the review's transcription errors, as data.

/// A publication a rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Source {
    /// HScore.
    Fardet2014,
    /// HLH-2004 diagnostic criteria.
    Henter2007,
    /// Numeric fever rule (≥ 38.5 °C) and sCD25 commentary for HLH-2004.
    Jordan2011,
    /// ASTCT consensus grading of CRS and ICANS.
    Lee2019,
    /// Cornell Assessment of Pediatric Delirium.
    Traube2014,
    /// IEC-HS framework and grading.
    Hines2023,
    /// CARTOX, including CAR-T-related HLH/MAS.
    Neelapu2018,
    /// CTCAE version 5.0.
    Ctcae5,
    /// m-EASIX.
    Pennisi2021,
    /// Lee 2014 CRS grading.
    Lee2014,
    /// Penn CRS grading.
    Porter2018,
    /// MSKCC CRS grading.
    Park2018,
    /// Comparison of CRS grading systems.
    Pennisi2020,
    /// The narrative review the project started from.
    MayorVazquez2025,
}

impl Source {
    /// Every source.
    pub const ALL: &'static [Source] = &[
        Source::Fardet2014,
        Source::Henter2007,
        Source::Jordan2011,
        Source::Lee2019,
        Source::Traube2014,
        Source::Hines2023,
        Source::Neelapu2018,
        Source::Ctcae5,
        Source::Pennisi2021,
        Source::Lee2014,
        Source::Porter2018,
        Source::Park2018,
        Source::Pennisi2020,
        Source::MayorVazquez2025,
    ];

    /// The reference as it would stand in a bibliography.
    pub const fn citation(self) -> &'static str {
        match self {
            Source::Fardet2014 => "Fardet L, et al. Development and validation of the HScore, a score for the diagnosis of reactive hemophagocytic syndrome. Arthritis Rheumatol 2014;66:2613-20.",
            Source::Henter2007 => "Henter JI, et al. HLH-2004: Diagnostic and therapeutic guidelines for hemophagocytic lymphohistiocytosis. Pediatr Blood Cancer 2007;48:124-31.",
            Source::Jordan2011 => "Jordan MB, et al. How I treat hemophagocytic lymphohistiocytosis. Blood 2011;118:4041-52.",
            Source::Lee2019 => "Lee DW, et al. ASTCT consensus grading for cytokine release syndrome and neurologic toxicity associated with immune effector cells. Biol Blood Marrow Transplant 2019;25:625-38.",
            Source::Traube2014 => "Traube C, et al. Cornell Assessment of Pediatric Delirium: a valid, rapid, observational tool for screening delirium in the PICU. Crit Care Med 2014;42:656-63.",
            Source::Hines2023 => "Hines MR, et al. Immune effector cell-associated hemophagocytic lymphohistiocytosis-like syndrome. Transplant Cell Ther 2023;29:438.e1-438.e16.",
            Source::Neelapu2018 => "Neelapu SS, et al. Chimeric antigen receptor T-cell therapy - assessment and management of toxicities. Nat Rev Clin Oncol 2018;15:47-62.",
            Source::Ctcae5 => "National Cancer Institute. Common Terminology Criteria for Adverse Events (CTCAE) version 5.0, 2017.",
            Source::Pennisi2021 => "Pennisi M, et al. Modified EASIX predicts severe cytokine release syndrome and neurotoxicity after chimeric antigen receptor T cells. Blood Adv 2021;5:3397-406.",
            Source::Lee2014 => "Lee DW, et al. Current concepts in the diagnosis and management of cytokine release syndrome. Blood 2014;124:188-95.",
            Source::Porter2018 => "Porter D, et al. Grading of cytokine release syndrome associated with the CAR T cell therapy tisagenlecleucel. J Hematol Oncol 2018;11:35.",
            Source::Park2018 => "Park JH, et al. Long-term follow-up of CD19 CAR therapy in acute lymphoblastic leukemia. N Engl J Med 2018;378:449-59.",
            Source::Pennisi2020 => "Pennisi M, et al. Comparing CAR T-cell toxicity grading systems: application of the ASTCT grading system and implications for management. Blood Adv 2020;4:676-86.",
            Source::MayorVazquez2025 => "Mayor-Vázquez E, et al. Cytokine release syndrome and hemophagocytic syndrome associated with immunotherapy: a narrative review. Med Intensiva 2025. doi:10.1016/j.medine.2025.502254.",
        }
    }
}

/// A transcription error in the review, with what the primary source says. Shown to users as
/// errata; never implemented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Erratum {
    /// Number in the clinical specification's list (§10).
    pub number: u8,
    /// Where in the review.
    pub location: &'static str,
    /// What the review says.
    pub review: &'static str,
    /// What the primary source says (and what this crate implements).
    pub correct: &'static str,
    /// `location`, `review` and `correct` in Spanish, written beside the English (a test
    /// checks every erratum has them).
    pub es: ErratumText,
    /// The primary source.
    pub source: Source,
}

/// An erratum's texts in another language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ErratumText {
    /// Where in the review.
    pub location: &'static str,
    /// What the review says.
    pub review: &'static str,
    /// What the primary source says.
    pub correct: &'static str,
}

macro_rules! errata {
    ($(($n:literal, $loc:literal, $review:literal, $correct:literal, $src:ident,
        es: $loc_es:literal, $review_es:literal, $correct_es:literal)),+ $(,)?) => {
        /// The review's errata (clinical specification §10).
        pub const ERRATA: &[Erratum] = &[$(Erratum {
            number: $n, location: $loc, review: $review, correct: $correct, source: Source::$src,
            es: ErratumText { location: $loc_es, review: $review_es, correct: $correct_es },
        }),+];
    };
}

errata![
    (1, "Table 1, fever", "Fever (temp. < 38 °C)", "Fever is T ≥ 38.0 °C", Lee2019,
        es: "Tabla 1, fiebre", "Fiebre (temp. < 38 °C)", "La fiebre es T ≥ 38,0 °C"),
    (2, "Table 1, hypoxemia", "PaO₂ < 80 mmHg", "No PaO₂/SpO₂ threshold: hypoxia is graded by the oxygen support required", Lee2019,
        es: "Tabla 1, hipoxemia", "PaO₂ < 80 mmHg", "Sin umbral de PaO₂/SpO₂: la hipoxia se gradúa por el soporte de oxígeno necesario"),
    (3, "Table 1, hypotension", "SBP < 90 mmHg", "Graded by treatment required (none / fluids / one vasopressor / several)", Lee2019,
        es: "Tabla 1, hipotensión", "PAS < 90 mmHg", "Se gradúa por el tratamiento necesario (ninguno / fluidos / un vasopresor / varios)"),
    (4, "Table 1, oxygen", "Grade 2 < 6 L/min, grade 3 > 6 L/min", "Grade 2 = nasal cannula ≤ 6 L/min or blow-by; grade 3 also facemask, non-rebreather, Venturi at any flow", Lee2019,
        es: "Tabla 1, oxígeno", "Grado 2 < 6 L/min, grado 3 > 6 L/min", "Grado 2 = gafas nasales ≤ 6 L/min o blow-by; grado 3 también mascarilla, reservorio o Venturi a cualquier flujo"),
    (5, "CRS grades", "Four grades", "Grade 5 = death due to CRS", Lee2019,
        es: "Grados de SLC", "Cuatro grados", "Grado 5 = muerte por SLC"),
    (6, "Table 2, HLH-2004 cytopenias", "Hb < 9.2 g/dL, leukocytes < 5 ×10⁹/L, platelets < 110 ×10⁹/L", "Hb < 90 g/L (< 100 g/L under 4 weeks), platelets < 100 ×10⁹/L, neutrophils < 1.0 ×10⁹/L", Henter2007,
        es: "Tabla 2, citopenias HLH-2004", "Hb < 9,2 g/dL, leucocitos < 5 ×10⁹/L, plaquetas < 110 ×10⁹/L", "Hb < 90 g/L (< 100 g/L antes de las 4 semanas), plaquetas < 100 ×10⁹/L, neutrófilos < 1,0 ×10⁹/L"),
    (7, "Table 2, HLH-2004 triglycerides", "> 265 mg/dL", "Fasting triglycerides ≥ 3.0 mmol/L (≥ 265 mg/dL)", Henter2007,
        es: "Tabla 2, triglicéridos HLH-2004", "> 265 mg/dL", "Triglicéridos en ayunas ≥ 3,0 mmol/L (≥ 265 mg/dL)"),
    (8, "Table 2, HLH-2004 fibrinogen", "< 150 mg/dL", "≤ 1.5 g/L (≤ 150 mg/dL)", Henter2007,
        es: "Tabla 2, fibrinógeno HLH-2004", "< 150 mg/dL", "≤ 1,5 g/L (≤ 150 mg/dL)"),
    (9, "Table 2, ferritin unit", "≥ 500 mg/L", "≥ 500 µg/L (ng/mL)", Henter2007,
        es: "Tabla 2, unidad de ferritina", "≥ 500 mg/L", "≥ 500 µg/L (ng/mL)"),
    (10, "Table 2, HLH-2004 hemophagocytosis", "Qualifier omitted", "In bone marrow, spleen or lymph nodes, no evidence of malignancy", Henter2007,
        es: "Tabla 2, hemofagocitosis HLH-2004", "Se omite la precisión", "En médula ósea, bazo o ganglios, sin evidencia de malignidad"),
    (11, "Table 2, HScore ferritin", "< 2000 ng/mL → 3 points", "< 2000 ng/mL → 0 points", Fardet2014,
        es: "Tabla 2, ferritina HScore", "< 2000 ng/mL → 3 puntos", "< 2000 ng/mL → 0 puntos"),
    (12, "Table 2, HScore cytopenias", "Strict < 9.2 g/dL, < 5 ×10⁹/L, < 110 ×10⁹/L", "Inclusive ≤ 9.2 g/dL, ≤ 5 ×10⁹/L, ≤ 110 ×10⁹/L", Fardet2014,
        es: "Tabla 2, citopenias HScore", "Estricto < 9,2 g/dL, < 5 ×10⁹/L, < 110 ×10⁹/L", "Inclusivo ≤ 9,2 g/dL, ≤ 5 ×10⁹/L, ≤ 110 ×10⁹/L"),
    (13, "Table 2, HScore immunosuppression", "HIV or immunosuppressive treatment", "HIV-positive or long-term immunosuppressive therapy", Fardet2014,
        es: "Tabla 2, inmunosupresión HScore", "VIH o tratamiento inmunosupresor", "VIH positivo o tratamiento inmunosupresor prolongado"),
    (14, "Table 2, HScore hemophagocytosis", "Site unspecified", "Hemophagocytosis on bone marrow aspirate", Fardet2014,
        es: "Tabla 2, hemofagocitosis HScore", "Sin localización", "Hemofagocitosis en aspirado de médula ósea"),
    (15, "Table 2, citations", "HLH-2004 as ref. 7, HScore as refs. 8–9", "Henter = ref. 54; Fardet = ref. 55", MayorVazquez2025,
        es: "Tabla 2, citas", "HLH-2004 como ref. 7, HScore como refs. 8–9", "Henter = ref. 54; Fardet = ref. 55"),
    (16, "IEC-HS history", "\"Neepalu\" 2018 published IEC-HS criteria", "Neelapu 2018 defined CAR-T-related HLH/MAS; IEC-HS is from Hines 2023", Neelapu2018,
        es: "Historia del IEC-HS", "«Neepalu» 2018 publicó criterios de IEC-HS", "Neelapu 2018 definió la HLH/SAM asociada a CAR-T; el IEC-HS es de Hines 2023"),
    (17, "IEC-HS liver criterion", "Bilirubin, AST or ALT > 5 × ULN", "Transaminases > 5 × ULN (or > 5 × baseline if abnormal); bilirubin is another manifestation", Hines2023,
        es: "Criterio hepático del IEC-HS", "Bilirrubina, AST o ALT > 5 × LSN", "Transaminasas > 5 × LSN (o > 5 × basal si era anormal); la bilirrubina es otra manifestación"),
    (18, "IEC-HS cytopenias", "At least one line CTCAE grade 4", "New-onset, worsening or refractory cytopenias (no grade-4 requirement found; unverified)", Hines2023,
        es: "Citopenias del IEC-HS", "Al menos una línea con grado 4 de CTCAE", "Citopenias nuevas, que empeoran o refractarias (no se encontró el requisito de grado 4; no verificado)"),
    (19, "IEC-HS fibrinogen", "< 150 mg/dL", "< 150 mg/dL or < LLN", Hines2023,
        es: "Fibrinógeno del IEC-HS", "< 150 mg/dL", "< 150 mg/dL o < LIN"),
    (20, "IEC-HS timing", "Not stated", "Onset typically with resolving CRS or worsening after initial improvement", Hines2023,
        es: "Cronología del IEC-HS", "No se indica", "Inicio típico con SLC en resolución o empeoramiento tras mejoría inicial"),
    (21, "IEC-HS triglycerides", "> 265 mg/dL or ≥ 3 mmol/L", "Fasting > 265 mg/dL (Hines, recalled); HLH-2004 uses ≥ 3.0 mmol/L", Hines2023,
        es: "Triglicéridos del IEC-HS", "> 265 mg/dL o ≥ 3 mmol/L", "En ayunas > 265 mg/dL (Hines, recordado); HLH-2004 usa ≥ 3,0 mmol/L"),
    (22, "Ruxolitinib dose", "10 mg/kg/12 h for 70 kg", "0.3 mg/kg/day ≈ 10 mg every 12 h for 70 kg", MayorVazquez2025,
        es: "Dosis de ruxolitinib", "10 mg/kg/12 h para 70 kg", "0,3 mg/kg/día ≈ 10 mg cada 12 h para 70 kg"),
    (23, "Ru-DEP indication", "IEC-HS rescue therapy", "Studied in refractory/relapsed HLH of mixed causes, not IEC-HS", MayorVazquez2025,
        es: "Indicación de Ru-DEP", "Terapia de rescate del IEC-HS", "Estudiado en HLH refractaria/recidivante de causas mixtas, no en IEC-HS"),
    (24, "Methylprednisolone pulse", "1000 mg/24 h for 2 days", "1000 mg/day for 3 days, then taper", MayorVazquez2025,
        es: "Pulso de metilprednisolona", "1000 mg/24 h durante 2 días", "1000 mg/día durante 3 días, luego descenso"),
    (25, "Anakinra", "8 mg/kg/day in 4 doses s.c., no cap", "2 mg/kg q6h capped at 100 mg/dose (400 mg/day)", MayorVazquez2025,
        es: "Anakinra", "8 mg/kg/día en 4 dosis s.c., sin tope", "2 mg/kg cada 6 h con tope de 100 mg/dosis (400 mg/día)"),
    (26, "HLH markers", "IL-2 determinations", "Soluble IL-2 receptor (sCD25)", Henter2007,
        es: "Marcadores de HLH", "Determinaciones de IL-2", "Receptor soluble de IL-2 (sCD25)"),
    (27, "Etoposide notation", "75–100 mg/m²/4–7 days", "75–100 mg/m² per dose, repeatable after 4–7 days", Neelapu2018,
        es: "Notación del etopósido", "75–100 mg/m²/4–7 días", "75–100 mg/m² por dosis, repetible a los 4–7 días"),
];
