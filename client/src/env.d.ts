/** The relay's WebSocket URL while developing with `vite` (the built app uses its own origin). */
declare const __DEV_RELAY__: string;
