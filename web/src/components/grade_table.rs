use yew::prelude::*;

/// One row of a grading table: a domain, its text per grade 1–4, and the grade (or range)
/// the patient reaches in it.
#[derive(Clone, PartialEq)]
pub struct GradeRow {
    pub key: String,
    pub label: String,
    pub cells: [&'static str; 4],
    /// The domain's reachable grade range (0 = none).
    pub range: (u16, u16),
    /// Whether this row decides the overall grade.
    pub deciding: bool,
}

#[derive(Properties, PartialEq)]
pub struct GradeTableProps {
    pub id: AttrValue,
    pub caption: AttrValue,
    pub domain_header: AttrValue,
    pub grade_word: AttrValue,
    pub rows: Vec<GradeRow>,
    pub deciding_word: AttrValue,
}

/// A grading table with the patient's cell in each row marked, and the row(s) that decide
/// the grade highlighted; marks are symbols and words, not only colour.
#[component(GradeTable)]
pub fn grade_table(props: &GradeTableProps) -> Html {
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={props.caption.clone()}>
        <table class="grade-table" id={props.id.clone()}>
            <caption>{ props.caption.clone() }</caption>
            <thead><tr>
                <th scope="col">{ props.domain_header.clone() }</th>
                { for (1..=4).map(|g| html! { <th scope="col">{ format!("{} {g}", props.grade_word) }</th> }) }
            </tr></thead>
            <tbody>
            { for props.rows.iter().map(|row| {
                html! {
                    <tr data-domain={row.key.clone()} class={classes!(row.deciding.then_some("deciding"))}>
                        <th scope="row">{ row.label.clone() }
                            if row.deciding { <span class="deciding-mark">{ format!(" ◀ {}", props.deciding_word) }</span> }
                        </th>
                        { for row.cells.iter().enumerate().map(|(i, text)| {
                            let g = i as u16 + 1;
                            let exact = row.range.0 == g && row.range.1 == g;
                            let possible = !exact && row.range.0 <= g && g <= row.range.1;
                            html! {
                                <td class={classes!(exact.then_some("hit"), possible.then_some("possible"))}
                                    data-hit={exact.then_some("true")}>
                                    if exact { <span class="mark" aria-label="patient">{ "● " }</span> }
                                    if possible { <span class="mark" aria-label="possible">{ "◌ " }</span> }
                                    { *text }
                                </td>
                            }
                        }) }
                    </tr>
                }
            }) }
            </tbody>
        </table>
        </div>
    }
}
