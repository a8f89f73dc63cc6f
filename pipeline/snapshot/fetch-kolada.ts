/**
 * Fetches every page of Kolada's answer (v3: `values` and `next_url`) and joins them into one
 * file of the same shape, the snapshot of the request. A page that is not JSON of that shape,
 * or a next page on another host, fails the fetch.
 */
import type { RemoteFile } from "./remote-file.ts"
import { FetchError, fetchWithRetry, type HttpOptions } from "./http.ts"

/** More pages than this is a loop, not an answer. */
const MAX_PAGES = 1_000

export const fetchKolada = async (
  first: string,
  http: HttpOptions,
  log: (line: string) => void,
): Promise<RemoteFile> => {
  const values: unknown[] = []
  const pages: string[] = []
  let etag: string | null = null
  let lastModified: string | null = null
  for (let url: string | undefined = first; url !== undefined; ) {
    if (pages.length >= MAX_PAGES) throw new FetchError(url, `more than ${MAX_PAGES} pages`)
    const answer = await fetchWithRetry(url, http, log)
    let page: unknown
    try {
      page = JSON.parse(answer.body.toString("utf8"))
    } catch (e) {
      throw new FetchError(url, `the answer is not JSON: ${(e as Error).message}`)
    }
    const list = (page as { values?: unknown } | null)?.values
    if (typeof page !== "object" || page === null || !Array.isArray(list))
      throw new FetchError(url, 'the answer is not an object with an array "values"')
    values.push(...list)
    if (pages.length === 0) ({ etag, lastModified } = answer)
    pages.push(url)
    const next = (page as { next_url?: unknown }).next_url
    if (typeof next !== "string" || next === "") break
    const nextUrl = new URL(next, url)
    if (nextUrl.origin !== new URL(first).origin)
      throw new FetchError(url, `the next page is on another host: ${nextUrl.href}`)
    url = nextUrl.href
  }
  return {
    url: first,
    pages,
    etag,
    lastModified,
    bytes: Buffer.from(`${JSON.stringify({ count: values.length, values }, null, 2)}\n`),
  }
}
