// Ops of the channel, handle, message and contact modules, through the Node API.
import webcare from '../index.js'

const { Channel, ContactBook, Handle, messageFromJson } = webcare

const handleJson = (h) => ({ handle: h.toString(), kind: h.kind, value: h.value })

function book(input) {
  const b = new ContactBook()
  for (const h of input.handles ?? []) b.addHandle(h)
  for (const [a, c, evidence] of input.links ?? []) b.link(a, c, evidence)
  b.addMessages((input.messages ?? []).map((m) => messageFromJson(JSON.stringify(m))))
  return b
}

const contactJson = (c) => ({ handles: [...c.handles].sort(), messages: c.messages.map((m) => m.id).sort() })

export const OPS = {
  'channel.parse': (i) => {
    const c = new Channel(i.name)
    return { channel: c.name, public: c.isPublic }
  },
  'handle.normalize': (i) => handleJson(new Handle(i.kind, i.value)),
  'handle.parse': (i) => handleJson(Handle.parse(i.text)),
  'handle.for_channel': (i) => handleJson(Handle.forChannel(i.channel, i.author)),
  'message.parse': (i) => {
    const m = messageFromJson(JSON.stringify(i.message))
    return { message: JSON.parse(webcare.messageToJson(m)) }
  },
  'contact.merge': (i) => ({
    contacts: book(i).contacts().map(contactJson).sort((a, b) => (a.handles[0] < b.handles[0] ? -1 : 1)),
  }),
  'contact.lookup': (i) => {
    const b = book(i)
    const id = b.contactOf(i.handle)
    return id === null ? { found: false } : { found: true, ...contactJson(b.contact(id)) }
  },
  'contact.get': (i) => contactJson(book(i).contact(i.id)),
  'contact.repeat': (i) => ({
    repeats: book(i)
      .repeatContacts(i.window_ms, i.min_channels)
      .map((r) => ({
        handles: [...r.handles].sort(),
        channels: r.channels,
        messages: r.messages,
        first_at: r.firstAt.toISOString(),
        last_at: r.lastAt.toISOString(),
      })),
  }),
}
