import { describe, expect, it } from "vitest";
import { BoundedMap } from "../src/bounded-map";

describe("BoundedMap", () => {
  it("keeps at most its limit, the oldest entry leaving first", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1).set("b", 2).set("c", 3);
    expect([...map.keys()]).toEqual(["b", "c"]);
    // Set as newest, an entry already kept moves to the end: the LRU use the caches make of it.
    map.setNewest("b", 2);
    map.set("d", 4);
    expect([...map.keys()]).toEqual(["b", "d"]);
    // A plain set keeps an entry where it was first set.
    map.set("b", 5).set("e", 6);
    expect([...map.keys()]).toEqual(["d", "e"]);
  });

  it("makes a remembered value once", () => {
    const map = new BoundedMap<string, string>(8);
    let made = 0;
    const make = () => `value ${++made}`;
    expect(map.remembered("k", make)).toBe("value 1");
    expect(map.remembered("k", make)).toBe("value 1");
    expect(made).toBe(1);
  });
});
