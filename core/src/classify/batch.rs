//! Classifying a column of texts, each row with its own context.

use rayon::prelude::*;

use super::{Classification, Classifier, Context};
use crate::span::{OffsetUnit, SpanConverter};

/// The fewest rows a part of [`Classifier::classify_rows_into`] has (but the last), so the
/// per-part setup stays small against the classification.
const MIN_PART_ROWS: usize = 1024;

impl Classifier {
    /// Classifies a column of texts on all cores (rayon's global pool), in input order:
    /// row `i` is `classify(texts[i], &context(i))`, with its signal spans converted to
    /// `unit` (see [`convert_offsets`](crate::span::convert_offsets)). A missing text (`None`) gives `None`.
    ///
    /// This is [`Classifier::classify_batch`] for columnar data: every row may carry its own
    /// channel, reach and promotion, and the offsets come out in the caller's string
    /// indexing, converted in parallel with the classification.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::span::OffsetUnit;
    /// use webcare::{Classifier, Context, Label};
    ///
    /// let c = Classifier::default();
    /// let texts = [Some("Still waiting!!"), None, Some("Dank je wel 😀")];
    /// let reach = [Some(10_u64), None, Some(50_000)];
    /// let out = c.classify_rows(&texts, |i| Context { reach: reach[i], ..Context::default() }, OffsetUnit::CodePoint);
    /// assert_eq!(out[0].as_ref().map(|c| c.label), Some(Label::Complaint));
    /// assert!(out[1].is_none());
    /// let one = c.classify("Still waiting!!", &Context { reach: Some(10), ..Context::default() });
    /// assert_eq!(out[0].as_ref(), Some(&one));
    /// ```
    pub fn classify_rows<T, F>(
        &self,
        texts: &[Option<T>],
        context: F,
        unit: OffsetUnit,
    ) -> Vec<Option<Classification>>
    where
        T: AsRef<str> + Sync,
        F: Fn(usize) -> Context + Sync,
    {
        texts
            .par_iter()
            .enumerate()
            .map(|(i, text)| self.classify_row(text.as_ref(), &context(i), unit))
            .collect()
    }

    /// [`Classifier::classify_rows`] without the vector of results: the column is cut into
    /// contiguous parts, classified on all cores, and every row's result (`None` for a
    /// missing text) is handed in order to `visit` with its part's sink, made by
    /// `new(rows_in_part)`. Returns the sinks in input order; their rows, concatenated, are
    /// the rows of `classify_rows`.
    ///
    /// A caller that builds a columnar result (such as Arrow arrays) writes each part's
    /// columns while the part is classified and only concatenates at the end. On one
    /// thread the whole column is one part; on more, each thread gets several parts so that
    /// uneven texts balance out.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::span::OffsetUnit;
    /// use webcare::{Classifier, Context};
    ///
    /// let c = Classifier::default();
    /// let texts = [Some("Still waiting!!"), None, Some("Dank je wel 😀")];
    /// let parts = c.classify_rows_into(
    ///     &texts,
    ///     |_| Context::default(),
    ///     OffsetUnit::CodePoint,
    ///     Vec::with_capacity,
    ///     |labels: &mut Vec<Option<&'static str>>, row| labels.push(row.map(|r| r.label.code())),
    /// );
    /// let labels: Vec<_> = parts.into_iter().flatten().collect();
    /// assert_eq!(labels, [Some("complaint"), None, Some("praise")]);
    /// ```
    pub fn classify_rows_into<T, F, S, N, V>(
        &self,
        texts: &[Option<T>],
        context: F,
        unit: OffsetUnit,
        new: N,
        visit: V,
    ) -> Vec<S>
    where
        T: AsRef<str> + Sync,
        F: Fn(usize) -> Context + Sync,
        S: Send,
        N: Fn(usize) -> S + Sync,
        V: Fn(&mut S, Option<&Classification>) + Sync,
    {
        let threads = rayon::current_num_threads();
        let parts = if threads <= 1 { 1 } else { threads * 4 };
        let part_rows = texts.len().div_ceil(parts).max(MIN_PART_ROWS);
        texts
            .par_chunks(part_rows)
            .enumerate()
            .map(|(p, chunk)| {
                let mut sink = new(chunk.len());
                for (j, text) in chunk.iter().enumerate() {
                    let context = context(p * part_rows + j);
                    let row = self.classify_row(text.as_ref(), &context, unit);
                    visit(&mut sink, row.as_ref());
                }
                sink
            })
            .collect()
    }

    /// One row of [`Classifier::classify_rows`].
    fn classify_row<T: AsRef<str>>(
        &self,
        text: Option<&T>,
        context: &Context,
        unit: OffsetUnit,
    ) -> Option<Classification> {
        let text = text?.as_ref();
        let mut c = self.classify(text, context);
        if unit != OffsetUnit::Utf8Byte && !c.signals.is_empty() {
            // Signals come sorted by span: one pass over the text converts them all.
            let mut spans = SpanConverter::new(text, unit);
            for s in &mut c.signals {
                s.span = spans.convert(s.span.clone());
            }
        }
        Some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_rows_into_gives_the_rows_of_classify_rows_in_order() {
        let c = Classifier::default();
        let base = [
            Some("Still waiting!! 😡"),
            None,
            Some("Dank je wel 😀"),
            Some("where is my parcel?"),
        ];
        let texts: Vec<Option<&str>> = base.iter().cycle().take(5000).copied().collect();
        let context = |i: usize| Context {
            reach: Some(i as u64),
            ..Context::default()
        };
        for unit in [
            OffsetUnit::CodePoint,
            OffsetUnit::Utf16,
            OffsetUnit::Utf8Byte,
        ] {
            let expected = c.classify_rows(&texts, context, unit);
            let parts = c.classify_rows_into(&texts, context, unit, Vec::with_capacity, |v, r| {
                v.push(r.cloned())
            });
            let got: Vec<_> = parts.into_iter().flatten().collect();
            assert_eq!(got, expected);
        }
    }
}
