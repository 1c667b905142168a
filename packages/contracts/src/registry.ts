import { z } from "zod";

export const APP_NAMES = ["shell", "catalog", "cart", "checkout", "account"] as const;
export const AppName = z.enum(APP_NAMES);
export type AppName = z.infer<typeof AppName>;
export type RemoteName = Exclude<AppName, "shell">;

/** Semantic version, optionally with a pre-release tag such as `1.4.0-3fa9c2d1`. */
export const Version = z
  .string()
  .regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z][0-9A-Za-z.-]{0,63})?$/, "version must look like 1.2.3 or 1.2.3-tag");

/** A file path inside one app version: relative, no `..`, no hidden files. */
export const AssetPath = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!.*(?:^|\/)\.)[A-Za-z0-9_@~-][A-Za-z0-9_.@~\/-]*$/, "file path must be relative, without '..' or hidden segments");

export const PublishVersion = z
  .object({
    files: z
      .array(z.object({ path: AssetPath, contentBase64: z.string().max(8_000_000) }))
      .min(1)
      .max(500),
  })
  .meta({ id: "PublishVersion" });
export type PublishVersion = z.infer<typeof PublishVersion>;

export const SetStable = z.object({ version: Version }).meta({ id: "SetStable" });

export const AppVersion = z.object({
  version: Version,
  publishedAt: z.string(),
  /** Files the browser loads first: `remoteEntry.js` for a remote, the initial scripts for the shell. */
  entry: z.array(z.string()),
  /** Files fetched in parallel with the entry because start-up needs them (the shell's chunks). */
  preload: z.array(z.string()),
  /** A remote's exposed modules and the chunks each needs, e.g. `{ "./App": ["482.533b7d2c.js"] }`. */
  exposes: z.record(z.string(), z.array(z.string())),
});
export type AppVersion = z.infer<typeof AppVersion>;

export const RegistryApp = z
  .object({
    name: AppName,
    stable: Version.nullable(),
    /** Earlier stable versions, newest last: what a rollback returns to. */
    history: z.array(Version),
    versions: z.array(AppVersion),
  })
  .meta({ id: "RegistryApp" });
export type RegistryApp = z.infer<typeof RegistryApp>;

export const Registry = z.object({ apps: z.array(RegistryApp) }).meta({ id: "Registry" });
export type Registry = z.infer<typeof Registry>;

