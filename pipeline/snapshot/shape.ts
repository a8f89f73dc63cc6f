/**
 * Whether a file has its source's declared shape: the declared encoding throughout, and a
 * header with every declared column and nothing else (CSV), or records where declared with
 * only declared keys (JSON). A file of another shape (another
 * encoding, delimiter or layout) is refused with the place it first differs.
 */
import { createReadStream } from "node:fs"
import { sha256File } from "../shared/files.ts"
import type { ResolvedDialect } from "../contract/manifest-schema.ts"
import { checkHeader, checkJsonKeys, planDelivery } from "../normalize/delivery-plan.ts"
import { readJson } from "../read/read-json.ts"
import { problem, type Problem } from "../problems/problem.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { openCsv } from "../read/read-csv.ts"
import { deliveriesOfSource, type SourceDeclaration } from "../contract/source-declaration.ts"
import { EncodingGuard, EncodingProblem, locateFault } from "../read/decode-text.ts"
import { workbookMagicOf } from "../read/workbook-magic.ts"

export const checksumOk = async (path: string, sha256: string): Promise<boolean> => (await sha256File(path)) === sha256

export const shapeProblems = async (
  path: string,
  source: SourceDeclaration,
  dialect: ResolvedDialect,
): Promise<Problem[]> => {
  const problems: Problem[] = []
  const workbook = await workbookMagicOf(path)
  if (workbook !== undefined) return [workbookGiven(path, source, workbook)]
  const guard = new EncodingGuard(dialect.encoding)
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) guard.push(chunk as Buffer)
  if (!guard.end()) return [(await locateFault(path, guard.fault!, dialect.encoding, path, dialect)).problem]
  const [delivery] = deliveriesOfSource(source, { file: path, received: "1970-01-01", sha256: "" })
  const dataset = DATASETS.find((d) => d.name === delivery!.dataset)!
  const plan = planDelivery({ ...delivery!, columns: delivery!.fileColumns ?? delivery!.columns }, dataset)
  if (source.format === "json") {
    const records = await readJson(path, path, dialect, (p) => problems.push(p))
    return problems.length > 0 ? problems : checkJsonKeys(records, plan, path)
  }
  try {
    const csv = await openCsv(path, path, dialect, (p) => problems.push(p))
    if (csv !== undefined)
      problems.push(...summarized(checkHeader(plan, csv.header, path, 1), csv.header, dialect, path))
  } catch (e) {
    if (!(e instanceof EncodingProblem)) throw e
    problems.push(e.problem)
  }
  return problems
}

/** A header read with the wrong delimiter is one problem, not one per declared column. */
const summarized = (
  found: Problem[],
  header: ReadonlyArray<{ readonly name: string }>,
  dialect: ResolvedDialect,
  path: string,
): Problem[] => {
  const other = [",", ";", "\t", "|"].find(
    (d) => d !== dialect.delimiter && header.length === 1 && header[0]!.name.includes(d),
  )
  if (found.length === 0 || other === undefined) return found
  return [
    problem({
      code: "header/missing-label",
      file: path,
      line: 1,
      column: 1,
      value: header[0]!.name,
      message: `the header is one column holding ${JSON.stringify(other)}: the file looks delimited by ${JSON.stringify(other)}, and the source declares ${JSON.stringify(dialect.delimiter)}`,
    }),
  ]
}

/** A workbook given where a source's text export is declared: what to file instead, and how. */
const workbookGiven = (path: string, source: SourceDeclaration, kind: "xlsx" | "xls"): Problem =>
  problem({
    code: "file/xlsx",
    file: path,
    message: `the file is an Excel workbook (.${kind}), and a snapshot of ${source.name} is its ${source.format === "json" ? "JSON" : "CSV"} export: download that from ${source.origin} and file it with pipeline snapshot ${source.name} --from FILE; a publisher's own figures in a workbook are filed with pipeline add FILE --dataset NAME --publisher NAME --licence LICENCE`,
  })
