// Ops of the calendar module, through the Node API.
import webcare from '../index.js'

const { Calendar } = webcare

const calendar = (i) => Calendar.fromJson(typeof i.calendar === 'string' ? i.calendar : JSON.stringify(i.calendar))
// A vector instant that is not a date ("yesterday") becomes an invalid Date, which webcare refuses.
const date = (text) => new Date(text)
const doc = (cal) => ({ calendar: JSON.parse(cal.toJson()) })

// Vector cases the Node runner does not run, with the reason.
export const NOT_SUPPORTED = {
  'calendar/errors/naive-start':
    'a JS Date is always an instant: Date reads "2026-03-02T09:00:00" in the local zone, so there is no naive value to pass (Python runs it as a naive datetime)',
}

export const OPS = {
  'calendar.parse': (i) => doc(calendar(i)),
  'calendar.add': (i) => ({ due: calendar(i).add(date(i.start), i.duration_ms).toISOString() }),
  'calendar.sub': (i) => ({ start: calendar(i).sub(date(i.end), i.duration_ms).toISOString() }),
  'calendar.elapsed': (i) => ({ elapsed_ms: calendar(i).elapsed(date(i.from), date(i.to)) }),
  'calendar.is_open': (i) => ({ open: calendar(i).isOpen(date(i.at)) }),
  'calendar.next_open': (i) => ({ at: calendar(i).nextOpen(date(i.at)).toISOString() }),
  'calendar.next_close': (i) => ({ at: calendar(i).nextClose(date(i.at)).toISOString() }),
  'calendar.add_many': (i) => ({
    due: calendar(i).addMany(i.starts.map(date), i.durations_ms).map((d) => d.toISOString()),
  }),
  'calendar.elapsed_many': (i) => ({ elapsed_ms: calendar(i).elapsedMany(i.from.map(date), i.to.map(date)) }),
  'calendar.import_ics': (i) => doc(calendar(i).withIcsHolidays(i.ics)),
}
