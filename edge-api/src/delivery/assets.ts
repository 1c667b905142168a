import { AppName, AssetPath, Version } from "@shop/contracts";
import { Hono } from "hono";
import { cachePolicy } from "../cache-policy";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { type AssetMetadata, assetKey } from "../registry/registry";

/** `GET /mf/<app>/<version>/<file>`: immutable files of every published app version. */
export const assetRoutes = new Hono<AppEnv>();

assetRoutes.get("/:app/:version/*", async (c) => {
  const { app, version } = c.req.param();
  const path = c.req.path.split("/").slice(4).join("/");
  const appName = AppName.safeParse(app);
  if (!appName.success || !Version.safeParse(version).success || !AssetPath.safeParse(path).success) {
    throw new ApiFailure(404, "not_found", "No such file.");
  }
  const key = assetKey(appName.data, version, path);
  const { value, metadata } = await c.env.ASSETS.getWithMetadata<AssetMetadata>(key, { type: "stream", cacheTtl: 86_400 });
  if (!value || !metadata) throw new ApiFailure(404, "not_found", "No such file.");
  const headers = {
    "Content-Type": metadata.contentType,
    ETag: metadata.etag,
    ...cachePolicy.immutable,
  };
  if (c.req.header("If-None-Match") === metadata.etag) {
    await value.cancel();
    return c.body(null, 304, headers);
  }
  return c.body(value, 200, headers);
});
