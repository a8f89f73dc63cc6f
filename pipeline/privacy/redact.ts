/**
 * Removes personal data from free text, in three passes: the values of a file's personal
 * columns wherever they recur (a project leader named in a description), the contact details
 * that follow a label such as "Projektledare:" or "Kontaktperson:", and anything that looks like
 * an e-mail address, phone number or personal identity number. Pure; the values never leave it.
 */
import { findPersonalData } from "./personal-data.ts"

export const REDACTED = "[personuppgift borttagen]"

/** Values shorter than this are too common to recognise as someone's data in free text. */
const MIN_LENGTH = 5
const PREFIX = 3

/**
 * A label that introduces a person's contact details, in Swedish, Norwegian, Danish or
 * English. What follows it up to the next label ("Beviljat belopp:"), a double space or the end
 * of the text, and at most MAX_CONTACT characters, is taken as the details.
 */
const CONTACT_LABEL =
  /\b(?:projektledare|projektleder|prosjektleder|kontaktpersoner|kontaktperson|kontakt|contact person|contact)\s*:/giu
const NEXT_LABEL = /\s(?:\s|\p{Lu}[\p{L}-]*(?: [\p{L}-]+){0,3}:)/u
const MAX_CONTACT = 200

export type Redactor = (text: string) => { readonly text: string; readonly removed: number }

const startsWord = (text: string, i: number) => i === 0 || !/[\p{L}\p{N}@._-]/u.test(text[i - 1]!)

export const makeRedactor = (personalValues: Iterable<string>): Redactor => {
  // Indexed by their first characters; longest first, so a full name goes before a part of it.
  const byPrefix = new Map<string, string[]>()
  for (const v of new Set([...personalValues].map((x) => x.trim()).filter((x) => x.length >= MIN_LENGTH))) {
    const key = v.slice(0, PREFIX)
    byPrefix.set(
      key,
      [...(byPrefix.get(key) ?? []), v].sort((a, b) => b.length - a.length),
    )
  }
  const knownValues = (text: string): { text: string; removed: number } => {
    let out = ""
    let at = 0
    let removed = 0
    for (let i = 0; i + MIN_LENGTH <= text.length; i++) {
      if (!startsWord(text, i)) continue
      const found = byPrefix.get(text.slice(i, i + PREFIX))?.find((v) => text.startsWith(v, i))
      if (found === undefined) continue
      out += text.slice(at, i) + REDACTED
      at = i + found.length
      i = at - 1
      removed++
    }
    return { text: out + text.slice(at), removed }
  }
  const contactDetails = (text: string): { text: string; removed: number } => {
    let out = ""
    let at = 0
    let removed = 0
    for (const m of text.matchAll(CONTACT_LABEL)) {
      const start = m.index + m[0].length
      if (start < at) continue
      const rest = text.slice(start, start + MAX_CONTACT)
      const lead = rest.length - rest.trimStart().length
      const body = rest.slice(lead)
      const length = NEXT_LABEL.exec(body)?.index ?? body.length
      const details = body.slice(0, length).trim()
      if (details === "" || details === REDACTED) continue
      out += `${text.slice(at, start)} ${REDACTED}`
      at = start + lead + length
      removed++
    }
    return { text: out + text.slice(at), removed }
  }
  const patterns = (text: string): { text: string; removed: number } => {
    let out = ""
    let at = 0
    let removed = 0
    for (const hit of findPersonalData(text)) {
      if (hit.index < at) continue // inside a hit already removed
      out += text.slice(at, hit.index) + REDACTED
      at = hit.index + hit.text.length
      removed++
    }
    return { text: out + text.slice(at), removed }
  }
  return (input) => {
    const a = knownValues(input)
    const b = contactDetails(a.text)
    const c = patterns(b.text)
    return { text: c.text, removed: a.removed + b.removed + c.removed }
  }
}
