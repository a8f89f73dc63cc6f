/**
 * A real HTTP server on 127.0.0.1 that answers as Kolada's API v3 does: the values of a
 * request in two pages (`values`, `next_url`), with an ETag and Last-Modified. Tests set what
 * it answers, and how it fails: a number of 500s first, every request a 500, no answer at all,
 * or malformed JSON. Paths under /missing answer 404.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

/** Kolada's v3 record: one per KPI, municipality and period, with its values per gender. */
export interface KoladaRecord {
  readonly kpi: string
  readonly municipality: string
  readonly period: number
  readonly values: ReadonlyArray<{
    readonly gender: string
    readonly value: number | null
    readonly count: number
    readonly status: string
  }>
}

export interface KoladaBehaviour {
  records: () => ReadonlyArray<KoladaRecord>
  failuresFirst: number
  alwaysFail: boolean
  hang: boolean
  malformed: boolean
  readonly requests: string[]
}

const answer = (b: KoladaBehaviour) => (req: IncomingMessage, res: ServerResponse) => {
  const url = req.url ?? ""
  b.requests.push(url)
  if (url.startsWith("/missing")) {
    res.writeHead(404).end("Not Found")
    return
  }
  if (b.alwaysFail || b.failuresFirst > 0) {
    if (b.failuresFirst > 0) b.failuresFirst--
    res.writeHead(500).end("Internal Server Error")
    return
  }
  if (b.hang) return // never answers: the client's timeout must end it
  if (b.malformed) {
    res.writeHead(200, { "content-type": "application/json" }).end('{"values": [{"kpi": "N01951",')
    return
  }
  const all = b.records()
  const page = url.includes("page=2") ? 2 : 1
  const half = Math.ceil(all.length / 2)
  const body = {
    count: page === 1 ? half : all.length - half,
    values: page === 1 ? all.slice(0, half) : all.slice(half),
    next_url: page === 1 ? `${url}?page=2` : "",
  }
  res
    .writeHead(200, {
      "content-type": "application/json",
      etag: `"v${page}"`,
      "last-modified": "Wed, 01 Oct 2025 00:00:00 GMT",
    })
    .end(JSON.stringify(body))
}

/** Starts the server; `base` is the API's address, as `snapshot --url` takes it. */
export const startKoladaServer = async (records: () => ReadonlyArray<KoladaRecord>) => {
  const behaviour: KoladaBehaviour = {
    records,
    failuresFirst: 0,
    alwaysFail: false,
    hang: false,
    malformed: false,
    requests: [],
  }
  const server: Server = createServer(answer(behaviour))
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  return {
    behaviour,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`,
    close: async () => {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    },
  }
}
