import type { AppName } from "@shop/contracts";
import { BoundedMap } from "../bounded-map";
import type { Env } from "../env";
import { assetKey } from "../registry/registry";

// A version's files never change: an isolate keeps the texts it has read (the few live ones).
const texts = new BoundedMap<string, string | null>(64);

/**
 * A published file's text, to inline into a document (a stylesheet, so its first paint waits for
 * no request; the islands loader, so nothing runs later than it must); null when it cannot be
 * inlined (missing, or text that would end its `<style>` or `<script>` block).
 */
export async function inlinableText(env: Env, app: AppName, version: string, file: string): Promise<string | null> {
  const key = assetKey(app, version, file);
  if (texts.has(key)) return texts.get(key)!;
  const text = await env.ASSETS.get(key, "text");
  const inlinable = text !== null && !/<\/(?:style|script)/i.test(text) ? text : null;
  texts.set(key, inlinable);
  return inlinable;
}
