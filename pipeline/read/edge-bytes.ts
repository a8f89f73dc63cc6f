/** Tables of the bytes a scan watches for: those that begin or end a character of a set, per encoding. */

/** Bytes that may begin, and bytes that may end, a character of `chars` in an encoding. */
export interface EdgeBytes {
  readonly first: Uint8Array
  readonly last: Uint8Array
}

/**
 * The edge bytes of `chars` in UTF-8 (the first and last byte of each one's encoding), or in a
 * single-byte encoding given by its decoder (the bytes that decode to one of them).
 */
export const edgeBytes = (chars: string, decodeByte?: (byte: number) => string): EdgeBytes => {
  const first = new Uint8Array(256)
  const last = new Uint8Array(256)
  if (decodeByte === undefined) {
    for (const c of chars) {
      const bytes = Buffer.from(c, "utf8")
      first[bytes[0]!] = 1
      last[bytes[bytes.length - 1]!] = 1
    }
  } else {
    for (let b = 0; b < 256; b++) if (chars.includes(decodeByte(b))) first[b] = last[b] = 1
  }
  return { first, last }
}
