/** What every reader yields: records of located string cells, before any typing. */

export interface SourceCell {
  /** Header label (CSV) or property name (JSON). */
  readonly name: string
  /** Field number (CSV) or character column (JSON), 1-based. */
  readonly column: number
  /** Physical line the cell starts on. */
  readonly line: number
  /** The text as read; null only for a JSON null. */
  readonly value: string | null
  /** The label in the file, where a source adapter gave the cell another name. */
  readonly label?: string
}

export interface SourceRecord {
  /** Physical line where the record starts. */
  readonly line: number
  readonly cells: ReadonlyArray<SourceCell>
}
