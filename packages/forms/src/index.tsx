// The shop's form parts, the same in every remote and the back office.
export { type Action, ActionForm, useAction } from "./action";
export { type ListPage, PagedTable, SearchForm, TableRegion, usePagedList } from "./back-office";
export { Field, FormMessage, SelectField, TextAreaField } from "./fields";
export { centsOf, typedAmount } from "./money";
