// Writes schema/journeyboard.schema.json from the zod schema (src/file/format.ts), built to dist first.
// Run with `pnpm --filter @journeyboard/shared schema`; test/file-schema.test.ts fails when it is stale.
import { writeFileSync } from "node:fs";
import { boardFileJsonSchema } from "../dist/file/index.js";

const target = new URL("../schema/journeyboard.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(boardFileJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
