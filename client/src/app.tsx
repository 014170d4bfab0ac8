import { lazy, Suspense } from "react";
import { LandingPage } from "./landing/landing-page.js";
import { useRoute } from "./routes.js";

// The board (canvas, Konva, Yjs sync) is its own chunk: the landing page never loads it.
const BoardPage = lazy(() => import("./board-page.js").then((module) => ({ default: module.BoardPage })));

export function App() {
  const route = useRoute();
  return route.page === "board" ? (
    <Suspense
      fallback={
        <div className="notice" role="status">
          <div className="spinner" aria-hidden="true" />
          <p>Opening the board…</p>
        </div>
      }
    >
      <BoardPage
        key={`${route.boardId}?${route.token}`}
        boardId={route.boardId}
        token={route.token}
        created={route.created}
      />
    </Suspense>
  ) : (
    <LandingPage />
  );
}
