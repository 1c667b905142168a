import { cartProductsSaid, onCartProducts } from "@shop/contracts/browser";
import { useMemo, useSyncExternalStore } from "react";

/**
 * The products the shopper's cart holds, as the cart remote says (none at the edge and while the page
 * hydrates, so the edge's HTML and the first render agree): suggestions leave them out.
 */
export function useCartProducts(): Set<string> {
  const said = useSyncExternalStore(onCartProducts, cartProductsSaid, () => "");
  return useMemo(() => new Set(said.split(" ").filter(Boolean)), [said]);
}
