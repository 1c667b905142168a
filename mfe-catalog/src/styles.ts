import { injectStyles } from "@shop/federation/styles";

// The catalog's own styles (see injectStyles).
const CSS = `
.product-card__link{display:flex;flex-direction:column;gap:6px;color:inherit;text-decoration:none}
.product-card__brand,.product__brand{color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.04em;margin:0}
.compare-at{color:var(--muted);font-size:14px}
.stars{display:inline-flex;align-items:center;gap:4px;font-size:13px;color:var(--muted)}
.stars__bar{--size:14px;display:inline-block;width:calc(var(--size)*5);height:var(--size);background:linear-gradient(90deg,#f5a623 calc(var(--rating)/5*100%),#ddd 0);-webkit-mask:repeating-linear-gradient(90deg,#000 0 calc(var(--size) - 2px),transparent 0 var(--size))}
.skeleton{background:linear-gradient(90deg,#eee,#f6f6f6,#eee);background-size:200% 100%;animation:shimmer 1.2s infinite;border-radius:6px}
.skeleton--image{aspect-ratio:1}.skeleton--line{height:14px}.skeleton--short{width:50%}
@keyframes shimmer{to{background-position:-200% 0}}
@media (prefers-reduced-motion:reduce){.skeleton{animation:none}}
.category-tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px;list-style:none;padding:0;margin:0 0 32px}
.category-tile{display:flex;align-items:center;justify-content:center;min-height:72px;padding:12px;border-radius:var(--radius);background:#fff;border:1px solid var(--line);font-weight:700;color:var(--ink);text-decoration:none}
.shelf{margin-bottom:32px}.shelf__header{display:flex;justify-content:space-between;align-items:baseline}
.listing__header{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:baseline}
.listing__count{color:var(--muted);margin:0}.listing__sort{margin-left:auto}
.listing__body{display:grid;grid-template-columns:220px 1fr;gap:24px;align-items:start}
.facets section,.facets fieldset{margin:0 0 16px;padding:0;border:0}.facets h2,.facets legend{font-size:15px;font-weight:700;margin:0 0 6px;padding:0}.facets ul{list-style:none;margin:0;padding:0}
.facets li{padding:2px 0}.facet-count{color:var(--muted);font-size:13px}.facet-scroll{max-height:240px;overflow:auto}
.active-filters{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0;margin:8px 0 16px}
.chip{padding:4px 10px;border-radius:16px;border:1px solid var(--line);background:#fff}.chip--clear{border-color:transparent;color:var(--brand)}
.load-more{text-align:center;margin:24px 0}
.no-results{padding:24px;background:#fff;border:1px solid var(--line);border-radius:var(--radius)}
.shop-search{position:relative}
.suggestions{position:absolute;left:0;right:0;top:calc(100% + 4px);z-index:20;margin:0;padding:4px 0;list-style:none;background:#fff;border:1px solid var(--line);border-radius:var(--radius);box-shadow:0 8px 24px rgba(0,0,0,.08)}
.suggestion{padding:8px 12px;cursor:pointer;display:flex;justify-content:space-between}.suggestion--active{background:#eef5fc}
.suggestion__type{color:var(--muted);font-size:13px}
.breadcrumbs ol{display:flex;flex-wrap:wrap;gap:6px;list-style:none;padding:0;margin:0 0 16px;font-size:14px}
.breadcrumbs li+li::before{content:"/";margin-right:6px;color:var(--muted)}
.product__main{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:32px}
.gallery__main{width:100%;height:auto;border-radius:var(--radius);background:#fff}
.gallery__thumbs{display:flex;gap:8px;list-style:none;padding:0}.gallery__thumbs button{padding:0;border:2px solid transparent;border-radius:8px;background:none}
.gallery__thumbs button[aria-pressed=true]{border-color:var(--brand)}.gallery__thumbs img{width:64px;height:auto;display:block;border-radius:6px}
.product__price{font-size:22px}.option{border:0;padding:0;margin:0 0 12px}.option legend{margin-bottom:6px}
.option__value{display:inline-flex;align-items:center;gap:4px;margin:0 8px 8px 0;padding:6px 10px;border:1px solid var(--line);border-radius:8px;background:#fff}
.option__value--out{color:var(--muted);text-decoration:line-through}
.badge{display:inline-block;padding:2px 8px;border-radius:10px;font-size:13px;font-weight:600}
.badge--in{background:#e7f6ec;color:#1b7a3a}.badge--low{background:#fff4e0;color:#9a5b00}.badge--out{background:#fdecea;color:var(--danger)}
.product__sku{color:var(--muted);font-size:13px}
.attributes th{text-align:left;padding-right:16px;color:var(--muted);font-weight:500}
.listing__corrected{flex-basis:100%;margin:0}
.skip-link--inline{position:absolute;left:-9999px;top:auto}.skip-link--inline:focus{position:static;display:inline-block;margin:0 0 12px}
.filters-drawer{margin:0 auto 0 0;height:100dvh;max-height:none;width:min(360px,90vw);border:0;padding:0;box-shadow:8px 0 32px rgba(0,0,0,.15)}
.filters-drawer::backdrop{background:rgba(0,0,0,.35)}
.filters-drawer__body{display:flex;flex-direction:column;gap:12px;height:100%;box-sizing:border-box;padding:20px}
.filters-drawer__head{display:flex;justify-content:space-between;align-items:center}.filters-drawer__head h2{margin:0;font-size:20px}
.filters-drawer__close{border:0;background:none;font-size:24px;line-height:1;padding:4px 8px;min-width:44px;min-height:44px}
.filters-drawer__facets{flex:1;overflow:auto}
.facets label{display:inline-flex;align-items:center;gap:6px;min-height:32px}
@media (max-width:800px){
.listing__body,.product__main{grid-template-columns:1fr}
.listing__sort{margin-left:0}
.product__main{gap:16px}
/* The first screen of a product shows what it is, its price and Add to cart, not only its picture. */
.gallery__main{max-height:38vh;object-fit:contain}
.gallery__thumbs img{width:48px}
.product__buy .add-to-cart{position:sticky;bottom:0;z-index:5;display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:10px 0;background:#fafafa;border-top:1px solid var(--line)}
.product__buy .add-to-cart .btn{flex:1}
}
`;

export const injectCatalogStyles = () => injectStyles("catalog-styles", CSS);
