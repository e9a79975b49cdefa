//! Classifying a column of texts, each row with its own context.

use rayon::prelude::*;

use super::{Classification, Classifier, Context};
use crate::span::{convert_offsets, OffsetUnit};

impl Classifier {
    /// Classifies a column of texts on all cores (rayon's global pool), in input order:
    /// row `i` is `classify(texts[i], &context(i))`, with its signal spans converted to
    /// `unit` (see [`convert_offsets`]). A missing text (`None`) gives `None`.
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
            .map(|(i, text)| {
                let text = text.as_ref()?.as_ref();
                let mut c = self.classify(text, &context(i));
                if unit != OffsetUnit::Utf8Byte && !c.signals.is_empty() && !text.is_ascii() {
                    let offsets: Vec<usize> = c
                        .signals
                        .iter()
                        .flat_map(|s| [s.span.start, s.span.end])
                        .collect();
                    let converted = convert_offsets(text, &offsets, unit);
                    for (s, p) in c.signals.iter_mut().zip(converted.chunks_exact(2)) {
                        s.span = p[0]..p[1];
                    }
                }
                Some(c)
            })
            .collect()
    }
}
