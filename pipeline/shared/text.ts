/** Text as every stage compares it: trimmed of white space and composed to Unicode NFC. Pure. */
import { MAX_CELL_LENGTH } from "./limits.ts"

/** The characters trimmed from both ends of every cell: JavaScript's white space and the BOM. */
export const TRIMMED =
  "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
const TRIM_RE = new RegExp(`^[${TRIMMED}]+|[${TRIMMED}]+$`, "gu")

/** Whether a cell's text is longer than MAX_CELL_LENGTH characters (code points). */
export const tooLong = (text: string): boolean => text.length > MAX_CELL_LENGTH && [...text].length > MAX_CELL_LENGTH

/** Trims white space (including no-break spaces) and composes Unicode to NFC. */
export const cleanText = (s: string): string => s.normalize("NFC").replace(TRIM_RE, "")

/** A count with its noun, singular for one: "1 error", "2 errors", "1 row". */
export const counted = (n: number, noun: string): string => `${n} ${n === 1 ? noun : `${noun}s`}`

/** A name's possessive in English: "Vännäs kommun's", "the repository's maintainers'". */
export const whose = (name: string): string => (name.endsWith("s") ? `${name}'` : `${name}'s`)
