use iectox::{Assessment, Conclusion};
use yew::prelude::*;

use crate::components::missing_list::MissingList;
use crate::hooks::use_lang;
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct GradeResultProps {
    pub id: AttrValue,
    pub name: AttrValue,
    pub value: Option<u16>,
    pub range: (u16, u16),
    pub conclusion: Conclusion,
    pub missing: Vec<iectox::Field>,
}

/// "Grade N" (or "grade a–b, undetermined") with what is missing.
#[component(GradeResult)]
pub fn grade_result(props: &GradeResultProps) -> Html {
    let lang = use_lang();
    let text = grade_text(lang, props.value, props.range);
    html! {
        <div class="result-head">
            <p class="big">{ props.name.clone() }{ ": " }<strong id={props.id.clone()}>{ text }</strong></p>
            if props.value.is_none() {
                <p class="undetermined-note">{ tr(lang, "Grade not decided: it depends on the missing inputs below.", "Grado no decidido: depende de los datos que faltan.") }</p>
            }
            <MissingList missing={props.missing.clone()} />
        </div>
    }
}

pub fn grade_text(lang: crate::i18n::Lang, value: Option<u16>, range: (u16, u16)) -> String {
    match value {
        Some(0) => tr(lang, "no (grade 0)", "no (grado 0)").to_string(),
        Some(g) => format!("{} {g}", tr(lang, "grade", "grado")),
        None => format!("{} {}–{}", tr(lang, "grade", "grado"), range.0, range.1),
    }
}

pub fn props_of<K>(id: &'static str, name: &str, a: &Assessment<K>) -> GradeResultProps {
    GradeResultProps {
        id: id.into(),
        name: name.to_string().into(),
        value: a.value,
        range: (a.range.min, a.range.max),
        conclusion: a.conclusion,
        missing: a.missing.clone(),
    }
}
