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

const classifier: webcare.Classifier = new webcare.Classifier()
const ctx: webcare.ClassifyContext = { channel: 'x', reach: 40000, promoted: false }
const result: webcare.Classification = classifier.classify('Still waiting for my refund', ctx)
const label: 'complaint' | 'question' | 'praise' | 'other' = result.label
const level: string = result.severityLevel
const signal: webcare.Signal = result.signals[0]
const span: string = 'Still waiting for my refund'.slice(signal.start, signal.end)
const many: webcare.Classification[] = classifier.classifyBatch(['Dank je wel', 'Waar blijft mijn pakket?'])
const later: Promise<webcare.Classification[]> = classifier.classifyBatchAsync(['Still waiting'], { promoted: true })
const trained: webcare.Classifier = webcare.Classifier.train(['never arrived', 'nice weather'], ['complaint', 'other'], '{"seed": 7}')
const trainedLater: Promise<webcare.Classifier> = webcare.Classifier.trainAsync(['never arrived', 'nice weather'], ['complaint', 'other'])
const reloaded: webcare.Classifier = webcare.Classifier.fromJson(trained.toJson())
const fromBytes: webcare.Classification = reloaded.classifyBytes(Buffer.from('bedankt!'))
console.log(label, level, span, many.length, later, trainedLater, fromBytes.scores.praise, reloaded.hasModel)
const complaintScore: number = result.scores.complaint
const severity: number = result.severity
const language: 'en' | 'nl' | 'unknown' = result.language
const weights: number[] = many.flatMap((c) => c.signals.map((s) => s.weight))
const kinds: string[] = result.signals.map((s) => s.kind)
const copy: webcare.Classification = JSON.parse(JSON.stringify(result))
console.log(complaintScore, severity, language, weights, kinds, copy.signals.length)
const checker: webcare.ConsistencyChecker = new webcare.ConsistencyChecker({ threshold: 0.6 })
const fromJson: webcare.ConsistencyChecker = new webcare.ConsistencyChecker('{"shingle_size": 2}')
const answers: webcare.Answer[] = [
  { channel: 'x', at: new Date('2026-03-06T10:00:00+01:00'), question: 'Fee?', answer: '€25' },
  { channel: 'email', at: '2026-03-06T10:00:00+01:00', question: 'Fee?', answer: '€30', topic: 'fees' },
]
const report: webcare.ConsistencyReport = checker.check(answers)
const verdict: 'consistent' | 'incomplete' | 'conflict' = report.groups[0].verdict
const rate: number | null = report.rate
const conflictSpans: [[number, number], [number, number]] = report.groups[0].conflicts[0].spans
const laterReport: Promise<webcare.ConsistencyReport> = checker.checkAsync(answers)
const facts: webcare.Fact[] = webcare.extractFacts('Within 14 days.')
const factKind: string = facts[0].kind
console.log(fromJson.shingleSize, verdict, rate, conflictSpans, laterReport, factKind)
const office: webcare.Calendar = webcare.Calendar.fromJson('{"timezone": "UTC", "hours": {"mon": ["09:00-17:00"]}}')
const desk: webcare.Calendar = webcare.Calendar.anyOf([office, office.withIcsHolidays('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')])
const due: Date = desk.add(new Date('2026-03-02T09:00:00Z'), 30 * 60 * 1000)
const spent: number = office.elapsed(new Date('2026-03-02T09:00:00Z'), due)
const open: boolean = office.isOpen(due) && office.nextOpen(due) <= office.nextClose(due)
const dues: Date[] = office.addMany([due], [0])
const typedDues: Float64Array = office.addMany(new Float64Array([due.getTime()]), new Float64Array([0]))
const spans: number[] = office.elapsedMany([due], [due])
const typedSpans: Float64Array = office.elapsedMany([due], new Float64Array([due.getTime()]))
const laterSpans: Promise<Float64Array> = office.elapsedManyAsync(typedDues, typedDues)
const laterDues: Promise<Date[]> = office.addManyAsync(dues, [1000])
console.log(spent, open, dues, typedDues, spans, typedSpans, laterSpans, laterDues, office.toJson(), office.sub(due, 0), office.equals(desk))
const policy: webcare.Policy = webcare.Policy.preset()
const sla = new webcare.Case(policy)
sla.apply({ id: 'm1', at: new Date('2026-03-06T22:50:00Z'), type: 'customer_message', channel: 'x', needs_reply: true })
sla.apply({ id: 'n1', at: '2026-03-06T23:00:00Z', type: 'internal_note' })
const clocks: webcare.Clock[] = sla.clocks(new Date('2026-03-06T23:10:00Z'))
const state: 'running' | 'paused' | 'met' | 'breached' = clocks[0].state
const clockDue: Date | undefined | null = clocks[0].due
const nextTimer: Date | null = sla.nextDeadline(new Date())
const why: string = sla.explain('first_reply', new Date()).text
const selected: webcare.RuleSelection = policy.select({ channel: 'email' })
const byCase: Promise<Record<string, webcare.Clock[]>> = webcare.replayCasesAsync(policy, { c1: [] }, new Date())
const estimates: webcare.Estimate[] = webcare.Estimator.percentileOfLast(100, 90).estimate(
  [{ channel: 'x', customerAt: new Date(), firstReplyAt: new Date() }],
  new Date(),
)
console.log(state, clockDue, nextTimer, why, selected.rule, byCase, estimates.length)

const triager: webcare.Triager = webcare.Triager.fromJson(new webcare.Triager('{"promoted": 40}').toJson())
const mention: webcare.Message = webcare.messageFromJson(
  '{"id": "t1", "channel": "x", "direction": "inbound", "author": "@ann", "sent_at": "2026-03-06T10:00:00Z", "text": "Still no refund", "reach": 40000}',
)
const given: webcare.Classification = webcare.classificationFromJson(
  '{"label": "complaint", "severity": {"score": 0.5, "level": "disapproval"}, "language": "nl"}',
)
const triaged: webcare.Triage = triager.triage(mention, given, {
  now: new Date(),
  earlierChannels: ['email'],
  unresolvedSince: new Date('2026-02-20T10:00:00Z'),
  slaLeftMs: 30 * 60000,
  slaTargetMs: 60 * 60000,
})
const urgency: 'low' | 'normal' | 'high' | 'urgent' = triaged.priority
const firstReason: webcare.Reason = triaged.reasons[0]
const steps: webcare.Advice[] = triager.triage(mention, new webcare.Classifier().classify(mention.text), { now: new Date() }).advice
const adviceLanguage: 'en' | 'nl' = triaged.language
console.log(urgency, triaged.score, firstReason.kind, firstReason.points, firstReason.detail, steps[0].kind, steps[0].text, adviceLanguage)
const careDesk = new webcare.Inbox({ policy, classifier: new webcare.Classifier(), repeatWindowMs: 7 * 86400e3 })
careDesk.link('x:@ann', 'email:ann@example.com', 'gave her address in a DM')
careDesk.push({ id: 'x1', channel: 'x', direction: 'inbound', author: '@ann', sentAt: new Date(), text: 'Still no refund', promoted: false })
careDesk.pushMany([])
const pushedLines: number = careDesk.pushJsonl(Buffer.from(''), 1) + careDesk.pushJsonl('')
const pushedLater: Promise<number> = careDesk.pushJsonlAsync('')
const manyLater: Promise<void> = careDesk.pushManyAsync([])
const work: webcare.QueueItem[] = careDesk.queue(new Date(), 20)
const workPriority: 'low' | 'normal' | 'high' | 'urgent' = work[0].priority
const workDue: Date | null | undefined = work[0].due
const advice: string[] | undefined = work[0].triage?.advice.map((a) => a.text)
const careReport: webcare.Report = careDesk.report(new Date())
const perChannel: webcare.ChannelReport[] = careReport.channels
const median: number | null | undefined = perChannel[0].figures.firstResponse.medianS
const publish: string | null | undefined = perChannel[0].figures.expected?.en
const reportAgain: webcare.Report = webcare.Report.fromJson(careReport.toJson())
const table: string = webcare.report([], webcare.Policy.preset()).toText() + webcare.report([]).toText()
const reader: webcare.MessageReader = webcare.readMessages('inbox.csv', webcare.ColumnMapping.twcs(), 'csv')
const read: webcare.Message[] = reader.read(4096)
const mappingJson: string = new webcare.ColumnMapping().toJson() + webcare.ColumnMapping.fromJson('{}').toJson()
const page: string = careReport.toHtml({ lang: 'nl', queue: work, title: 'Week 13' }) + careReport.toHtml()
const workLevel: 'none' | 'no_explicit_reproach' | 'disapproval' | 'accusation' | 'blame' = work[0].severityLevel
const part: webcare.ReportPart = careDesk.reportPart(new Date())
part.merge(webcare.ReportPart.fromJson(careDesk.reportPart(new Date()).toJson()))
const partAt: Date = part.at
const partWindow: number = part.consistencyWindow
const partPolicy: webcare.Policy = part.policy
const merged: webcare.Report = part.finish()
const mergedAll: webcare.ReportPart = webcare.ReportPart.mergeAll([part, careDesk.reportPart(new Date())])
console.log(page, workLevel, partAt, partWindow, partPolicy, merged.total.inbound, mergedAll.finish().total.inbound)
console.log(pushedLines, pushedLater, manyLater, workPriority, workDue, advice, median, publish, reportAgain.at, table, read, mappingJson, careReport.consistency.rate, careReport.total.unresolved.over4w, careDesk.latest, careDesk.openConversations)
