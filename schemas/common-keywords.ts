/**
 * Keywords several datasets share, so that a portal's search for the project, its places, the
 * programme or a source finds every dataset that holds them. A definition combines the sets that
 * are true of what it holds with words of its own.
 */

export interface Keywords {
  readonly sv: ReadonlyArray<string>
  readonly en: ReadonlyArray<string>
}

/** The 4K project, by its short and its full name. */
export const FOUR_K: Keywords = {
  sv: ["4K", "Konkurrenskraftiga Kranskommuner", "kranskommuner"],
  en: ["4K", "Competitive Commuter-Belt Municipalities", "Konkurrenskraftiga Kranskommuner", "commuter-belt"],
}

/** The five municipalities that ran 4K, and their county. */
export const FOUR_K_PLACES: Keywords = {
  sv: ["Nordmaling", "Bjurholm", "Robertsfors", "Vindeln", "Vännäs", "Västerbotten"],
  en: ["Nordmaling", "Bjurholm", "Robertsfors", "Vindeln", "Vännäs", "Västerbotten"],
}

/** The programme: the European Regional Development Fund's, of the structural funds 2007–2013. */
export const ERDF: Keywords = {
  sv: ["ERUF", "Europeiska regionala utvecklingsfonden", "strukturfonder 2007–2013"],
  en: ["ERDF", "European Regional Development Fund", "Structural Funds 2007–2013"],
}

/** Tillväxtverket's register of the projects of the structural funds. */
export const REGISTER: Keywords = {
  sv: ["Tillväxtverket", "Projektbanken"],
  en: ["Tillväxtverket", "Swedish Agency for Economic and Regional Growth", "Projektbanken"],
}

/** Statistics Sweden, by both its names. */
export const SCB: Keywords = {
  sv: ["SCB", "Statistiska centralbyrån"],
  en: ["Statistics Sweden", "SCB"],
}

/** The sets and words given, in order, each word once per language. */
export const keywords = (...sets: ReadonlyArray<Keywords>): Keywords => ({
  sv: [...new Set(sets.flatMap((s) => s.sv))],
  en: [...new Set(sets.flatMap((s) => s.en))],
})
