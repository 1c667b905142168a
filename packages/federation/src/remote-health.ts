import { forgetRemote, loadRemoteModule } from "./remotes";

/** A remote's files could not be loaded (as opposed to its code throwing once loaded). */
export class RemoteLoadError extends Error {
  constructor(
    readonly module: string,
    cause: unknown,
  ) {
    super(`${module} could not be loaded`, { cause });
  }
}

interface Health {
  /** Bumped when the remote comes back: every area of it loads again. */
  generation: number;
  /** A module that failed to load, tried again to see whether the remote is back. */
  failed: string | null;
  /** The fallback that says the failure out loud (one alert per cause, not per area). */
  announcer: symbol | null;
  attempt: Promise<boolean> | null;
  probe: ReturnType<typeof setTimeout> | null;
  probeDelay: number;
}

// Shared by every area of the page: @shop/federation is one instance, provided by the shell.
const remotes = new Map<string, Health>();
const listeners = new Set<() => void>();
const FIRST_PROBE_MS = 3_000;
const LONGEST_PROBE_MS = 30_000;

const remoteOf = (module: string) => module.split("/")[0]!;

function healthOf(remote: string): Health {
  let health = remotes.get(remote);
  if (!health) {
    health = { generation: 0, failed: null, announcer: null, attempt: null, probe: null, probeDelay: FIRST_PROBE_MS };
    remotes.set(remote, health);
  }
  return health;
}

export function subscribeToRemotes(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const generationOf = (module: string) => healthOf(remoteOf(module)).generation;

/** An area could not load its module: the remote is down for every area until it answers again. */
export function reportLoadFailure(module: string) {
  const remote = remoteOf(module);
  const health = healthOf(remote);
  health.failed ??= module;
  if (!health.probe) health.probe = setTimeout(() => void probe(remote), health.probeDelay);
}

/** Tries the remote again by itself, less and less often, so it comes back without anyone pressing Retry. */
async function probe(remote: string) {
  const health = healthOf(remote);
  health.probe = null;
  if (await retryRemote(remote)) return;
  health.probeDelay = Math.min(health.probeDelay * 2, LONGEST_PROBE_MS);
  health.probe = setTimeout(() => void probe(remote), health.probeDelay);
}

/**
 * Loads the remote's failed module again (one attempt at a time, whoever asks). When it loads, every
 * area of the remote renders again; when it does not, nothing on the page changes.
 */
export function retryRemote(remote: string): Promise<boolean> {
  const health = healthOf(remote);
  if (!health.failed) return Promise.resolve(true);
  health.attempt ??= (async () => {
    const module = health.failed!;
    forgetRemote(module);
    try {
      await loadRemoteModule(module);
    } catch {
      return false;
    }
    health.failed = null;
    health.probeDelay = FIRST_PROBE_MS;
    if (health.probe) clearTimeout(health.probe);
    health.probe = null;
    health.generation += 1;
    for (const listener of listeners) listener();
    return true;
  })().finally(() => {
    health.attempt = null;
  });
  return health.attempt;
}

/** A shopper pressed Retry on an area whose code threw: render every area of its remote again. */
export function renderRemoteAgain(module: string) {
  healthOf(remoteOf(module)).generation += 1;
  for (const listener of listeners) listener();
}

/**
 * Whether this fallback is the one that says the failure out loud: the first shown for it. Its
 * `release` (when it goes) lets the next fallback of the same remote speak, on another page.
 */
export function claimAnnouncement(module: string): { claimed: boolean; release: () => void } {
  const health = healthOf(remoteOf(module));
  if (health.announcer) return { claimed: false, release: () => {} };
  const me = Symbol(module);
  health.announcer = me;
  return {
    claimed: true,
    release: () => {
      if (health.announcer === me) health.announcer = null;
    },
  };
}

// Coming back online, or back to the tab, is a good moment to look again.
if (typeof window !== "undefined") {
  const probeAll = () => {
    for (const [remote, health] of remotes) if (health.failed) void retryRemote(remote);
  };
  window.addEventListener("online", probeAll);
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && probeAll());
}

// A shopper pressed Retry on a remote's notice, which goes once the remote is back: the focus then
// goes to the remote's page area as it comes to life (not to wherever the browser drops it).
const focusWhenBack = new Set<string>();

export const moveFocusWhenBack = (module: string) => focusWhenBack.add(remoteOf(module));

/** Whether this area of a remote that came back takes the focus (once, for its page area). */
export const takesFocusWhenBack = (module: string) => focusWhenBack.delete(remoteOf(module));
