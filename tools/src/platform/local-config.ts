import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../paths";

/** Where one local stack keeps its state and which ports it uses; a test stack uses its own. */
export interface LocalConfig {
  stateDir: string;
  /** The Worker's local state (KV, Durable Objects): in the state folder unless EDGE_STATE_DIR says otherwise. */
  edgeStateDir: string;
  port: number;
  /** The origin the shop is opened at: its absolute URLs (canonical links, Open Graph) use it. */
  publicOrigin: string;
  inspectorPort: number;
  pgPort: number;
  relayPort: number;
  /** The Stripe emulator's port (12111 beside the default 8787, where stripe-mock listens too). */
  stripePort: number;
  /** The mail emulator's port (8025 beside the default 8787, where MailHog-style mailboxes usually are). */
  mailPort: number;
}

export function localConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const port = Number(env.PORT ?? 8787);
  const stateDir = path.resolve(ROOT, env.SHOP_STATE_DIR ?? ".data/local");
  return {
    stateDir,
    edgeStateDir: env.EDGE_STATE_DIR ? path.resolve(ROOT, env.EDGE_STATE_DIR) : path.join(stateDir, "wrangler"),
    port,
    publicOrigin: env.PUBLIC_ORIGIN ?? `http://localhost:${port}`,
    inspectorPort: Number(env.INSPECTOR_PORT ?? port + 1452),
    pgPort: Number(env.PG_PORT ?? port + 16_633),
    relayPort: Number(env.RELAY_PORT ?? port + 16_634),
    stripePort: Number(env.STRIPE_EMULATOR_PORT ?? port + 3324),
    mailPort: Number(env.MAIL_EMULATOR_PORT ?? port - 762),
  };
}

/** A local secret (deploy or admin token, cookie signing key): made once per state folder, never committed. */
export function localSecret(stateDir: string, name: "deploy-token" | "admin-token" | "cookie-secret" | "auth-secret" | "stripe-webhook-secret"): string {
  const file = path.join(stateDir, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(stateDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(24).toString("hex"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

export const localDeployToken = (stateDir: string) => localSecret(stateDir, "deploy-token");
