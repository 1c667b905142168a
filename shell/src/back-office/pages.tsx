import { type ComponentType, lazy } from "react";

/**
 * The platform's own back-office pages (`shell/<Name>` in the page table), each loaded only when
 * opened: their chunks are named `back-office-…`, which the build leaves out of the shell's preloads.
 */
export const SHELL_PAGES: Record<string, ComponentType> = {
  "shell/Home": lazy(() => import(/* webpackChunkName: "back-office-home" */ "./Home")),
  "shell/Releases": lazy(() => import(/* webpackChunkName: "back-office-releases" */ "./Releases")),
  "shell/AuditLog": lazy(() => import(/* webpackChunkName: "back-office-audit-log" */ "./AuditLog")),
};
