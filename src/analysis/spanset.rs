//! Span sets answering "does anything here overlap / contain this?" in
//! O(log n), for passes that used to ask every span in the document (which
//! made long documents quadratic).

use super::types::Span;

/// Spans sorted by start with the running maximum of their ends.
pub struct SpanSet {
    spans: Vec<Span>,
    max_end: Vec<usize>,
}

impl SpanSet {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanSet {
        let mut spans: Vec<Span> = spans.into_iter().collect();
        spans.sort_by_key(|s| s.start);
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for s in &spans {
            m = m.max(s.end);
            max_end.push(m);
        }
        SpanSet { spans, max_end }
    }

    /// Some span overlaps `x` (`Span::overlaps`). The search starts where
    /// the last one with this cursor ended: queries in order of position
    /// each cost a few probes near the last one instead of a binary search
    /// of the whole set (the answer is the same for any cursor).
    pub fn any_overlaps_from(&self, x: Span, cursor: &mut usize) -> bool {
        // Of the spans that start before x ends, one overlaps x exactly when
        // the latest end among them is after x's start.
        let k = partition_point_near(&self.spans, *cursor, |s| s.start < x.end);
        *cursor = k;
        k > 0 && self.max_end[k - 1] > x.start
    }

    /// Some span has `start <= at < end`.
    pub fn any_contains(&self, at: usize) -> bool {
        let k = self.spans.partition_point(|s| s.start <= at);
        k > 0 && self.max_end[k - 1] > at
    }
}

/// `items.partition_point(pred)` (`pred` true on a prefix, false after it),
/// searched outward from index `hint` in growing steps: the answer is the
/// same, but an answer near the hint costs a few probes close together
/// instead of a binary search over the whole slice, which on a long text
/// misses the cache at every level below the top few.
pub fn partition_point_near<T>(items: &[T], hint: usize, pred: impl Fn(&T) -> bool) -> usize {
    let n = items.len();
    let hint = hint.min(n);
    if hint < n && pred(&items[hint]) {
        // The answer is past `hint`: `lo` is the first index not known true.
        let mut lo = hint + 1;
        let mut step = 1;
        loop {
            let probe = hint + step;
            if probe >= n {
                return lo + items[lo..].partition_point(&pred);
            }
            if !pred(&items[probe]) {
                return lo + items[lo..probe].partition_point(&pred);
            }
            lo = probe + 1;
            step *= 2;
        }
    } else {
        // The answer is at or before `hint`: from `hi` on, all are false.
        let mut hi = hint;
        let mut step = 1;
        loop {
            if step > hi {
                return items[..hi].partition_point(&pred);
            }
            let probe = hi - step;
            if pred(&items[probe]) {
                return probe + 1 + items[probe + 1..hi].partition_point(&pred);
            }
            hi = probe;
            step *= 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A seeded generator of numbers below `n`.
    fn rng(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n as u64) as usize
        }
    }

    #[test]
    fn partition_point_near_agrees_with_partition_point() {
        let mut next = rng(11);
        for _ in 0..300 {
            let mut v: Vec<usize> = (0..next(40)).map(|_| next(100)).collect();
            v.sort();
            for _ in 0..40 {
                let x = next(110);
                let hint = next(v.len() + 3);
                assert_eq!(
                    partition_point_near(&v, hint, |&y| y < x),
                    v.partition_point(|&y| y < x)
                );
            }
        }
    }

    #[test]
    fn agrees_with_a_linear_scan() {
        let mut next = rng(7);
        for _ in 0..200 {
            let spans: Vec<Span> = (0..next(12))
                .map(|_| {
                    let s = next(60);
                    Span::new(s, s + next(15))
                })
                .collect();
            let set = SpanSet::new(spans.iter().copied());
            let mut cursor = next(spans.len() + 2);
            for _ in 0..50 {
                let s = next(70);
                let x = Span::new(s, s + next(10));
                assert_eq!(
                    set.any_overlaps_from(x, &mut cursor),
                    spans.iter().any(|y| y.overlaps(x))
                );
                assert_eq!(
                    set.any_contains(s),
                    spans.iter().any(|d| d.start <= s && s < d.end)
                );
            }
        }
    }
}
