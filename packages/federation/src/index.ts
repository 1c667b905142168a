// The page table, for the shell's router: through this package, so the shell's start-up files hold
// the shared contracts once (a second copy in its own chunk would be a file preloaded for nothing).
export { matchPage } from "@shop/contracts/browser";
export { confirmExposuresToEdge } from "./failure-report";
export { RemoteArea, type RemoteAreaProps } from "./RemoteArea";
export { forgetRemote, loadRemoteModule, pinnedRemotes, registerRemotesFromDocument } from "./remotes";
export * from "./rendered-data";
