/**
 * Repairs of free text damaged in an export, each one named so it can be recorded. Pure.
 * Only damage whose cause is known is repaired; a character that is lost stays marked as lost.
 */

export interface TextFix {
  readonly from: string
  readonly to: string
  readonly reason: string
}

export interface RepairedText {
  readonly text: string
  readonly fixes: ReadonlyArray<TextFix>
}

/** The Unicode replacement character: a character is known to have been here and is lost. */
export const LOST = "\uFFFD"

/**
 * Control characters that are the low byte of U+20xx punctuation whose high byte the export
 * dropped: they stand in pairs around quoted words (“ ”) and between words as dashes.
 */
const TRUNCATED_PUNCTUATION: ReadonlyMap<string, string> = new Map([
  ["\u001c", "\u201c"],
  ["\u001d", "\u201d"],
  ["\u0012", "\u2012"],
  ["\u0013", "\u2013"],
])

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`

/**
 * `Å` followed by a character U+0080–U+00BF is the two UTF-8 bytes of a letter such as Ö
 * (C3 96) or é (C3 A9) decoded with C3 taken as Å: the pair is decoded again as UTF-8.
 */
const MOJIBAKE = /\u00c5([\u0080-\u00bf])/gu

export const repairText = (input: string): RepairedText => {
  const fixes: TextFix[] = []
  let text = input

  const mojibake = new Map<string, number>()
  text = text.replace(MOJIBAKE, (pair, second: string) => {
    mojibake.set(pair, (mojibake.get(pair) ?? 0) + 1)
    return Buffer.from([0xc3, second.charCodeAt(0)]).toString("utf8")
  })
  for (const [pair, n] of mojibake) {
    const to = Buffer.from([0xc3, pair.charCodeAt(1)]).toString("utf8")
    fixes.push({
      from: pair,
      to,
      reason: `mojibake: ${count(n, "occurrence")} of the UTF-8 bytes of ${JSON.stringify(to)} decoded as Å and U+00${pair.charCodeAt(1).toString(16).toUpperCase()}; decoded again as UTF-8`,
    })
  }

  for (const [control, punctuation] of TRUNCATED_PUNCTUATION) {
    const n = text.split(control).length - 1
    if (n === 0) continue
    text = text.replaceAll(control, punctuation)
    fixes.push({
      from: control,
      to: punctuation,
      reason: `${count(n, "control character")} U+00${control.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")} restored to U+${punctuation.charCodeAt(0).toString(16).toUpperCase()}: the export kept only the low byte of this punctuation`,
    })
  }

  // Any other control character (tab, line feed and carriage return are text) is a lost character.
  const controls = text.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu) ?? []
  if (controls.length > 0) {
    text = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu, LOST)
    for (const c of new Set(controls)) {
      const n = controls.filter((x) => x === c).length
      fixes.push({
        from: c,
        to: LOST,
        reason: `${count(n, "control character")} U+00${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")} of unknown meaning marked as a lost character (U+FFFD)`,
      })
    }
  }

  const lost = text.split("\u00bf").length - 1
  if (lost > 0) {
    text = text.replaceAll("\u00bf", LOST)
    fixes.push({
      from: "\u00bf",
      to: LOST,
      reason: `${count(lost, "character")} the export could not encode, written as ¿; marked as lost (U+FFFD), since the original is not known`,
    })
  }
  return { text, fixes }
}
