import { RpcTarget } from "cloudflare:workers";
import type { ApiAnswer } from "@shop/contracts";

/** The same, with whether the API said it is the same for everyone (`Cache-Control: public`). */
export interface GivenAnswer extends ApiAnswer {
  shared: boolean;
}

const API_PATH = /^\/api\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*$/;

/**
 * What a remote's server bundle reaches data through, handed to it for one document: it answers the
 * same `GET /api/…` routes the browser calls, in this isolate, through the same caches, as the
 * visitor (their cookies), and nothing else. Each answer is asked once per document, however many
 * areas want it.
 */
export class InProcessApi extends RpcTarget {
  readonly #ask: (path: string) => Promise<Response>;
  readonly #answers = new Map<string, Promise<GivenAnswer>>();
  readonly #shared = new Map<string, boolean>();

  readonly #sameForEveryone: boolean;

  /** `sameForEveryone`: the visitor is one whose every answer any such visitor gets (a first visit). */
  constructor(ask: (path: string) => Promise<Response>, sameForEveryone = false) {
    super();
    this.#ask = ask;
    this.#sameForEveryone = sameForEveryone;
  }

  get(path: string): Promise<ApiAnswer> {
    return this.answer(path).then(({ status, body }) => ({ status, body }));
  }

  /** Whether an answer already given was public (`Cache-Control: public`): the same for everyone. */
  wasShared(path: string): boolean {
    return this.#shared.get(path) === true;
  }

  /** The answer with its caching word, for the edge itself. */
  answer(path: string): Promise<GivenAnswer> {
    if (typeof path !== "string" || !API_PATH.test(path) || path.includes("//")) {
      return Promise.resolve({
        status: 400,
        body: { error: { code: "not_an_api_path", message: "Only same-origin GET /api/… requests are answered." } },
        shared: false,
      });
    }
    let answer = this.#answers.get(path);
    if (!answer) {
      answer = this.#ask(path).then(async (response) => {
        const shared = this.#sameForEveryone || /\bpublic\b/.test(response.headers.get("Cache-Control") ?? "");
        this.#shared.set(path, shared);
        return { status: response.status, body: await response.json().catch(() => null), shared };
      });
      this.#answers.set(path, answer);
    }
    return answer;
  }
}
