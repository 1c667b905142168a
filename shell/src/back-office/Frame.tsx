import { EDGE_BACK_OFFICE_PAGES, PAGES } from "@shop/federation";
import { NavLink } from "@shop/router";
import type { ReactNode } from "react";

/** Where each back-office page is, from the page table: one link per page, the team's pages first. */
const SECTIONS = PAGES.filter((page) => page.backOffice).map((page) => ({ to: page.path.replace(/\/\*$/, ""), nav: page.backOffice!.nav }));

/**
 * The back office around a team's page: its navigation (each team's pages, then the platform's pages
 * the edge renders outright), then the page. On a phone the navigation is a row that scrolls.
 */
export function BackOfficeFrame({ children }: { children: ReactNode }) {
  return (
    <div className="back-office">
      <nav className="back-office__nav" aria-label="Back office">
        <ul>
          {SECTIONS.map(({ to, nav }) => (
            <li key={to}>
              <NavLink to={to} end={to === "/admin"}>
                {nav}
              </NavLink>
            </li>
          ))}
          {EDGE_BACK_OFFICE_PAGES.map(([href, nav]) => (
            <li key={href}>
              <a href={href}>{nav}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="back-office__page">{children}</div>
    </div>
  );
}

export const BACK_OFFICE_SECTIONS = SECTIONS;
