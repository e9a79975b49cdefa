//! The contact book: which handles belong to one person, and everything they sent.

use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::handle::Handle;
use crate::channel::Channel;
use crate::error::{Error, Result};
use crate::message::Message;

/// Identifies a contact in one [`ContactBook`].
///
/// Ids stay valid across merges: after two contacts merge, both of their old ids name the
/// merged contact. [`ContactBook::contact`] resolves any id to the current contact, whose
/// [`Contact::id`] is the canonical one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ContactId(u64);

impl ContactId {
    /// The id as a number, for hosts that store it.
    pub fn get(self) -> u64 {
        self.0
    }

    /// An id from a number that a book issued earlier.
    pub fn from_u64(id: u64) -> ContactId {
        ContactId(id)
    }

    fn index(self) -> usize {
        usize::try_from(self.0).unwrap_or(usize::MAX)
    }
}

/// Evidence that two handles belong to one person, as given to [`ContactBook::link`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// One handle.
    pub a: Handle,
    /// The other handle.
    pub b: Handle,
    /// Why they belong together ("customer gave this e-mail in a DM").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

/// Knows which handles belong to one person and keeps every message each person sent.
///
/// Handles are linked by evidence ([`ContactBook::link`]); linked handles form one contact
/// (union-find with union by size, so every operation is near-constant time). Merging never
/// drops a handle, a link or a message. Messages are deduplicated by id: re-adding the
/// same message is a no-op, a different message under a known id is an error.
///
/// The JSON form is the book's inputs, `{"handles": [...], "links": [...], "messages": [...]}`;
/// loading replays them, so ids and contacts come back identical.
///
/// # Example
///
/// ```
/// use webcare::{ContactBook, Handle, Message};
///
/// let mut book = ContactBook::new();
/// book.link("x:@AnnDV".parse()?, "email:ann@example.nl".parse()?, "gave her address in a DM")?;
/// book.add_message(Message::from_json(r#"{"id": "m1", "channel": "email",
///     "direction": "inbound", "author": "Ann@Example.nl",
///     "sent_at": "2026-03-02T09:00:00+01:00", "text": "Waar blijft mijn terugbetaling?"}"#)?)?;
///
/// let ann = book.contact_of(&"x:anndv".parse()?).expect("linked above");
/// let contact = book.contact(ann)?;
/// assert_eq!(contact.handles().count(), 2);
/// assert_eq!(contact.messages()[0].id, "m1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ContactBook {
    handles: Vec<Handle>,
    index: HashMap<Handle, usize>,
    parent: Vec<usize>,
    /// For a root: the handles of its contact, in the order they were added.
    members: Vec<Vec<usize>>,
    /// For a root: the messages of its contact, as indices into `messages`.
    contact_messages: Vec<Vec<usize>>,
    links: Vec<Link>,
    messages: Vec<Message>,
    /// For each message: the index of its author's handle.
    message_handle: Vec<usize>,
    message_ids: HashMap<String, usize>,
}

impl ContactBook {
    /// An empty book.
    pub fn new() -> ContactBook {
        ContactBook::default()
    }

    /// The number of contacts.
    pub fn len(&self) -> usize {
        (0..self.handles.len())
            .filter(|&i| self.parent[i] == i)
            .count()
    }

    /// Whether the book has no contacts.
    pub fn is_empty(&self) -> bool {
        self.handles.is_empty()
    }

    /// The number of messages.
    pub fn message_count(&self) -> usize {
        self.messages.len()
    }

    /// Adds a handle (a new contact unless it is known) and returns its contact.
    pub fn add_handle(&mut self, handle: Handle) -> ContactId {
        let i = self.intern(handle);
        ContactId(self.find(i) as u64)
    }

    /// Records that `a` and `b` belong to one person, merging their contacts.
    ///
    /// Both handles are added when new. Returns the merged contact.
    ///
    /// # Errors
    ///
    /// None today; the `Result` leaves room for rejecting links (for example between two
    /// contacts a host marked as distinct) without breaking callers.
    pub fn link(&mut self, a: Handle, b: Handle, evidence: impl Into<String>) -> Result<ContactId> {
        let ia = self.intern(a.clone());
        let ib = self.intern(b.clone());
        self.links.push(Link {
            a,
            b,
            evidence: evidence.into(),
        });
        Ok(ContactId(self.union(ia, ib) as u64))
    }

    /// Adds a message under its author's handle ([`Handle::for_channel`]) and returns the
    /// author's contact.
    ///
    /// # Errors
    ///
    /// `empty_field` for an empty id or author, the handle's error when the author is not
    /// a valid handle on the channel, `duplicate_message_id` when a different message was
    /// added under the same id. Nothing is changed on error.
    pub fn add_message(&mut self, message: Message) -> Result<ContactId> {
        match self.check_message(&message)? {
            Some(existing) => Ok(existing),
            None => {
                let handle = Handle::for_channel(&message.channel, &message.author)?;
                Ok(self.insert_message(handle, message))
            }
        }
    }

    /// Adds many messages, all or none: when any message is invalid, the book is unchanged
    /// and the error names the first bad one.
    ///
    /// # Errors
    ///
    /// As [`ContactBook::add_message`], also for two different messages with one id
    /// inside the batch.
    pub fn add_messages(&mut self, messages: Vec<Message>) -> Result<Vec<ContactId>> {
        let mut handles = Vec::with_capacity(messages.len());
        let mut batch_ids: HashMap<&str, &Message> = HashMap::new();
        for message in &messages {
            self.check_message(message)?;
            if let Some(previous) = batch_ids.insert(&message.id, message) {
                if previous != message {
                    return Err(Error::DuplicateMessageId {
                        id: message.id.clone(),
                    });
                }
            }
            handles.push(Handle::for_channel(&message.channel, &message.author)?);
        }
        Ok(messages
            .into_iter()
            .zip(handles)
            .map(
                |(message, handle)| match self.message_ids.get(&message.id) {
                    Some(&known) => self.contact_of_message(known),
                    None => self.insert_message(handle, message),
                },
            )
            .collect())
    }

    /// The contact a handle belongs to, if the book knows the handle.
    pub fn contact_of(&self, handle: &Handle) -> Option<ContactId> {
        self.index
            .get(handle)
            .map(|&i| ContactId(self.find(i) as u64))
    }

    /// The contact with this id (any id it ever had).
    ///
    /// # Errors
    ///
    /// `unknown_contact` for an id this book did not issue.
    pub fn contact(&self, id: ContactId) -> Result<Contact<'_>> {
        let i = id.index();
        if i >= self.handles.len() {
            return Err(Error::UnknownContact { id: id.0 });
        }
        Ok(Contact {
            book: self,
            root: self.find(i),
        })
    }

    /// Every contact, in the order its first handle was added.
    pub fn contacts(&self) -> impl Iterator<Item = Contact<'_>> + '_ {
        (0..self.handles.len())
            .filter(|&i| self.parent[i] == i)
            .map(move |root| Contact { book: self, root })
    }

    /// Every link, in the order given.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// Every message, in the order added.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// The book as JSON text (see the type's docs for the form).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Loads a book from its JSON form.
    ///
    /// # Errors
    ///
    /// `invalid_json` for text of the wrong shape, then as [`ContactBook::add_message`].
    pub fn from_json(text: &str) -> Result<ContactBook> {
        let state: BookState = serde_json::from_str(text).map_err(|e| Error::json(&e))?;
        ContactBook::from_state(state)
    }

    fn from_state(state: BookState) -> Result<ContactBook> {
        let mut book = ContactBook::new();
        for handle in state.handles {
            book.add_handle(handle);
        }
        for link in state.links {
            book.link(link.a, link.b, link.evidence)?;
        }
        book.add_messages(state.messages)?;
        Ok(book)
    }

    /// `Some(contact)` when the message is already in the book, `None` when it is new.
    fn check_message(&self, message: &Message) -> Result<Option<ContactId>> {
        message.validate()?;
        match self.message_ids.get(&message.id) {
            Some(&known) if self.messages[known] == *message => {
                Ok(Some(self.contact_of_message(known)))
            }
            Some(_) => Err(Error::DuplicateMessageId {
                id: message.id.clone(),
            }),
            None => Ok(None),
        }
    }

    fn contact_of_message(&self, message: usize) -> ContactId {
        ContactId(self.find(self.message_handle[message]) as u64)
    }

    fn insert_message(&mut self, handle: Handle, message: Message) -> ContactId {
        let h = self.intern(handle);
        let root = self.find(h);
        let m = self.messages.len();
        self.message_ids.insert(message.id.clone(), m);
        self.messages.push(message);
        self.message_handle.push(h);
        self.contact_messages[root].push(m);
        ContactId(root as u64)
    }

    fn intern(&mut self, handle: Handle) -> usize {
        if let Some(&i) = self.index.get(&handle) {
            return i;
        }
        let i = self.handles.len();
        self.index.insert(handle.clone(), i);
        self.handles.push(handle);
        self.parent.push(i);
        self.members.push(vec![i]);
        self.contact_messages.push(Vec::new());
        i
    }

    /// The root of `i`'s set. No path compression, so lookups need only `&self`; union by
    /// size keeps every path at most log2(n) long.
    fn find(&self, mut i: usize) -> usize {
        while self.parent[i] != i {
            i = self.parent[i];
        }
        i
    }

    /// Merges the sets of `a` and `b` and returns the new root: the root of the larger set,
    /// or of the older one on a tie, so that the first contact's id survives.
    fn union(&mut self, a: usize, b: usize) -> usize {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return ra;
        }
        let (keep, fold) = match self.members[ra].len().cmp(&self.members[rb].len()) {
            std::cmp::Ordering::Less => (rb, ra),
            std::cmp::Ordering::Greater => (ra, rb),
            std::cmp::Ordering::Equal => (ra.min(rb), ra.max(rb)),
        };
        self.parent[fold] = keep;
        let members = std::mem::take(&mut self.members[fold]);
        self.members[keep].extend(members);
        let messages = std::mem::take(&mut self.contact_messages[fold]);
        self.contact_messages[keep].extend(messages);
        keep
    }
}

/// One person as the book knows them: every handle and every message.
#[derive(Debug, Clone, Copy)]
pub struct Contact<'a> {
    book: &'a ContactBook,
    root: usize,
}

impl<'a> Contact<'a> {
    /// The contact's canonical id.
    pub fn id(&self) -> ContactId {
        ContactId(self.root as u64)
    }

    /// Every handle, in the order it was added to the book.
    pub fn handles(&self) -> impl Iterator<Item = &'a Handle> + 'a {
        let book = self.book;
        let mut order = book.members[self.root].clone();
        order.sort_unstable();
        order.into_iter().map(move |i| &book.handles[i])
    }

    /// Every message, in time order (ties by id).
    pub fn messages(&self) -> Vec<&'a Message> {
        let book = self.book;
        let mut out: Vec<&Message> = book.contact_messages[self.root]
            .iter()
            .map(|&m| &book.messages[m])
            .collect();
        out.sort_by(|a, b| (a.sent_at, &a.id).cmp(&(b.sent_at, &b.id)));
        out
    }

    /// The distinct channels the contact wrote on (inbound messages), sorted.
    pub fn channels(&self) -> Vec<Channel> {
        let mut out: Vec<Channel> = self
            .messages()
            .into_iter()
            .filter(|m| m.is_inbound())
            .map(|m| m.channel.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookState {
    #[serde(default)]
    handles: Vec<Handle>,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    messages: Vec<Message>,
}

impl Serialize for ContactBook {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        BookState {
            handles: self.handles.clone(),
            links: self.links.clone(),
            messages: self.messages.clone(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for ContactBook {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<ContactBook, D::Error> {
        let state = BookState::deserialize(d)?;
        ContactBook::from_state(state).map_err(serde::de::Error::custom)
    }
}
