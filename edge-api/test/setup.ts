import { env as workerEnv } from "cloudflare:workers";
import { beforeEach } from "vitest";
import { forgetCatalogCache } from "../src/catalog/cache";
import { forgetRenderedAreas } from "../src/delivery/edge-render/area-cache";
import type { Env } from "../src/env";
import { forgetLiveVersions } from "../src/registry/registry";

const env = workerEnv as unknown as Env;

// Every test starts from an empty registry and asset store, whatever ran before it.
async function clear(namespace: KVNamespace) {
  let cursor: string | undefined;
  do {
    const page: KVNamespaceListResult<unknown> = await namespace.list(cursor ? { cursor } : {});
    await Promise.all(page.keys.map((key) => namespace.delete(key.name)));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
}

beforeEach(async () => {
  await Promise.all([clear(env.REGISTRY), clear(env.ASSETS), clear(env.CACHE)]);
  forgetLiveVersions();
  forgetCatalogCache();
  forgetRenderedAreas();
});
