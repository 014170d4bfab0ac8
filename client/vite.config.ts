import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development the relay runs on its own port (pnpm serve); the API is proxied, the WebSocket is direct.
const relay = process.env.RELAY_URL ?? "http://localhost:8080";

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ["source"] },
  define: { __DEV_RELAY__: JSON.stringify(relay.replace(/^http/, "ws")) },
  server: { proxy: { "/api": relay, "/healthz": relay } },
  // Source maps only when asked for (SOURCE_MAPS=1 pnpm build): a production build serves none.
  build: { sourcemap: process.env.SOURCE_MAPS === "1", chunkSizeWarningLimit: 1024 },
});
