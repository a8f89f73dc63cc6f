/** The `pipeline` command as a user runs it, and the account the README and docs/ give of it. */
import { existsSync } from "node:fs"
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BENCH_USAGE } from "../pipeline/bench/main.ts"
import { USAGE } from "../pipeline/cli/main.ts"
import { asLatin1, correctDelivery, editDelivery } from "./support/raw-copy.ts"
import { copyRelease, FIXTURE_RAW, fixtureRelease, type Release } from "./support/release-fixture.ts"
import { tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
import { treeHashes } from "./support/tree.ts"

const COMMANDS = Object.keys(USAGE).filter((k) => k !== "main")
const optionsOf = (usage: string) =>
  [...new Set([...usage.matchAll(/--[a-z-]+/g)].map((m) => m[0]))].filter((o) => o !== "--help")

describe("pipeline --help", () => {
  it("lists every command", async () => {
    const { status, stdout } = await pipeline(["--help"])
    expect(status).toBe(0)
    for (const c of COMMANDS) expect(stdout).toContain(`  ${c} `)
  })

  it.each(COMMANDS)("%s --help prints its usage", async (command) => {
    const { status, stdout } = await pipeline([command, "--help"])
    expect(status).toBe(0)
    expect(stdout).toContain(`Usage: pipeline ${command}`)
  })

  it("refuses an unknown command or option with status 2", async () => {
    expect((await pipeline(["publish-everything"])).status).toBe(2)
    expect((await pipeline(["build", "--fast"])).status).toBe(2)
    // validate publishes nothing, so it writes no summary of what it would publish.
    expect((await pipeline(["validate", "--summary"])).status).toBe(2)
  })
})

describe("README and docs/", () => {
  let readme: string
  let commands: string
  let benchmark: string
  let pages: Array<[string, string]>
  beforeAll(async () => {
    readme = await readFile("README.md", "utf8")
    commands = await readFile(join("docs", "commands.md"), "utf8")
    benchmark = await readFile(join("docs", "benchmark.md"), "utf8")
    const docs = (await readdir("docs")).filter((f) => f.endsWith(".md")).map((f) => join("docs", f))
    pages = await Promise.all(
      ["README.md", ...docs].map(async (f) => [f, await readFile(f, "utf8")] as [string, string]),
    )
  })

  it("keeps the README short, and links a page for each audience", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(250)
    for (const page of ["publishers", "data-users", "operators", "commands", "architecture", "benchmark"])
      expect(readme).toContain(`(docs/${page}.md`)
  })

  it("gives the two commands of a fresh machine", () => {
    expect(readme).toContain("npm ci && npm start")
    expect(readme).toContain("npm test")
  })

  it.each(COMMANDS)("documents pipeline %s and each of its options", (command) => {
    expect(commands).toContain(`## \`pipeline ${command}\``)
    const section = commands.split(`## \`pipeline ${command}\``)[1]!.split("\n## ")[0]!
    for (const option of optionsOf(USAGE[command]!)) {
      // An option is documented in the command's own section or in the one it refers to.
      const documented =
        section.includes(option) ||
        (section.includes("Options as for `build`") && commands.split("## `pipeline build`")[1]!.includes(option))
      expect(documented, `${command} ${option}`).toBe(true)
    }
  })

  it("documents npm run bench and its options", () => {
    for (const option of optionsOf(BENCH_USAGE)) expect(benchmark, option).toContain(option)
  })

  it("mentions no option the command line lacks", () => {
    const known = new Set(["--help", ...optionsOf(BENCH_USAGE), ...COMMANDS.flatMap((c) => optionsOf(USAGE[c]!))])
    for (const [file, text] of pages) {
      // Options alone (`--out DIR`) or in a command of this project; other tools' (git's) are theirs.
      const spans = [...text.matchAll(/`([^`]*)`/g)].map((m) => m[1]!).filter((span) => !/^(git|npm ci)\b/.test(span))
      const mentioned = spans.flatMap((span) => [...span.matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)].map((m) => m[1]!))
      for (const option of mentioned) expect(known, `${file}: ${option}`).toContain(option)
    }
  })

  it("links only to pages and headings that exist", () => {
    const anchor = (heading: string) =>
      heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-")
    const headings = new Map(
      pages.map(([f, text]) => [f, new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => anchor(m[1]!)))]),
    )
    for (const [file, text] of pages) {
      for (const [, target, fragment] of text.matchAll(/\]\(([^)#:\s]+\.md)(?:#([^)\s]+))?\)/g)) {
        const path = join(file === "README.md" ? "." : "docs", target!)
        expect(existsSync(path), `${file} → ${target}`).toBe(true)
        if (fragment !== undefined)
          expect(headings.get(path.replace(/^\.\//, "")), `${file} → ${target}#${fragment}`).toContain(fragment)
      }
    }
  })

  it("names only files and folders of the repository that exist", () => {
    // A path in backticks that starts with one of the repository's folders.
    const roots = /^(?:pipeline|schemas|tests|bin|docs|\.github|\.ci)\/[^\s`*<>…]*$/
    for (const [file, text] of pages) {
      for (const [, span] of text.matchAll(/`([^`\s]+)`/g)) {
        if (!roots.test(span!) || span!.includes("<") || span!.includes("*")) continue
        expect(existsSync(span!), `${file}: ${span}`).toBe(true)
      }
    }
  })
})

describe("pipeline build and validate", () => {
  let work: string
  let release: Release
  beforeAll(async () => {
    work = await tempDir("cli")
    release = await fixtureRelease(join(work, "release"))
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("refuses --cache with --no-cache, even where the build would be skipped as unchanged", async () => {
    const { status, stderr } = await pipeline(["build", "--cache", join(work, "cache"), "--no-cache"])
    expect(status).toBe(2)
    expect(stderr).toContain("--cache and --no-cache cannot both be given")
    expect(stderr).not.toMatch(/^skipped/m)
  })

  it("validates raw/ with status 0 and reports each delivery on stderr", async () => {
    const { status, stderr } = await pipeline(["validate", "--report", join(work, "ok.json")])
    expect(status).toBe(0)
    expect(stderr).toMatch(
      /read 4k\/2026-11-29\/indikatorvarden\.csv → indicator_values: 60 rows, 0 rejected \(\d+\.\d\d s, duckdb(, kept from an earlier build)?\)/,
    )
    expect(JSON.parse(await readFile(join(work, "ok.json"), "utf8"))).toMatchObject({ valid: true, errors: 0 })
    // The publication's configuration is the operator's concern, not the publisher's.
    expect(stderr).not.toMatch(/publication\.json|DCAT/)
  })

  it("configure records the release's address once, and leaves a configured one as it is", async () => {
    const file = join(work, "publication.json")
    await writeFile(file, await readFile("publication.json", "utf8"))
    const set = await pipeline([
      "configure",
      "--base-url",
      "https://example.github.io/kranskommuner",
      "--publication",
      file,
    ])
    expect(set.status, set.stderr).toBe(0)
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({
      baseUrl: "https://example.github.io/kranskommuner/",
      name: "kranskommuner-open-data",
    })
    const other = await pipeline(["configure", "--base-url", "https://elsewhere.example.org/", "--publication", file])
    expect(other.status).toBe(0)
    expect(other.stderr).toContain("which stands")
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({
      baseUrl: "https://example.github.io/kranskommuner/",
    })
    expect(
      (await pipeline(["configure", "--base-url", "http://insecure.example.org/", "--publication", file])).status,
    ).toBe(2)
    expect((await pipeline(["configure", "--publication", file])).status).toBe(2)
    const repository = await pipeline([
      "configure",
      "--repository",
      "https://github.com/example/kranskommuner/",
      "--publication",
      file,
    ])
    expect(repository.status, repository.stderr).toBe(0)
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({
      baseUrl: "https://example.github.io/kranskommuner/",
      repository: "https://github.com/example/kranskommuner",
    })
  })

  it("exits 1 on an undeclared file, naming it, and leaves the release untouched", async () => {
    const { raw, out } = await copyRelease(release, join(work, "undeclared"))
    const before = await treeHashes(out)
    await writeFile(join(raw, "4k", "extra.csv"), "a,b\n1,2\n")
    const report = join(work, "bad.json")
    const { status, stderr, stdout } = await pipeline(["build", "--raw", raw, "--out", out, "--report", report], {
      GITHUB_ACTIONS: "true",
    })
    expect(status).toBe(1)
    expect(stderr).toMatch(/4k\/extra\.csv: file\/undeclared: /)
    expect(stderr).toContain("nothing published")
    expect(stdout).toMatch(/^::error file=[^,]*4k\/extra\.csv,title=file\/undeclared::/m)
    expect(JSON.parse(await readFile(report, "utf8"))).toMatchObject({ valid: false, errors: 1 })
    expect(
      (JSON.parse(await readFile(report, "utf8")) as { problems: Array<{ code: string }> }).problems.filter(
        (p) => p.code !== "source/suspect" && p.code !== "cell/formula",
      ),
    ).toMatchObject([{ code: "file/undeclared" }])
    expect(await treeHashes(out)).toEqual(before)
  })

  it("npm start's command refuses a file corrupted after it was declared, naming file and line", async () => {
    const { raw, out } = await copyRelease(release, join(work, "corrupt"))
    const before = await treeHashes(out)
    await editDelivery(
      raw,
      "4k/2026-11-29/indikatorvarden.csv",
      asLatin1("new_jobs,2403,2008,källan inte tillgänglig"),
      "new_jobs,2403,2008,1?",
      false,
    )
    const { status, stderr } = await pipeline(["--raw", raw, "--out", out, "--report", join(work, "r3.json")])
    expect(status).toBe(1)
    expect(stderr).toMatch(/4k\/2026-11-29\/indikatorvarden\.csv: file\/checksum: /)
    expect(stderr).toMatch(/4k\/2026-11-29\/indikatorvarden\.csv:5:4: cell\/type: .*\(value: "1\?"\)/)
    expect(await treeHashes(out)).toEqual(before)
  })

  it("builds into a folder whose parent does not exist yet, making it as mkdir -p does", async () => {
    const parent = join(work, "not", "yet")
    const { status, stderr } = await pipeline([
      "build",
      "--raw",
      FIXTURE_RAW,
      "--out",
      join(parent, "dist"),
      "--report",
      join(work, "r4.json"),
    ])
    expect(status, stderr).toBe(0)
    expect(stderr).not.toContain("internal error")
    expect(existsSync(join(parent, "dist", "SHA256SUMS"))).toBe(true)
    // The lock, staging and work folders were made beside it and are gone again.
    expect(await readdir(parent)).toEqual(["dist"])
  })

  it("publishes a release a web server running as another user can read: folders 0755, files 0644", async () => {
    // With the usual umask, as on a server; the release's modes follow it like any folder's.
    const umask = process.umask(0o022)
    try {
      const { raw, out } = await copyRelease(release, join(work, "modes"))
      const { status, stderr } = await pipeline([
        "build",
        "--raw",
        raw,
        "--out",
        out,
        "--report",
        join(work, "r5.json"),
      ])
      expect(status, stderr).toBe(0)
      expect(stderr).toContain("published")
      for (const folder of [out, join(out, "data")])
        expect(((await stat(folder)).mode & 0o777).toString(8), folder).toBe("755")
      expect(((await stat(join(out, "SHA256SUMS"))).mode & 0o777).toString(8)).toBe("644")
    } finally {
      process.umask(umask)
    }
  })

  it("prints file:line:column and a GitHub annotation for a bad cell", async () => {
    const { raw, out } = await copyRelease(release, join(work, "bad-cell"))
    await correctDelivery(raw, "4k/kommuner.csv", "4k,2404,", "4k,Vindeln,", "2026-11-30")
    const args = ["validate", "--raw", raw, "--out", out, "--report", join(work, "r2.json")]
    const { status, stderr, stdout } = await pipeline(args, { GITHUB_ACTIONS: "true" })
    expect(status).toBe(1)
    expect(stderr).toMatch(/4k\/kommuner-rättad\.csv:\d+:2: cell\/constraint: municipality_code: /)
    expect(stdout).toMatch(/^::error file=[^,]*4k\/kommuner-rättad\.csv,line=\d+,col=2,title=cell\/constraint::/m)
  })
})
