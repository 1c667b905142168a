import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../paths";
import { type App, appDir, packageVersion } from "./apps";
import { localConfig, localDeployToken } from "./local-config";

export interface Target {
  url: string;
  token: string;
}

/**
 * `local` → the local edge started by `npm start` (its URL and token from the state folder);
 * `production` → SHOP_URL and DEPLOY_TOKEN from the environment.
 */
export function resolveTarget(name: string, env: NodeJS.ProcessEnv = process.env): Target {
  if (name === "production") {
    if (!env.SHOP_URL || !env.DEPLOY_TOKEN) {
      throw new Error("Deploying to production needs SHOP_URL (e.g. https://shop.example.com) and DEPLOY_TOKEN in the environment.");
    }
    return { url: env.SHOP_URL.replace(/\/$/, ""), token: env.DEPLOY_TOKEN };
  }
  if (name !== "local") throw new Error(`Unknown target "${name}": use local or production.`);
  const config = localConfig(env);
  return { url: env.SHOP_URL ?? `http://127.0.0.1:${config.port}`, token: env.DEPLOY_TOKEN ?? localDeployToken(config.stateDir) };
}

function listFiles(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]));
}

export interface BuiltApp {
  files: Array<{ path: string; bytes: Buffer }>;
  /** `<package version>-<content hash>`: the same build always gets the same version. */
  contentVersion: string;
  /** When the build was made (its entry.json's time). */
  builtAt: string;
}

export function readBuild(app: App, dist = path.join(appDir(app), "dist")): BuiltApp {
  if (!fs.existsSync(dist)) throw new Error(`${app} has no build in ${dist}; build it first (npm run build -w ${path.basename(appDir(app))}).`);
  const files = listFiles(dist)
    .sort()
    .map((file) => ({ path: file, bytes: fs.readFileSync(path.join(dist, file)) }));
  const hash = crypto.createHash("sha256");
  for (const file of files) hash.update(file.path).update("\0").update(file.bytes);
  const builtAt = fs.statSync(path.join(dist, files.some((f) => f.path === "entry.json") ? "entry.json" : files[0]!.path)).mtime.toISOString();
  return { files, contentVersion: `${packageVersion(app)}-${hash.digest("hex").slice(0, 8)}`, builtAt };
}

export async function registryCall(target: Target, method: string, pathname: string, body?: unknown) {
  let response: Response;
  try {
    response = await fetch(`${target.url}/api/registry${pathname}`, {
      method,
      headers: { Authorization: `Bearer ${target.token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new Error(`Cannot reach the edge at ${target.url}. Is it running (npm start)?`);
  }
  const payload = (await response.json().catch(() => null)) as { error?: { message: string } } | null;
  if (!response.ok) throw new Error(`${method} ${pathname} → ${response.status}: ${payload?.error?.message ?? response.statusText}`);
  return { status: response.status, payload };
}

/** The commit the build comes from: GIT_COMMIT (CI), else the checkout's HEAD, `-dirty` with local changes. */
export function sourceCommit(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GIT_COMMIT) return env.GIT_COMMIT;
  try {
    const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() !== "";
    return `${head.slice(0, 12)}${dirty ? "-dirty" : ""}`;
  } catch {
    return undefined; // not a git checkout
  }
}

/** Uploads a build as one immutable version; publishing identical files again is a no-op. */
export async function publish(target: Target, app: App, version: string, build: BuiltApp, reason?: string): Promise<"created" | "unchanged"> {
  const files = build.files.map((f) => ({ path: f.path, contentBase64: f.bytes.toString("base64") }));
  const commit = sourceCommit();
  const { status } = await registryCall(target, "PUT", `/${app}/versions/${encodeURIComponent(version)}`, {
    files,
    build: { builtAt: build.builtAt, ...(commit && { commit }) },
    ...(reason && { reason }),
  });
  return status === 201 ? "created" : "unchanged";
}

export async function promote(target: Target, app: App, version: string, reason?: string) {
  await registryCall(target, "PUT", `/${app}/stable`, { version, ...(reason && { reason }) });
}

export async function rollback(target: Target, app: App, reason?: string): Promise<string> {
  const { payload } = await registryCall(target, "POST", `/${app}/rollback`, reason ? { reason } : {});
  return (payload as { stable: string }).stable;
}
