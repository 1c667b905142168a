export { RemoteArea, type RemoteAreaProps } from "./RemoteArea";
export { forgetRemote, loadRemoteModule, registerRemotesFromDocument } from "./remotes";
