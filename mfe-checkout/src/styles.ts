import { injectStyles } from "@shop/federation/styles";
import css from "./styles.css";

// Checkout's own styles (see injectStyles); the same file is published as styles.css for pages the edge renders.
export const injectCheckoutStyles = () => injectStyles("checkout", css);
