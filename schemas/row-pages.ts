/**
 * What a dataset's definition declares for the site's pages: the fields that name a row, the page
 * each row of a dataset has (the projects), and how the rows of a dataset that refers to such a
 * row show on its page. Properties of DatasetDefinition (schemas/dataset.ts).
 */
import type { Bilingual } from "./dataset.ts"

/** A label in Swedish, and in English where it says more than the Swedish. */
export interface Label {
  readonly sv: string
  readonly en?: string
}

/** The fields that name a row in each language, and by a short name where it has one (an acronym). */
export interface RowNames {
  readonly sv: string
  readonly en: string
  readonly short?: string
}

/** A fact a row's page states under its heading. */
export interface PageFact {
  readonly label: Label
  /** The field shown; a fact whose field is empty is left out. */
  readonly field: string
  /** A field shown after it where given: after a comma, or in brackets (the date a sum was paid by). */
  readonly beside?: { readonly field: string; readonly bracketed?: true }
}

/**
 * A dataset with a page per row (the projects): the page is headed by the row's names
 * (`names`), states its period (`period`) and facts, and shows the rows of the datasets that
 * refer to it by foreign key, each as that dataset's `onPage` says.
 */
export interface RowPages {
  /** What the rows are called, heading the front page's list of pages. */
  readonly heading: Bilingual
  /** The link from a row's page to the dataset's page. */
  readonly all: Bilingual
  /** The fields that summarise a row, in each language. */
  readonly summary?: { readonly sv: string; readonly en: string }
  readonly facts: ReadonlyArray<PageFact>
  /** The datasets whose rows for a row its page shows, in this order; each says how (`onPage`). */
  readonly sections: ReadonlyArray<string>
  /**
   * The datasets whose rows make a row's page worth having (its activities, goals, indicators):
   * a row that none of them refers to has no page.
   */
  readonly describedBy: ReadonlyArray<string>
}

/** A column of a table on a row's page. */
export interface PageColumn {
  readonly label: Label
  /**
   * The fields shown, the first that is given (an amount in SEK, else in EUR); where none is,
   * why the first is missing (its `missingLabelField`).
   */
  readonly fields: ReadonlyArray<string>
  /** `code`: shown as a code; `name`: the name of the place (or row) the field's foreign key refers to. */
  readonly as?: "code" | "name"
}

/** How a dataset's rows show on the page of the row they refer to (a project's funders on the project's page). */
export interface PageSection {
  readonly heading: Bilingual
  /** The section's anchor on the page. */
  readonly anchor: string
  /** The rows' order; by default their primary key. */
  readonly order?: ReadonlyArray<{ readonly field: string; readonly descending?: true }>
  readonly show: /** A table with this caption and these columns. */
    | { readonly table: string; readonly columns: ReadonlyArray<PageColumn> }
    /** A list of the rows' text in both languages. */
    | { readonly list: { readonly sv: string; readonly en: string } }
    /**
     * A tree of the rows (the activities), each under the row its `parent` field names, with
     * its key, its label in both languages and a text.
     */
    | {
        readonly tree: {
          readonly parent: string
          readonly label: { readonly sv: string; readonly en: string }
          readonly text: string
        }
      }
}

/** The fields of its own that a dataset's page declaration names. */
export const pageFields = (p: RowPages): ReadonlyArray<string> => [
  ...Object.values(p.summary ?? {}),
  ...p.facts.flatMap((f) => [f.field, ...(f.beside === undefined ? [] : [f.beside.field])]),
]

/** The fields of its own that a section of a page names. */
export const sectionFields = (s: PageSection): ReadonlyArray<string> => [
  ...(s.order ?? []).map((o) => o.field),
  ...("table" in s.show
    ? s.show.columns.flatMap((c) => c.fields)
    : "list" in s.show
      ? Object.values(s.show.list)
      : [s.show.tree.parent, ...Object.values(s.show.tree.label), s.show.tree.text]),
]
