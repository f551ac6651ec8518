// npm run bench -- <name> [args]: runs bench/<name>.ts (import, lms, ...).
import "@/scripts/lib/load-env"; // first: .env before any setting is read
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

async function main() {
  const [name, ...args] = process.argv.slice(2);
  const file = name ? path.join(__dirname, `${name}.ts`) : "";
  if (!name || !/^[a-z0-9-]+$/.test(name) || !existsSync(file)) {
    console.error("usage: npm run bench -- <import|lms|studio|capa|load|page-weight|forum> [options]");
    process.exit(2);
  }
  const mod = (await import(pathToFileURL(file).href)) as { run: (args: string[]) => Promise<void> };
  await mod.run(args);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
