/** One mail as the console writes it: plain text and the same in HTML. Never a secret (the texts were checked when the event was recorded). */
export type MailMessage = { to: string; subject: string; text: string; html: string };

/**
 * How the domain sends mail; the server builds it from SMTP_URL and MAIL_FROM (lib/server/mailer.ts), tests
 * hand in their own. `send` resolves once the server accepted the message and rejects with its error.
 */
export type Mailer = { send(message: MailMessage): Promise<void> };
