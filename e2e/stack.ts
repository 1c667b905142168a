const PORT = 8797;

/**
 * The e2e stack: ports and a state folder of its own. Its origin is `localhost`, not 127.0.0.1:
 * WebAuthn needs a domain as the passkeys' relying party, and browsers treat localhost as secure.
 */
export const E2E_STACK = {
  url: `http://localhost:${PORT}`,
  env: {
    PORT: String(PORT),
    SHOP_STATE_DIR: ".data/e2e",
    PG_PORT: "25443",
    RELAY_PORT: "25444",
    INSPECTOR_PORT: "9259",
    MAIL_EMULATOR_PORT: "8035",
    PUBLIC_ORIGIN: `http://localhost:${PORT}`,
    // A test machine runs the browser, the Worker and Postgres on two cores: a render that would take
    // a few milliseconds on Cloudflare can take hundreds here. These tests are about what the edge
    // renders and the browser hydrates; the budget itself is tested by the worker tests.
    EDGE_RENDER_BUDGET_MS: "3000",
  },
};

/** The e2e stack's local mailbox (the mail emulator): every email the shop sent. */
export const MAILBOX = `http://127.0.0.1:${E2E_STACK.env.MAIL_EMULATOR_PORT}`;
