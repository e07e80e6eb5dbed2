// A real OpenID Connect provider (the oidc-provider package) on 127.0.0.1 for the end-to-end tests. Its
// development login screen accepts any password for the accounts below; each carries the groups the
// console maps to roles. Nothing here is reachable from outside this machine.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_TEST_PORT ?? 4455);
const appUrl = process.env.OIDC_TEST_APP_URL ?? "http://127.0.0.1:3100";

const ACCOUNTS = {
  "sso-admin": { email: "sso-admin@idp.test", name: "Sam SSO Admin", groups: ["nhi-admins"] },
  "sso-owner": { email: "sso-owner@idp.test", name: "Oscar SSO Owner", groups: ["platform-eng"] },
  "sso-approver": { email: "sso-approver@idp.test", name: "Pia SSO Approver", groups: ["nhi-approvers"] },
  "sso-auditor": { email: "sso-auditor@idp.test", name: "Ava SSO Auditor", groups: ["nhi-auditors"] },
  "sso-outsider": { email: "sso-outsider@idp.test", name: "Olly Outsider", groups: ["marketing"] },
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: "nhi-console",
      client_secret: "e2e-client-secret",
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      post_logout_redirect_uris: [appUrl],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
  // Put the requested claims in the ID token, as Okta, Entra ID and Keycloak do with a groups mapper.
  conformIdTokenClaims: false,
  cookies: { keys: ["e2e-only-cookie-key"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, email_verified: true, ...account }) };
  },
});

provider.listen(port, "127.0.0.1", () => console.log(`test OIDC provider on http://127.0.0.1:${port}`));
