import { registerRemotesFromDocument } from "@shop/federation";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "@shop/router";
import { App } from "./App";

registerRemotesFromDocument();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
