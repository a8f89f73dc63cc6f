/**
 * What one input may cost. Deliveries come from outside, by pull request: each limit bounds
 * the memory or the time a file can take, and past it the file is refused with a problem of
 * its own, before the cost is paid. Each value is far above what real exports need (SCB's
 * population export, 290 municipalities by 60 years, is 17,400 cells and 300 KB), and small
 * enough that the reading that refuses it stays under about 500 MB.
 */

/**
 * The longest cell, in characters: a spreadsheet cell holds at most 32,767, so a longer one did
 * not come from one intact (a quote left open swallows the rest of a file). Checked as the field
 * is read, so a field is never held longer than this.
 */
export const MAX_CELL_LENGTH = 32_767

/**
 * The most columns a delivery may have (more is usually the wrong delimiter). A CSV record
 * keeps one field more than this, to say so, and only counts the rest: with MAX_CELL_LENGTH,
 * it bounds what one record holds (about 64 MB).
 */
export const MAX_COLUMNS = 1000

/**
 * The most places where a CSV file's records stop being one line each (a record that spans
 * lines, a blank line) that the byte scan maps for DuckDB's reading: the map is held in memory
 * and handed to DuckDB in one statement. A file with more is read by the tokenizer, record by
 * record, at no limit.
 */
export const MAX_LINE_MAP = 100_000

/**
 * The largest JSON delivery. It is read whole, and every value kept with its place: about 15
 * bytes of memory per byte of records of text and numbers (measured), more for small values
 * (bounded by MAX_JSON_VALUES). A CSV delivery has no size limit: it is read as a stream, record by
 * record, whatever its size (the benchmark's 10 million rows are 700 MB).
 */
export const MAX_JSON_BYTES = 4 * 1024 * 1024

/**
 * The largest raw/manifest.json, and the most deliveries it may declare. Each entry is checked
 * against the manifest's schema (a million bytes of faulty entries took 4 s here); a real entry
 * is about 1,250 bytes (26 KB for 21 deliveries), so these allow about 800 deliveries as they
 * are written now.
 */
export const MAX_MANIFEST_BYTES = 1024 * 1024
export const MAX_DELIVERIES = 5000

/**
 * The largest workbook, and the largest file `pipeline add` describes: a zip archive is read
 * whole, and `add` takes every record of a file into memory (about 30 bytes per byte of CSV).
 */
export const MAX_FILE_BYTES = 16 * 1024 * 1024

/**
 * The most values a JSON document may hold, each kept with its place: as many as the cells of
 * the largest sheet. A file of nothing but small values takes about 100 bytes per value to read;
 * four megabytes of them would be two million.
 */
export const MAX_JSON_VALUES = 500_000

/**
 * The deepest nesting of JSON arrays and objects. A delivery is an array of flat records (three
 * levels with `records`, four with `unnest`), the manifest seven at most; the parser recurses
 * once per level.
 */
export const MAX_JSON_DEPTH = 64

/** The most entries in a workbook's zip archive: Excel writes about ten, and two per sheet more. */
export const MAX_ZIP_ENTRIES = 1000

/**
 * The most one part of a workbook may unzip to. A sheet of MAX_SHEET_CELLS cells takes 30–60
 * bytes of XML per cell (15–30 MB); reading a sheet takes about ten times its XML in memory
 * (measured: 537 MB for 500,000 cells of 60 characters, 50 MB of XML).
 */
export const MAX_PART_BYTES = 32 * 1024 * 1024

/** The most all parts of a workbook may unzip to together, as declared and as read. */
export const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024

/**
 * The most cells a sheet may span, counted from A1 to its last row and column (its extent): the
 * sheet is read as a grid of that size, declared by `<dimension ref>` or reached by any row or
 * cell. Excel's own grid is 1,048,576 rows by 16,384 columns; one cell at its far corner would
 * be a grid of 17 billion cells. 500,000 cells (125,000 rows of four columns) took 350 MB and
 * about 6 s to read here.
 */
export const MAX_SHEET_CELLS = 500_000

/**
 * The most merged ranges a sheet may have: each is filled in, cell by cell, and looked up for
 * each column of the header.
 */
export const MAX_MERGED_RANGES = 10_000
