import { type ComponentType, lazy } from "react";

/** The platform's own back-office pages (`shell/<Name>` in the page table), each loaded only when opened. */
export const SHELL_PAGES: Record<string, ComponentType> = {
  "shell/Home": lazy(() => import("./Home")),
  "shell/AuditLog": lazy(() => import("./AuditLog")),
};
