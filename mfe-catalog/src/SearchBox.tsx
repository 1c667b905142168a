import type { Suggestion } from "@shop/contracts";
import { useNavigate, useSearchParams } from "@shop/router";
import { useEffect, useRef, useState } from "react";
import { fetchSuggestions } from "./api";
import { injectCatalogStyles } from "./styles";

const DEBOUNCE_MS = 180;
const hrefOf = (s: Suggestion) => (s.type === "category" ? `/c/${s.slug}` : `/p/${s.slug}`);

/**
 * The header's search: an ARIA 1.2 combobox with a list of completions. Arrow keys move through the
 * list, Enter opens the highlighted completion (or searches for the text), Escape closes the list.
 */
export default function SearchBox() {
  injectCatalogStyles();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // The header's one search box; a fixed id, since the edge renders it apart from the page around it.
  const listId = "search-suggestions";
  const typed = useRef(false);

  useEffect(() => {
    const q = text.trim();
    if (!typed.current || q.length < 2) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchSuggestions(q, controller.signal).then(
        (found) => {
          setSuggestions(found);
          setActive(-1);
          setOpen(true);
        },
        () => {},
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const go = (href: string) => {
    setOpen(false);
    typed.current = false;
    navigate(href);
  };
  const submit = () => {
    const q = text.trim();
    if (active >= 0 && suggestions[active]) return go(hrefOf(suggestions[active]));
    go(q ? `/search?q=${encodeURIComponent(q)}` : "/search");
  };
  const expanded = open && suggestions.length > 0;

  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role="search" is the landmark every browser and reader knows (the static header is the same)
    <form
      className="shop-search"
      role="search"
      action="/search"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <input
        name="q"
        type="search"
        placeholder="Search products"
        aria-label="Search products"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          typed.current = true;
          setText(e.target.value);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && suggestions.length) {
            e.preventDefault();
            setOpen(true);
            setActive((i) => (i + 1) % suggestions.length);
          } else if (e.key === "ArrowUp" && suggestions.length) {
            e.preventDefault();
            setOpen(true);
            setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
          } else if (e.key === "Escape" && expanded) {
            // The first Escape closes the list; only a second one clears the text (the browser's own).
            e.preventDefault();
            setOpen(false);
            setActive(-1);
          }
        }}
      />
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA's combobox pattern: the input keeps the focus and names the active option (aria-activedescendant) */}
      <ul id={listId} role="listbox" aria-label="Suggestions" className="suggestions" hidden={!expanded}>
        {suggestions.map((s, i) => (
          // biome-ignore lint/a11y/useFocusableInteractive: options of a combobox are reached from its input (aria-activedescendant), not by Tab
          <li
            key={`${s.type}:${s.slug}`}
            id={`${listId}-${i}`}
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the combobox pattern, as the listbox above
            role="option"
            aria-selected={i === active}
            className={i === active ? "suggestion suggestion--active" : "suggestion"}
            onMouseDown={(e) => {
              e.preventDefault();
              go(hrefOf(s));
            }}
          >
            {s.name} <span className="suggestion__type">{s.type === "category" ? "Category" : ""}</span>
          </li>
        ))}
      </ul>
    </form>
  );
}
