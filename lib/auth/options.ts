import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getConfig, type OidcConfig } from "@/lib/config/env";
import { systemClock } from "@/lib/domain/shared/clock";
import { DomainError } from "@/lib/domain/shared/errors";
import { authenticateLocal } from "@/lib/domain/users/authenticate-local";
import { provisionOidcUser } from "@/lib/domain/users/provision-oidc-user";
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

let cached: NextAuthOptions | undefined;

/** next-auth's options, built once from the validated configuration. */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const config = getConfig();
  // next-auth reads its public URL from the environment; the default is ours (http://localhost:$PORT).
  process.env.NEXTAUTH_URL ??= config.publicUrl;
  const maxAge = config.sessionMaxAgeSeconds;
  cached = {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "local",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const actor = await authenticateLocal({
            db: await getDb(),
            clock: systemClock,
            limits: config.signInLimits,
            input: credentials,
            request: await requestContext(),
          });
          return { id: actor.userId, email: actor.email, name: actor.name };
        },
      }),
      ...(config.oidc ? [oidcProvider(config.oidc)] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc" || !config.oidc) return true;
        try {
          const actor = await provisionOidcUser({
            db: await getDb(),
            clock: systemClock,
            claims: { subject: account.providerAccountId, email: profile?.email, name: profile?.name, groups: groupsOf(profile as Record<string, unknown> | undefined, config.oidc.groupsClaim) },
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
        if (user) token.uid = user.id;
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: typeof token.uid === "string" ? token.uid : "" } };
      },
    },
  };
  return cached;
}
