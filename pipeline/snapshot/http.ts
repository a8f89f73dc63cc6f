/**
 * One HTTP GET as a snapshot needs it: a timeout on the whole exchange, retries with
 * exponential backoff for what may pass (a network error, a timeout, 5xx, 429), none for what
 * will not (other 4xx, an answer over the size cap), and an error that names the address.
 */

export interface HttpOptions {
  /** For the whole exchange, body included. */
  readonly timeoutMs: number
  /** Further attempts after the first. */
  readonly retries: number
  /** The wait before the first retry; it doubles each time. */
  readonly backoffMs: number
  readonly maxBytes: number
  readonly headers?: Readonly<Record<string, string>>
}

export const DEFAULT_HTTP: HttpOptions = {
  timeoutMs: 30_000,
  retries: 3,
  backoffMs: 1_000,
  maxBytes: 100 * 1024 * 1024,
}

export interface HttpAnswer {
  readonly url: string
  /** The HTTP status code. */
  readonly code: number
  readonly body: Buffer
  readonly etag: string | null
  readonly lastModified: string | null
}

/** A failure of a fetch, with the address; `retryable` when another attempt may succeed. */
export class FetchError extends Error {
  constructor(
    readonly url: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message)
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const readCapped = async (response: Response, url: string, maxBytes: number): Promise<Buffer> => {
  const declared = Number(response.headers.get("content-length") ?? "NaN")
  if (declared > maxBytes) throw new FetchError(url, `the answer is ${declared} bytes, over the cap of ${maxBytes}`)
  const chunks: Buffer[] = []
  let total = 0
  const reader = response.body?.getReader()
  if (reader === undefined) return Buffer.alloc(0)
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      throw new FetchError(url, `the answer is over the cap of ${maxBytes} bytes`)
    }
    chunks.push(Buffer.from(value))
  }
  return Buffer.concat(chunks)
}

const describe = (e: unknown): string => {
  if (e instanceof FetchError) return e.message
  const error = e as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (error.name === "TimeoutError" || error.name === "AbortError") return "no complete answer within the timeout"
  return error.cause?.code ?? error.cause?.message ?? error.message ?? String(e)
}

const attempt = async (url: string, options: HttpOptions): Promise<HttpAnswer> => {
  let response: Response
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: { accept: "application/json", ...options.headers },
    })
  } catch (e) {
    throw new FetchError(url, describe(e), true)
  }
  const { status, statusText } = response
  if (status >= 500 || status === 429) {
    await response.body?.cancel()
    throw new FetchError(url, `HTTP ${status} ${statusText}`.trim(), true)
  }
  if (status !== 304 && !response.ok) {
    await response.body?.cancel()
    throw new FetchError(url, `HTTP ${status} ${statusText}`.trim())
  }
  let body: Buffer
  try {
    body = status === 304 ? Buffer.alloc(0) : await readCapped(response, url, options.maxBytes)
  } catch (e) {
    if (e instanceof FetchError) throw e
    throw new FetchError(url, describe(e), true)
  }
  return {
    url,
    code: status,
    body,
    etag: response.headers.get("etag"),
    lastModified: response.headers.get("last-modified"),
  }
}

export const fetchWithRetry = async (
  url: string,
  options: HttpOptions,
  log: (line: string) => void = () => {},
): Promise<HttpAnswer> => {
  for (let n = 0; ; n++) {
    try {
      return await attempt(url, options)
    } catch (e) {
      const error = e instanceof FetchError ? e : new FetchError(url, describe(e))
      if (!error.retryable) throw error
      if (n >= options.retries) throw new FetchError(url, `${error.message}, after ${n + 1} attempts`)
      const wait = options.backoffMs * 2 ** n
      log(`${url}: ${error.message}; trying again in ${wait} ms`)
      await sleep(wait)
    }
  }
}
