/**
 * How `pipeline add` is told the file is written, where the bytes alone may not say: its decimal
 * and thousands separators, its delimiter and its encoding, each checked against what the
 * pipeline reads. Pure.
 */
import { quoted } from "./evidence.ts"
import type { DecimalSeparator, ThousandsSeparator } from "./number-format.ts"
import type { Delimiter, Encoding } from "./sniff-dialect.ts"

const DELIMITER_FLAGS: Record<string, Delimiter> = { ";": ";", ",": ",", "|": "|", tab: "\t", "\t": "\t", "\\t": "\t" }

export const dialectFlags = (
  flags: {
    readonly decimalSeparator?: string | undefined
    readonly thousandsSeparator?: string | undefined
    readonly delimiter?: string | undefined
    readonly encoding?: string | undefined
  },
  ask: (flag: string, text: string, example?: string) => void,
): {
  readonly decimalSeparator: DecimalSeparator | undefined
  readonly thousandsSeparator: ThousandsSeparator | undefined
  readonly delimiter: Delimiter | undefined
  readonly encoding: Encoding | undefined
} => {
  const decimalSeparator =
    flags.decimalSeparator === "." || flags.decimalSeparator === "," ? flags.decimalSeparator : undefined
  if (flags.decimalSeparator !== undefined && decimalSeparator === undefined)
    ask(
      "--decimal-separator",
      `${quoted(flags.decimalSeparator)} is no decimal separator: "." or ","`,
      "--decimal-separator ,",
    )
  const thousands = flags.thousandsSeparator === "none" ? "" : flags.thousandsSeparator
  const thousandsSeparator =
    thousands === " " || thousands === "," || thousands === "." || thousands === "" ? thousands : undefined
  if (thousands !== undefined && thousandsSeparator === undefined)
    ask(
      "--thousands-separator",
      `${quoted(thousands)} is no thousands separator: " ", ",", "." or none`,
      '--thousands-separator " "',
    )
  const delimiter = flags.delimiter === undefined ? undefined : DELIMITER_FLAGS[flags.delimiter]
  if (flags.delimiter !== undefined && delimiter === undefined)
    ask("--delimiter", `${quoted(flags.delimiter)} is no delimiter: ";", ",", "|" or tab`, '--delimiter ";"')
  const encoding = flags.encoding === "utf-8" || flags.encoding === "windows-1252" ? flags.encoding : undefined
  if (flags.encoding !== undefined && encoding === undefined)
    ask(
      "--encoding",
      `${quoted(flags.encoding)} is not an encoding the pipeline reads: utf-8 or windows-1252`,
      "--encoding windows-1252",
    )
  return { decimalSeparator, thousandsSeparator, delimiter, encoding }
}
