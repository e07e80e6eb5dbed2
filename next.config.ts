import type { NextConfig } from "next";

// Static security headers for every response; the CSP (with a per-request nonce) is set in proxy.ts.
// Registry imports stream to a route handler, never through a server action: actions keep the 1 MB default.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // proxy.ts sees the URL the server itself was reached at (not "localhost" rebuilt from the port), so its
  // rewrite of refused server actions stays inside this server when it listens on a given address.
  skipProxyUrlNormalize: true,
  // Native and WASM database drivers load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg", "@prisma/client"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // proxy.ts skips the import route (it would buffer the body), so its CSP comes from here: it only answers JSON.
      {
        source: "/api/registry/import",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
