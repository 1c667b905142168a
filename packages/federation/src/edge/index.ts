// @shop/federation as a server bundle sees it (the build aliases it here): the same names, with a
// RemoteArea that leaves a slot for the edge and no Module Federation runtime.

export type { RemoteAreaProps } from "../RemoteArea";
export * from "../rendered-data";
export { RemoteArea } from "./RemoteArea";

const notInEdgeRender = () => {
  throw new Error("Remote modules are not loaded during an edge render; use RemoteArea.");
};
export const loadRemoteModule = notInEdgeRender;
export const forgetRemote = () => {};
export const registerRemotesFromDocument = () => ({});
export const pinnedRemotes = (): Array<{ name: string; version: string }> => [];
export { EDGE_BACK_OFFICE_PAGES, matchPage, PAGES } from "@shop/contracts/browser";
