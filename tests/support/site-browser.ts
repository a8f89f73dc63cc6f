/**
 * The site as a visitor meets it, for the browser tests: a release served by an HTTP server on
 * 127.0.0.1 under a sub-path, as GitHub Pages serves it (nothing else answers), and Debian's
 * Chromium driven by playwright-core, with no network of its own.
 */
import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { extname, join } from "node:path"
import { chromium, type Browser } from "playwright-core"

export const CHROMIUM = "/usr/bin/chromium"

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".json": "application/json",
  ".csv": "text/csv",
  ".md": "text/markdown; charset=utf-8",
}

/** Serves `release` under `prefix`; `base` is its address, `close` stops the server. */
export const serveRelease = async (release: string, prefix: string) => {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)
    const file = path.startsWith(prefix) ? join(release, path.slice(prefix.length) || "index.html") : undefined
    if (file === undefined || !file.startsWith(release) || !existsSync(file)) {
      res.writeHead(404).end("Not Found")
      return
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(await readFile(file))
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    },
  }
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  })
