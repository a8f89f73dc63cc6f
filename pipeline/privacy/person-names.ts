/**
 * Finds people's names in free text by what gives them away: a verb of speech before them
 * ("…, säger Anna Berg"), a title ("professor Anna Berg", "ordförande Anna Berg"), a byline
 * ("(Projektbeskrivning av Anna Berg)"), a common Nordic first name before a capitalised word
 * ("Anna Berg"), "och" after a name found ("… och Bo Ek"), and a name found once, wherever it
 * recurs in the text. What is not a person though it looks like one (a place, a company or a
 * foundation named after someone) is allowed by name. Pure; nothing found leaves it but its place.
 */
import { FIRST_NAMES, NOT_PEOPLE, ORGANISATION_WORDS } from "./first-names.ts"

/** What gave a name away: the kinds the redaction counts. */
export type NameCue = "quoted" | "titled" | "byline" | "first-name" | "joined" | "repeated"

export interface NameHit {
  readonly index: number
  readonly length: number
  readonly cue: NameCue
}

/** A word of a name: a capital, a small letter, then letters ("Berg", "Ringbæk", "O'Neill", "Ann-Sofie"). */
const WORD = String.raw`\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*`
/** An initial ("T", "T."), or a regnal number ("XVI"). */
const INITIAL = String.raw`\p{Lu}\.?(?![\p{L}\p{N}])`
const ROMAN = String.raw`[IVX]{2,5}(?![\p{L}\p{N}])`
const PARTICLE = `(?:von|van|af|de|der|den|la|le|di|da|du)`
/** Two to four words, the first a capitalised word: the shape of a full name after a cue. */
const NAME = String.raw`${WORD}(?:[ \t]+(?:${PARTICLE}[ \t]+)?(?:${WORD}|${INITIAL})){1,3}`
/** After a first name: initials and capitalised words, or a regnal number. */
const AFTER_FIRST = String.raw`(?:[ \t]+(?:${PARTICLE}[ \t]+)?(?:${WORD}|${INITIAL}|${ROMAN})){1,3}`

/** A word whose first letter may be capital (it may begin a sentence): "[Ss]äger". */
const either = (word: string) => `[${word[0]!.toLocaleUpperCase("sv")}${word[0]}]${word.slice(1)}`
const anyOf = (words: ReadonlyArray<string>) => words.map(either).join("|")

const SPEECH = [
  // Swedish, Danish, Norwegian and English verbs of saying, as quotations end in press texts.
  "säger",
  "sa",
  "sade",
  "berättar",
  "förklarar",
  "menar",
  "konstaterar",
  "fortsätter",
  "avslutar",
  "tillägger",
  "understryker",
  "udtaler",
  "afslutter",
  "siger",
  "fortæller",
  "forklarer",
  "tilføjer",
  "sier",
  "forteller",
  "says",
  "said",
  "explains",
  "adds",
]

/** A title before a name; a compound ending in one ("designprofessor", "styrelseordförande") too. */
const TITLES = [
  "professor",
  "docent",
  "rektor",
  "ordförande",
  "formand",
  "direktör",
  "direktør",
  "director",
  "vd",
  "landshövding",
  "kommunalråd",
  "borgmästare",
  "borgmester",
  "projektledaren",
  "projektledare",
  "projektlederen",
  "projektleder",
  "prosjektleder",
  "koordinator",
  "samordnare",
  "forskare",
  "doktorand",
  "dr",
  "dr.",
]

const BYLINE = ["projektbeskrivning", "beskrivning", "text", "foto", "författare", "skriven", "skrivet"]

const CUES: ReadonlyArray<[NameCue, RegExp]> = [
  ["quoted", new RegExp(String.raw`(?<![\p{L}])(?:${anyOf(SPEECH)})[ \t]+(${NAME})`, "gu")],
  [
    "titled",
    new RegExp(
      String.raw`(?<![\p{L}])\p{L}*(?:${anyOf(TITLES.map((t) => t.replace(".", String.raw`\.`)))})[ \t]+(${NAME})`,
      "gu",
    ),
  ],
  ["byline", new RegExp(String.raw`(?:${anyOf(BYLINE)})(?:[ \t]+av|[ \t]*:)[ \t]*(${NAME})`, "gu")],
  [
    "first-name",
    new RegExp(
      String.raw`(?<![\p{L}\p{N}-])((?:${[...FIRST_NAMES].sort((a, b) => b.length - a.length).join("|")})${AFTER_FIRST})`,
      "gu",
    ),
  ],
]
const JOINED = new RegExp(String.raw`^[ \t]*,?[ \t]+(?:och|and|og|samt|&)[ \t]+(${NAME})`, "u")

/** The spans of text that look like names but are not people's: each is left as it is. */
const allowedSpans = (text: string): Array<[number, number]> => {
  const spans: Array<[number, number]> = []
  for (const phrase of NOT_PEOPLE) {
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + phrase.length))
      spans.push([at, at + phrase.length])
  }
  return spans
}

export const findNames = (text: string): NameHit[] => {
  const allowed = allowedSpans(text)
  const isAllowed = (start: number, end: number) => allowed.some(([a, b]) => start < b && end > a)
  const hits: NameHit[] = []
  const taken = (start: number, end: number) => hits.some((h) => start < h.index + h.length && end > h.index)
  const keep = (start: number, name: string, cue: NameCue) => {
    const end = start + name.length
    if (isAllowed(start, end) || taken(start, end) || ORGANISATION_WORDS.has(name.split(/[ \t]/u)[0]!)) return
    hits.push({ index: start, length: name.length, cue })
    // A name joined to this one by "och" is a person too.
    const joined = JOINED.exec(text.slice(end))
    if (joined !== null) keep(end + joined[0].length - joined[1]!.length, joined[1]!, "joined")
  }
  for (const [cue, re] of CUES) {
    for (const m of text.matchAll(re)) keep(m.index + m[0].length - m[1]!.length, m[1]!, cue)
  }
  // A name found once is found wherever it recurs in the text.
  for (const name of new Set(hits.map((h) => text.slice(h.index, h.index + h.length)))) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      const before = text[at - 1]
      const after = text[at + name.length]
      if (
        (before === undefined || !/[\p{L}\p{N}]/u.test(before)) &&
        (after === undefined || !/[\p{L}\p{N}]/u.test(after))
      )
        keep(at, name, "repeated")
    }
  }
  return hits.sort((a, b) => a.index - b.index)
}
