// Ops of the report and source (message reader) modules, through the Node API.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import webcare from '../index.js'

const { ColumnMapping, Inbox, Policy, ReportPart, messageFromJson, messageToJson, readMessages, report } = webcare

const policyOf = (p) =>
  p === undefined || p === 'preset' ? Policy.preset() : Policy.fromJson(typeof p === 'string' ? p : JSON.stringify(p))

const mappingOf = (m) =>
  m === undefined ? new ColumnMapping() : m === 'twcs' ? ColumnMapping.twcs() : ColumnMapping.fromJson(JSON.stringify(m))

function readCsv(input) {
  const dir = mkdtempSync(join(tmpdir(), 'webcare-csv-'))
  try {
    const path = join(dir, 'messages.csv')
    writeFileSync(path, input.text)
    const reader = readMessages(path, mappingOf(input.mapping))
    const messages = []
    for (let batch = reader.read(1000); batch.length > 0; batch = reader.read(1000)) messages.push(...batch)
    return { messages: messages.map((m) => JSON.parse(messageToJson(m))) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// One inbox per group of message ids, each part read at its `at` (default: the latest
// instant of all messages) and sent through its JSON; the parts merged in one call and finished.
function mergeParts(input) {
  const policy = policyOf(input.policy)
  const messages = input.messages.map((m) => messageFromJson(JSON.stringify(m)))
  const latest = new Date(Math.max(0, ...messages.map((m) => m.sentAt.getTime())))
  const ats = input.at ?? []
  const parts = input.groups.map((ids, i) => {
    const inbox = new Inbox({ policy })
    inbox.pushMany(messages.filter((m) => ids.includes(m.id)))
    const now = i < ats.length ? new Date(ats[i]) : latest
    return ReportPart.fromJson(inbox.reportPart(now).toJson())
  })
  return JSON.parse(ReportPart.mergeAll(parts).finish().toJson())
}

export const OPS = {
  'report.from_messages': (i) => {
    const messages = i.messages.map((m) => messageFromJson(JSON.stringify(m)))
    return JSON.parse(report(messages, policyOf(i.policy)).toJson())
  },
  'report.merge_parts': mergeParts,
  'source.read_csv': readCsv,
}
