import semver from "semver";

/** What a build declares it was made with (entry.json's `build`), so the edge can tell which versions work together. */
export interface BuiltWith {
  /** The shared singletons' versions: react, react-router, zustand. */
  shared: Record<string, string>;
  /** The version of @shop/contracts it speaks. */
  contracts: string;
}

// One instance of each runs on the page, so a remote gets the shell's: their majors must agree.
export const SINGLETONS = ["react", "react-router", "zustand"] as const;

/** The part of a version that must match: the major, or for 0.x the minor too (semver's own rule). */
function line(version: string): string | null {
  const parsed = semver.minVersion(version);
  if (!parsed) return null;
  return parsed.major === 0 ? `0.${parsed.minor}` : String(parsed.major);
}

/**
 * Why `candidate` (a remote version) cannot run beside `shell`, or null when it can. A candidate
 * that does not declare what it was built with cannot be judged, so it is refused; a live version
 * published before builds declared it is not held against a candidate (nothing to compare).
 */
export function incompatibility(candidate: { name: string; built?: BuiltWith }, shell: { name: string; built?: BuiltWith }): string | null {
  if (!candidate.built)
    return `${candidate.name} does not say what it was built with (no build metadata in entry.json); rebuild it with the shop's build preset.`;
  if (!shell.built) return null;
  for (const name of SINGLETONS) {
    const theirs = candidate.built.shared[name];
    const ours = shell.built.shared[name];
    if (!theirs || !ours) continue;
    if (line(theirs) !== line(ours))
      return `${candidate.name} was built with ${name} ${theirs}, but the live shell ${shell.name} provides ${name} ${ours}; one instance runs on the page, so their major versions must match.`;
  }
  if (line(candidate.built.contracts) !== line(shell.built.contracts)) {
    return `${candidate.name} speaks contracts ${candidate.built.contracts}, but the live shell ${shell.name} speaks ${shell.built.contracts}.`;
  }
  return null;
}

/** The live state a candidate is judged against: the stable versions and the running experiments' pinned ones. */
export interface LiveBuilds {
  stableShell: { name: string; built?: BuiltWith } | null;
  /** Every remote version visitors can get now (stable or in an experiment), for judging a new shell. */
  liveRemotes: Array<{ name: string; built?: BuiltWith }>;
}

/** Why this version cannot go live (stable, or into an experiment), or null. */
export function refusal(app: string, candidate: { name: string; built?: BuiltWith }, live: LiveBuilds): string | null {
  if (app !== "shell") return live.stableShell ? incompatibility(candidate, live.stableShell) : null;
  if (!candidate.built)
    return `${candidate.name} does not say what it was built with (no build metadata in entry.json); rebuild it with the shop's build preset.`;
  for (const remote of live.liveRemotes) {
    if (!remote.built) continue; // published before builds declared what they were made with
    const why = incompatibility(remote, candidate);
    if (why) return why.replace("the live shell", "the shell");
  }
  return null;
}
