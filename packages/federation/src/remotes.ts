import { loadRemote, registerPlugins, registerRemotes } from "@module-federation/enhanced/runtime";
import { RetryPlugin } from "@module-federation/retry-plugin";
import { REMOTE_MAP_ELEMENT_ID, type RemoteMap } from "@shop/contracts/browser";

type RemoteName = keyof RemoteMap;
let remoteMap: Partial<RemoteMap> = {};

/** Registers the remotes the edge chose for this visitor (inlined into the document). */
export function registerRemotesFromDocument(doc: Document = document): Partial<RemoteMap> {
  const element = doc.getElementById(REMOTE_MAP_ELEMENT_ID);
  remoteMap = element?.textContent ? (JSON.parse(element.textContent) as Partial<RemoteMap>) : {};
  registerPlugins([RetryPlugin({ script: { retryTimes: 2, retryDelay: 400 } })]);
  registerRemotes(Object.entries(remoteMap).map(([name, remote]) => ({ name, entry: remote.entry })));
  return remoteMap;
}

const loadedListeners = new Set<(remote: string) => void>();

/** Told the remote's name each time one of its modules has loaded (islands that hydrate with their remote). */
export function onRemoteLoaded(listener: (remote: string) => void) {
  loadedListeners.add(listener);
}

/** `cart/AddToCartButton` → the module's default export, or an error when the remote is not deployed. */
export async function loadRemoteModule<T>(id: string): Promise<T> {
  const name = id.split("/")[0] as RemoteName;
  if (!remoteMap[name]) throw new Error(`The ${name} area is not deployed.`);
  const module = await loadRemote<{ default: T }>(id);
  if (!module) throw new Error(`${id} did not load.`);
  for (const listener of loadedListeners) listener(name);
  return module.default;
}

/** The version of a remote this page was given, e.g. for reporting its failures. */
export const remoteVersionOf = (name: string): string | undefined => remoteMap[name as RemoteName]?.version;

/** The remotes pinned on this page by a QA override (`?pin=catalog@2.1.0`). */
export const pinnedRemotes = (): Array<{ name: string; version: string }> =>
  Object.entries(remoteMap).flatMap(([name, remote]) => (remote.pinned ? [{ name, version: remote.version }] : []));

/** Forgets a failed remote so the next load fetches its entry again (a real retry, not a cached failure). */
export function forgetRemote(id: string) {
  const name = id.split("/")[0] as RemoteName;
  const remote = remoteMap[name];
  if (remote) registerRemotes([{ name, entry: remote.entry }], { force: true });
}
