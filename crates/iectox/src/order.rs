//! Stable sorting compiled once for every element type.
//!
//! `slice::sort_by` is generic: each element type and comparator gets its own copy of the
//! standard library's sort (about 3.5 KB of WebAssembly each, twenty-odd copies in the app).
//! Here the sort runs once, on indices, through a `dyn` comparator, and only a few bytes of
//! element moves are generic. The result is exactly `slice::sort_by`'s: stable, equal
//! elements keep their order.

use alloc::vec::Vec;
use core::cmp::Ordering;

/// The indices `0..len` in the stable order of `cmp` (which compares two indices).
#[inline(never)]
pub fn stable_order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Puts the item at `order[k]` at `k` for every `k`, by swaps, following each cycle of the
/// permutation once.
#[inline(never)]
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != DONE {
            let next = order[k];
            order[k] = DONE;
            if next == start {
                break;
            }
            swap(k, next);
            k = next;
        }
    }
}

/// Sorts `v` stably by `cmp`: the same result as `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = {
        let v = &*v;
        stable_order(v.len(), &|a, b| cmp(&v[a], &v[b]))
    };
    permute(order, &mut |a, b| v.swap(a, b));
}

/// Sorts `v` stably by the key `f`: the same result as `v.sort_by_key(f)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], f: impl Fn(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `v` and removes repeated items: the items of a `BTreeSet` built from `v`, in order.
pub fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
    v.dedup();
}

/// Sorts a short slice of plain values (a few dozen fields): the same result as
/// `sort_unstable` for types whose equal values are indistinguishable (`Field`), by insertion,
/// without allocating, in one small copy of code instead of std's unstable sort.
pub fn sort_small<T: Ord + Copy>(v: &mut [T]) {
    for i in 1..v.len() {
        let x = v[i];
        let mut j = i;
        while j > 0 && v[j - 1] > x {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn same_as_the_standard_stable_sort() {
        // Pseudo-random keys with many ties; the second member records the input order.
        let mut seed = 12345u32;
        for len in [0usize, 1, 2, 3, 7, 20, 33, 100, 257] {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    ((seed >> 16) % 5, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|x| x.0);
            let mut got = items.clone();
            sort_by_key(&mut got, |x| x.0);
            assert_eq!(got, expected, "len {len}");
            let mut rev = items.clone();
            rev.sort_by_key(|x| core::cmp::Reverse(x.0));
            let mut got = items;
            sort_by(&mut got, |a, b| b.0.cmp(&a.0));
            assert_eq!(got, rev, "len {len}, descending");
        }
    }

    #[test]
    fn sort_small_is_sort_unstable() {
        let mut seed = 7u32;
        for len in [0usize, 1, 2, 5, 40, 90] {
            let items: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    ((seed >> 16) % 23) as u8
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_unstable();
            let mut got = items;
            sort_small(&mut got);
            assert_eq!(got, expected, "len {len}");
        }
    }

    #[test]
    fn sort_dedup_is_a_sets_order() {
        let mut v = vec![3, 1, 3, 2, 1];
        sort_dedup(&mut v);
        assert_eq!(v, [1, 2, 3]);
    }
}
