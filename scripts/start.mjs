// `pnpm start`: builds what changed since the last build, then runs the app in this process, so that
// Ctrl+C stops it cleanly (exit 0) instead of failing a chain of scripts.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The newest modification time under these paths (files and folders, node_modules and dist left out). */
function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    latest = Math.max(latest, stat.mtimeMs);
    if (!stat.isDirectory()) return;
    for (const name of readdirSync(path)) {
      if (name !== "node_modules" && name !== "dist") visit(join(path, name));
    }
  };
  for (const path of paths) visit(join(root, path));
  return latest;
}

/** Each package, what it is built from and the file its build writes last. */
const packages = [
  {
    name: "@journeyboard/shared",
    inputs: ["shared/src", "shared/package.json", "shared/tsconfig.json"],
    output: "shared/tsconfig.tsbuildinfo",
  },
  {
    name: "@journeyboard/server",
    inputs: ["server/src", "server/package.json", "server/tsconfig.json", "shared/src"],
    output: "server/tsconfig.tsbuildinfo",
  },
  {
    name: "@journeyboard/client",
    inputs: ["client/src", "client/index.html", "client/package.json", "client/vite.config.ts", "shared/src"],
    output: "client/dist/index.html",
  },
];

for (const { name, inputs, output } of packages) {
  const built = existsSync(join(root, output)) ? statSync(join(root, output)).mtimeMs : 0;
  if (built >= newest(inputs)) continue;
  const result = spawnSync("pnpm", ["--filter", name, "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await import(join(root, "server/dist/main.js"));
