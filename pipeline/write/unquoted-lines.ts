/**
 * Text made line by line in SQL (a worksheet's rows) and written by DuckDB's CSV writer, which
 * formats in parallel, as a one-column file. The text holds no raw control character but the
 * line break, so two control characters serve as the writer's delimiter and quote. The writer
 * still quotes a value holding a line break or a `#` (DuckDB 1.5 always quotes those): it wraps
 * it in the quote byte, which the text never holds, so dropping every quote byte gives the text.
 */

const QUOTE_BYTE = 0x1e

/** COPY options writing a one-column query as one line per row. */
export const LINES_COPY_OPTIONS = `(FORMAT csv, HEADER false, DELIMITER '\x1f', QUOTE '\x1e', ESCAPE '\x1e', NEW_LINE '\n')`

/** The bytes without the writer's quotes (the same buffer when it has none). */
export const unquoted = (chunk: Buffer): Buffer => {
  if (!chunk.includes(QUOTE_BYTE)) return chunk
  const out = Buffer.allocUnsafe(chunk.length)
  let n = 0
  let from = 0
  for (let at = chunk.indexOf(QUOTE_BYTE); at !== -1; at = chunk.indexOf(QUOTE_BYTE, from)) {
    n += chunk.copy(out, n, from, at)
    from = at + 1
  }
  n += chunk.copy(out, n, from)
  return out.subarray(0, n)
}
