import { injectStyles } from "@shop/federation/styles";
import css from "./styles.css";

// The cart's own styles (see injectStyles); the same file is published as styles.css for pages the edge renders.
export const injectCartStyles = () => injectStyles("cart", css);
