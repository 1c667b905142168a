// An async boundary: shared modules (react, the router…) are negotiated before the app runs.
import("./bootstrap");
