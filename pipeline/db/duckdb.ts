/** The one place that opens DuckDB. Settings here keep output byte-identical from run to run. */
import { availableParallelism } from "node:os"
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api"

export interface Database {
  readonly connection: DuckDBConnection
  run(sql: string): Promise<void>
  rows(sql: string): Promise<Record<string, unknown>[]>
  /** Another connection to the same database, for a query that runs beside this one's. */
  connect(): Promise<Database>
  close(): void
}

const wrap = (instance: DuckDBInstance, connection: DuckDBConnection, closeInstance: boolean): Database => ({
  connection,
  run: async (sql) => {
    await connection.run(sql)
  },
  rows: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[],
  connect: async () => wrap(instance, await instance.connect(), false),
  close: () => {
    connection.closeSync()
    if (closeInstance) instance.closeSync()
  },
})

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
    // With one thread, sorting five million rows into Parquet ran out of its 256 MB (measured
    // here); two threads on one core do not. More cores, more threads, as DuckDB would choose.
    threads: String(Math.max(2, availableParallelism())),
  })
  return wrap(instance, await instance.connect(), true)
}
