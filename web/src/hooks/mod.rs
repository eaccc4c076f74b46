mod use_app;
mod use_persisted_state;

pub use use_app::{use_app, use_strings};
pub use use_persisted_state::use_persisted_state;
