// ESLint: Next's rules (React, hooks, Next.js pages and links) and its TypeScript rules.
// `npm run lint`; `npm test` runs it too, with `tsc --noEmit`.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `const { a: _a, ...rest } = x` leaves a field out on purpose.
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"],
  },
];

export default config;
