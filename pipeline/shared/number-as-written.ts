/**
 * A number read from a delivery, written back in the delivery's declared format, so that a
 * message shows it as the publisher typed it ("7 013,5", not 7013.5). The inverse of
 * `parseNumber` for the text DuckDB gives a DOUBLE; anything else is left as it is. Pure.
 */
import type { NumberFormat } from "./written-forms.ts"

export const numberAsWritten = (text: string, f: NumberFormat): string => {
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?$/u.exec(text)
  if (m === null) return text
  const [, sign, whole, fraction] = m
  const grouped = f.thousandsSeparator === "" ? whole! : whole!.replace(/\B(?=(?:[0-9]{3})+$)/gu, f.thousandsSeparator)
  const decimals = fraction === undefined || /^0+$/u.test(fraction) ? "" : `${f.decimalSeparator}${fraction}`
  return `${sign}${grouped}${decimals}`
}
