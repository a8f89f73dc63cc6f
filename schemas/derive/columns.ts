/** Reads a dataset definition's fields off its Effect Schema AST into plain column descriptors. */
import type { SchemaAST } from "effect"
import type { ColumnType, ValueLabels } from "../field.ts"
import type { DatasetDefinition } from "../dataset.ts"

export interface Column {
  readonly name: string
  readonly type: ColumnType
  readonly nullable: boolean
  readonly description: string
  readonly descriptionSv: string
  readonly unit: string | undefined
  /** For a nullable field: the field holding the label of why a value is missing. */
  readonly missingLabelField: string | undefined
  /** The allowed values, when the field is a closed list. */
  readonly enum: ReadonlyArray<string> | undefined
  /** What each of the allowed values means, in words, where the definition says. */
  readonly valueLabels: ValueLabels | undefined
  /** Says where the row comes from, not what it holds: a change of it alone changes no value. */
  readonly provenance: boolean
  /** A code of exactly this many digits. */
  readonly digits: number | undefined
  /** Words a delivery's header may name the field by, beyond its own name (schemas/field.ts). */
  readonly headerWords: ReadonlyArray<string>
}

type Annotations = Record<string, unknown>

const annotationsOf = (ast: SchemaAST.AST): Annotations => {
  const node = ast as unknown as { annotations?: Annotations; checks?: ReadonlyArray<{ annotations?: Annotations }> }
  const merged: Annotations = { ...(node.annotations ?? {}) }
  for (const check of node.checks ?? []) Object.assign(merged, check.annotations ?? {})
  return merged
}

const membersOf = (ast: SchemaAST.AST): ReadonlyArray<SchemaAST.AST> =>
  ast._tag === "Union" ? (ast as SchemaAST.Union).types.flatMap(membersOf) : [ast]

/** Annotations of a node and of every non-null member of the unions inside it. */
const collectAnnotations = (ast: SchemaAST.AST): Annotations =>
  ast._tag === "Union"
    ? Object.assign({}, ...(ast as SchemaAST.Union).types.map(collectAnnotations), annotationsOf(ast))
    : ast._tag === "Null"
      ? {}
      : annotationsOf(ast)

const columnOf = (name: string, ast: SchemaAST.AST): Column => {
  const members = membersOf(ast)
  const nullable = members.some((m) => m._tag === "Null")
  const values = members.filter((m) => m._tag !== "Null")
  const annotations = collectAnnotations(ast)
  const literals = values.every((m) => m._tag === "Literal")
    ? values.map((m) => String((m as SchemaAST.Literal).literal))
    : undefined
  const type = annotations["columnType"] as ColumnType | undefined
  if (type === undefined) throw new Error(`field ${name} has no columnType: build it with schemas/field.ts`)
  return {
    name,
    type,
    nullable,
    description: String(annotations["description"] ?? ""),
    descriptionSv: String(annotations["descriptionSv"] ?? ""),
    unit: annotations["unit"] as string | undefined,
    missingLabelField: annotations["missingLabelField"] as string | undefined,
    enum: literals,
    valueLabels: annotations["valueLabels"] as ValueLabels | undefined,
    provenance: annotations["provenance"] === true,
    digits: annotations["digits"] as number | undefined,
    headerWords: (annotations["headerWords"] as ReadonlyArray<string> | undefined) ?? [],
  }
}

const cache = new WeakMap<DatasetDefinition, ReadonlyArray<Column>>()

/** The dataset's columns in definition order, which is the published column order. */
export const columnsOf = (dataset: DatasetDefinition): ReadonlyArray<Column> => {
  let columns = cache.get(dataset)
  if (columns === undefined) {
    columns = Object.entries(dataset.schema.fields).map(([name, schema]) => columnOf(name, schema.ast))
    cache.set(dataset, columns)
  }
  return columns
}
