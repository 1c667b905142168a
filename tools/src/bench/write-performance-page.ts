// `npm run bench:page`: docs/performance-results.md again from bench/*.json, without running the bench.
import { writePerformancePage } from "./performance-page";

writePerformancePage();
