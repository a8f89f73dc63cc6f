/** The life of deliveries: given the manifest's entries, each file's standing and the misuses found. */
import { describe, expect, it } from "vitest"
import { deliveryTimeline, type TimelineEntry } from "../../pipeline/manifest/delivery-timeline.ts"

let index = 0
const entry = (file: string, more: Partial<TimelineEntry> = {}): TimelineEntry => ({
  index: index++,
  file,
  source: undefined,
  received: "2026-01-01",
  replaces: [],
  withdrawn: undefined,
  ...more,
})
const standing = (entries: TimelineEntry[]) =>
  Object.fromEntries([...deliveryTimeline(entries).standing].map(([f, s]) => [f, [s.state, s.supersededBy]]))
const problems = (entries: TimelineEntry[]) => deliveryTimeline(entries).problems.map((p) => [p.code, p.path.join(".")])

describe("the standing of each delivery", () => {
  it("keeps deliveries declared in full current, whatever their dates", () => {
    index = 0
    expect(standing([entry("a.csv", { received: "2011-01-01" }), entry("b.csv", { received: "2012-01-01" })])).toEqual({
      "a.csv": ["current", null],
      "b.csv": ["current", null],
    })
  })

  it("makes the newest snapshot of a source current, by date and then by name, and chains the older ones", () => {
    index = 0
    const entries = [
      entry("kolada/2026-11-02/b.json", { source: "kolada", received: "2026-11-02" }),
      entry("kolada/2026-11-01/x.json", { source: "kolada", received: "2026-11-01" }),
      entry("kolada/2026-11-02/a.json", { source: "kolada", received: "2026-11-02" }),
      entry("scb/2026-10-01/p.csv", { source: "scb-population", received: "2026-10-01" }),
    ]
    expect(standing(entries)).toEqual({
      "kolada/2026-11-01/x.json": ["superseded", "kolada/2026-11-02/a.json"],
      "kolada/2026-11-02/a.json": ["superseded", "kolada/2026-11-02/b.json"],
      "kolada/2026-11-02/b.json": ["current", null],
      "scb/2026-10-01/p.csv": ["current", null],
    })
  })

  it("makes a snapshot that replaces another filed the same day the newer, whatever their names", () => {
    index = 0
    const entries = [
      entry("pb/2026-11-29/register.csv", { source: "pb", received: "2026-11-29" }),
      entry("pb/2026-11-29/register-rättad.csv", {
        source: "pb",
        received: "2026-11-29",
        replaces: ["pb/2026-11-29/register.csv"],
      }),
    ]
    expect(standing(entries)).toEqual({
      "pb/2026-11-29/register.csv": ["superseded", "pb/2026-11-29/register-rättad.csv"],
      "pb/2026-11-29/register-rättad.csv": ["current", null],
    })
  })

  it("supersedes what a correction replaces, along a chain of corrections", () => {
    index = 0
    expect(
      standing([entry("a.csv"), entry("a2.csv", { replaces: ["a.csv"] }), entry("a3.csv", { replaces: ["a2.csv"] })]),
    ).toEqual({
      "a.csv": ["superseded", "a2.csv"],
      "a2.csv": ["superseded", "a3.csv"],
      "a3.csv": ["current", null],
    })
  })

  it("lets a snapshot replace a delivery declared in full", () => {
    index = 0
    expect(
      standing([
        entry("scb/pop.csv"),
        entry("scb-population/2026-11-29/p.csv", { source: "scb-population", replaces: ["scb/pop.csv"] }),
      ]),
    ).toEqual({
      "scb/pop.csv": ["superseded", "scb-population/2026-11-29/p.csv"],
      "scb-population/2026-11-29/p.csv": ["current", null],
    })
  })

  it("withdraws a delivery, and a withdrawn newest snapshot gives its place back to the one before", () => {
    index = 0
    const entries = [
      entry("k/1.json", { source: "kolada", received: "2026-11-01" }),
      entry("k/2.json", { source: "kolada", received: "2026-11-02", withdrawn: "the API answered with test data" }),
      entry("b.csv", { withdrawn: "sent by mistake" }),
    ]
    expect(standing(entries)).toEqual({
      "k/1.json": ["current", null],
      "k/2.json": ["withdrawn", null],
      "b.csv": ["withdrawn", null],
    })
    expect(deliveryTimeline(entries).standing.get("b.csv")?.withdrawnReason).toBe("sent by mistake")
    expect(problems(entries)).toEqual([])
  })
})

describe("the deliveries that may cover a superseded one's rows", () => {
  const successors = (entries: TimelineEntry[]) =>
    Object.fromEntries([...deliveryTimeline(entries).standing].map(([f, s]) => [f, s.successors]))

  it("lists its correction and the next snapshot of its source, and theirs in turn, nearest first", () => {
    index = 0
    expect(
      successors([
        entry("scb/pop.csv"),
        entry("p/1.csv", { source: "scb-population", received: "2026-11-01", replaces: ["scb/pop.csv"] }),
        entry("p/2.csv", { source: "scb-population", received: "2026-11-02" }),
        entry("p/2b.csv", { replaces: ["p/2.csv"] }),
      ]),
    ).toEqual({
      "scb/pop.csv": ["p/1.csv", "p/2.csv", "p/2b.csv"],
      "p/1.csv": ["p/2.csv", "p/2b.csv"],
      "p/2.csv": ["p/2b.csv"],
      "p/2b.csv": [],
    })
  })

  it("names a withdrawn correction, and goes no further: nothing replaces a withdrawn delivery", () => {
    index = 0
    expect(successors([entry("a.csv"), entry("b.csv", { replaces: ["a.csv"], withdrawn: "wrong figures" })])).toEqual({
      "a.csv": ["b.csv"],
      "b.csv": [],
    })
  })
})

describe("misuses of replaces and withdrawn", () => {
  it("refuses replacing a file the manifest does not declare, and a delivery replacing itself", () => {
    index = 0
    expect(problems([entry("a.csv", { replaces: ["nothing.csv", "a.csv"] })])).toEqual([
      ["manifest/replaces", "deliveries.0.replaces.0"],
      ["manifest/replaces", "deliveries.0.replaces.1"],
    ])
  })

  it("refuses replacing a file twice, within an entry or by two entries, at the second mention", () => {
    index = 0
    expect(
      problems([
        entry("a.csv"),
        entry("b.csv", { replaces: ["a.csv", "a.csv"] }),
        entry("c.csv", { replaces: ["a.csv"] }),
      ]),
    ).toEqual([
      ["manifest/replaces", "deliveries.1.replaces.1"],
      ["manifest/replaces", "deliveries.2.replaces.0"],
    ])
  })

  it("refuses a cycle once, at the last entry on it", () => {
    index = 0
    expect(
      problems([
        entry("a.csv", { replaces: ["c.csv"] }),
        entry("b.csv", { replaces: ["a.csv"] }),
        entry("c.csv", { replaces: ["b.csv"] }),
        entry("d.csv", { replaces: ["a.csv"] }),
      ]),
    ).toEqual([
      ["manifest/replaces", "deliveries.3.replaces.0"],
      ["manifest/replaces", "deliveries.2.replaces.0"],
    ])
    const found = deliveryTimeline([
      entry("x.csv", { index: 0, replaces: ["y.csv"] }),
      entry("y.csv", { index: 1, replaces: ["x.csv"] }),
    ]).problems
    expect(found).toHaveLength(1)
    expect(found[0]!.message).toContain("cycle (x.csv, y.csv)")
  })

  it("refuses withdrawing a file another delivery replaces, at its withdrawn", () => {
    index = 0
    const found = deliveryTimeline([
      entry("a.csv", { withdrawn: "wrong figures" }),
      entry("b.csv", { replaces: ["a.csv"] }),
    ]).problems
    expect(found.map((p) => [p.code, p.path.join(".")])).toEqual([["manifest/withdrawn", "deliveries.0.withdrawn"]])
    expect(found[0]!.message).toContain("withdraw b.csv instead")
  })
})
