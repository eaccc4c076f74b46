pub mod conclusion_badge;
pub mod field_input;
pub mod header;
pub mod missing_list;
pub mod nav;
pub mod page;
