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

    /// Some span overlaps `x` (`Span::overlaps`).
    pub fn any_overlaps(&self, x: Span) -> bool {
        // Of the spans that start before x ends, one overlaps x exactly when
        // the latest end among them is after x's start.
        let k = self.spans.partition_point(|s| s.start < x.end);
        k > 0 && self.max_end[k - 1] > x.start
    }

    /// Some span has `start <= at < end`.
    pub fn any_contains(&self, at: usize) -> bool {
        let k = self.spans.partition_point(|s| s.start <= at);
        k > 0 && self.max_end[k - 1] > at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_a_linear_scan() {
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n as u64) as usize
        };
        for _ in 0..200 {
            let spans: Vec<Span> = (0..next(12))
                .map(|_| {
                    let s = next(60);
                    Span::new(s, s + next(15))
                })
                .collect();
            let set = SpanSet::new(spans.iter().copied());
            for _ in 0..50 {
                let s = next(70);
                let x = Span::new(s, s + next(10));
                assert_eq!(set.any_overlaps(x), spans.iter().any(|y| y.overlaps(x)));
                assert_eq!(
                    set.any_contains(s),
                    spans.iter().any(|d| d.start <= s && s < d.end)
                );
            }
        }
    }
}
