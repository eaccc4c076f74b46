use yew::prelude::*;

/// One row of a grading table: a domain, its text per grade 1–4, and the grade (or range)
/// the patient reaches in it.
#[derive(Clone, PartialEq)]
pub struct GradeRow {
    pub key: String,
    pub label: String,
    pub cells: RowCells,
    /// The domain's reachable grade range (0 = none).
    pub range: (u16, u16),
    /// Whether this row decides the overall grade.
    pub deciding: bool,
}

/// The grade 1–4 cells of a row.
#[derive(Clone, PartialEq)]
pub enum RowCells {
    /// One text per grade; `None` where the domain has no criterion at that grade.
    PerGrade([Option<String>; 4]),
    /// One condition of every grade 1–4 (e.g. CRS fever), shown once across the columns.
    AllGrades(String),
}

/// Grade 5 (death due to the syndrome): a row of its own under the domains.
#[derive(Clone, PartialEq)]
pub struct Grade5 {
    pub label: String,
    pub text: String,
    /// The reachable range of the death item (0 = no, 5 = yes).
    pub range: (u16, u16),
}

#[derive(Properties, PartialEq)]
pub struct GradeTableProps {
    pub id: AttrValue,
    pub caption: AttrValue,
    pub domain_header: AttrValue,
    pub grade_word: AttrValue,
    pub rows: Vec<GradeRow>,
    pub deciding_word: AttrValue,
    #[prop_or_default]
    pub grade5: Option<Grade5>,
    /// Abbreviations used in the cells, shown under the table.
    #[prop_or_default]
    pub legend: Option<AttrValue>,
    /// Long cell texts: reflow into lines in a wider container than other tables.
    #[prop_or_default]
    pub dense: bool,
}

/// A grading table with the patient's cell in each row marked, and the row(s) that decide
/// the grade highlighted; marks are symbols and words, not only colour.
///
/// Every grade keeps its column (1–5) where the table has room; in a narrow container
/// (style.css, container query) each row reflows into one line per grade, labelled with its
/// grade, so no grade is ever hidden or scrolled out of sight. Cell marks occupy a fixed width
/// whether shown or not, so a changing result does not change the columns.
#[component(GradeTable)]
pub fn grade_table(props: &GradeTableProps) -> Html {
    let lang = crate::hooks::use_lang();
    let patient_word = crate::i18n::tr(lang, "(patient) ", "(paciente) ");
    let possible_word = crate::i18n::tr(lang, "(possible) ", "(posible) ");
    let grade = |g: u16| format!("{} {g}", props.grade_word);
    // `exact`: the patient is in this cell; `possible`: may be, depending on missing inputs.
    let cell = |g: u16,
                (exact, possible): (bool, bool),
                text: Html,
                label: String,
                span: Option<u16>| {
        html! {
            <td class={classes!(exact.then_some("hit"), possible.then_some("possible"))}
                colspan={span.map(|s| s.to_string())}
                data-label={label} data-grade={g.to_string()} data-hit={exact.then_some("true")}>
                <span class="mark" aria-hidden="true">{ if exact { "●" } else if possible { "◌" } else { "" } }</span>
                if exact { <span class="sr-only">{ patient_word }</span> }
                if possible { <span class="sr-only">{ possible_word }</span> }
                { text }
            </td>
        }
    };
    html! {
        // Focusable and named: where the table is wider than the page it scrolls, and a
        // keyboard user must be able to reach it.
        <div class={classes!("table-wrap", "grade-wrap", props.dense.then_some("dense"))} tabindex="0" role="region" aria-label={props.caption.clone()}>
        <table class="grade-table" id={props.id.clone()}>
            <caption>{ props.caption.clone() }</caption>
            <thead><tr>
                <th scope="col">{ props.domain_header.clone() }</th>
                { for (1..=5).map(|g| html! { <th scope="col" data-grade={g.to_string()}>{ grade(g) }</th> }) }
            </tr></thead>
            <tbody>
            { for props.rows.iter().map(|row| {
                let cells: Html = match &row.cells {
                    RowCells::PerGrade(texts) => texts.iter().enumerate().map(|(i, text)| {
                        let g = i as u16 + 1;
                        match text {
                            Some(t) => cell(g, marks(row.range, g), html! { { t.clone() } }, grade(g), None),
                            None => html! { <td class="na" data-grade={g.to_string()}>{ "—" }</td> },
                        }
                    }).collect(),
                    RowCells::AllGrades(t) => {
                        let label = format!("{} 1–4", props.grade_word);
                        // One condition of every grade: marked when it holds (range 1–1).
                        let m = (row.range.0 >= 1, row.range.0 == 0 && row.range.1 >= 1);
                        cell(1, m, html! { { t.clone() } }, label, Some(4))
                    }
                };
                html! {
                    <tr data-domain={row.key.clone()} class={classes!(row.deciding.then_some("deciding"))}>
                        <th scope="row">{ row.label.clone() }
                            if row.deciding { <span class="deciding-mark">{ format!(" ◀ {}", props.deciding_word) }</span> }
                        </th>
                        { cells }
                        <td class="na" data-grade="5">{ "—" }</td>
                    </tr>
                }
            }) }
            if let Some(g5) = &props.grade5 {
                <tr data-domain="Death">
                    <th scope="row">{ g5.label.clone() }</th>
                    { for (1..=4).map(|g: u16| html! { <td class="na" data-grade={g.to_string()}>{ "—" }</td> }) }
                    { cell(5, marks(g5.range, 5), html! { { g5.text.clone() } }, grade(5), None) }
                </tr>
            }
            </tbody>
        </table>
        if let Some(legend) = &props.legend {
            <p class="legend">{ legend.clone() }</p>
        }
        </div>
    }
}

/// Whether a domain with reachable range `range` is exactly at grade `g`, or possibly.
fn marks(range: (u16, u16), g: u16) -> (bool, bool) {
    let exact = range == (g, g);
    (exact, !exact && range.0 <= g && g <= range.1)
}
