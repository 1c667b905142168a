import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Password hashes: scrypt through `node:crypto`, which workerd runs natively (`nodejs_compat`).
 * Better Auth's own scrypt is pure JavaScript and passes the Workers CPU limit; PBKDF2 is capped at
 * 100,000 iterations in production (but not locally). OWASP's scrypt floor that fits a Worker's
 * 128 MB: N = 2^14, r = 8, p = 5 (16 MiB). The parameters are stored beside each hash
 * (`scrypt$N$r$p$salt$key`), so raising them here upgrades old hashes at their next sign-in.
 */
export interface ScryptParameters {
  N: number;
  r: number;
  p: number;
}

export const CURRENT_PARAMETERS: ScryptParameters = { N: 2 ** 14, r: 8, p: 5 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParameters): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, parameters = CURRENT_PARAMETERS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, parameters);
  return ["scrypt", parameters.N, parameters.r, parameters.p, salt.toString("base64"), key.toString("base64")].join("$");
}

function parse(hash: string): { parameters: ScryptParameters; salt: Buffer; key: Buffer } | undefined {
  const [scheme, N, r, p, salt, key] = hash.split("$");
  if (scheme !== "scrypt" || !salt || !key) return undefined;
  const parameters = { N: Number(N), r: Number(r), p: Number(p) };
  if (![parameters.N, parameters.r, parameters.p].every(Number.isSafeInteger)) return undefined;
  return { parameters, salt: Buffer.from(salt, "base64"), key: Buffer.from(key, "base64") };
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const stored = parse(hash);
  if (!stored) return false;
  const key = await derive(password, stored.salt, stored.parameters);
  return key.length === stored.key.length && timingSafeEqual(key, stored.key);
}

/** A hash made with weaker parameters than today's: rehash it the next time its password is known. */
export function needsRehash(hash: string): boolean {
  const stored = parse(hash);
  if (!stored) return true;
  const { N, r, p } = stored.parameters;
  return N * r * p < CURRENT_PARAMETERS.N * CURRENT_PARAMETERS.r * CURRENT_PARAMETERS.p || N < CURRENT_PARAMETERS.N;
}
