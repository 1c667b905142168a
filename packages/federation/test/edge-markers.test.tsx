import { REACT_BOUNDARY, REACT_BOUNDARY_CHECKED_WITH, slotBoundaries } from "@shop/contracts";
import { Suspense } from "react";
import reactDom from "react-dom/package.json" with { type: "json" };
import { renderToReadableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RemoteArea } from "../src/edge/RemoteArea";
import { type EdgeRender, EdgeRenderContext } from "../src/rendered-data";

/** An area's HTML as a server bundle renders it (its slots unfilled). */
async function serverHtml(element: React.ReactNode): Promise<string> {
  const stream = await renderToReadableStream(element, { onError: () => {} });
  await stream.allReady;
  return new Response(stream).text();
}

function Throws(): never {
  throw new Error("left to the browser");
}

// The edge reads React's server HTML by its Suspense markers (delivery/edge-render/areas.ts) and writes
// a boundary React must take as its own: both pinned to the react-dom the apps build with.
describe("React's boundary markers, as the edge reads and writes them", () => {
  it("were checked with the react-dom in use", () => {
    expect(reactDom.version).toBe(REACT_BOUNDARY_CHECKED_WITH);
  });

  it("find every slot an area leaves, with its loading markup", async () => {
    const edge: EdgeRender = { answer: async () => ({ status: 200, body: null }), slots: new Map() };
    const html = await serverHtml(
      <EdgeRenderContext value={edge}>
        <main>
          <RemoteArea module="cart/AddToCartButton" label="Add to cart" loading={<button type="button">Add to cart</button>} />
          <p>between</p>
          <RemoteArea module="account/WishlistHeart" label="Wishlist" loading={null} />
        </main>
      </EdgeRenderContext>,
    );
    const found = [...html.matchAll(slotBoundaries())];
    expect(found).toHaveLength(2);
    expect(found[0]![1]).toBe('<button type="button">Add to cart</button>');
    expect(found[1]![1]).toBe("");
    expect(edge.slots.size).toBe(2);
  });

  it("open and close a boundary rendered on the server, and mark one left to the browser as the edge writes it", async () => {
    const rendered = await serverHtml(
      <Suspense fallback={<i>loading</i>}>
        <b>ready</b>
      </Suspense>,
    );
    expect(rendered).toBe(`${REACT_BOUNDARY.open}<b>ready</b>${REACT_BOUNDARY.close}`);
    const left = await serverHtml(
      <Suspense fallback={<i>loading</i>}>
        <Throws />
      </Suspense>,
    );
    // React writes the error's digest in the template (and in development its message and stack); the
    // edge writes an empty digest (nothing to report).
    const asTheEdgeWrites = left.replace(/<template[^>]*><\/template>/, '<template data-dgst=""></template>');
    expect(left).toMatch(/^<!--\$!--><template[^>]*><\/template>/);
    expect(asTheEdgeWrites).toBe(`${REACT_BOUNDARY.clientRendered}<i>loading</i>${REACT_BOUNDARY.close}`);
  });
});
