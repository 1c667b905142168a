export { RemoteArea, type RemoteAreaProps } from "./RemoteArea";
export { forgetRemote, loadRemoteModule, pinnedRemotes, registerRemotesFromDocument } from "./remotes";
