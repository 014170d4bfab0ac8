import type { WebsocketProvider } from "y-websocket";

/** How often the link is checked, how long a quiet link waits before it is asked, and for the answer. */
const CHECK_MS = 1000;
const QUIET_MS = 3000;
const ANSWER_MS = 2500;
/** y-protocols' "query awareness" message: the relay answers it with everyone's presence. */
const QUERY_AWARENESS = new Uint8Array([3]);

/**
 * Tells a dead connection within seconds rather than after y-websocket's 30 s: the browser's offline
 * event closes the socket at once, and a link that has been quiet for a few seconds is asked for
 * presence; no answer closes it, and y-websocket reconnects. `onDead` is told at once: a socket that
 * is closed waits for the other side's goodbye, which a dead link never sends.
 */
export function watchLiveness(provider: WebsocketProvider, onDead: () => void): () => void {
  let askedAt = 0;
  const drop = () => {
    onDead();
    provider.ws?.close();
  };
  const check = () => {
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== ws.OPEN) {
      askedAt = 0;
      return;
    }
    const now = Date.now();
    if (askedAt > 0 && provider.wsLastMessageReceived < askedAt) {
      if (now - askedAt > ANSWER_MS) drop();
      return;
    }
    askedAt = 0;
    if (now - provider.wsLastMessageReceived > QUIET_MS) {
      askedAt = now;
      ws.send(QUERY_AWARENESS);
    }
  };
  const online = () => {
    if (!provider.wsconnected) provider.connect();
  };
  const timer = setInterval(check, CHECK_MS);
  window.addEventListener("offline", drop);
  window.addEventListener("online", online);
  return () => {
    clearInterval(timer);
    window.removeEventListener("offline", drop);
    window.removeEventListener("online", online);
  };
}
