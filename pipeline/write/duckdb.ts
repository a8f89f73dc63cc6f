/** The one place that opens DuckDB. Settings here keep output byte-identical from run to run. */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api"

export interface Database {
  readonly connection: DuckDBConnection
  run(sql: string): Promise<void>
  rows(sql: string): Promise<Record<string, unknown>[]>
  close(): void
}

/**
 * DuckDB's own memory, beyond which it spills to the work folder: with Node's share this keeps
 * a build of tens of millions of rows within 1 GiB.
 */
export const DUCKDB_MEMORY_LIMIT = "256MB"

export const openDatabase = async (tempDirectory: string): Promise<Database> => {
  const instance = await DuckDBInstance.create(":memory:", {
    temp_directory: tempDirectory,
    memory_limit: DUCKDB_MEMORY_LIMIT,
    // Insertion order is what makes `ORDER BY` exports byte-identical; never turn it off.
    preserve_insertion_order: "true",
  })
  const connection = await instance.connect()
  return {
    connection,
    run: async (sql) => {
      await connection.run(sql)
    },
    rows: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[],
    close: () => {
      connection.closeSync()
      instance.closeSync()
    },
  }
}
