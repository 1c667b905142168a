import type { AppName } from "@shop/contracts";
import { BoundedMap } from "../bounded-map";
import type { Env } from "../env";
import { assetKey } from "../registry/registry";

// A version's files never change: an isolate keeps the stylesheets it has read (the few live ones).
const texts = new BoundedMap<string, string | null>(64);

/**
 * A published stylesheet's text, to inline into a document (so its first paint waits for no
 * request); null when it cannot be inlined (missing, or text that would end the `<style>` block).
 */
export async function stylesheetText(env: Env, app: AppName, version: string, file: string): Promise<string | null> {
  const key = assetKey(app, version, file);
  if (texts.has(key)) return texts.get(key)!;
  const css = await env.ASSETS.get(key, "text");
  const inlinable = css !== null && !/<\/style/i.test(css) ? css : null;
  texts.set(key, inlinable);
  return inlinable;
}
