import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: fromRoot("./src/web"),
  plugins: [react()],
  resolve: {
    alias: {
      "@web": fromRoot("./src/web"),
      "@shared": fromRoot("./src/shared"),
    },
  },
  build: {
    outDir: fromRoot("./dist/web"),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change far less often than our code; separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            // Everything else splits along the lazy routes (router.tsx): a library only the calendar,
            // the board or the charts use comes with that page, not with the first load.
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      // The server's API versions and its docs. A bare "/api" prefix would also swallow the dev
      // server's own module requests for src/web/api/*.ts, which are served from /api/ too.
      "^/api/(v\\d+|docs)(/|$)": { target: "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
  preview: { port: 4173 },
});
