/**
 * The words a header uses for a field: its own name (`municipality_code`, `municipality code`)
 * and the words its definition gives it (`headerWords`: `Kommun`, `Municipality`, `År`, `Antal`).
 * A label is compared without case, accents, punctuation or a unit in parentheses.
 */
import type { Column } from "../../schemas/derive/columns.ts"

/** A label as it is compared: `Antal (personer)` → `antal`, `Kommun-kod` → `kommun kod`, `År` → `ar`. */
export const labelKey = (label: string): string =>
  label
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("sv")
    .replace(/\([^)]*\)|\[[^\]]*\]/gu, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()

/** Every key a field's header may have. */
const keysOf = (field: Column): ReadonlyArray<string> => [
  labelKey(field.name),
  field.name.toLowerCase(),
  ...field.headerWords,
]

/** The names of the fields (of those given) a header label names. */
export const fieldsNamed = (label: string, fields: ReadonlyArray<Column>): ReadonlyArray<string> => {
  const key = labelKey(label)
  return key === "" ? [] : fields.filter((f) => keysOf(f).includes(key)).map((f) => f.name)
}
