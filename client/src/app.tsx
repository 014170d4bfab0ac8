import { BoardPage } from "./board-page.js";
import { LandingPage } from "./landing/landing-page.js";
import { useRoute } from "./routes.js";

export function App() {
  const route = useRoute();
  return route.page === "board" ? (
    <BoardPage
      key={`${route.boardId}?${route.token}`}
      boardId={route.boardId}
      token={route.token}
      created={route.created}
    />
  ) : (
    <LandingPage />
  );
}
