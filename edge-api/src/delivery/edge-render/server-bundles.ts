import type { AppName, AreaRenderer } from "@shop/contracts";
import type { Env } from "../../env";
import { assetKey, type LiveVersion } from "../../registry/registry";

/** The server bundles' runtime: the Worker's own compatibility date, so both behave alike. */
const COMPATIBILITY_DATE = "2026-11-01";

/**
 * The server bundle of one app version, in an isolate of its own (a Worker Loader keeps it warm by
 * `<app>@<version>`; versions are immutable, so the code for an id never changes). It has no network
 * (`globalOutbound: null`): its only way to data is the API the edge hands each render.
 */
export function serverBundleOf(env: Env, app: AppName, version: LiveVersion): AreaRenderer | undefined {
  const bundle = version.server;
  if (!env.LOADER || !bundle) return undefined;
  const worker = env.LOADER.get(`${app}@${version.version}`, async () => {
    const code = await env.ASSETS.get(assetKey(app, version.version, bundle.file), "text");
    if (code === null) throw new Error(`${app}@${version.version} has no ${bundle.file}`);
    return { compatibilityDate: COMPATIBILITY_DATE, mainModule: bundle.file, modules: { [bundle.file]: code }, globalOutbound: null };
  });
  return worker.getEntrypoint() as unknown as AreaRenderer;
}
