/** wrangler bundles `.txt` files as text modules (its default rules), and `.svg` files by the rule in wrangler.jsonc. */
declare module "*.txt" {
  const text: string;
  export default text;
}

declare module "*.svg" {
  const text: string;
  export default text;
}
