/**
 * Corrections and withdrawals from the command line, through the real command, on copies of a
 * raw/ the tests control and the release built from it: `pipeline add NEW --replaces OLD` files
 * a correction, whose changed value the next build records in changes.json and CHANGELOG.md;
 * `pipeline withdraw FILE --reason TEXT` takes a delivery out, keeping it as history. Each is
 * checked before anything is written, and undone when raw/ does not validate with it.
 */
import { readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { copyRelease, fixtureRelease, type Release } from "./support/release-fixture.ts"
import { tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
import { treeHashes } from "./support/tree.ts"
import { tracedRows } from "./support/traced-rows.ts"

type Row = Record<string, unknown>
const readJson = async <T = Row[]>(path: string) => JSON.parse(await readFile(path, "utf8")) as T
const entries = async (raw: string) => (await readJson<{ deliveries: Row[] }>(join(raw, "manifest.json"))).deliveries

/** The 4K values as transcribed: every value "källan inte tillgänglig", not available. */
const VALUES = "4k/2026-11-29/indikatorvarden.csv"

describe("corrections and withdrawals from the command line", () => {
  let work: string
  let release: Release
  beforeAll(async () => {
    work = await tempDir("correct-and-withdraw")
    release = await fixtureRelease(join(work, "published"))
  }, 120_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("add --replaces files a correction, whose changed value the build records in changes.json and the changelog", async () => {
    const { raw, out } = await copyRelease(release, join(work, "correction"))
    // Bjurholm sends the file again with its figure for new jobs in 2008 (line 5).
    const text = await readFile(join(raw, VALUES), "utf8")
    const line = "new_jobs,2403,2008,källan inte tillgänglig"
    expect(text).toContain(line)
    const corrected = join(work, "indikatorvarden-rattad.csv")
    await writeFile(corrected, text.replace(line, "new_jobs,2403,2008,3"))
    const args = [
      ...["add", corrected, "--dataset", "indicator_values", "--publisher", "Bjurholms kommun"],
      ...["--licence", "CC0-1.0", "--received", "2026-12-02", "--missing", "källan inte tillgänglig=not available"],
      ...["--raw", raw, "--out", out],
    ]
    const before = await treeHashes(raw)

    // Filed as a delivery of its own, it gives the rows the transcription gives: the advice names the command.
    const overlapping = await pipeline(args)
    expect(overlapping.status).toBe(1)
    expect(overlapping.stderr).toMatch(/row\/primary-key: .*pipeline add NEWER --replaces OLDER/)
    expect(await treeHashes(raw)).toEqual(before)

    // The file the correction replaces, as a path in raw/; a dry run writes nothing.
    const dry = await pipeline([...args, "--replaces", join(raw, VALUES), "--dry-run"])
    expect(dry.status, dry.stderr).toBe(0)
    expect(JSON.parse(dry.stdout)).toMatchObject({ replaces: [VALUES] })
    expect(await treeHashes(raw)).toEqual(before)

    const added = await pipeline([...args, "--replaces", join(raw, VALUES)])
    expect(added.status, added.stderr).toBe(0)
    const entry = JSON.parse(added.stdout) as Row
    expect(entry).toMatchObject({
      file: "bjurholms-kommun/2026-12-02/indikatorvarden-rattad.csv",
      kind: "delivered",
      replaces: [VALUES],
    })
    expect((await entries(raw)).at(-1)).toEqual(entry)

    const built = await pipeline(["build", "--raw", raw, "--out", out, "--report", join(work, "correction.json")])
    expect(built.status, built.stderr).toBe(0)
    const changes = await readJson<{ bump: string; datasets: Row[] }>(join(out, "changes.json"))
    expect(changes.bump).toBe("patch")
    expect(changes.datasets.find((d) => d["dataset"] === "indicator_values")).toMatchObject({
      changed: 1,
      changed_rows: [
        {
          key: { indicator_id: "new_jobs", municipality_code: "2403", year: 2008 },
          fields: { value: { before: null, after: 3 }, value_status: { before: "not available", after: null } },
          before: { file: VALUES, line: 5 },
          after: { file: entry["file"], line: 5 },
        },
      ],
    })
    expect(await readFile(join(out, "CHANGELOG.md"), "utf8")).toContain(
      `- indicator_values: 1 row revised by \`${entry["file"]}\` (Bjurholms kommun, received 2026-12-02), replacing what \`${VALUES}\` gave:\n  - (new_jobs, 2403, 2008): value empty → 3; value_status "not available" → empty`,
    )
    expect((await readJson(join(out, "data", "deliveries.json"))).find((d) => d["file"] === VALUES)).toMatchObject({
      delivery_status: "superseded",
      superseded_by: entry["file"],
    })
  }, 120_000)

  it("add --replaces refuses a delivery of another dataset, writing nothing", async () => {
    const { raw, out } = await copyRelease(release, join(work, "other-dataset"))
    const before = await treeHashes(raw)
    await writeFile(join(work, "tal.csv"), "Kommun;År;Antal\nBjurholm;2012;5\n")
    const refused = await pipeline([
      ...["add", join(work, "tal.csv"), "--dataset", "indicator_values", "--indicator", "population"],
      ...["--publisher", "Bjurholms kommun", "--licence", "CC0-1.0", "--raw", raw, "--out", out],
      ...["--replaces", "4k/kommuner.csv"],
    ])
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(
      /manifest\/replaces: --replaces 4k\/kommuner\.csv: it is a delivery to project_municipalities, not to indicator_values/,
    )
    expect(refused.stdout).toBe("")
    expect(await treeHashes(raw)).toEqual(before)
  }, 60_000)

  it("withdraw takes a delivery's rows out of the release and keeps it as history, once", async () => {
    const { raw, out } = await copyRelease(release, join(work, "withdrawal"))
    const before = await treeHashes(raw)
    const reason = "the goals are the maintainers' summary, not the project's words"
    expect(await pipeline(["withdraw", "4k/mal.csv", "--raw", raw])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("withdraw takes --reason TEXT"),
    })
    const dry = await pipeline(["withdraw", "4k/mal.csv", "--reason", reason, "--raw", raw, "--dry-run"])
    expect(dry.status, dry.stderr).toBe(0)
    expect(JSON.parse(dry.stdout)).toMatchObject({ file: "4k/mal.csv", withdrawn: reason })
    expect(await treeHashes(raw)).toEqual(before)

    const done = await pipeline([
      "withdraw",
      join(raw, "4k", "mal.csv"),
      "--reason",
      reason,
      "--raw",
      raw,
      "--out",
      out,
    ])
    expect(done.status, done.stderr).toBe(0)
    const manifest = await entries(raw)
    expect(manifest.find((d) => d["file"] === "4k/mal.csv")).toMatchObject({ withdrawn: reason })
    expect(manifest.filter((d) => d["withdrawn"] !== undefined)).toHaveLength(1)

    const built = await pipeline(["build", "--raw", raw, "--out", out, "--report", join(work, "withdrawal.json")])
    expect(built.status, built.stderr).toBe(0)
    expect(tracedRows(out, "project_goals").filter((r) => r["file"] === "4k/mal.csv")).toEqual([])
    expect(
      (await readJson(join(out, "data", "deliveries.json"))).find((d) => d["file"] === "4k/mal.csv"),
    ).toMatchObject({
      delivery_status: "withdrawn",
      withdrawn_reason: reason,
    })
    expect(await readFile(join(out, "CHANGELOG.md"), "utf8")).toMatch(
      new RegExp(`- project_goals: \\d+ rows removed, from \`4k/mal\\.csv\` .*, which is withdrawn: ${reason}`),
    )

    const again = await pipeline(["withdraw", "4k/mal.csv", "--reason", reason, "--raw", raw])
    expect(again.status).toBe(1)
    expect(again.stderr).toContain("manifest/withdrawn: 4k/mal.csv is withdrawn already")
  }, 120_000)

  it("withdraw puts the entry back when raw/ does not validate without the delivery", async () => {
    const { raw, out } = await copyRelease(release, join(work, "needed"))
    const before = await treeHashes(raw)
    // Every other delivery names municipalities by the codes this list gives.
    const refused = await pipeline(["withdraw", "reference/kommuner.csv", "--reason", "x", "--raw", raw, "--out", out])
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain("row/foreign-key")
    expect(refused.stderr).toMatch(/not withdrawn: without it, .* does not validate .*; .*manifest\.json is as it was/)
    expect(await treeHashes(raw)).toEqual(before)
  }, 60_000)

  it("withdraw refuses a reason over several lines, and prints no line of a reason a workflow command could be read from", async () => {
    const { raw } = await copyRelease(release, join(work, "hostile-reason"))
    const before = await treeHashes(raw)
    const commandLike = (text: string) => text.split("\n").filter((line) => /^::|##\[/u.test(line))
    const refused = await pipeline(["withdraw", "4k/mal.csv", "--reason", "done\n::add-mask::x", "--raw", raw])
    expect(refused.status).not.toBe(0)
    expect(commandLike(refused.stderr)).toEqual([])
    // One line, and valid: said with the runner's older form escaped.
    const dry = await pipeline(["withdraw", "4k/mal.csv", "--reason", "done ##[add-mask]x", "--raw", raw, "--dry-run"])
    expect(dry.status, dry.stderr).toBe(0)
    expect(commandLike(dry.stderr)).toEqual([])
    expect(await treeHashes(raw)).toEqual(before)
  }, 60_000)
})
