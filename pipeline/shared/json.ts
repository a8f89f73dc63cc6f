/** JSON as the pipeline writes it everywhere: two-space indent, final newline. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`
