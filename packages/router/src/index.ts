// The router every app shares: one instance of react-router for the whole page, provided by the
// shell. Shared modules are not tree-shaken, and react-router's data-router and server APIs would
// double the shell's start-up JS, so only what the apps use is shared. Need more? Export it here.
export {
  BrowserRouter,
  createPath,
  Link,
  Navigate,
  NavLink,
  Route,
  Router,
  Routes,
  useLocation,
  useNavigate,
  useNavigationType,
  useParams,
  useSearchParams,
} from "react-router";
