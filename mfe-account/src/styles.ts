import { injectStyles } from "@shop/federation/styles";
import css from "./styles.css";

// The account's own styles (see injectStyles); the same file is published as styles.css for pages the edge renders.
export const injectAccountStyles = () => injectStyles("account", css);
