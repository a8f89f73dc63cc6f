/**
 * Windows-1252 decoding. It is Latin-1 except in 0x80–0x9F, where it has letters and
 * punctuation (€ ‚ „ … – — ‘ ’ “ ” • ™ Š š Ž ž Œ œ Ÿ …). Node 20's TextDecoder("windows-1252")
 * decodes that range as Latin-1 control characters, so the table is written out here.
 */

/** Characters of bytes 0x80–0x9F; the five bytes Windows-1252 leaves undefined keep their code. */
export const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178"

/** The same 32 positions as Latin-1 decodes them, for translating text decoded that way. */
export const LATIN1_HIGH = Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).join("")

const C1 = /[\u0080-\u009f]/g

export const decodeWindows1252 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("latin1")
    .replace(C1, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!)

/** A decoder for a declared encoding that gets Windows-1252 right; Windows-1252 is one byte a character, so chunks need no state. */
export const textDecoder = (
  encoding: "utf-8" | "windows-1252",
  fatal = false,
): { decode: (bytes?: Uint8Array, options?: { stream?: boolean }) => string } =>
  encoding === "utf-8"
    ? new TextDecoder("utf-8", { fatal })
    : { decode: (bytes) => (bytes === undefined ? "" : decodeWindows1252(bytes)) }
