import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { APPS, appDir } from "../platform/apps";

const KIB = 1024;
const gzipKiB = (bytes: Buffer) => Number((gzipSync(bytes).length / KIB).toFixed(1));

/** The shell's start-up JS (the files the Lighthouse page load fetched) and each remote's entry, gzip. */
export function bundleSizes(requestedUrls: string[]) {
  const shellInitialFiles = [...new Set(requestedUrls.filter((u) => /\/mf\/shell\/[^/]+\/[^/]+\.js$/.test(u)).map((u) => path.basename(new URL(u).pathname)))];
  const shellInitialJsGzipKiB = Number(
    shellInitialFiles.reduce((sum, file) => sum + gzipKiB(fs.readFileSync(path.join(appDir("shell"), "dist", file))), 0).toFixed(1),
  );
  const remoteEntryGzipKiB = Object.fromEntries(
    APPS.filter((app) => app !== "shell").map((app) => [app, gzipKiB(fs.readFileSync(path.join(appDir(app), "dist", "remoteEntry.js")))]),
  );
  return { shellInitialJsGzipKiB, shellInitialFiles, remoteEntryGzipKiB };
}
