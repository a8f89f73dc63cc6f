/**
 * Removes personal data from free text, in four passes: the values of a file's personal
 * columns wherever they recur (a project leader named in a description), the contact details
 * that follow a label such as "Projektledare:" or "Kontaktperson:", people's names given away
 * by a verb of speech, a title, a byline or a first name (person-names.ts), and anything that
 * looks like an e-mail address, phone number or personal identity number. Each removal is
 * counted by what gave it away. Pure; the values never leave it.
 */
import { findNames } from "./person-names.ts"
import { findPersonalData, type PersonalDataHit } from "./personal-data.ts"

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

/** What gave a removed piece away: the counts a snapshot's sidecar keeps (never the values). */
export type RemovalKind =
  | "personal-column-value"
  | "labelled-contact"
  | "name-quoted"
  | "name-titled"
  | "name-byline"
  | "name-first-name"
  | "name-joined"
  | "name-repeated"
  | "e-mail-address"
  | "phone-number"
  | "personal-identity-number"

export interface Redacted {
  readonly text: string
  readonly removed: number
  readonly byKind: Readonly<Partial<Record<RemovalKind, number>>>
}

export type Redactor = (text: string) => Redacted

const PATTERN_KINDS: Record<PersonalDataHit["kind"], RemovalKind> = {
  "an e-mail address": "e-mail-address",
  "a phone number": "phone-number",
  "a personal identity number": "personal-identity-number",
}

/** Each span replaced by the mark, in order, with the kind of each counted. */
const replaceSpans = (
  text: string,
  spans: ReadonlyArray<{ readonly index: number; readonly length: number; readonly kind: RemovalKind }>,
  counts: Partial<Record<RemovalKind, number>>,
): { text: string; removed: number } => {
  let out = ""
  let at = 0
  let removed = 0
  for (const s of spans) {
    if (s.index < at) continue // inside a span already removed
    out += text.slice(at, s.index) + REDACTED
    at = s.index + s.length
    removed++
    counts[s.kind] = (counts[s.kind] ?? 0) + 1
  }
  return { text: out + text.slice(at), removed }
}

const startsWord = (text: string, i: number) => i === 0 || !/[\p{L}\p{N}@._-]/u.test(text[i - 1]!)

/**
 * `personalValues`: the values of a file's personal columns; `names`: people's names found
 * elsewhere in the file (by `findNames`), removed wherever they recur.
 */
export const makeRedactor = (personalValues: Iterable<string>, names: Iterable<string> = []): Redactor => {
  // Indexed by their first characters; longest first, so a full name goes before a part of it.
  const lookup = (values: Iterable<string>) => {
    const byPrefix = new Map<string, string[]>()
    for (const value of new Set([...values].map((x) => x.trim()).filter((x) => x.length >= MIN_LENGTH))) {
      const key = value.slice(0, PREFIX)
      byPrefix.set(
        key,
        [...(byPrefix.get(key) ?? []), value].sort((a, b) => b.length - a.length),
      )
    }
    return byPrefix
  }
  const knownValues =
    (byPrefix: Map<string, string[]>, kind: RemovalKind) =>
    (text: string, counts: Partial<Record<RemovalKind, number>>) => {
      const spans: Array<{ index: number; length: number; kind: RemovalKind }> = []
      if (byPrefix.size === 0) return { text, removed: 0 }
      for (let i = 0; i + MIN_LENGTH <= text.length; i++) {
        if (!startsWord(text, i)) continue
        const found = byPrefix.get(text.slice(i, i + PREFIX))?.find((v) => text.startsWith(v, i))
        if (found === undefined) continue
        spans.push({ index: i, length: found.length, kind })
        i += found.length - 1
      }
      return replaceSpans(text, spans, counts)
    }
  const personal = knownValues(lookup(personalValues), "personal-column-value")
  // Names given away elsewhere in the file, after this text's own cues have had their say.
  const namedElsewhere = knownValues(lookup(names), "name-repeated")
  const contactDetails = (text: string, counts: Partial<Record<RemovalKind, number>>) => {
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
      counts["labelled-contact"] = (counts["labelled-contact"] ?? 0) + 1
    }
    return { text: out + text.slice(at), removed }
  }
  const peopleNamed = (text: string, counts: Partial<Record<RemovalKind, number>>) =>
    replaceSpans(
      text,
      findNames(text).map((h) => ({ index: h.index, length: h.length, kind: `name-${h.cue}` as const })),
      counts,
    )
  const patterns = (text: string, counts: Partial<Record<RemovalKind, number>>) =>
    replaceSpans(
      text,
      findPersonalData(text).map((h) => ({ index: h.index, length: h.text.length, kind: PATTERN_KINDS[h.kind] })),
      counts,
    )
  return (input) => {
    const byKind: Partial<Record<RemovalKind, number>> = {}
    let text = input
    let removed = 0
    for (const pass of [personal, contactDetails, peopleNamed, namedElsewhere, patterns]) {
      const r = pass(text, byKind)
      text = r.text
      removed += r.removed
    }
    return { text, removed, byKind }
  }
}
