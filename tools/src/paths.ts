import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const EDGE_DIR = path.join(ROOT, "edge-api");
export const MIGRATIONS_DIR = path.join(EDGE_DIR, "drizzle");
