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

/// The claim ids: a hash table of ordinals (claims in the order met), each with its slot.
#[derive(Default)]
pub(super) struct ClaimIds {
    table: HashTable<u32>,
    slots: Vec<Slot>,
}

/// The hash of an id.
pub(super) fn hash(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

impl ClaimIds {
    /// Room for about `n` claims (a table that grows hashes every id again).
    pub fn with_capacity(n: usize) -> Self {
        Self {
            table: HashTable::with_capacity(n),
            slots: Vec::with_capacity(n),
        }
    }

    /// The slot of `id`, if a claim has it; `id_of` gives the id of a slot.
    pub fn find<'a>(&self, id: &str, id_of: impl Fn(Slot) -> &'a str) -> Option<Slot> {
        let slots = &self.slots;
        self.table
            .find(hash(id), |&o| id_of(slots[o as usize]) == id)
            .map(|&o| slots[o as usize])
    }

    /// Adds an id not yet in the table; returns its ordinal.
    pub fn insert<'a>(&mut self, id: &str, slot: Slot, id_of: impl Fn(Slot) -> &'a str) -> u32 {
        let ordinal = self.slots.len() as u32;
        let slots = &self.slots;
        self.table
            .insert_unique(hash(id), ordinal, |&o| hash(id_of(slots[o as usize])));
        self.slots.push(slot);
        ordinal
    }

    /// Moves the claim of `ordinal` to `slot`.
    pub fn relocate(&mut self, ordinal: u32, slot: Slot) {
        self.slots[ordinal as usize] = slot;
    }
}
