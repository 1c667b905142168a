import { CONFIRM_EXPOSURES_META } from "@shop/contracts/browser";
import { remoteVersionOf } from "./remotes";

const reported = new Set<string>();

/**
 * Tells the edge that a remote version failed here (its files did not load, or its code threw), once
 * per version and kind a page: the experiments' guardrail stops a variant that fails too often.
 * Only on failure, so a page that works sends nothing.
 */
export function reportFailureToEdge(module: string, kind: "load" | "render") {
  const app = module.split("/")[0]!;
  const version = remoteVersionOf(app);
  const key = `${app}@${version}:${kind}`;
  if (!version || reported.has(key)) return;
  reported.add(key);
  void fetch("/api/delivery/failures", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ app, version, kind }),
    keepalive: true,
  }).catch(() => {});
}

/**
 * The document exposed this visitor to an experiment's variant: the shell says it ran, so the
 * exposure counts for the guardrail (documents fetched by scripts that never run them do not).
 */
export function confirmExposuresToEdge(doc: Document = document) {
  if (!doc.querySelector(`meta[name="${CONFIRM_EXPOSURES_META}"]`)) return;
  void fetch("/api/delivery/exposures", { method: "POST", keepalive: true }).catch(() => {});
}
