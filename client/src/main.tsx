import { registerSW } from "virtual:pwa-register";
import { createRoot } from "react-dom/client";
import { App } from "./app.js";
import { routeOf } from "./routes.js";
import "./styles.css";

// A board link connects at once: the relay's answer arrives while the board's page code is still loading.
const opening = routeOf(location.pathname, location.search, history.state);
if (opening.page === "board") {
  void import("./sync/connection.js").then(({ openBoardEarly }) => openBoardEarly(opening.boardId, opening.token));
}

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(<App />);
registerSW({ immediate: true });
