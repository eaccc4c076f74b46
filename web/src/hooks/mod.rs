mod use_app;
mod use_course_report;
mod use_embed_mode;
mod use_persisted_state;

pub use use_app::{use_app, use_dispatch, use_lang, use_open_patient, use_strings};
pub use use_course_report::use_course_report;
pub use use_embed_mode::use_embed_mode;
pub use use_persisted_state::use_persisted_state;
