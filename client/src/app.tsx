import { BoardPage } from "./board-page.js";
import { LandingPage } from "./landing/landing-page.js";
import { useRoute } from "./routes.js";

export function App() {
  const route = useRoute();
  return route.page === "board" ? (
    <BoardPage key={route.boardId} boardId={route.boardId} created={route.created} />
  ) : (
    <LandingPage />
  );
}
