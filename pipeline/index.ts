/** The pipeline as one module: the command line, and a build or validation for programs. */
export { main } from "./cli/main.ts"
export { run } from "./run/run.ts"
