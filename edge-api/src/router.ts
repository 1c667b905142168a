import type { Result, Router } from "hono/router";
import { TrieRouter } from "hono/router/trie-router";

/** Paths whose routing is kept: the busy ones (a cart, a session, a listing) stay; ids come and go. */
const KEPT = 2_000;

/**
 * Hono's TrieRouter, with its answer kept per method and path. Every request matches ~15 handlers
 * (the app's middleware and its route), and walking the trie for them was a third of a session
 * check's CPU. Hono's precompiled RegExpRouter would do it too, but refuses a static segment beside a
 * parameter (`/api/account/orders/claim` beside `/orders/:number/reorder`, `/api/registry/experiments`
 * beside `/api/registry/:app`). A path's answer never changes once the routes are added, and Hono
 * only reads it.
 */
export class KeptAnswersRouter<T> implements Router<T> {
  name = "KeptAnswersRouter";
  readonly #trie = new TrieRouter<T>();
  readonly #answers = new Map<string, Result<T>>();

  add(method: string, path: string, handler: T) {
    this.#trie.add(method, path, handler);
  }

  match(method: string, path: string): Result<T> {
    const key = `${method} ${path}`;
    let answer = this.#answers.get(key);
    if (!answer) {
      answer = this.#trie.match(method, path);
      if (this.#answers.size >= KEPT) this.#answers.delete(this.#answers.keys().next().value!);
      this.#answers.set(key, answer);
    }
    return answer;
  }
}
