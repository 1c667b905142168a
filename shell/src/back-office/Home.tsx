import { EDGE_BACK_OFFICE_PAGES } from "@shop/contracts/browser";
import { Link } from "@shop/router";
import { BACK_OFFICE_SECTIONS } from "./Frame";

/** The back office's first page: where each team's work is. */
export default function BackOfficeHome() {
  return (
    <section>
      <h1 className="page-title">Back office</h1>
      <p>Each part of the shop is run by its team's pages:</p>
      <ul className="back-office__sections">
        {BACK_OFFICE_SECTIONS.filter(({ to }) => to !== "/admin").map(({ to, nav }) => (
          <li key={to}>
            <Link to={to}>{nav}</Link>
          </li>
        ))}
        {EDGE_BACK_OFFICE_PAGES.map(([href, nav]) => (
          <li key={href}>
            <a href={href}>{nav}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
