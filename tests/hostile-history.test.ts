/**
 * A hostile corpus, built here, for the published history and who owns it. A release is built
 * from deliveries of two publishers, each in its folder of the register (raw/publishers.json);
 * then each case changes a copy of raw/ as a hostile pull request would and builds it over a
 * copy of that release with the command. Refused, each with its code at its place in the
 * manifest and the release byte for byte as it was: a published delivery's file edited with its
 * sha256, its missing-value markers, columns or corrections changed, its entry deleted; a
 * delivery filed in another publisher's folder; another publisher's delivery replaced or
 * withdrawn without the maintainers' reason. With the reason, the change is built and the job
 * summary shows it first. A CODEOWNERS the register no longer makes fails `generate --check`.
 */
import { createHash } from "node:crypto"
import { cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
import { treeHashes } from "./support/tree.ts"

type Entry = Record<string, unknown>
const SCB = "Statistiska centralbyrån (SCB)"
const VANNAS = "Vännäs kommun"
const REGISTER = {
  publishers: [
    { name: "the repository's maintainers", maintainers: true, folders: [], accounts: [] },
    { name: SCB, folders: ["scb"], accounts: [] },
    { name: VANNAS, folders: ["vannas-kommun"], accounts: [] },
  ],
}
/** Vännäs's own delivery, which the other publisher's changes aim at. */
const THEIRS = "vannas-kommun/pop2009.csv"
const REASON = "maintainers: Vännäs kommun asked for its 2009 figures to be taken out"

const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex")

describe("a published history and its publishers, against hostile pull requests", () => {
  let work: string
  let base: { raw: string; dist: string }
  let published: Record<string, string>
  let n = 0

  /** A copy of the published release and its raw/, changed by `change`. */
  const copy = async (change: (raw: string, entries: Entry[]) => Promise<void> | void) => {
    const dir = join(work, `case-${++n}`)
    const raw = join(dir, "raw")
    const dist = join(dir, "dist")
    await cp(base.raw, raw, { recursive: true })
    await cp(base.dist, dist, { recursive: true })
    const path = join(raw, "manifest.json")
    const manifest = JSON.parse(await readFile(path, "utf8")) as { deliveries: Entry[] }
    await change(raw, manifest.deliveries)
    const text = JSON.stringify(manifest, null, 2)
    await writeFile(path, text)
    return { dir, raw, dist, text }
  }
  const build = async (c: { dir: string; raw: string; dist: string }, summary = false) => {
    const report = join(c.dir, "report.json")
    const env: Record<string, string> = summary ? { GITHUB_STEP_SUMMARY: join(c.dir, "summary.md") } : {}
    const args = ["build", "--raw", c.raw, "--out", c.dist, "--report", report, "--no-cache"]
    const run = await pipeline([...args, ...(summary ? ["--summary"] : [])], env)
    const { problems } = JSON.parse(await readFile(report, "utf8")) as { problems: Entry[] }
    return { ...run, errors: problems.filter((p) => p["severity"] === "error") }
  }
  /** Where the `nth` occurrence of `text` starts in the manifest's text: its line and column, 1-based. */
  const at = (manifest: string, text: string, nth = 0) => {
    const lines = manifest.split("\n")
    const line = lines.findIndex(
      (l, i) => l.includes(text) && lines.slice(0, i).filter((x) => x.includes(text)).length === nth,
    )
    expect(line, text).toBeGreaterThanOrEqual(0)
    return { line: line + 1, column: lines[line]!.indexOf(text) + 1 }
  }
  /** Where an entry starts: the brace on the line above its "file". */
  const entryOf = (manifest: string, file: string) => {
    const { line } = at(manifest, `"file": "${file}"`)
    return { line: line - 1, column: 5 }
  }
  const expectRefused = async (
    c: Awaited<ReturnType<typeof copy>>,
    expected: { code: string; line: number; column: number },
  ) => {
    const built = await build(c)
    expect(built.status, built.stderr).toBe(1)
    expect(built.errors).toEqual([
      expect.objectContaining({ ...expected, file: expect.stringMatching(/manifest\.json$/) }),
    ])
    expect(await treeHashes(c.dist)).toEqual(published)
    return built
  }

  beforeAll(async () => {
    work = await tempDir("hostile-history")
    // good-small's deliveries, filed in their publishers' folders: SCB's four, and Vännäs's one.
    const raw = join(work, "base", "raw")
    await cp(join("tests", "cases", "good-small", "raw"), raw, { recursive: true })
    await mkdir(join(raw, "scb"))
    await mkdir(join(raw, "vannas-kommun"))
    const path = join(raw, "manifest.json")
    const manifest = JSON.parse(await readFile(path, "utf8")) as { deliveries: Entry[] }
    for (const d of manifest.deliveries) {
      const theirs = d["file"] === "pop2009.csv"
      const file = `${theirs ? "vannas-kommun" : "scb"}/${String(d["file"])}`
      await rename(join(raw, String(d["file"])), join(raw, file))
      Object.assign(d, { file, publisher: theirs ? VANNAS : SCB })
    }
    await writeFile(path, JSON.stringify(manifest, null, 2))
    await writeFile(join(raw, "publishers.json"), JSON.stringify(REGISTER, null, 2))
    base = { raw, dist: join(work, "base", "dist") }
    const first = await build({ dir: join(work, "base"), ...base })
    expect(first.status, first.stderr).toBe(0)
    published = await treeHashes(base.dist)
  }, 60_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("refuses a published delivery's file edited together with its sha256, at the sha256", async () => {
    let changed = ""
    const c = await copy(async (raw, entries) => {
      const path = join(raw, THEIRS)
      const bytes = Buffer.from((await readFile(path)).toString("latin1").replace("2 500", "2 600"), "latin1")
      await writeFile(path, bytes)
      changed = sha256(bytes)
      entries.find((e) => e["file"] === THEIRS)!["sha256"] = changed
    })
    const built = await expectRefused(c, { code: "manifest/published", ...at(c.text, `"${changed}"`) })
    expect(built.stderr).toContain(`pipeline add NEWFILE --replaces ${THEIRS}`)
  })

  it.each([
    [
      "missing-value markers",
      "scb/pop.csv",
      {
        dialect: {
          delimiter: ";",
          encoding: "windows-1252",
          decimalSeparator: ",",
          thousandsSeparator: " ",
          missingValues: [{ value: "..", label: "not reported" }],
        },
      },
    ],
    [
      "columns",
      "scb/kommuner.csv",
      { columns: { kod: "municipality_code", namn: "municipality_name", lan: "county_code" } },
    ],
    [
      "corrections",
      "scb/lan.csv",
      { corrections: [{ field: "county_name", from: "Västerbottens län", to: "Västerbotten", reason: "shorter" }] },
    ],
  ] as const)("refuses a published delivery's %s changed, at its entry", async (_, file, over) => {
    const c = await copy((_raw, entries) => {
      Object.assign(entries.find((e) => e["file"] === file)!, over)
    })
    await expectRefused(c, { code: "manifest/published", ...entryOf(c.text, file) })
  })

  it("refuses a published delivery's entry deleted with its file, at the list of deliveries", async () => {
    const c = await copy(async (raw, entries) => {
      entries.splice(
        entries.findIndex((e) => e["file"] === THEIRS),
        1,
      )
      await rm(join(raw, THEIRS))
    })
    // At the list itself: the first bracket of the manifest.
    const built = await expectRefused(c, { code: "manifest/published", ...at(c.text, "[") })
    expect(built.errors[0]!["value"]).toBe(THEIRS)
  })

  /** A new delivery of population figures, by `publisher`, filed as `file`. */
  const deliver = async (raw: string, entries: Entry[], file: string, publisher: string, more: Entry = {}) => {
    // Windows-1252, as the delivery it is like.
    const bytes = Buffer.from("Kommun;År;Värde\nBjurholms kommun;2010;2 480\n", "latin1")
    await writeFile(join(raw, file), bytes)
    const like = entries.find((e) => e["file"] === THEIRS)!
    entries.push({
      ...like,
      file,
      publisher,
      received: "2012-04-01",
      sha256: sha256(bytes),
      ...more,
    })
  }

  it("refuses a delivery filed in another publisher's folder, at its publisher", async () => {
    const c = await copy((raw, entries) => deliver(raw, entries, "vannas-kommun/pop2010.csv", SCB))
    const built = await expectRefused(c, { code: "manifest/publisher", ...at(c.text, `"${SCB}"`, 4) })
    expect(built.stderr).toContain(`vannas-kommun/ is ${VANNAS}'s folder`)
  })

  describe("another publisher's delivery replaced", () => {
    const replacing = (more: Entry) => (raw: string, entries: Entry[]) =>
      deliver(raw, entries, "scb/pop2009-rattad.csv", SCB, { replaces: [THEIRS], ...more })

    it("without the maintainers' reason: refused, at its replaces", async () => {
      const c = await copy(replacing({}))
      await expectRefused(c, { code: "manifest/on-behalf", ...at(c.text, `"${THEIRS}"`, 1) })
    })

    it("with it: built, and shown first in the pull request's summary", async () => {
      const c = await copy(replacing({ onBehalf: REASON }))
      const built = await build(c, true)
      expect(built.status, built.stderr).toBe(0)
      const summary = (await readFile(join(c.dir, "summary.md"), "utf8")).split("\n")
      expect(summary.slice(0, 3)).toEqual([
        "## Changes to other publishers' deliveries: 1",
        "",
        `- \`${THEIRS}\`, ${VANNAS}'s, replaced by \`scb/pop2009-rattad.csv\`, ${SCB}'s. ${REASON}`,
      ])
      expect(summary.findIndex((l) => l.startsWith("## What this change publishes"))).toBeGreaterThan(2)
    })
  })

  describe("another publisher's delivery withdrawn", () => {
    const withdrawing = (more: Entry) => (_raw: string, entries: Entry[]) => {
      Object.assign(entries.find((e) => e["file"] === THEIRS)!, { withdrawn: "figures not final", ...more })
    }

    it("without the maintainers' reason: refused, at its withdrawn", async () => {
      const c = await copy(withdrawing({}))
      await expectRefused(c, { code: "manifest/on-behalf", ...at(c.text, '"figures not final"') })
    })

    it("with it: built, and shown first in the pull request's summary", async () => {
      const c = await copy(withdrawing({ onBehalf: REASON }))
      const built = await build(c, true)
      expect(built.status, built.stderr).toBe(0)
      const summary = (await readFile(join(c.dir, "summary.md"), "utf8")).split("\n")
      expect(summary.slice(0, 3)).toEqual([
        "## Changes to other publishers' deliveries: 1",
        "",
        `- \`${THEIRS}\`, ${VANNAS}'s, withdrawn: figures not final. ${REASON}`,
      ])
    })
  })

  it("withdraw: refused, the manifest put back, without --on-behalf; written with it", async () => {
    const c = await copy(() => {})
    const args = ["withdraw", THEIRS, "--reason", "figures not final", "--raw", c.raw, "--out", c.dist]
    const refused = await pipeline(args)
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(
      /manifest\.json:\d+:\d+: manifest\/on-behalf: .*--on-behalf "maintainers: at Vännäs kommun's request/,
    )
    expect(await readFile(join(c.raw, "manifest.json"), "utf8")).toBe(c.text)
    const withdrawn = await pipeline([...args, "--on-behalf", REASON])
    expect(withdrawn.status, withdrawn.stderr).toBe(0)
    expect(JSON.parse(withdrawn.stdout)).toMatchObject({
      file: THEIRS,
      withdrawn: "figures not final",
      onBehalf: REASON,
    })
    expect(await treeHashes(c.dist)).toEqual(published)
  })

  it("fails generate --check on a CODEOWNERS the register no longer makes, and generate makes it anew", async () => {
    const dir = join(work, "generate")
    await cp(join("schemas", "derived"), join(dir, "schemas", "derived"), { recursive: true })
    await cp(join(base.raw, "publishers.json"), join(dir, "raw", "publishers.json"))
    await mkdir(join(dir, ".github"))
    // As generated before Vännäs was registered.
    const stale = "# the repository's maintainers\n*\n\n# Statistiska centralbyrån (SCB)\n/raw/scb/\n"
    await writeFile(join(dir, ".github", "CODEOWNERS"), stale)
    const checked = await pipeline(["generate", "--check"], {}, dir)
    expect(checked.status).toBe(1)
    expect(checked.stderr).toContain(".github/CODEOWNERS")
    expect(await readFile(join(dir, ".github", "CODEOWNERS"), "utf8")).toBe(stale)
    expect((await pipeline(["generate"], {}, dir)).status).toBe(0)
    expect((await pipeline(["generate", "--check"], {}, dir)).status).toBe(0)
    const owners = (await readFile(join(dir, ".github", "CODEOWNERS"), "utf8")).split("\n")
    const vannas = owners.indexOf(`# ${VANNAS}`)
    expect(owners.slice(vannas, vannas + 3)).toEqual([
      `# ${VANNAS}`,
      "# No GitHub account or team is configured in raw/publishers.json: no one is named.",
      "/raw/vannas-kommun/",
    ])
  })
})
