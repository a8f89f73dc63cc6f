#!/usr/bin/env node
// Entry point of the `pipeline` command: runs the TypeScript sources through tsx.
import { register } from "tsx/esm/api"

register()
const { main } = await import("../pipeline/cli/main.ts")
process.exitCode = await main(process.argv.slice(2))
