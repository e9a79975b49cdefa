//! The inbox: a streaming pipeline from messages to a prioritized queue and a report.
//!
//! An [`Inbox`] takes messages one at a time ([`Inbox::push`]) or in batches
//! ([`Inbox::push_batch`], which classifies the batch's customer texts in parallel and then
//! applies the messages in order). For each message it
//!
//! 1. finds its **conversation** (below) and feeds the conversation's [`Case`](crate::Case): a customer
//!    message is a `customer_message` on its channel, a company message a `reply_public` on
//!    a public channel and a `reply_private` otherwise;
//! 2. for a customer message: **classifies** its text (context: channel, reach, promoted),
//!    looks up the **contact** (the author's normalized handle, merged over the links given
//!    to [`Inbox::link`]) and the other channels the contact wrote on within the repeat
//!    window, and **triages** it with the time since the conversation's first unanswered
//!    complaint and the business time left on its running first- or next-reply clock. When
//!    triage raises the conversation's priority, a `priority_change` event is applied (the
//!    priority never drops by itself);
//! 3. for a company message: records it as an **answer** (its text, and as question the
//!    customer message it replies to, else the conversation's latest customer message) for
//!    the consistency check.
//!
//! [`Inbox::queue`] lists the conversations waiting for an answer; [`Inbox::report`] gives
//! the [`Report`], and [`Inbox::report_part`] the [`ReportPart`] it is made from.
//!
//! # Conversations
//!
//! A message joins the conversation of its `case_id` when it has one. Otherwise it joins
//! the conversation of its `reply_to` message when that message is known; when `reply_to`
//! names a message not seen yet, a conversation is registered under that id, so the parent
//! joins it when it arrives later. Otherwise it starts a conversation under its own id. A
//! conversation's id is its case id or the id it was registered under.
//!
//! Input should be roughly in time order (a conversation is found through messages already
//! seen); within a conversation any order works, as the case replays its events in time
//! order. A message whose id was seen before is ignored; one that reuses a known id with a
//! different instant, channel or direction is an error.
//!
//! # Memory
//!
//! The inbox keeps the open conversations and, per contact, the inbound channels of the
//! repeat window; nothing else grows with the number of messages. Every 16,384 messages it
//! forgets contacts idle longer than the repeat window, and folds into the report's
//! accumulators (and forgets) the conversations idle longer than the retention (7 days by
//! default, measured against the latest instant seen) that have no complaint waiting and no
//! clock running or paused. Such a conversation's figures no longer change, so the report
//! is the same whether or not it was folded in yet. A sweep looks only at the conversations
//! whose latest message is older than the retention (kept in time order), and looks again
//! at one whose complaint waits only after it gets a new message. A message that arrives for a
//! conversation after it was folded in starts a new one.

mod contacts;
mod conversation;
mod json_line;
mod queue;
pub mod source;

use foldhash::HashMap;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{DateTime, TimeDelta, Utc};
use rayon::prelude::*;

use crate::classify::{Classification, Classifier, Context, Label};
use crate::consistency::{Answer, ConsistencyChecker};
use crate::contact::{Handle, Link, RepeatOptions};
use crate::error::{Error, Result};
use crate::message::Message;
use crate::policy::Policy;
use crate::report::tally::Tally;
use crate::report::{Report, ReportPart};
use crate::triage::{TriageInput, Triager};

use contacts::{handle_of, Contacts};
use conversation::{Conversation, TriageMemo};
pub use queue::QueueItem;
use queue::Rank;
pub use source::{Batches, ColumnMapping, MessageReader};

/// How often (in messages) the inbox looks for conversations and contacts to fold in.
const SWEEP_EVERY: u64 = 16_384;

/// The options of an [`Inbox`]. [`InboxOptions::default`] gives the preset policy, the
/// default classifier and triager, a 7-day repeat window, a 7-day retention and consistency
/// windows of 5,000 answers.
#[derive(Debug, Clone)]
pub struct InboxOptions {
    /// The response-time policy of every conversation's case.
    pub policy: Policy,
    /// Classifies customer messages.
    pub classifier: Classifier,
    /// Triages customer messages.
    pub triager: Triager,
    /// The repeat-contact window: earlier channels of the same contact within it raise
    /// triage; contacts idle longer are forgotten.
    pub repeat: RepeatOptions,
    /// How long a finished conversation stays open after its latest message before it is
    /// folded into the report and forgotten.
    pub retention: TimeDelta,
    /// How many consecutive company answers are checked for consistency together.
    pub consistency_window: usize,
}

impl Default for InboxOptions {
    fn default() -> InboxOptions {
        InboxOptions {
            policy: Policy::preset(),
            classifier: Classifier::default(),
            triager: Triager::default(),
            repeat: RepeatOptions::default(),
            retention: TimeDelta::days(7),
            consistency_window: 5_000,
        }
    }
}

/// The streaming pipeline. See the [module docs](self).
///
/// # Example
///
/// ```
/// use webcare::inbox::{Inbox, InboxOptions};
/// use webcare::{Message, Priority};
///
/// let mut inbox = Inbox::new(InboxOptions::default());
/// inbox.link("x:@ann".parse()?, "email:ann@example.com".parse()?, "gave her address in a DM");
/// inbox.push(Message::from_json(r#"{"id": "e1", "channel": "email", "direction": "inbound",
///     "author": "ann@example.com", "sent_at": "2026-03-05T09:00:00Z",
///     "text": "Where is my refund? I have been waiting for weeks."}"#)?)?;
/// inbox.push(Message::from_json(r#"{"id": "x1", "channel": "x", "direction": "inbound",
///     "author": "@Ann", "sent_at": "2026-03-06T10:00:00Z", "reach": 40000,
///     "text": "Still no refund after 6 weeks and nobody answers my emails! #fail"}"#)?)?;
/// let now = webcare::parse_instant("2026-03-06T10:10:00Z")?;
/// let queue = inbox.queue(now, 20);
/// assert_eq!(queue.len(), 2);
/// assert_eq!(queue[0].message_id, "x1");
/// assert!(queue[0].priority >= Priority::High);
/// assert_eq!(inbox.report(now).total.inbound, 2);
/// # Ok::<(), webcare::Error>(())
/// ```
#[derive(Debug)]
pub struct Inbox {
    options: InboxOptions,
    checker: ConsistencyChecker,
    /// Boxed: a map's spare slots then cost a pointer each, not a whole conversation.
    conversations: HashMap<u64, Box<Conversation>>,
    by_case: HashMap<Box<str>, u64>,
    /// Message id to conversation, and whether the message was seen (else it is awaited).
    by_message: HashMap<Box<str>, (u64, bool)>,
    next_key: u64,
    contacts: Contacts,
    links: Vec<Link>,
    answers: Vec<Answer>,
    tally: Tally,
    latest: Option<DateTime<Utc>>,
    pushed: u64,
    since_sweep: u64,
    /// Conversations to look at in a sweep, by the instant from which they may be folded in
    /// (their last message plus the retention, or when their clocks reach their targets).
    /// A conversation has one live entry, at its `sweep_at`; others are stale and skipped.
    due: BinaryHeap<Reverse<(DateTime<Utc>, u64)>>,
}

impl Inbox {
    /// An empty inbox.
    pub fn new(options: InboxOptions) -> Inbox {
        let tally = Tally::new(&options.policy);
        Inbox {
            contacts: Contacts::new(options.repeat.window()),
            checker: ConsistencyChecker::default(),
            options,
            conversations: HashMap::default(),
            by_case: HashMap::default(),
            by_message: HashMap::default(),
            next_key: 0,
            links: Vec::new(),
            answers: Vec::new(),
            tally,
            latest: None,
            pushed: 0,
            since_sweep: 0,
            due: BinaryHeap::new(),
        }
    }

    /// The options.
    pub fn options(&self) -> &InboxOptions {
        &self.options
    }

    /// Records that two handles belong to one person, with the evidence. Messages pushed
    /// afterwards see the merged contact.
    pub fn link(&mut self, a: Handle, b: Handle, evidence: impl Into<String>) {
        self.contacts.link(&a, &b);
        self.links.push(Link {
            a,
            b,
            evidence: evidence.into(),
        });
    }

    /// The links given so far.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// Messages pushed (duplicates included).
    pub fn pushed(&self) -> u64 {
        self.pushed
    }

    /// Conversations held open now.
    pub fn open_conversations(&self) -> usize {
        self.conversations.len()
    }

    /// Contacts held now (those that wrote within the repeat window).
    pub fn open_contacts(&self) -> usize {
        self.contacts.len()
    }

    /// The latest message instant seen.
    pub fn latest(&self) -> Option<DateTime<Utc>> {
        self.latest
    }

    fn context(message: &Message) -> Context {
        Context {
            channel: Some(message.channel.clone()),
            reach: message.reach,
            promoted: message.promoted,
        }
    }

    /// Adds one message (see the [module docs](self)).
    ///
    /// # Errors
    ///
    /// `empty_field` for a message without id or author; `duplicate_message_id` for a
    /// message that reuses a known id with another instant, channel or direction; an error
    /// of the consistency check.
    pub fn push(&mut self, message: Message) -> Result<()> {
        let classification = message.is_inbound().then(|| {
            self.options
                .classifier
                .classify(&message.text, &Inbox::context(&message))
        });
        self.apply(&message, classification.as_ref())
    }

    /// Parses JSON lines (blank lines skipped) and pushes the messages, as one batch.
    /// `first_line` is the number of the first line (1 for a whole file), so that when a
    /// host feeds a file in chunks an error still names the line of the file. Returns how
    /// many messages were pushed.
    ///
    /// # Errors
    ///
    /// `invalid_record` for the first malformed line, after the messages before it are
    /// pushed (none is lost); else as [`Inbox::push_batch`].
    pub fn push_json_lines(&mut self, bytes: &[u8], first_line: u64) -> Result<usize> {
        let mut messages = Vec::new();
        let mut failure = None;
        for message in MessageReader::json_lines(bytes) {
            match message {
                Ok(m) => messages.push(m),
                Err(Error::InvalidRecord {
                    line,
                    column,
                    reason,
                }) => {
                    failure = Some(Error::InvalidRecord {
                        line: line + first_line.saturating_sub(1),
                        column,
                        reason,
                    });
                    break;
                }
                Err(other) => {
                    failure = Some(other);
                    break;
                }
            }
        }
        self.push_batch(&messages)?;
        failure.map_or(Ok(messages.len()), Err)
    }

    /// Adds messages in order, classifying the customer texts of the batch in parallel
    /// first (rayon; `RAYON_NUM_THREADS=1` makes it sequential). The result is the same as
    /// pushing them one by one.
    ///
    /// # Errors
    ///
    /// As [`Inbox::push`], for the first message that fails; the messages before it are
    /// applied.
    pub fn push_batch(&mut self, messages: &[Message]) -> Result<()> {
        let classifier = &self.options.classifier;
        let classified: Vec<Option<Classification>> = messages
            .par_iter()
            .map(|m| {
                m.is_inbound()
                    .then(|| classifier.classify(&m.text, &Inbox::context(m)))
            })
            .collect();
        for (message, classification) in messages.iter().zip(classified.iter()) {
            self.apply(message, classification.as_ref())?;
        }
        Ok(())
    }

    fn new_conversation(&mut self, key: &str, at: DateTime<Utc>) -> u64 {
        let k = self.next_key;
        self.next_key += 1;
        self.conversations.insert(
            k,
            Box::new(Conversation::new(key, &self.options.policy, at)),
        );
        k
    }

    /// Finds (or starts) the conversation of a message not seen before.
    fn conversation_for(&mut self, message: &Message) -> u64 {
        if let Some(case_id) = &message.case_id {
            if let Some(k) = self.by_case.get(case_id.as_str()) {
                return *k;
            }
            let k = self.new_conversation(case_id, message.sent_at);
            if let Some(c) = self.conversations.get_mut(&k) {
                c.case_id = Some(case_id.as_str().into());
            }
            self.by_case.insert(case_id.as_str().into(), k);
            return k;
        }
        if let Some((k, false)) = self.by_message.get(message.id.as_str()) {
            return *k;
        }
        if let Some(parent) = &message.reply_to {
            if let Some((k, _)) = self.by_message.get(parent.as_str()) {
                return *k;
            }
            let k = self.new_conversation(parent, message.sent_at);
            if let Some(c) = self.conversations.get_mut(&k) {
                c.awaited.push(parent.as_str().into());
            }
            self.by_message.insert(parent.as_str().into(), (k, false));
            return k;
        }
        self.new_conversation(&message.id, message.sent_at)
    }

    fn apply(&mut self, message: &Message, classification: Option<&Classification>) -> Result<()> {
        message.validate()?;
        self.pushed += 1;
        if let Some((k, true)) = self.by_message.get(message.id.as_str()) {
            let same = self
                .conversations
                .get(k)
                .and_then(|c| c.find(&message.id))
                .is_none_or(|e| {
                    e.at == message.sent_at
                        && e.channel == message.channel
                        && e.inbound.is_some() == message.is_inbound()
                });
            return if same {
                Ok(())
            } else {
                Err(Error::DuplicateMessageId {
                    id: message.id.clone(),
                })
            };
        }
        let k = self.conversation_for(message);
        self.by_message
            .insert(message.id.as_str().into(), (k, true));
        self.latest = Some(
            self.latest
                .map_or(message.sent_at, |l| l.max(message.sent_at)),
        );

        let Some(conversation) = self.conversations.get_mut(&k) else {
            return Ok(());
        };
        conversation.add(message, classification)?;
        // One live queue entry per conversation: a new message queues it only when it is not
        // queued, or queued later than it may now be folded in (its clocks' targets).
        let foldable_after = conversation.foldable_after(self.options.retention);
        if conversation.sweep_at.is_none_or(|at| at > foldable_after) {
            conversation.sweep_at = Some(foldable_after);
            self.due.push(Reverse((foldable_after, k)));
        }
        match classification {
            Some(c) => {
                let earlier = match handle_of(&message.channel, &message.author) {
                    Some(handle) => {
                        let earlier =
                            self.contacts
                                .record(&handle, &message.channel, message.sent_at);
                        if !conversation.handles.contains(&handle) {
                            conversation.handles.push(handle);
                        }
                        earlier
                    }
                    None => Vec::new(),
                };
                let now = message.sent_at;
                let mut input = TriageInput::new(message, c, now).with_earlier_channels(earlier);
                if let Some(since) = conversation.unresolved_since(now) {
                    input = input.with_unresolved_since(since);
                }
                if let Some((left, target)) = conversation.sla_left(now) {
                    input = input.with_sla_left(left, target);
                }
                // Only the score is kept (the texts are built for the queue's items).
                let score = self.options.triager.score(&input);
                let priority = self.options.triager.weights().thresholds.priority(score);
                conversation.raise(&message.id, now, priority);
                // The queue shows the most urgent message since the company last wrote: a
                // later "any news?" does not hide the complaint before it.
                let last_reply = conversation.last_reply(now);
                let keep = conversation.triage.as_ref().is_none_or(|t| {
                    t.at() <= now && (last_reply.is_some_and(|r| r >= t.at()) || score >= t.score)
                });
                if keep {
                    conversation.triage = Some(TriageMemo::new(input, score));
                }
            }
            None => {
                // Consistency is about answers to the same question: the company's replies to
                // complaints, thanks and follow-ups are personal and never compared.
                if let Some(question) = conversation
                    .question(message.reply_to.as_deref(), message.sent_at)
                    .filter(|q| q.label == Label::Question && !q.text.trim().is_empty())
                    .map(|q| &*q.text)
                {
                    self.answers.push(Answer::new(
                        message.channel.clone(),
                        message.sent_at,
                        question,
                        &message.text,
                    ));
                    if self.answers.len() >= self.options.consistency_window.max(1) {
                        self.check_answers()?;
                    }
                }
            }
        }
        self.since_sweep += 1;
        if self.since_sweep >= SWEEP_EVERY {
            self.sweep();
        }
        Ok(())
    }

    fn check_answers(&mut self) -> Result<()> {
        let report = self.checker.check(&self.answers)?;
        let channels: Vec<_> = self.answers.iter().map(|a| a.channel.clone()).collect();
        self.tally.add_consistency(&report, &channels);
        self.tally.add_conflict_examples(&report, &self.answers);
        self.answers.clear();
        Ok(())
    }

    /// Folds in and forgets the finished, idle conversations and the idle contacts.
    fn sweep(&mut self) {
        self.since_sweep = 0;
        let Some(latest) = self.latest else {
            return;
        };
        self.contacts.evict(latest - self.contacts.window());
        // Only conversations whose last message is older than the retention can be done;
        // the queue holds them in that order, so a sweep looks at no other conversation.
        while let Some(Reverse((at, k))) = self.due.peek().copied() {
            if at >= latest {
                break;
            }
            self.due.pop();
            let Some(c) = self.conversations.get_mut(&k) else {
                continue;
            };
            if c.sweep_at != Some(at) {
                // Stale: a later message queued the conversation at another instant.
                continue;
            }
            let foldable_after = c.foldable_after(self.options.retention);
            if at < foldable_after {
                // It had a message since it was queued: look again once that has aged.
                c.sweep_at = Some(foldable_after);
                self.due.push(Reverse((foldable_after, k)));
                continue;
            }
            // The case is replayed at most once for both questions.
            let mut glance = None;
            let mut glance_at =
                |c: &Conversation| *glance.get_or_insert_with(|| c.case.glance(latest));
            match c.finished_at(latest, || glance_at(c)) {
                Ok(()) => {}
                // A complaint waits: only a new message (which queues it again) changes that.
                // Until then the conversation only waits: give back its spare capacity.
                Err(None) => {
                    c.sweep_at = None;
                    c.shrink_to_fit();
                    continue;
                }
                // Clocks run: look again once they have reached their targets.
                Err(Some(when)) => {
                    let again = when.max(latest);
                    c.sweep_at = Some(again);
                    self.due.push(Reverse((again, k)));
                    continue;
                }
            }
            if let Some(c) = self.conversations.remove(&k) {
                if let Some(f) = c.figures_at(latest, || glance_at(&c)) {
                    self.tally.add_conversation(&f);
                }
                for e in &c.entries {
                    self.by_message.remove(&e.id);
                }
                for id in &c.awaited {
                    self.by_message.remove(id);
                }
                if let Some(case_id) = &c.case_id {
                    self.by_case.remove(case_id);
                }
            }
        }
    }

    /// The conversations waiting for an answer at `now` (their latest customer message at
    /// or before `now` has no company message after it), most urgent first: by priority,
    /// then triage score, then next deadline; at most `limit`. A conversation whose waiting
    /// messages are all praise is left out when the policy says praise needs no reply.
    pub fn queue(&self, now: DateTime<Utc>, limit: usize) -> Vec<QueueItem> {
        if limit == 0 {
            return Vec::new();
        }
        // Sorted on the kept scores; the strings of an item and the texts of its triage are
        // built only for the items shown.
        let praise_waits = !self.options.policy.praise_needs_no_reply();
        let thresholds = self.options.triager.weights().thresholds;
        let mut ranks: Vec<Rank<'_>> = self
            .conversations
            .values()
            .filter_map(|c| Rank::of(c, now, praise_waits, |s| thresholds.priority(s)))
            .collect();
        // Only ranks at least as urgent as the `limit`-th (by priority and score) can be
        // shown; only they need their deadline, which costs a replay of the case.
        if ranks.len() > limit {
            let (_, nth, rest) = ranks.select_nth_unstable_by(limit - 1, Rank::urgency);
            let nth = &*nth;
            let mut tied = 0;
            for i in 0..rest.len() {
                if Rank::urgency(&rest[i], nth).is_eq() {
                    rest.swap(tied, i);
                    tied += 1;
                }
            }
            ranks.truncate(limit + tied);
        }
        for r in &mut ranks {
            r.read_due(now);
        }
        ranks.sort_by(Rank::order);
        ranks.truncate(limit);
        ranks
            .iter()
            .map(|r| {
                r.item(|c| {
                    c.triage.as_ref().map(|t| {
                        let text = c.find(t.id()).and_then(|e| e.inbound.as_ref());
                        t.triage(&self.options.triager, text.map(|i| &*i.text))
                    })
                })
            })
            .collect()
    }

    /// The report at `now`: the folded-in conversations and answers, plus the open ones read
    /// at `now`. The same as `self.report_part(now).finish()`.
    ///
    /// # Panics
    ///
    /// Never; a consistency check that fails on the pending answers leaves them out.
    pub fn report(&self, now: DateTime<Utc>) -> Report {
        self.report_part(now).finish()
    }

    /// What [`report`](Self::report) folds, before it becomes figures: the folded-in
    /// conversations and checked answers, the open conversations read at `now`, and the
    /// answers not checked for consistency yet. Parts of inboxes that each saw whole
    /// conversations merge into one report (see [`ReportPart`]).
    pub fn report_part(&self, now: DateTime<Utc>) -> ReportPart {
        let mut tally = self.tally.clone();
        for c in self.conversations.values() {
            if let Some(f) = c.figures(now) {
                tally.add_conversation(&f);
            }
        }
        ReportPart::new(
            now,
            self.options.policy.clone(),
            self.options.consistency_window,
            tally,
            self.answers.clone(),
        )
    }
}
