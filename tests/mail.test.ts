import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ParsedMail, parseMail } from "@/e2e/smtp/parse-mail.mjs";
import { renderDigestMail, renderEntryMail } from "@/lib/domain/notifications/mail-content";
import { createMailer } from "@/lib/server/mailer";

// The mail transport against a real SMTP server on 127.0.0.1 (a random free port): what nodemailer sends
// is read back from the server and decoded, as a mail client would show it.

type Received = ParsedMail & { envelopeTo: string[]; raw: string };
const received: Received[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({ ...parseMail(raw), envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const PUBLIC_URL = "http://127.0.0.1:3100";

describe("mail through a real SMTP server", () => {
  it("delivers an entry's mail with its text, its HTML and a deep link to the item", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "NHI Console <nhi@console.test>" })!;
    const entry = {
      eventType: "identity.credentialExpired",
      title: "payments-api: secret …K7QX expired on 2026-11-20",
      body: "The secret …K7QX of payments-api (aws) expired on 2026-11-20 and is still recorded as active.\n\nRotate it <today> & check.",
      link: "/registry/2b0f9c1e-6a55-4c61-9a4e-3f7f0c1d2e3a?tab=credentials",
      createdAt: new Date("2026-11-24T09:00:00Z"),
    };
    await mailer.send({ to: "owner@demo.local", ...renderEntryMail(entry, PUBLIC_URL) });
    mailer.close();

    const mail = received.at(-1)!;
    const deepLink = `${PUBLIC_URL}/registry/2b0f9c1e-6a55-4c61-9a4e-3f7f0c1d2e3a?tab=credentials`;
    expect(mail.envelopeTo).toEqual(["owner@demo.local"]);
    expect(mail.from).toBe("NHI Console <nhi@console.test>");
    expect(mail.subject).toBe(entry.title);
    expect(mail.raw).toMatch(/multipart\/alternative/i);
    expect(mail.text).toContain("Rotate it <today> & check.");
    expect(mail.text).toContain(`Open it in the NHI Console: ${deepLink}`);
    expect(mail.html).toContain(`href="${deepLink}"`);
    expect(mail.html).toContain("Rotate it &lt;today&gt; &amp; check.");
    expect(mail.html).toContain(`${PUBLIC_URL}/settings/notifications`);
  });

  it("delivers a digest listing each entry with its link", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "nhi@console.test" })!;
    const entries = [1, 2, 3].map((i) => ({
      eventType: "review.assigned",
      title: `Review ${i} waits for you`,
      body: `Item ${i}`,
      link: `/reviews/r${i}`,
      createdAt: new Date(),
    }));
    await mailer.send({ to: "digest@demo.local", ...renderDigestMail(entries, PUBLIC_URL) });
    mailer.close();
    const mail = received.find((m) => m.envelopeTo.includes("digest@demo.local"))!;
    expect(mail.subject).toBe("NHI Console: 3 notifications since your last digest");
    for (const i of [1, 2, 3]) {
      expect(mail.text).toContain(`${PUBLIC_URL}/reviews/r${i}`);
      expect(mail.html).toContain(`href="${PUBLIC_URL}/reviews/r${i}"`);
    }
  });

  it("rejects when the server cannot be reached, so the mail job can retry", async () => {
    const closed = new SMTPServer({ authOptional: true, logger: false });
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${deadPort}`, from: "nhi@console.test" })!;
    await expect(mailer.send({ to: "x@demo.local", subject: "s", text: "t", html: "<p>t</p>" })).rejects.toThrow(/ECONNREFUSED/);
    mailer.close();
  });

  it("is off without SMTP_URL", () => {
    expect(createMailer({ smtpUrl: null, from: "nhi@console.test" })).toBeNull();
  });
});
