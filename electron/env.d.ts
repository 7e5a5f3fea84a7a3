// Types for electron-vite's `?asset` imports and `process.env.ELECTRON_RENDERER_URL`.
/// <reference types="electron-vite/node" />
