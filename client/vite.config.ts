import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

// In development the relay runs on its own port (pnpm serve); the API is proxied, the WebSocket is direct.
const relay = process.env.RELAY_URL ?? "http://localhost:8080";

export default defineConfig({
  plugins: [
    react(),
    // The app's shell is cached by a service worker, so a board opens (from this browser's offline copy)
    // while the server is unreachable. A new build takes over at once and the page reloads into it.
    VitePWA({
      registerType: "autoUpdate",
      injectRegister: null,
      manifest: false,
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg}"],
        navigateFallback: "index.html",
        // The server's own endpoints are never answered with the app's page.
        navigateFallbackDenylist: [/^\/api\//, /^\/(healthz|readyz|metrics)$/],
      },
    }),
  ],
  resolve: { conditions: ["source"] },
  define: { __DEV_RELAY__: JSON.stringify(relay.replace(/^http/, "ws")) },
  server: { proxy: { "/api": relay, "/healthz": relay } },
  // Source maps only when asked for (SOURCE_MAPS=1 pnpm build): a production build serves none.
  // The PDF worker is a module worker: its chunks load as the page's do (jsPDF's optional parts only if used).
  worker: { format: "es" },
  build: { sourcemap: process.env.SOURCE_MAPS === "1", chunkSizeWarningLimit: 1024 },
});
