import type { ProductDetail } from "@shop/contracts";
import { productApiUrl } from "@shop/contracts/browser";
import { useFetch } from "../useFetch";
import { Reviews } from "./Reviews";

/** A product's reviews as an area of its own (`catalog/ProductReviews`): on a page of islands, it hydrates when it comes into view. */
export default function ProductReviews({ slug }: { slug: string }) {
  const result = useFetch<ProductDetail>(productApiUrl(slug));
  return result.state === "ready" ? <Reviews product={result.data} /> : null;
}
