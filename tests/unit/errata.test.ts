/** The changelog keeps every entry as published and marks those whose statements a later version withdrew. */
import { describe, expect, it } from "vitest"
import { markErrata } from "../../pipeline/catalog/changelog.ts"

const LOG = [
  "# Changes",
  "",
  "## 1.1.0",
  "",
  "Since 1.0.0.",
  "",
  "## 1.0.0",
  "",
  "Data received up to 2015-03-02.",
  "",
].join("\n")
const erratum = {
  version: "1.0.0",
  withdrawnIn: "1.1.0",
  states: "Data received up to 2015-03-02",
  note: "the date it gives is not true",
}

describe("markErrata", () => {
  it("marks the entry of the version named, under its heading, and leaves its text as published", () => {
    expect(markErrata(LOG, [erratum])).toBe(
      [
        "# Changes",
        "",
        "## 1.1.0",
        "",
        "Since 1.0.0.",
        "",
        "## 1.0.0",
        "",
        "Erratum (withdrawn in 1.1.0): the date it gives is not true",
        "",
        "Data received up to 2015-03-02.",
        "",
      ].join("\n"),
    )
  })

  it("marks once however often the changelog is built again, and says what is declared now", () => {
    const once = markErrata(LOG, [erratum])
    expect(markErrata(once, [erratum])).toBe(once)
    expect(markErrata(once, [{ ...erratum, note: "the date and the publisher are not true" }])).toContain(
      "(withdrawn in 1.1.0): the date and the publisher are not true\n\nData received",
    )
    expect(markErrata(once, [])).toBe(LOG)
  })

  it("marks only an entry that states what the erratum withdraws", () => {
    // Another publication's 1.0.0, built with this one's configuration, is left alone.
    const other = LOG.replace("2015-03-02", "2012-03-21")
    expect(markErrata(other, [erratum])).toBe(other)
  })
})
