//! The app state, loaded from and stored in this browser only (see [`crate::storage`]), and
//! kept in step with every other tab of the same origin.

use crate::vec_map::VecMap;
use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::use_embed_mode::decide_embed_mode;
use crate::course::{now, PatientRecord};
use crate::i18n::Lang;
use crate::state::{Action, AppContext, AppState, Notices};
use crate::storage::{self, Decoded, Problem, Saved, QUARANTINE_PREFIX, RECORD_PREFIX};

/// What this tab knows of storage, per patient id.
#[derive(Default)]
struct Book {
    /// The stored version this tab last wrote or took (the same `Rc` as in the state while
    /// nothing changed here since: then there is nothing to store).
    base: VecMap<String, Rc<PatientRecord>>,
    /// The text this tab last wrote or took, and that its state includes: when storage still
    /// holds exactly it, no other tab wrote since, and the record is stored without merging.
    written: VecMap<String, String>,
    problem: Option<Problem>,
    /// The patients as last changed, not stored yet (typing: see [`SAVE_DELAY_MS`]).
    pending: Option<Rc<Patients>>,
    /// Stores `pending` after a pause in typing; replacing it cancels the previous one.
    timer: Option<Timeout>,
    /// Typing is going on (a keystroke less than [`SAVE_DELAY_MS`] ago): keystrokes are
    /// coalesced.
    burst: bool,
}

type Patients = crate::vec_map::VecMap<String, Rc<PatientRecord>>;

/// Keystrokes that follow one another within this time are stored together, this long after
/// the last one (the first keystroke and any other change at once, and everything pending as
/// soon as the page is hidden or left): writing a long course on every keystroke cost more than
/// a frame.
const SAVE_DELAY_MS: u32 = 300;

/// Stores what is pending (nothing when nothing is).
fn flush(book: &RefCell<Book>, dispatcher: &UseReducerDispatcher<AppState>) {
    let actions = {
        let mut b = book.borrow_mut();
        let Some(patients) = b.pending.take() else {
            return;
        };
        store_changes(&patients, &mut b)
    };
    for a in actions {
        dispatcher.dispatch(a);
    }
}

/// Compares by pointer: the effect that stores runs when the map of patients is a new one.
#[derive(Clone)]
struct ByPtr<T>(Rc<T>);

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The app state. Every change to a patient is stored (merged with what another tab stored
/// meanwhile, never written over it): at once, except keystrokes that follow the first one of a
/// burst of typing, stored [`SAVE_DELAY_MS`] after the last one or as soon as the page is
/// hidden, reloaded or closed (`visibilitychange`, `pagehide`); other tabs' changes arrive by the `storage` event and are merged in. The
/// language is kept apart from the patients.
///
/// An app started as an embedded calculator (`#/embed/...`) is ephemeral: it starts empty and
/// never reads, writes or clears stored patients, so the frame shows no other patient and
/// leaves nothing behind. It only reads the language preference, which is not patient data.
#[hook]
pub fn use_persisted_state() -> AppContext {
    let embed = *use_memo((), |()| decide_embed_mode());
    let book: Rc<RefCell<Book>> = use_mut_ref(Book::default);
    let state = {
        let book = book.clone();
        use_reducer(move || {
            let lang = storage::lang().unwrap_or_else(browser_lang);
            if embed {
                let mut state = AppState::with_patients(lang, Vec::new(), None);
                state.embed = true;
                return state;
            }
            initial_state(lang, &mut book.borrow_mut())
        })
    };

    // Store every patient that changed, and delete those removed here.
    {
        let book = book.clone();
        let dispatcher = state.dispatcher();
        let typing = state.typing;
        use_effect_with(ByPtr(state.patients.clone()), move |patients| {
            if embed {
                return;
            }
            let mut b = book.borrow_mut();
            b.pending = Some(patients.0.clone());
            let coalesce = typing && b.burst;
            // Typing: the first keystroke is stored at once (a single edit behaves as any other
            // change), the next ones when typing pauses.
            b.burst = typing;
            b.timer = typing.then(|| {
                let book = book.clone();
                let dispatcher = dispatcher.clone();
                Timeout::new(SAVE_DELAY_MS, move || {
                    book.borrow_mut().burst = false;
                    flush(&book, &dispatcher);
                })
            });
            drop(b);
            if !coalesce {
                flush(&book, &dispatcher);
            }
        });
    }
    // Nothing typed is lost: what is pending is stored when the page is hidden (another tab,
    // app switch, screen off) or left (reload, close, navigation).
    {
        let book = book.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| {
            let listeners = (!embed).then(|| {
                let on_hide = {
                    let book = book.clone();
                    let dispatcher = dispatcher.clone();
                    move |_: &web_sys::Event| {
                        if gloo::utils::document().hidden() {
                            flush(&book, &dispatcher);
                        }
                    }
                };
                let on_leave = move |_: &web_sys::Event| flush(&book, &dispatcher);
                [
                    EventListener::new(&gloo::utils::document(), "visibilitychange", on_hide),
                    EventListener::new(&gloo::utils::window(), "pagehide", on_leave),
                ]
            });
            move || drop(listeners)
        });
    }
    use_effect_with(state.current.clone(), move |id| {
        if !embed {
            storage::remember_patient(id);
        }
    });
    // Other tabs' changes.
    {
        let book = book.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| {
            let listener = (!embed).then(|| {
                EventListener::new(&gloo::utils::window(), "storage", move |e| {
                    if let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() {
                        for a in storage_event(e, &mut book.borrow_mut()) {
                            dispatcher.dispatch(a);
                        }
                    }
                })
            });
            move || drop(listener)
        });
    }
    use_effect_with(state.lang, move |lang| {
        if !embed {
            storage::set_lang(*lang);
        }
        if let Some(html) = gloo::utils::document().document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
    });
    state
}

/// Loads the patients and opens: this tab's patient (a reload), else the one opened last,
/// else the one changed last (not archived), else a new one.
fn initial_state(lang: Lang, book: &mut Book) -> AppState {
    let loaded = storage::load(now());
    let ids: Vec<&str> = loaded.records.iter().map(|r| r.id.as_str()).collect();
    let last = storage::last_patient()
        .filter(|id| loaded.records.iter().any(|r| &r.id == id && !r.archived));
    let recent = loaded
        .records
        .iter()
        .filter(|r| !r.archived)
        .max_by_key(|r| r.updated)
        .map(|r| r.id.clone());
    let open = storage::tab_patient()
        .filter(|id| ids.contains(&id.as_str()) || !storage::is_deleted(id))
        .or(last)
        .or(recent);
    let mut state = AppState::with_patients(lang, loaded.records, open);
    for (id, r) in state.patients.iter() {
        if let Some(raw) = loaded.raws.get(id) {
            book.base.insert(id.clone(), r.clone());
            book.written.insert(id.clone(), raw.clone());
        }
    }
    book.problem = loaded.problem.clone();
    state.notices = Rc::new(Notices {
        quarantined: loaded.quarantined,
        problem: loaded.problem,
        newer: loaded.newer.len(),
        ..Notices::default()
    });
    state
}

/// Stores what changed since the last call; the actions bring back into the state what
/// storage held (another tab's changes, merged) or why storing failed.
fn store_changes(patients: &Patients, book: &mut Book) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut problem = None;
    let mut tried = false;
    for (id, record) in patients {
        let base = book.base.get(id);
        if base.is_some_and(|b| Rc::ptr_eq(b, record)) || (base.is_none() && record.is_empty()) {
            continue;
        }
        tried = true;
        match storage::save(record, book.written.get(id).map(String::as_str)) {
            Ok(Saved::Written { raw }) => {
                book.base.insert(id.clone(), record.clone());
                book.written.insert(id.clone(), raw);
            }
            Ok(Saved::Merged { record, raw }) | Ok(Saved::Adopt { record, raw }) => {
                let record = Rc::new(record);
                let base = book.base.insert(id.clone(), record.clone());
                book.written.insert(id.clone(), raw);
                actions.push(Action::Incoming { record, base });
            }
            Ok(Saved::Deleted) => {
                book.base.remove(id);
                book.written.remove(id);
                actions.push(Action::RemovedElsewhere(id.clone()));
            }
            Err(p) => problem = Some(p),
        }
    }
    let gone: Vec<String> = book
        .base
        .keys()
        .filter(|id| !patients.contains_key(*id))
        .cloned()
        .collect();
    for id in gone {
        tried = true;
        match storage::delete(&id, now()) {
            Ok(()) => {
                book.base.remove(&id);
                book.written.remove(&id);
            }
            Err(p) => problem = Some(p),
        }
    }
    // A problem is cleared only by a write that worked.
    if tried && problem != book.problem {
        book.problem = problem.clone();
        actions.push(Action::StorageProblem(problem));
    }
    actions
}

/// Another tab changed storage.
fn storage_event(e: &web_sys::StorageEvent, book: &mut Book) -> Vec<Action> {
    let Some(key) = e.key() else {
        // Cleared: every patient this tab holds is stored again (nothing was deleted on
        // purpose: deleting one patient leaves a tombstone).
        let ids: Vec<String> = book.base.keys().cloned().collect();
        let mut actions: Vec<Action> = ids
            .into_iter()
            .filter(|id| storage::read(id).is_none())
            .map(|id| {
                book.base.remove(&id);
                book.written.remove(&id);
                Action::Rewrite(id)
            })
            .collect();
        actions.push(Action::Quarantined(storage::quarantined()));
        return actions;
    };
    if key.starts_with(QUARANTINE_PREFIX) {
        return vec![Action::Quarantined(storage::quarantined())];
    }
    let Some(id) = key.strip_prefix(RECORD_PREFIX) else {
        return Vec::new();
    };
    match e.new_value() {
        Some(raw) => match storage::decode(&raw) {
            Ok(Decoded::Record(r)) if r.id == id => {
                let record = Rc::new(*r);
                let base = book.base.insert(id.to_owned(), record.clone());
                vec![Action::Incoming { record, base }]
            }
            Ok(Decoded::Newer(_)) => vec![Action::StorageProblem(Some(Problem::Newer))],
            // Unreadable: left for the next load to set aside.
            _ => Vec::new(),
        },
        None => {
            book.base.remove(id);
            book.written.remove(id);
            if storage::is_deleted(id) {
                vec![Action::RemovedElsewhere(id.to_owned())]
            } else {
                vec![Action::Rewrite(id.to_owned())]
            }
        }
    }
}

fn browser_lang() -> Lang {
    let nav = gloo::utils::window().navigator();
    match nav.language() {
        Some(l) if l.starts_with("es") => Lang::Es,
        _ => Lang::En,
    }
}
