/**
 * A hostile corpus, built here, for text from deliveries wherever it lands. Accepted and escaped:
 * a `javascript:` link in a publisher's name, in a withdrawal reason and in a revised register
 * value, a forged `## 9.9.9` heading in a value, a control character in a text: the change
 * record, the release notes the nightly cuts from it, the codebooks, the job summary and every
 * page of the site keep them text, and the workbook keeps the character the CSV keeps. Refused,
 * with the release left as it was: a withdrawal reason over several lines, and file names and
 * values that would be workflow commands on the runner's terminal.
 */
import { execFile } from "node:child_process"
import { createHash } from "node:crypto"
import { cp, readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { promisify } from "node:util"
import { readSheet } from "read-excel-file/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { listFiles } from "../pipeline/shared/files.ts"
import { tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
import { treeHashes } from "./support/tree.ts"
import { stepScript } from "./support/workflow-steps.ts"

const exec = promisify(execFile)
const LINK = "[klicka](javascript:alert(document.domain))"
const FORGED = "Västerbottens\u001c län\n## 9.9.9 [x](javascript:alert(1))"

type Entry = Record<string, unknown>
const editManifest = async (raw: string, edit: (deliveries: Entry[]) => void) => {
  const path = join(raw, "manifest.json")
  const manifest = JSON.parse(await readFile(path, "utf8")) as { deliveries: Entry[] }
  edit(manifest.deliveries)
  await writeFile(path, JSON.stringify(manifest, null, 2))
}

/** An href as a browser reads it: whether it leads anywhere but an http(s) address or within the site. */
const leadsElsewhere = (href: string): boolean => {
  const url = href
    .replace(/&quot;/gu, '"')
    .replace(/&#39;/gu, "'")
    .replace(/&amp;/gu, "&")
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/gu, "")
    .replace(/[\t\n\r]/gu, "")
  const scheme = /^([a-z][a-z0-9+.-]*):/iu.exec(url)?.[1]
  return scheme !== undefined && !/^https?$/iu.test(scheme)
}

/** What the runner takes for a workflow command in a line (actions/runner, ActionCommand.cs). */
const isWorkflowCommand = (line: string) => line.trimStart().startsWith("::") || line.includes("##[")

/** A CSV field, quoted where it must be. */
const field = (s: string) => (/[",\n]/u.test(s) ? `"${s.replaceAll('"', '""')}"` : s)
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

describe("text from deliveries, where it lands", () => {
  let work: string
  let raw: string
  let dist: string
  let version: string
  const summary = () => join(work, "summary.md")
  const build = (env: Record<string, string> = {}, more: string[] = []) =>
    pipeline(["build", "--raw", raw, "--out", dist, "--report", join(work, "report.json"), "--no-cache", ...more], env)
  /** A delivery of counties with these rows, replacing `replaces`, by `publisher`. */
  const deliverCounties = async (file: string, rows: string[][], replaces: string, publisher: string) => {
    const text = `lan,namn,nuts\n${rows.map((r) => r.map(field).join(",")).join("\n")}\n`
    await writeFile(join(raw, file), text)
    await editManifest(raw, (deliveries) => {
      const lan = deliveries.find((d) => d["file"] === "lan.csv")!
      deliveries.push({ ...lan, file, received: "2012-04-01", sha256: sha256(text), publisher, replaces: [replaces] })
    })
  }

  beforeAll(async () => {
    work = await tempDir("hostile-text")
    raw = join(work, "raw")
    dist = join(work, "dist")
    await cp(join("tests", "cases", "good-small", "raw"), raw, { recursive: true })
    const first = await build()
    expect(first.status, first.stderr).toBe(0)
  }, 60_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  describe("a release from a hostile delivery", () => {
    let built: Awaited<ReturnType<typeof pipeline>>
    beforeAll(async () => {
      // The counties revised by a delivery whose publisher's name holds a link; a delivery withdrawn with one.
      await deliverCounties(
        "lan-rättad.csv",
        [
          ["01", LINK, "SE110"],
          ["24", FORGED, "SE331"],
        ],
        "lan.csv",
        `Evil ${LINK}`,
      )
      await editManifest(raw, (deliveries) => {
        deliveries.find((d) => d["file"] === "pop2009.csv")!["withdrawn"] = `fel ${LINK}`
      })
      await writeFile(summary(), "")
      built = await build({ GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary() }, ["--summary"])
      version = (JSON.parse(await readFile(join(dist, "datapackage.json"), "utf8")) as { version: string }).version
    }, 60_000)

    it("is published, with the change record saying it as text", async () => {
      expect(built.status, built.stderr).toBe(0)
      const log = await readFile(join(dist, "CHANGELOG.md"), "utf8")
      const entry = log.slice(log.indexOf(`## ${version}`), log.indexOf("## 1.0.0"))
      expect(entry).toContain("(Evil \\[klicka\\](javascript:alert(document.domain)), received 2012-04-01)")
      expect(entry).toContain("which is withdrawn: fel \\[klicka\\](javascript:alert(document.domain))")
      expect(entry).toContain('"\\[klicka\\](javascript:alert(document.domain))"')
      expect(entry).toContain('"Västerbottens\\\\u001c län\\\\n## 9.9.9 \\[x\\](javascript:alert(1))"')
      // Only the versions are headings: the forged one is inside a line.
      expect(log.split("\n").filter((l) => l.startsWith("## "))).toEqual([`## ${version}`, "## 1.0.0"])
    })

    it("gives the release notes the nightly cuts from the change record as the newest entry, whole", async () => {
      const awk = stepScript("nightly.yml", "Create the GitHub Release with the data files").split("\n")[0]!
      await exec("bash", ["-e", "-c", awk], { cwd: work, env: { ...process.env, RUNNER_TEMP: work } })
      const notes = await readFile(join(work, "notes.md"), "utf8")
      expect(notes.split("\n").filter((l) => l.startsWith("## "))).toEqual([`## ${version}`])
      expect(notes).toContain("which is withdrawn: fel \\[klicka\\]")
      expect(notes).toContain("Which rows, with their values before and after")
    })

    it("writes the codebooks and the job summary as text", async () => {
      const counties = await readFile(join(dist, "data", "counties.md"), "utf8")
      expect(counties).toContain("| Evil \\[klicka\\](javascript:alert(document.domain)) |")
      const values = await readFile(join(dist, "data", "indicator_values.md"), "utf8")
      expect(values).toContain("withdrawn: fel \\[klicka\\](javascript:alert(document.domain))")
      const said = await readFile(summary(), "utf8")
      expect(said).toContain("(Evil \\[klicka\\](javascript:alert(document.domain)), received 2012-04-01)")
      expect(said).not.toMatch(/(?<!\\)\[klicka\]/u)
    })

    it("links every page of the site only to http(s) addresses and within the site, and shows the links as text", async () => {
      const pages = (await listFiles(dist)).filter((f) => f.endsWith(".html"))
      expect(pages.length).toBeGreaterThan(5)
      for (const page of pages) {
        const html = await readFile(join(dist, page), "utf8")
        const hrefs = [...html.matchAll(/\shref=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gu)].map((m) => m[1] ?? m[2] ?? m[3]!)
        expect(hrefs.length, page).toBeGreaterThan(0)
        expect(hrefs.filter(leadsElsewhere), page).toEqual([])
      }
      const index = await readFile(join(dist, "index.html"), "utf8")
      expect(index).toContain(`Evil ${LINK}, received 2012-04-01`)
      expect(index).toContain(`which is withdrawn: fel ${LINK}`)
      expect(index).not.toMatch(/<h[1-6]>9\.9\.9/u)
    })

    it("keeps the control character in the CSV and, the same, in the workbook", async () => {
      expect(await readFile(join(dist, "data", "counties.csv"), "utf8")).toContain("Västerbottens\u001c län")
      const sheet = await readSheet(join(dist, "data", "counties.xlsx"))
      expect(sheet.map((r) => r[1])).toContain(FORGED)
    })
  })

  describe("refused, with the release as it was", () => {
    let before: Record<string, string>
    let manifest: string
    beforeAll(async () => {
      before = await treeHashes(dist)
      manifest = await readFile(join(raw, "manifest.json"), "utf8")
    })
    afterEach(() => writeFile(join(raw, "manifest.json"), manifest))

    it("a withdrawal reason over several lines, at its line in the manifest", async () => {
      await editManifest(raw, (deliveries) => {
        deliveries.find((d) => d["file"] === "pop.csv")!["withdrawn"] = `fel\n## 9.9.9\n${LINK}`
      })
      const refused = await build()
      expect(refused.status).toBe(1)
      expect(refused.stderr).toMatch(/manifest\.json:\d+:\d+: manifest\/invalid: .*on one line/u)
      expect(await treeHashes(dist)).toEqual(before)
    })

    it.each([
      ["a newline and a command", "x\n::warning file=lan.csv::forged.csv"],
      ["the runner's older command", "y ##[add-mask]z.csv"],
      ["an escape sequence", "\u001b[2Jred.csv"],
    ])("a file named with %s: file/name, and no line of the output a workflow command", async (_, name) => {
      await writeFile(join(raw, name), "kod,namn\n")
      const refused = await build({ GITHUB_ACTIONS: "true" })
      await rm(join(raw, name))
      expect(refused.status).toBe(1)
      expect(refused.stderr).toMatch(/: file\/name: not a plain name/u)
      const lines = `${refused.stdout}\n${refused.stderr}`.split(/\r\n|\r|\n/u)
      expect(lines.filter(isWorkflowCommand).every((l) => l.startsWith("::error file="))).toBe(true)
      expect(refused.stdout).toMatch(/^::error file=.*title=file\/name::/mu)
      expect(await treeHashes(dist)).toEqual(before)
    })

    it("a value that would be workflow commands: at its cell, and no line of the output one", async () => {
      await deliverCounties(
        "lan-2.csv",
        [
          ["01", "Stockholms län", "SE110"],
          ["24\n::warning::forged ##[add-mask]x", "Västerbottens län", "SE331"],
        ],
        "lan-rättad.csv",
        "Statistiska centralbyrån (SCB)",
      )
      const refused = await build({ GITHUB_ACTIONS: "true" })
      await rm(join(raw, "lan-2.csv"))
      expect(refused.status).toBe(1)
      expect(refused.stderr).toMatch(/lan-2\.csv:3:1: cell\/constraint: .*#\\u0023\[add-mask\]x/u)
      const lines = `${refused.stdout}\n${refused.stderr}`.split(/\r\n|\r|\n/u)
      expect(lines.filter(isWorkflowCommand).every((l) => l.startsWith("::error "))).toBe(true)
      expect(await treeHashes(dist)).toEqual(before)
    })
  })
})
