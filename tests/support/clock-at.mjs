// Loaded with `node --import` by tests that replay a night of the nightly job: the process's
// clock starts at CLOCK_AT (an ISO time) and runs on from there, so a snapshot fetched "on"
// a night is retrieved and filed that night.
const start = Date.parse(process.env.CLOCK_AT ?? "")
if (!Number.isNaN(start)) {
  const offset = start - Date.now()
  const RealDate = Date
  class ShiftedDate extends RealDate {
    constructor(...args) {
      super(...(args.length === 0 ? [RealDate.now() + offset] : args))
    }
    static now() {
      return RealDate.now() + offset
    }
  }
  globalThis.Date = ShiftedDate
}
