// A typed usage file: `tsc --noEmit` checks that index.d.ts describes the API as used.
import webcare = require('../index.js')

const book: webcare.ContactBook = new webcare.ContactBook()
const id: number = book.addMessage({
  id: 'm1',
  channel: 'x',
  direction: 'inbound',
  author: '@ann',
  sentAt: new Date('2026-03-02T09:00:00Z'),
  text: 'Still waiting for my refund',
  promoted: false,
})
book.link('x:ann', new webcare.Handle('email', 'ann@example.nl'), 'gave her address in a DM')
const contact: webcare.Contact = book.contact(id)
const firstSent: Date = contact.messages[0].sentAt
const repeats: webcare.RepeatContact[] = book.repeatContacts(7 * 24 * 3600 * 1000, 2)
const publicChannel: boolean = new webcare.Channel('x').isPublic
const owner: number | null = book.contactOf('email:ann@example.nl')
console.log(firstSent, repeats.length, publicChannel, owner)

const office: webcare.Calendar = webcare.Calendar.fromJson('{"timezone": "UTC", "hours": {"mon": ["09:00-17:00"]}}')
const desk: webcare.Calendar = webcare.Calendar.anyOf([office, office.withIcsHolidays('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')])
const due: Date = desk.add(new Date('2026-03-02T09:00:00Z'), 30 * 60 * 1000)
const spent: number = office.elapsed(new Date('2026-03-02T09:00:00Z'), due)
const open: boolean = office.isOpen(due) && office.nextOpen(due) <= office.nextClose(due)
const dues: Date[] = office.addMany([due], [0])
const typedDues: Float64Array = office.addMany(new Float64Array([due.getTime()]), new Float64Array([0]))
const spans: number[] = office.elapsedMany([due], [due])
const typedSpans: Float64Array = office.elapsedMany([due], new Float64Array([due.getTime()]))
const later: Promise<Float64Array> = office.elapsedManyAsync(typedDues, typedDues)
const laterDues: Promise<Date[]> = office.addManyAsync(dues, [1000])
console.log(spent, open, dues, typedDues, spans, typedSpans, later, laterDues, office.toJson(), office.sub(due, 0), office.equals(desk))
