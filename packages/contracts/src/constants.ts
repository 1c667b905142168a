export const MAX_LINE_QUANTITY = 10;

/** Id of the `<script type="application/json">` in which the edge inlines the remote map. */
export const REMOTE_MAP_ELEMENT_ID = "remote-map";

/** What the shell document inlines: the entry URL of each remote this visitor gets. */
export type RemoteMap = Record<"catalog" | "cart" | "checkout" | "account", { version: string; entry: string }>;
