/**
 * `pipeline configure --base-url URL`: records the release's address in publication.json when
 * none is configured, so the committed release, the deployed site and a local build use the
 * same one. An address already configured is the operator's and is left as it is.
 */
import { readFile, rename, writeFile } from "node:fs/promises"
import { parsePublication } from "../catalog/publication.ts"
import { renderProblem } from "../problems/render.ts"

export const configure = async (options: {
  readonly publicationFile: string
  readonly baseUrl: string | undefined
  readonly usage: (message: string) => number
}): Promise<number> => {
  const { publicationFile } = options
  if (options.baseUrl === undefined) return options.usage("configure takes the release's address: --base-url URL")
  // GitHub Pages gives its address without the closing slash the release's links need.
  const baseUrl = options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`
  if (!/^https:\/\/[^\s]+\/$/u.test(baseUrl))
    return options.usage(`--base-url takes an https URL, not ${JSON.stringify(options.baseUrl)}`)
  const text = await readFile(publicationFile, "utf8")
  const parsed = parsePublication(text, publicationFile)
  if (parsed.publication === undefined) {
    for (const p of parsed.problems) process.stderr.write(`${renderProblem(p)}\n`)
    process.stderr.write(`pipeline configure: ${publicationFile} is not valid; nothing changed\n`)
    return 1
  }
  const configured = parsed.publication.baseUrl
  if (configured !== undefined) {
    process.stderr.write(
      configured === baseUrl
        ? `${publicationFile} already gives the address ${baseUrl}; nothing changed\n`
        : `${publicationFile} gives the address ${configured}, which stands (the operator's, not ${baseUrl}); nothing changed\n`,
    )
    return 0
  }
  const json = JSON.parse(text) as Record<string, unknown>
  const next = `${JSON.stringify({ ...json, baseUrl }, null, 2)}\n`
  const temporary = `${publicationFile}.${process.pid}.tmp`
  await writeFile(temporary, next)
  await rename(temporary, publicationFile)
  process.stderr.write(`${publicationFile}: the release's address is now ${baseUrl}\n`)
  return 0
}
