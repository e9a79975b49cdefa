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

const policy: webcare.Policy = webcare.Policy.preset()
const sla = new webcare.Case(policy)
sla.apply({ id: 'm1', at: new Date('2026-03-06T22:50:00Z'), type: 'customer_message', channel: 'x', needs_reply: true })
sla.apply({ id: 'n1', at: '2026-03-06T23:00:00Z', type: 'internal_note' })
const clocks: webcare.Clock[] = sla.clocks(new Date('2026-03-06T23:10:00Z'))
const state: 'running' | 'paused' | 'met' | 'breached' = clocks[0].state
const due: Date | undefined | null = clocks[0].due
const nextTimer: Date | null = sla.nextDeadline(new Date())
const why: string = sla.explain('first_reply', new Date()).text
const selected: webcare.RuleSelection = policy.select({ channel: 'email' })
const byCase: Promise<Record<string, webcare.Clock[]>> = webcare.replayCasesAsync(policy, { c1: [] }, new Date())
const estimates: webcare.Estimate[] = webcare.Estimator.percentileOfLast(100, 90).estimate(
  [{ channel: 'x', customerAt: new Date(), firstReplyAt: new Date() }],
  new Date(),
)
console.log(state, due, nextTimer, why, selected.rule, byCase, estimates.length)
