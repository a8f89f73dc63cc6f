/**
 * `pipeline configure --base-url URL --repository URL`: records the release's address and the
 * repository's in publication.json where none is configured, so the committed release, the
 * deployed site and a local build use the same. What is configured already is the operator's
 * and is left as it is.
 */
import { readFile, rename, writeFile } from "node:fs/promises"
import { parsePublication } from "../catalog/publication.ts"
import { renderProblem } from "../problems/render.ts"
import { say } from "./say.ts"

export const configure = async (options: {
  readonly publicationFile: string
  readonly baseUrl: string | undefined
  readonly repository: string | undefined
  readonly usage: (message: string) => number
}): Promise<number> => {
  const { publicationFile } = options
  if (options.baseUrl === undefined && options.repository === undefined)
    return options.usage("configure takes the release's address, --base-url URL, or the repository's, --repository URL")
  // GitHub Pages gives its address without the closing slash the release's links need.
  const baseUrl =
    options.baseUrl === undefined || options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`
  if (baseUrl !== undefined && !/^https:\/\/[^\s]+\/$/u.test(baseUrl))
    return options.usage(`--base-url takes an https URL, not ${JSON.stringify(options.baseUrl)}`)
  const repository = options.repository?.replace(/\/+$/u, "")
  if (repository !== undefined && !/^https:\/\/[^\s]+$/u.test(repository))
    return options.usage(`--repository takes an https URL, not ${JSON.stringify(options.repository)}`)
  const text = await readFile(publicationFile, "utf8")
  const parsed = parsePublication(text, publicationFile)
  if (parsed.publication === undefined) {
    for (const p of parsed.problems) say(renderProblem(p))
    say(`pipeline configure: ${publicationFile} is not valid; nothing changed`)
    return 1
  }
  const json = JSON.parse(text) as Record<string, unknown>
  const recorded: Record<string, string> = {}
  for (const [key, what, given] of [
    ["baseUrl", "the release's address", baseUrl],
    ["repository", "the repository's address", repository],
  ] as const) {
    if (given === undefined) continue
    const configured = parsed.publication[key]
    if (configured === undefined) recorded[key] = given
    else
      say(
        configured === given
          ? `${publicationFile} already gives ${what} ${given}; left as it is`
          : `${publicationFile} gives ${what} ${configured}, which stands (the operator's, not ${given})`,
      )
  }
  if (Object.keys(recorded).length === 0) return 0
  const next = `${JSON.stringify({ ...json, ...recorded }, null, 2)}\n`
  const temporary = `${publicationFile}.${process.pid}.tmp`
  await writeFile(temporary, next)
  await rename(temporary, publicationFile)
  for (const [key, value] of Object.entries(recorded))
    say(
      `${publicationFile}: ${key === "baseUrl" ? "the release's address" : "the repository's address"} is now ${value}`,
    )
  return 0
}
