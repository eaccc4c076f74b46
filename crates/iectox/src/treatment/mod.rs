//! Placeholder: treatment guidance as data (being written).
