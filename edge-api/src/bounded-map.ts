/**
 * A Map that keeps at most `limit` entries: past it, the oldest (first set) leaves. What an isolate
 * remembers across requests (cached answers, hashes, headers) stays bounded however many keys
 * requests bring.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.set(key, value);
    if (this.size > this.limit) this.delete(this.keys().next().value!);
    return this;
  }

  /** Keeps `value` for `key` as the newest entry (a key set again leaves last, not where it was first set). */
  setNewest(key: K, value: V): this {
    this.delete(key);
    return this.set(key, value);
  }

  /** The value kept for `key`, made (and kept) the first time it is asked for. */
  remembered(key: K, make: () => V): V {
    let value = this.get(key);
    if (value === undefined) {
      value = make();
      this.set(key, value);
    }
    return value;
  }
}
