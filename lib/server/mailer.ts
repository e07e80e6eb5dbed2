import "server-only";
import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import type { Mailer } from "@/lib/domain/notifications/mailer";

/** Short timeouts: a mail server that does not answer fails the attempt (retried later), never a job run for minutes. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * The console's mail transport from SMTP_URL and MAIL_FROM; null when SMTP_URL is not set (notifications then
 * stay in the inbox). SMTP_URL is nodemailer's connection URL: smtp:// (STARTTLS when the server offers it)
 * or smtps:// (TLS from the start), user and password in the URL, options as query parameters
 * (`?requireTLS=true`). One pooled connection is reused between mails. The URL, which may carry a password,
 * is never logged nor put in an error.
 */
export function createMailer(mail: { smtpUrl: string | null; from: string }): (Mailer & { close(): void }) | null {
  if (!mail.smtpUrl) return null;
  const transport = nodemailer.createTransport({ ...TIMEOUTS, ...parseConnectionUrl(mail.smtpUrl), pool: true, maxConnections: 1 });
  return {
    async send({ to, subject, text, html }) {
      await transport.sendMail({ from: mail.from, to, subject, text, html });
    },
    close: () => transport.close(),
  };
}

const state = globalThis as typeof globalThis & { __nhiMailer?: Mailer | null };

/** The process's one mail transport, from the configuration (null without SMTP_URL). */
export function serverMailer(mail: { smtpUrl: string | null; from: string }): Mailer | null {
  if (state.__nhiMailer === undefined) state.__nhiMailer = createMailer(mail);
  return state.__nhiMailer;
}
