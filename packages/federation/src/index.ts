// The page table, for the shell's router and the back office's navigation: through this package, so
// the shell's start-up files hold the shared contracts once (a second copy in its own chunk would be
// 2.4 KiB more to preload).
export { EDGE_BACK_OFFICE_PAGES, matchPage, PAGES } from "@shop/contracts/browser";
export { confirmExposuresToEdge, reportFailureToEdge } from "./failure-report";
export { focusInto, RemoteArea, type RemoteAreaProps } from "./RemoteArea";
export { forgetRemote, loadRemoteModule, onRemoteLoaded, pinnedRemotes, registerRemotesFromDocument } from "./remotes";
export * from "./rendered-data";
