import { FilterXSS, getDefaultWhiteList } from "xss";

// Operator-written product descriptions: formatting and links only. A tag not listed is dropped
// (with the body of a script or style), an attribute not listed too, and URLs that would run code
// (`javascript:`) go; js-xss needs no DOM, so the edge and the browser sanitise alike.
const descriptionFilter = new FilterXSS({
  whiteList: getDefaultWhiteList(),
  stripIgnoreTag: true,
  stripIgnoreTagBody: ["script", "style", "iframe", "object", "embed"],
});

export const sanitizeDescription = (html: string) => descriptionFilter.process(html);
