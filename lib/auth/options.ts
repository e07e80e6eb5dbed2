import "server-only";
import type { NextAuthOptions } from "next-auth";
import { encode, type JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { type AppConfig, getConfig, type OidcConfig } from "@/lib/config/env";
import type { Db } from "@/lib/db/types";
import type { Clock } from "@/lib/domain/shared/clock";
import { serverClock } from "@/lib/server/clock";
import { DomainError } from "@/lib/domain/shared/errors";
import { authenticateLocal } from "@/lib/domain/users/authenticate-local";
import { endSession } from "@/lib/domain/users/end-session";
import { provisionOidcUser } from "@/lib/domain/users/provision-oidc-user";
import { resolveActor } from "@/lib/domain/users/resolve-actor";
import { findLiveSession, sessionClaims, type SessionLimits } from "@/lib/domain/users/session-limits";
import { startSession } from "@/lib/domain/users/start-session";
import { getDb } from "@/lib/server/database";
import { requestContext } from "./request-context";
import { authSecret } from "./secret";

type OidcProfile = Record<string, unknown> & { sub: string; email?: string; name?: string };

function oidcProvider(oidc: OidcConfig): OAuthConfig<OidcProfile> {
  return {
    id: "oidc",
    name: oidc.displayName,
    type: "oauth",
    wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: oidc.scopes } },
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? null }),
  };
}

function groupsOf(profile: Record<string, unknown> | undefined, claim: string): string[] {
  const value = profile?.[claim];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === "string" ? value.split(/[\s,]+/).filter(Boolean) : [];
}

export const sessionLimitsOf = (config: AppConfig): SessionLimits => ({
  maxAgeMs: config.sessionMaxAgeSeconds * 1000,
  idleMs: config.sessionIdleSeconds * 1000,
});

/** Thrown by the jwt callback for a token whose session has ended: next-auth then clears the cookie. */
class SessionEnded extends Error {}

/** When the session a token belongs to reaches its absolute lifetime, in epoch seconds (no sliding moves it). */
const absoluteEnd = (token: JWT | undefined, maxAgeSeconds: number) =>
  typeof token?.authAt === "number" ? token.authAt + maxAgeSeconds : undefined;

type Deps = { clock: Clock; db: () => Promise<Db> };

/** next-auth's options for a configuration; the clock and database are injected so tests control them. */
export function buildAuthOptions(config: AppConfig, { clock, db }: Deps): NextAuthOptions {
  const maxAge = config.sessionMaxAgeSeconds;
  const limits = sessionLimitsOf(config);
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge },
    jwt: {
      maxAge,
      // The token's own expiry never passes the session's absolute end, however often it is re-issued.
      // (State and PKCE cookies are encoded here too; they carry no authAt and keep next-auth's maxAge.)
      encode: (params) => {
        const end = absoluteEnd(params.token, maxAge);
        return encode({
          ...params,
          maxAge: end === undefined ? params.maxAge : Math.max(0, Math.min(params.maxAge ?? maxAge, end - nowSeconds())),
        });
      },
    },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "local",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          try {
            const actor = await authenticateLocal({
              db: await db(),
              clock,
              limits: config.signInLimits,
              input: credentials,
              request: await requestContext(),
            });
            return { id: actor.userId, email: actor.email, name: actor.name };
          } catch (error) {
            // next-auth shows the message on the sign-in page: a fault of ours is logged, not shown.
            if (error instanceof DomainError) throw error;
            console.error("[nhi] sign-in failed:", error);
            throw new Error("The console could not check your sign-in just now. Try again in a moment.");
          }
        },
      }),
      ...(config.oidc ? [oidcProvider(config.oidc)] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc" || !config.oidc) return true;
        try {
          const actor = await provisionOidcUser({
            db: await db(),
            clock,
            claims: {
              subject: account.providerAccountId,
              email: profile?.email,
              name: profile?.name,
              groups: groupsOf(profile as Record<string, unknown> | undefined, config.oidc.groupsClaim),
            },
            roleMap: config.oidc.roleMap,
            request: await requestContext(),
          });
          // The session must carry the console's user id, not the IdP's subject.
          user.id = actor.userId;
          return true;
        } catch (error) {
          if (error instanceof DomainError) return "/signin?error=sso-refused";
          throw error;
        }
      },
      async jwt({ token, user }) {
        if (user) {
          // A fresh sign-in: the token names a new server-side session, which every request checks.
          const { sessionId, startedAt } = await startSession({ db: await db(), clock, limits, userId: user.id });
          return { ...token, uid: user.id, sid: sessionId, authAt: Math.floor(startedAt.getTime() / 1000) };
        }
        // GET /api/auth/session re-issues the token: only while its session is live, and without counting
        // as activity (a polling tab must not keep an idle session alive). Reads only.
        const claims = sessionClaims(token);
        if (!claims || !(await findLiveSession(await db(), clock, limits, claims))) throw new SessionEnded("session ended");
        return token;
      },
      async session({ session, token }) {
        const end = absoluteEnd(token, maxAge);
        const expires = end === undefined ? session.expires : new Date(Math.min(Date.parse(session.expires), end * 1000)).toISOString();
        return { ...session, expires, user: { ...session.user, id: typeof token.uid === "string" ? token.uid : "" } };
      },
    },
    events: {
      // Sign-out ends the server-side session, so a copy of the token taken before is refused afterwards.
      async signOut({ token }) {
        const claims = sessionClaims(token);
        if (!claims) return;
        const database = await db();
        const actor = await resolveActor({ db: database, clock, limits, claims, request: await requestContext() });
        // No live session (already ended, or the user was deactivated): nothing is left to end.
        if (actor) await endSession({ actor, db: database, clock, input: { sessionId: claims.sessionId } });
      },
    },
    logger: {
      error(code, metadata) {
        // An ended session is the expected answer to a stale token, not an error worth a log line.
        if (code === "JWT_SESSION_ERROR" && metadata instanceof SessionEnded) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
  };
}

let cached: NextAuthOptions | undefined;

/** next-auth's options, built once from the validated configuration. */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const config = getConfig();
  // next-auth reads its public URL from the environment; the default is ours (http://localhost:$PORT).
  process.env.NEXTAUTH_URL ??= config.publicUrl;
  cached = buildAuthOptions(config, { clock: serverClock, db: getDb });
  return cached;
}
