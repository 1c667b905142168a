import type { AdminProduct, AdminVariant } from "@shop/contracts";
import { formatMoney, IMAGE_TYPES, MAX_IMAGE_BYTES, SHOP_CURRENCY } from "@shop/contracts/browser";
import { ActionForm, centsOf, Field, FormMessage, SelectField, TableRegion, TextAreaField, typedAmount, useAction } from "@shop/forms";
import { Link, useLocation, useNavigate, useParams } from "@shop/router";
import { useEffect, useState } from "react";
import { addVariant, changeProduct, changeVariant, createProduct, fetchProduct, removePicture, uploadPicture } from "./api";
import { useTerms } from "./ProductList";

// One product as its operators run it: its details, its variants (price, compare-at price, still
// sold or not), and its pictures. A new product starts with its first variant.

/** `size: M, colour: Navy` → { size: "M", colour: "Navy" }; null when a part is not `name: value`. */
function optionsOf(typed: string): Record<string, string> | null {
  const parts = typed.split(",").filter((part) => part.trim());
  const pairs = parts.map((part) => part.split(":").map((s) => s.trim()));
  if (pairs.some((pair) => pair.length !== 2 || !pair[0] || !pair[1])) return null;
  return Object.fromEntries(pairs);
}
const optionsText = (options: Record<string, string>) =>
  Object.entries(options)
    .map(([name, value]) => `${name}: ${value}`)
    .join(", ");

/** Typed money as cents; what cannot be read goes as it is, for the API to say why. */
const amount = (typed: string) => centsOf(typed) ?? Number.NaN;
const money = (cents: number) => formatMoney({ amount: cents, currency: SHOP_CURRENCY });

interface TypedVariant {
  sku: string;
  options: string;
  price: string;
  compareAt: string;
}
const NO_VARIANT: TypedVariant = { sku: "", options: "", price: "", compareAt: "" };

/** A variant as the API takes it; options that cannot be read are refused here, by their field. */
function variantOf(typed: TypedVariant) {
  const options = optionsOf(typed.options);
  if (!options)
    throw Object.assign(new Error("Please correct the field marked above."), { fields: { options: "Write each as name: value, separated by commas" } });
  return { sku: typed.sku, options, price: amount(typed.price), compareAtPrice: typed.compareAt.trim() ? amount(typed.compareAt) : null };
}

function VariantFields({
  prefix,
  typed,
  onChange,
  fields,
}: {
  prefix: string;
  typed: TypedVariant;
  onChange: (typed: TypedVariant) => void;
  fields: Record<string, string>;
}) {
  const set = (name: keyof TypedVariant) => (value: string) => onChange({ ...typed, [name]: value });
  const error = (name: string) => fields[`${prefix}${name}`] ?? fields[name];
  return (
    <>
      <Field id="variant-sku" label="SKU" hint="Letters, digits and dashes" required value={typed.sku} onValue={set("sku")} error={error("sku")} />
      <Field
        id="variant-options"
        label="Options"
        hint="e.g. size: M, colour: Navy (empty: none)"
        value={typed.options}
        onValue={set("options")}
        error={error("options")}
      />
      <Field id="variant-price" label="Price ($)" inputMode="decimal" required value={typed.price} onValue={set("price")} error={error("price")} />
      <Field
        id="variant-compare-at"
        label="Compare-at price ($)"
        hint="The price before a sale, shown struck through; empty: none"
        inputMode="decimal"
        value={typed.compareAt}
        onValue={set("compareAt")}
        error={error("compareAtPrice")}
      />
    </>
  );
}

/** A new product (`/admin/products/new`) or one to run (`/admin/products/:slug`). */
export function ProductEditor() {
  const { slug } = useParams();
  const creating = slug === "new" || slug === undefined;
  const [product, setProduct] = useState<AdminProduct | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const created = (useLocation().state as { created?: boolean } | null)?.created;
  useEffect(() => {
    if (creating) return;
    fetchProduct(slug!).then(setProduct, (err: Error) => setLoadError(err.message));
  }, [slug, creating]);

  if (loadError) return <FormMessage error={loadError} />;
  if (!creating && !product) return <p aria-busy="true">Loading the product…</p>;
  return (
    <section>
      <p>
        <Link to="/admin/products">← All products</Link>
      </p>
      <h1 className="page-title">{creating ? "New product" : product!.name}</h1>
      {created && (
        <p className="notice" role="status">
          Created: it is on the storefront, and sold once its stock arrives.
        </p>
      )}
      {product && (
        <p>
          <a href={`/p/${product.slug}`}>See it in the shop</a> ·{" "}
          <Link to={`/admin/audit?${new URLSearchParams({ subject: `product:${product.slug}` })}`}>Its changes</Link>
        </p>
      )}
      <Details product={product} />
      {product && (
        <>
          <Variants product={product} onChange={setProduct} />
          <Pictures product={product} onChange={setProduct} />
        </>
      )}
    </section>
  );
}

function Details({ product }: { product: AdminProduct | null }) {
  const navigate = useNavigate();
  const terms = useTerms();
  const [typed, setTyped] = useState({
    name: product?.name ?? "",
    slug: "",
    brand: product?.brand ?? "",
    category: product?.category ?? "",
    descriptionHtml: product?.descriptionHtml ?? "",
  });
  const [variant, setVariant] = useState(NO_VARIANT);
  const save = useAction(async () => {
    const { slug, ...fields } = typed;
    if (!product) {
      const made = await createProduct({ ...fields, ...(slug.trim() && { slug: slug.trim() }), variant: variantOf(variant) });
      navigate(`/admin/products/${made.slug}`, { state: { created: true } });
      return;
    }
    const changed = await changeProduct(product.slug, fields);
    setTyped({ ...typed, descriptionHtml: changed.descriptionHtml });
    return "Saved. The storefront shows it at once.";
  });
  const set = (name: keyof typeof typed) => (value: string) => setTyped({ ...typed, [name]: value });
  const choose = (none: string, items: Array<{ slug: string; name: string }> | undefined): Array<[string, string]> => [
    ["", none],
    ...(items ?? []).map((i): [string, string] => [i.slug, i.name]),
  ];
  return (
    <ActionForm action={save} submit={product ? "Save details" : "Create product"} busy="Saving…" marksFields aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <Field id="name" label="Name" required value={typed.name} onValue={set("name")} error={save.fields.name} />
      {!product && (
        <Field id="slug" label="Web address" hint="/p/… ; empty: made from the name" value={typed.slug} onValue={set("slug")} error={save.fields.slug} />
      )}
      <SelectField
        id="brand"
        label="Brand"
        value={typed.brand}
        onChange={set("brand")}
        options={choose("Choose a brand", terms?.brands)}
        error={save.fields.brand}
      />
      <SelectField
        id="category"
        label="Category"
        value={typed.category}
        onChange={set("category")}
        options={choose(
          "Choose a category",
          terms?.categories.filter((c) => c.leaf),
        )}
        error={save.fields.category}
      />
      <TextAreaField
        id="description"
        label="Description"
        hint="HTML: paragraphs, lists, emphasis and links; anything else is removed when saved"
        rows={6}
        value={typed.descriptionHtml}
        onValue={set("descriptionHtml")}
        error={save.fields.descriptionHtml}
      />
      {!product && (
        <fieldset>
          <legend>First variant</legend>
          <VariantFields prefix="variant." typed={variant} onChange={setVariant} fields={save.fields} />
        </fieldset>
      )}
    </ActionForm>
  );
}

function Variants({ product, onChange }: { product: AdminProduct; onChange: (product: AdminProduct) => void }) {
  const [typed, setTyped] = useState(NO_VARIANT);
  const add = useAction(async () => {
    onChange(await addVariant(product.slug, variantOf(typed)));
    setTyped(NO_VARIANT);
    return `Added ${typed.sku}. Stock it from the Stock page.`;
  });
  return (
    <section aria-labelledby="variants-heading">
      <h2 id="variants-heading">Variants</h2>
      <TableRegion label="Variants">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Options</th>
            <th scope="col" className="number">
              Price
            </th>
            <th scope="col" className="number">
              Stock
            </th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {product.variants.map((variant) => (
            <VariantRow key={variant.sku} variant={variant} onChanged={() => fetchProduct(product.slug).then(onChange)} />
          ))}
        </tbody>
      </TableRegion>
      <ActionForm action={add} submit="Add variant" busy="Adding…" marksFields aria-labelledby="add-variant-heading">
        <h3 id="add-variant-heading">Add a variant</h3>
        <VariantFields prefix="" typed={typed} onChange={setTyped} fields={add.fields} />
      </ActionForm>
    </section>
  );
}

function VariantRow({ variant, onChanged }: { variant: AdminVariant; onChanged: () => Promise<void> }) {
  const [price, setPrice] = useState(typedAmount(variant.price));
  const [compareAt, setCompareAt] = useState(variant.compareAtPrice === null ? "" : typedAmount(variant.compareAtPrice));
  const save = useAction(async () => {
    await changeVariant(variant.sku, { price: amount(price), compareAtPrice: compareAt.trim() ? amount(compareAt) : null });
    await onChanged();
    return "Saved.";
  });
  const toggle = useAction(async () => {
    await changeVariant(variant.sku, { discontinued: !variant.discontinued });
    await onChanged();
  });
  const id = (name: string) => `${name}-${variant.sku}`;
  return (
    <tr>
      <th scope="row">
        <Link to={`/admin/stock/${encodeURIComponent(variant.sku)}`}>{variant.sku}</Link>
        {variant.discontinued && <span className="admin-note"> (no longer sold)</span>}
      </th>
      <td>{optionsText(variant.options) || "—"}</td>
      <td className="number">
        {money(variant.price)}
        {variant.compareAtPrice !== null && (
          <>
            {" "}
            <s>{money(variant.compareAtPrice)}</s>
          </>
        )}
      </td>
      <td className="number">{variant.available}</td>
      <td>
        <ActionForm action={save} submit="Save price" busy="Saving…" marksFields aria-label={`Price of ${variant.sku}`}>
          <Field id={id("price")} label="Price ($)" inputMode="decimal" value={price} onValue={setPrice} error={save.fields.price} />
          <Field id={id("compare-at")} label="Compare-at ($)" inputMode="decimal" value={compareAt} onValue={setCompareAt} error={save.fields.compareAtPrice} />
        </ActionForm>
        <ActionForm
          action={toggle}
          submit={variant.discontinued ? `Sell ${variant.sku} again` : `Stop selling ${variant.sku}`}
          buttonClassName="btn btn-secondary"
          busy="Saving…"
          aria-label={`Whether ${variant.sku} is sold`}
        >
          {null}
        </ActionForm>
      </td>
    </tr>
  );
}

function Pictures({ product, onChange }: { product: AdminProduct; onChange: (product: AdminProduct) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState("");
  const [inputKey, setInputKey] = useState(0);
  const upload = useAction(async () => {
    // Said before a large file travels; the edge checks again, by the file's bytes.
    if (!file) throw Object.assign(new Error("Please correct the field marked above."), { fields: { file: "Choose a picture" } });
    if (file.size > MAX_IMAGE_BYTES)
      throw Object.assign(new Error("Please correct the field marked above."), { fields: { file: "Choose a picture of 5 MB or less" } });
    onChange(await uploadPicture(product.slug, file, alt));
    setFile(null);
    setAlt("");
    setInputKey((key) => key + 1);
    return "Uploaded. The storefront shows it at once.";
  });
  const remove = useAction(async (position: number) => {
    onChange(await removePicture(product.slug, position));
    return "Removed.";
  });
  return (
    <section aria-labelledby="pictures-heading">
      <h2 id="pictures-heading">Pictures</h2>
      {product.images.length === 0 ? (
        <p>No pictures yet: the storefront draws one for it.</p>
      ) : (
        <ol className="admin-pictures">
          {product.images.map((image) => (
            <li key={image.url}>
              <img src={image.url} srcSet={image.srcset} sizes="160px" width={160} height={Math.round((160 * image.height) / image.width)} alt={image.alt} />
              <span>
                {image.position === 0 ? "Shown in listings" : `Picture ${image.position + 1}`} · {image.width}×{image.height}
              </span>
              {image.uploaded && (
                <button className="btn btn-secondary" type="button" disabled={remove.busy} onClick={() => void remove.run(image.position)}>
                  Remove picture {image.position + 1}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <FormMessage error={remove.error} success={remove.success} />
      <ActionForm action={upload} submit="Upload picture" busy="Uploading…" marksFields aria-labelledby="upload-heading">
        <h3 id="upload-heading">Add a picture</h3>
        <Field
          key={inputKey}
          id="picture-file"
          label="Picture"
          type="file"
          accept={IMAGE_TYPES.join(",")}
          hint="PNG, JPEG, WebP or AVIF; 5 MB at most, 200 pixels a side at least"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          error={upload.fields.file}
        />
        <Field
          id="picture-alt"
          label="What it shows"
          hint="Read to shoppers who cannot see it"
          required
          value={alt}
          onValue={setAlt}
          error={upload.fields.alt}
        />
      </ActionForm>
    </section>
  );
}
