import { isValidBoardId } from "@journeyboard/shared";
import { useSyncExternalStore } from "react";

/** The app's two places: the landing page, and a board at /b/<id>. */
export type Route = { page: "landing" } | { page: "board"; boardId: string; token: string; created: boolean };

/** A board page's address: /b/<id>?token=<the link's signed token>. */
export function routeOf(pathname: string, search: string, state: unknown): Route {
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname);
  if (match?.[1] && isValidBoardId(match[1])) {
    const token = new URLSearchParams(search).get("token") ?? "";
    return {
      page: "board",
      boardId: match[1],
      token,
      created: (state as { created?: boolean } | null)?.created === true,
    };
  }
  return { page: "landing" };
}

export function navigate(path: string, state: unknown = null): void {
  history.pushState(state, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
}

let last: { key: string; route: Route } | undefined;
function current(): Route {
  const key = `${location.pathname}|${location.search}|${JSON.stringify(history.state)}`;
  if (last?.key !== key) last = { key, route: routeOf(location.pathname, location.search, history.state) };
  return last.route;
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}
