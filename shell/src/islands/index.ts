// The islands host's entry: an async boundary, so shared modules (react, the router…) are negotiated
// before the host runs (as the application's entry does).
import(/* webpackChunkName: "islands-host" */ "./host");
