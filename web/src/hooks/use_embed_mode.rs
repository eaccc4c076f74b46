//! Whether this page started as an embedded calculator (`#/embed/<calc>`). Decided once, when
//! the app starts, so that a hash change can never turn an embed into a reader or writer of the
//! patient saved by the full app (or the reverse).

use std::cell::Cell;

use yew::prelude::*;

thread_local! {
    static EMBED_MODE: Cell<bool> = const { Cell::new(false) };
}

/// Reads the location hash and records the mode; called once per app start, by
/// [`use_persisted_state`](super::use_persisted_state) when it creates the state.
pub(crate) fn decide_embed_mode() -> bool {
    let embed = gloo::utils::window()
        .location()
        .hash()
        .is_ok_and(|h| h.starts_with("#/embed/"));
    EMBED_MODE.with(|m| m.set(embed));
    embed
}

/// True when the app started as an embedded calculator: its state is then ephemeral.
#[hook]
pub fn use_embed_mode() -> bool {
    EMBED_MODE.with(Cell::get)
}
