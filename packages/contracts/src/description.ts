import type * as XSS from "xss";
import xss from "xss";

// js-xss is CommonJS and copies its defaults onto its exports in a loop, which ES modules cannot see
// as named exports: read them off the module.
const { FilterXSS, getDefaultWhiteList } = xss as unknown as typeof XSS;

// Operator-written product descriptions: formatting and links only. A tag not listed is dropped
// (with the body of a script or style), an attribute not listed too, and URLs that would run code
// (`javascript:`) go; js-xss needs no DOM, so the edge and the browser sanitise alike.
const descriptionFilter = new FilterXSS({
  whiteList: getDefaultWhiteList(),
  stripIgnoreTag: true,
  stripIgnoreTagBody: ["script", "style", "iframe", "object", "embed"],
});

export const sanitizeDescription = (html: string) => descriptionFilter.process(html);
