import { describe, expect, it } from "vitest";
import { ProductListQuery, ProductUpdate, SuggestQuery } from "../src";

const messageOf = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues.map((i) => i.message).join("; ");

describe("plain text", () => {
  it.each(["a\u0000b", "\u0000", "x\u001b[31m", "lone \ud800 surrogate", "end \udfff", "del\u007f"])(
    "refuses %j in search, suggestions and product names",
    (text) => {
      expect(ProductListQuery.safeParse({ q: text }).success).toBe(false);
      expect(SuggestQuery.safeParse({ q: text }).success).toBe(false);
      expect(ProductUpdate.safeParse({ name: text }).success).toBe(false);
      expect(messageOf(SuggestQuery.safeParse({ q: text }))).toContain("control characters");
    },
  );

  it.each(["headphones", "café crème", "emoji 🎧", "tab\tand\nnewline", "' OR 1=1 --", "<script>"])("accepts %j", (text) => {
    expect(ProductUpdate.safeParse({ descriptionHtml: text }).success).toBe(true);
  });
});

describe("whole numbers in a query", () => {
  it("says which bound a number broke, not that it is not a number", () => {
    expect(messageOf(ProductListQuery.safeParse({ limit: "101" }))).toBe("must be at most 100");
    expect(messageOf(ProductListQuery.safeParse({ limit: "0" }))).toBe("must be at least 1");
    expect(messageOf(ProductListQuery.safeParse({ limit: "ten" }))).toBe("must be a whole number");
    expect(messageOf(ProductListQuery.safeParse({ page: "1.5" }))).toBe("must be a whole number");
    expect(messageOf(ProductListQuery.safeParse({ minPrice: "-1" }))).toBe("must be at least 0");
  });
});
