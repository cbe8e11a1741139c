//! Every claim id met so far, for duplicate ids and for claims that name other claims.
//!
//! A hash table of slots saying where each claim went (resolved, dropped for a broken
//! reference, still pending in the current batch, or deferred to the end); the id strings
//! stay with the claims themselves, so a million ids cost a few bytes each in the table,
//! not a second copy of every id.

use hashbrown::HashTable;
use std::hash::BuildHasher;

/// Where a claim with a known id is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    /// In the corpus's claims, at this index.
    Resolved(u32),
    /// Not resolved (a broken reference): in the dropped ids, at this index.
    Dropped(u32),
    /// In the batch being resolved, at this index.
    Pending(u32),
    /// Names other claims, so resolved last: in the deferred claims, at this index.
    Deferred(u32),
}

/// The claim ids, by slot.
#[derive(Default)]
pub(super) struct ClaimIds {
    table: HashTable<Slot>,
}

/// The hash of an id.
pub(super) fn hash(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

impl ClaimIds {
    /// The slot of `id`, if a claim has it; `id_of` gives the id of a slot.
    pub fn find<'a>(&self, id: &str, id_of: impl Fn(Slot) -> &'a str) -> Option<Slot> {
        self.table.find(hash(id), |&s| id_of(s) == id).copied()
    }

    /// Adds an id not yet in the table.
    pub fn insert<'a>(&mut self, id: &str, slot: Slot, id_of: impl Fn(Slot) -> &'a str) {
        self.table
            .insert_unique(hash(id), slot, |&s| hash(id_of(s)));
    }

    /// Moves the claim with `id` from slot `from` to slot `to`.
    pub fn relocate(&mut self, id: &str, from: Slot, to: Slot) {
        if let Some(s) = self.table.find_mut(hash(id), |&s| s == from) {
            *s = to;
        }
    }
}
