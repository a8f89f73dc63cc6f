/** `pipeline snapshot`: checks the command line, files the snapshot, says what happened. */
import { renderProblem } from "../problems/render.ts"
import { fileSnapshot } from "../snapshot/file-snapshot.ts"
import { SOURCES } from "../sources/index.ts"

export const snapshot = async (options: {
  readonly sources: ReadonlyArray<string>
  readonly rawDir: string
  readonly from: string | undefined
  readonly date: string | undefined
  readonly usage: (message: string) => number
}): Promise<number> => {
  const { rawDir, from, usage } = options
  if (options.sources.length !== 1) return usage(`snapshot takes one source, one of ${[...SOURCES.keys()].join(", ")}`)
  const name = options.sources[0]!
  const source = SOURCES.get(name)
  if (source === undefined) return usage(`unknown source ${JSON.stringify(name)}; the repository declares ${[...SOURCES.keys()].join(", ")}`)
  if (from === undefined) {
    return usage(`${name} is not fetched by the pipeline: download it from ${source.origin} and file it with --from FILE`)
  }
  const now = new Date()
  const date = options.date ?? now.toISOString().slice(0, 10)
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/u.test(date) || Number.isNaN(Date.parse(date)) || new Date(date).toISOString().slice(0, 10) !== date) {
    return usage(`--date takes a day as YYYY-MM-DD, not ${JSON.stringify(date)}`)
  }
  const result = await fileSnapshot({ rawDir, source, from, date, now })
  switch (result.kind) {
    case "filed":
      process.stderr.write(`filed ${from} as ${rawDir}/${result.file}, with its sidecar and manifest entry; build to publish it\n`)
      return 0
    case "unchanged":
      process.stderr.write(`unchanged: ${from} has the same bytes as ${rawDir}/${result.file}, filed before; nothing written\n`)
      return 0
    case "refused":
      for (const p of result.problems) process.stderr.write(`${renderProblem(p)}\n`)
      process.stderr.write(`not filed: ${from} is not a ${name} file as declared; nothing written\n`)
      return 1
  }
}
