/** Props of the widgets remotes expose to each other (the cart's button is used by the catalog). */
export interface AddToCartButtonProps {
  sku: string;
  name: string;
  inStock: boolean;
  quantity?: number;
}
