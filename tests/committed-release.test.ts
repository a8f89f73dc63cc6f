/**
 * The committed release against the repository's raw/, by what holds whatever deliveries raw/
 * holds (tests/support/release-invariants.ts): a fresh build succeeds and is reproducible; it
 * equals dist/, or raw/ differs from what dist/ was built from only by deliveries filed since,
 * which the nightly run publishes; every delivery says how it came to be; every published row
 * traces to a current delivery. The facts of the 4K release are checked in release.test.ts, on a
 * raw/ the test controls.
 */
import { rm } from "node:fs/promises"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type CommittedRelease,
  expectCurrent,
  expectFiles,
  expectKinds,
  expectReproducible,
  expectTraced,
  inspectCommittedRelease,
  isPending,
  pendingDeliveries,
} from "./support/release-invariants.ts"
import { tempDir } from "./support/run-build.ts"

const ROOT = resolve(".")

describe("the committed release", () => {
  let work: string
  let release: CommittedRelease
  beforeAll(async () => {
    work = await tempDir("committed-release")
    release = await inspectCommittedRelease(ROOT, work)
  }, 240_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("builds again from raw/ without an error, byte-identical when built twice", () => expectReproducible(release))

  it("is what raw/ builds, or what it built before the deliveries filed since (run npm start and commit dist/ when this fails)", () =>
    expectCurrent(release, ROOT))

  it("says of every delivery how it came to be", () => expectKinds(release, ROOT))

  it("publishes each dataset as JSON, CSV and Parquet with its schema, each file in SHA256SUMS", async () => {
    await expectFiles(join(ROOT, "dist"))
    await expectFiles(release.out)
  })

  it("traces every published row to a current delivery, 4K's project among them", async () => {
    await expectTraced(join(ROOT, "dist"))
    await expectTraced(release.out)
  })
})

describe("what the committed release was built from", () => {
  const published = [
    { file: "a.csv", sha256: "aa", delivery_status: "current" },
    { file: "b.csv", sha256: "bb", delivery_status: "current" },
    { file: "c.csv", sha256: "cc", delivery_status: "withdrawn" },
  ]
  const entries = [
    { file: "a.csv", sha256: "AA" },
    { file: "b.csv", sha256: "bb" },
    { file: "c.csv", sha256: "cc", withdrawn: "a mistake" },
  ]

  it("is raw/ itself when the manifest declares what the release lists", () => {
    const p = pendingDeliveries(entries, published)
    expect(p).toEqual({ added: [], withdrawn: [], changed: [] })
    expect(isPending(p)).toBe(false)
  })

  it("lacks the deliveries filed and withdrawn since", () => {
    const p = pendingDeliveries(
      [...entries.map((e) => (e.file === "b.csv" ? { ...e, withdrawn: "replaced by d" } : e)), { file: "d.csv" }],
      published,
    )
    expect(p).toEqual({ added: ["d.csv"], withdrawn: ["b.csv"], changed: [] })
    expect(isPending(p)).toBe(true)
  })

  it("cannot be made again when a delivery it lists was changed or taken out of the manifest", () => {
    const p = pendingDeliveries([{ file: "a.csv", sha256: "ab" }, { file: "d.csv" }], published)
    expect(p.changed).toEqual(["a.csv", "b.csv", "c.csv"])
    expect(isPending(p)).toBe(false)
  })
})
