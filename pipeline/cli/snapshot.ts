/** `pipeline snapshot`: checks the command line, files or fetches the snapshots, says what happened. */
import { renderProblem } from "../problems/render.ts"
import { fetchSnapshot } from "../snapshot/fetch-snapshot.ts"
import { fileSnapshot, type SnapshotResult } from "../snapshot/file-snapshot.ts"
import { DEFAULT_HTTP } from "../snapshot/http.ts"
import { SOURCES } from "../sources/index.ts"
import type { SourceDeclaration } from "../contract/source-declaration.ts"
import { say } from "./say.ts"

const REMOTE = [...SOURCES.values()].filter((s) => s.remote !== undefined)

const isDay = (date: string) =>
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/u.test(date) &&
  !Number.isNaN(Date.parse(date)) &&
  new Date(date).toISOString().slice(0, 10) === date

const tell = (source: SourceDeclaration, what: string, rawDir: string, result: SnapshotResult): number => {
  switch (result.kind) {
    case "stored":
      say(
        `${source.name}: filed ${what} as ${rawDir}/${result.file}, with its sidecar and manifest entry; build to publish it`,
      )
      return 0
    case "unchanged":
      say(
        `${source.name}: unchanged: ${what} has the same bytes as ${rawDir}/${result.file}, filed before; nothing written`,
      )
      return 0
    case "refused":
      for (const p of result.problems) say(renderProblem(p))
      say(
        `${source.name}: not filed: ${what} is not a ${source.name} file as declared, or could not be fetched; nothing written`,
      )
      return 1
  }
}

export const snapshot = async (options: {
  readonly sources: ReadonlyArray<string>
  readonly rawDir: string
  readonly from: string | undefined
  readonly date: string | undefined
  readonly url: string | undefined
  /** Declared deliveries the snapshot corrects. */
  readonly replaces: ReadonlyArray<string>
  /** What the person filing a file by hand knows of it: the day its data is as of, the day they retrieved it, the copy it came from. */
  readonly asOf: string | undefined
  readonly retrieved: string | undefined
  readonly via: string | undefined
  readonly usage: (message: string) => number
}): Promise<number> => {
  const { rawDir, from, usage } = options
  if (options.sources.length > 1) return usage("snapshot takes at most one source")
  const name = options.sources[0]
  const source = name === undefined ? undefined : SOURCES.get(name)
  if (name !== undefined && source === undefined)
    return usage(`unknown source ${JSON.stringify(name)}; the repository declares ${[...SOURCES.keys()].join(", ")}`)
  const now = new Date()
  const date = options.date ?? now.toISOString().slice(0, 10)
  if (!isDay(date)) return usage(`--date takes a day as YYYY-MM-DD, not ${JSON.stringify(date)}`)

  if (from !== undefined) {
    if (source === undefined)
      return usage("--from needs the source the file belongs to: pipeline snapshot SOURCE --from FILE")
    if (options.url !== undefined) return usage("--url is for fetching; a file given with --from is not fetched")
    for (const [flag, day] of [
      ["--as-of", options.asOf],
      ["--retrieved", options.retrieved],
    ] as const)
      if (day !== undefined && !isDay(day))
        return usage(`${flag} takes a day as YYYY-MM-DD, not ${JSON.stringify(day)}`)
    if (options.via !== undefined && (options.via.trim() === "" || /[\p{Cc}]/u.test(options.via)))
      return usage("--via takes one line of text: who made the copy the file was taken from, and when")
    return tell(
      source,
      from,
      rawDir,
      await fileSnapshot({
        rawDir,
        source,
        from,
        date,
        now,
        replaces: options.replaces,
        ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
        ...(options.retrieved === undefined ? {} : { retrieved: options.retrieved }),
        ...(options.via === undefined ? {} : { via: options.via }),
      }),
    )
  }
  if (source !== undefined && source.remote === undefined) {
    return usage(
      `${source.name} is not fetched by the pipeline: download it from ${source.origin} and file it with --from FILE`,
    )
  }
  const fetched = source === undefined ? REMOTE : [source]
  if (options.url !== undefined && fetched.length !== 1) return usage("--url needs the one source to fetch from it")
  if (options.asOf !== undefined || options.retrieved !== undefined || options.via !== undefined)
    return usage("--as-of, --retrieved and --via describe a file given with --from; a fetch records its own retrieval")

  if (options.replaces.length > 0 && fetched.length !== 1)
    return usage("--replaces needs the one source whose snapshot corrects the files")
  let status = 0
  for (const s of fetched) {
    const result = await fetchSnapshot({
      rawDir,
      source: s,
      base: options.url,
      date,
      now: () => new Date(),
      http: DEFAULT_HTTP,
      replaces: options.replaces,
      log: (line) => say(`${s.name}: ${line}`),
    })
    status = Math.max(status, tell(s, options.url ?? s.origin, rawDir, result))
  }
  return status
}
